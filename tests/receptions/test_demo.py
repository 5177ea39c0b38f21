"""The receptions part of the demo dataset: labelled, realistic, and the same on every load."""

from collections import Counter
from collections.abc import Callable
from datetime import date

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.receptions import demo
from api.receptions.models import ReceptionSession
from api.units.demo import DEMO_SOURCE
from api.units.models import Unit
from tests.factories import create_unit

TODAY = date(2026, 11, 20)


async def _demo_units(session: AsyncSession) -> dict[str, Unit]:
    official = {"code_system": "decision_19_2025", "valid_from": date(2025, 7, 1)}
    province = await create_unit(session, code="04", name="Tỉnh Cao Bằng", **official)
    units = {"04": province}
    for code, name, kind in (
        ("01273", "Phường Thục Phán", "ward"),
        ("01279", "Phường Nùng Trí Cao", "ward"),
        ("01339", "Xã Xuân Trường", "commune"),
    ):
        units[code] = await create_unit(
            session, code=code, name=name, kind=kind, parent_id=province.id, **official
        )
    return units


async def test_demo_receptions(
    client: httpx.AsyncClient, session: AsyncSession, pin_today: Callable[[date], None]
) -> None:
    units = await _demo_units(session)
    created = await demo.load(session, TODAY)
    sessions = list(await session.scalars(select(ReceptionSession)))
    assert created == len(sessions) > 250
    assert all(s.external_source == DEMO_SOURCE and s.notes and s.notes.endswith("(demo)") for s in sessions)
    assert all(date(2026, 1, 1) <= s.held_on <= TODAY for s in sessions)
    assert {s.unit_id for s in sessions} == {u.id for u in units.values()}
    kinds = Counter(s.kind.value for s in sessions)
    assert set(kinds) == {"regular", "ad_hoc", "dialogue_citizens", "dialogue_businesses"}
    assert {s.host_role.value for s in sessions} == {
        "pc_chairman",
        "party_secretary",
        "pc_vice_chairman",
        "officer",
    }
    assert {s.mode.value for s in sessions} == {"in_person", "online"}

    # Seeded: the same plan on every load (the ids are what an import of it would match on).
    first = sorted((s.external_id or "", s.held_on, s.host_name) for s in sessions)
    for s in sessions:
        await session.delete(s)
    await session.flush()
    await demo.load(session, TODAY)
    again = sorted(
        (s.external_id or "", s.held_on, s.host_name) for s in await session.scalars(select(ReceptionSession))
    )
    assert again == first

    # The heads are diligent but not perfect: the compliance report has something to show.
    pin_today(TODAY)
    response = await client.get(
        "/api/v1/receptions/compliance", params={"within_unit_id": str(units["04"].id), "period": "2026"}
    )
    assert response.status_code == 200, response.text
    report = response.json()
    assert len(report["totals"]) == 4
    assert all(0.5 < t["ratio"] < 1.3 for t in report["totals"]), report["totals"]
    assert {r["compliant"] for r in report["items"]} == {True, False}
