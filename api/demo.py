"""The labelled demo dataset: each domain adds its part here, in dependency order.

Everything it creates carries the `qcdc-demo` external source (and "(demo)" in names), so it is
never mistaken for real data and can be found and removed.
"""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.petitions import demo as petitions_demo
from api.receptions import demo as receptions_demo
from api.units import demo as units_demo
from api.units.models import Unit


async def is_loaded(session: AsyncSession) -> bool:
    return (
        await session.scalar(select(Unit.id).where(Unit.external_source == units_demo.DEMO_SOURCE).limit(1))
    ) is not None


async def load(session: AsyncSession) -> dict[str, int]:
    return {
        "units": await units_demo.load(session),
        "receptions": await receptions_demo.load(session),
        # After the receptions: cases received at a session link to it.
        "petitions": await petitions_demo.load(session),
    }
