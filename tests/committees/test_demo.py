"""The committees part of the demo dataset: loaded through the services after the demo units, labelled,
one commune non-compliant for a village without a representative, one board dissolved, loaded once."""

from datetime import date

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.committees import demo
from api.committees.projects.models import InvestmentProject
from api.units import demo as units_demo
from api.units import official
from api.units.demo import DEMO_SOURCE
from tests.committees.conftest import COMMITTEES

TODAY = date(2026, 11, 20)


async def test_demo_committees(session: AsyncSession, client: httpx.AsyncClient) -> None:
    await official.load(session, "2025", "04")
    await units_demo.load(session)
    assert await demo.load(session, TODAY) > 0
    committees = await demo.demo_committees(session)
    assert all(c.external_source == DEMO_SOURCE and c.name.endswith("(demo)") for c in committees)
    kinds = sorted(c.kind.value for c in committees)
    assert kinds == ["investment_supervision"] * 2 + ["people_inspection"] * 3 + ["people_inspection_agency"]
    boards = {c.project.name: c for c in committees if c.project is not None}
    assert boards["Nhà văn hóa xóm Lũng Rì (demo)"].dissolved_on == date(2026, 7, 15)
    assert boards["Đường giao thông nông thôn xóm Bản Chang (demo)"].status.value == "active"
    projects = list(await session.scalars(select(InvestmentProject).order_by(InvestmentProject.name_key)))
    assert all(p.external_source == DEMO_SOURCE for p in projects) and len(projects) == 2

    asked = {"as_of": TODAY.isoformat(), "problem": "village_without_representative"}
    report = (await client.get(f"{COMMITTEES}/compliance", params=asked)).json()
    assert [i["unit"]["name"] for i in report["items"]] == ["Xóm Pác Ngòi (demo)"]
    pics = {c.unit.code: c for c in committees if c.kind.value == "people_inspection"}
    for code, compliant in (("01273", True), ("01279", True), ("01339", False)):
        answer = await client.get(
            f"{COMMITTEES}/{pics[code].id}/compliance", params={"as_of": TODAY.isoformat()}
        )
        assert answer.json()["compliant"] is compliant, answer.text
    assert await demo.load(session, TODAY) == 0
