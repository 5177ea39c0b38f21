"""The labelled demo dataset: each domain's part (its `demo.load`), in the order of api/domains.py.

Everything it creates carries the `qcdc-demo` external source (and "(demo)" in names), so it is
never mistaken for real data and can be found and removed.
"""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.domains import DOMAINS
from api.units.demo import DEMO_SOURCE
from api.units.models import Unit


async def is_loaded(session: AsyncSession) -> bool:
    return (
        await session.scalar(select(Unit.id).where(Unit.external_source == DEMO_SOURCE).limit(1))
    ) is not None


async def load(session: AsyncSession) -> dict[str, int]:
    """Each domain's part, in dependency order (cases received at a reception session link to it)."""
    counts = {}
    for domain in DOMAINS:
        loader = domain.demo_loader()
        if loader is not None:
            counts[domain.package] = await loader(session)
    return counts
