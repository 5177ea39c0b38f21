"""The compliance report over HTTP with concrete dates: the change of 1 July 2026, what counts as a
reception day, levels and retired units, totals, paging, bad periods and jurisdiction."""

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy import event, insert
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.text import fold
from api.receptions.models import ReceptionSession
from api.receptions.repository import ReceptionRepository
from api.units.models import Unit, UnitStatus
from tests.conftest import Backend
from tests.core.test_errors import assert_problem
from tests.factories import access_token, create_reception, create_tree, create_unit, create_user

URL = "/api/v1/receptions/compliance"
TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def fixed_today(pin_today: Callable[[date], None]) -> None:
    """The report counts only weeks and months ended by today: pin today for stable figures."""
    pin_today(TODAY)


async def report(client: httpx.AsyncClient, **params: Any) -> dict[str, Any]:
    response = await client.get(URL, params=params)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def row(result: dict[str, Any], unit: Unit, role: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [
        r for r in result["items"] if r["unit"]["id"] == str(unit.id) and r["host_role"] == role
    ]
    assert len(found) == 1, f"{unit.name} {role}: {len(found)} rows"
    return found[0]


async def test_commune_chairman_around_the_change_of_1_july_2026(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    tree = await create_tree(session)
    commune = tree["commune"]
    june = [date(2026, 6, 2), date(2026, 6, 9), date(2026, 6, 13), date(2026, 6, 30)]  # 13 June: a Saturday
    for day in june:
        await create_reception(session, commune, held_on=day)
    # A second session on a day already counted, and what never counts as the chairman's reception day.
    await create_reception(session, commune, held_on=date(2026, 6, 9), kind="ad_hoc", citizens_received=4)
    await create_reception(session, commune, held_on=date(2026, 6, 16), kind="dialogue_citizens")
    await create_reception(session, commune, held_on=date(2026, 6, 23), host_role="pc_vice_chairman")
    await create_reception(session, commune, held_on=date(2026, 6, 24), host_role="officer")
    await create_reception(session, commune, held_on=date(2026, 7, 7), mode="online")

    result = await report(client, within_unit_id=str(commune.id), period="2026-06")
    assert result["period"] == {"label": "2026-06", "start": "2026-06-01", "end": "2026-06-30"}
    assert result["as_of"] == TODAY.isoformat()
    assert result["within_unit"]["id"] == str(commune.id)
    chairman = row(result, commune, "pc_chairman")
    assert chairman == {
        "unit": {
            "id": str(commune.id),
            "code": commune.code,
            "name": "Xã Hòa An",
            "kind": "commune",
            "status": "active",
        },
        "level": "commune",
        "host_role": "pc_chairman",
        "required_days": 4,
        "held_days": 4,
        "ratio": 1.0,
        "compliant": True,
        "sessions": 5,
        "citizens_received": 4 * 3 + 4,
        "dialogues": 1,
        "requirements": [
            {
                "rule_id": "commune-pc-chairman-weekly",
                "per": "week",
                "days": 1,
                "slots": 4,
                "required_days": 4,
            }
        ],
    }
    secretary = row(result, commune, "party_secretary")
    assert (secretary["required_days"], secretary["held_days"], secretary["ratio"]) == (2, 0, 0.0)
    assert secretary["compliant"] is False
    assert {r["host_role"] for r in result["items"]} == {"pc_chairman", "party_secretary"}

    july = row(await report(client, within_unit_id=str(commune.id), period="2026-07"), commune, "pc_chairman")
    assert (july["required_days"], july["held_days"], july["ratio"], july["compliant"]) == (2, 1, 0.5, False)
    assert [r["rule_id"] for r in july["requirements"]] == ["commune-pc-chairman-monthly"]

    year = row(await report(client, within_unit_id=str(commune.id), period="2026"), commune, "pc_chairman")
    # 26 weeks to 30 June, then July to October (November is still running on 23 November).
    assert [(r["rule_id"], r["slots"], r["required_days"]) for r in year["requirements"]] == [
        ("commune-pc-chairman-weekly", 26, 26),
        ("commune-pc-chairman-monthly", 4, 8),
    ]
    assert (year["required_days"], year["held_days"], year["ratio"]) == (34, 5, round(5 / 34, 4))

    q3 = row(await report(client, within_unit_id=str(commune.id), period="2026-Q3"), commune, "pc_chairman")
    assert (q3["required_days"], q3["held_days"]) == (6, 1)


async def test_units_levels_totals_and_paging(client: httpx.AsyncClient, session: AsyncSession) -> None:
    tree = await create_tree(session)
    province, commune, ward = tree["province"], tree["commune"], tree["ward"]
    await create_reception(session, province, held_on=date(2026, 7, 20))
    await create_reception(session, province, held_on=date(2026, 8, 20), host_role="party_secretary")
    for day in (3, 17):
        await create_reception(session, ward, held_on=date(2026, 7, day))
        await create_reception(session, commune, held_on=date(2026, 8, day), host_role="party_secretary")
    await create_reception(session, ward, held_on=date(2026, 8, 4), kind="dialogue_businesses")
    # Another province's sessions stay out of this one's report.
    await create_reception(session, tree["other_commune"], held_on=date(2026, 7, 3))

    result = await report(client, within_unit_id=str(province.id), period="2026-Q3")
    # The province and its two communes, two roles each; villages owe nothing.
    assert result["total"] == 6
    assert [(r["unit"]["name"], r["host_role"]) for r in result["items"]] == [
        ("Tỉnh Cao Bằng Thử", "pc_chairman"),
        ("Tỉnh Cao Bằng Thử", "party_secretary"),
        ("Phường Thục Phán", "pc_chairman"),
        ("Phường Thục Phán", "party_secretary"),
        ("Xã Hòa An", "pc_chairman"),
        ("Xã Hòa An", "party_secretary"),
    ]
    assert [(r["required_days"], r["held_days"]) for r in result["items"]] == [
        (3, 1),
        (3, 1),
        (6, 2),
        (6, 0),
        (6, 0),
        (6, 2),
    ]
    assert result["totals"] == [
        {
            "level": "province",
            "host_role": "pc_chairman",
            "units": 1,
            "units_owing": 1,
            "units_compliant": 0,
            "required_days": 3,
            "held_days": 1,
            "ratio": 0.3333,
            "sessions": 1,
            "citizens_received": 3,
            "dialogues": 0,
        },
        {
            "level": "province",
            "host_role": "party_secretary",
            "units": 1,
            "units_owing": 1,
            "units_compliant": 0,
            "required_days": 3,
            "held_days": 1,
            "ratio": 0.3333,
            "sessions": 1,
            "citizens_received": 3,
            "dialogues": 0,
        },
        {
            "level": "commune",
            "host_role": "pc_chairman",
            "units": 2,
            "units_owing": 2,
            "units_compliant": 0,
            "required_days": 12,
            "held_days": 2,
            "ratio": 0.1667,
            "sessions": 2,
            "citizens_received": 6,
            "dialogues": 1,
        },
        {
            "level": "commune",
            "host_role": "party_secretary",
            "units": 2,
            "units_owing": 2,
            "units_compliant": 0,
            "required_days": 12,
            "held_days": 2,
            "ratio": 0.1667,
            "sessions": 2,
            "citizens_received": 6,
            "dialogues": 0,
        },
    ]

    seen: list[tuple[str, str]] = []
    cursor = None
    for _ in range(4):
        params: dict[str, Any] = {"within_unit_id": str(province.id), "period": "2026-Q3", "limit": 4}
        if cursor:
            params["cursor"] = cursor
        page = await report(client, **params)
        assert page["total"] == 6
        assert page["totals"] == result["totals"]
        seen += [(r["unit"]["id"], r["host_role"]) for r in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [(r["unit"]["id"], r["host_role"]) for r in result["items"]]

    only = await report(
        client,
        within_unit_id=str(province.id),
        period="2026-Q3",
        level="commune",
        host_role="party_secretary",
    )
    assert [(r["unit"]["name"], r["held_days"]) for r in only["items"]] == [
        ("Phường Thục Phán", 0),
        ("Xã Hòa An", 2),
    ]
    assert [(t["level"], t["host_role"]) for t in only["totals"]] == [("commune", "party_secretary")]
    nobody = await report(client, within_unit_id=str(province.id), period="2026-Q3", host_role="officer")
    assert (nobody["items"], nobody["totals"], nobody["total"]) == ([], [], 0)


async def test_districts_and_retired_units_owe_only_while_they_existed(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    province = await create_unit(session, name="Tỉnh Cũ")
    district = await create_unit(session, name="Huyện Hòa An", kind="district", parent_id=province.id)
    old = await create_unit(session, name="Xã Nước Hai", kind="commune", parent_id=district.id)
    new = await create_unit(
        session, name="Xã Hòa An Mới", kind="commune", parent_id=province.id, valid_from=date(2025, 7, 1)
    )
    for unit in (district, old):
        unit.status, unit.valid_to = UnitStatus.RETIRED, date(2025, 7, 1)
    await session.flush()
    await create_reception(session, district, held_on=date(2025, 3, 11))
    await create_reception(session, old, held_on=date(2025, 6, 24))
    await create_reception(session, new, held_on=date(2025, 7, 1))

    result = await report(client, within_unit_id=str(province.id), period="2025")
    assert [
        (r["unit"]["name"], r["host_role"], r["required_days"], r["held_days"]) for r in result["items"]
    ] == [
        ("Tỉnh Cũ", "pc_chairman", 12, 0),
        ("Tỉnh Cũ", "party_secretary", 12, 0),
        ("Huyện Hòa An", "pc_chairman", 12, 1),
        ("Huyện Hòa An", "party_secretary", 6, 0),
        ("Xã Hòa An Mới", "pc_chairman", 26, 1),
        ("Xã Hòa An Mới", "party_secretary", 12, 0),
        ("Xã Nước Hai", "pc_chairman", 26, 1),
        ("Xã Nước Hai", "party_secretary", 12, 0),
    ]
    assert result["items"][2]["unit"]["status"] == "retired"
    # In 2026 the retired units are gone from the report.
    later = await report(client, within_unit_id=str(province.id), period="2026")
    assert {r["unit"]["name"] for r in later["items"]} == {"Tỉnh Cũ", "Xã Hòa An Mới"}


async def test_a_period_not_over_yet_owes_only_what_has_ended(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    tree = await create_tree(session)
    await create_reception(session, tree["commune"], held_on=date(2026, 11, 3))
    november = await report(client, within_unit_id=str(tree["commune"].id), period="2026-11")
    chairman = row(november, tree["commune"], "pc_chairman")
    assert (chairman["required_days"], chairman["held_days"], chairman["ratio"], chairman["compliant"]) == (
        0,
        1,
        None,
        None,
    )
    future = await report(client, within_unit_id=str(tree["commune"].id), period="2027")
    assert {r["required_days"] for r in future["items"]} == {0}
    assert {t["ratio"] for t in future["totals"]} == {None}


@pytest.mark.parametrize("period", ["26", "2026-13", "2026-Q5", "2026-7", "2026-w10", "20266"])
async def test_invalid_period_is_422(client: httpx.AsyncClient, period: str) -> None:
    problem = assert_problem(await client.get(URL, params={"period": period}), 422, "invalid_period")
    assert problem["errors"] == [
        {
            "in": "query",
            "field": "period",
            "code": "invalid_period",
            "message": problem["detail"],
        }
    ]


async def test_defaults_jurisdiction_and_bad_input(
    backend: Backend, anonymous_second: httpx.AsyncClient, client: httpx.AsyncClient, session: AsyncSession
) -> None:
    tree = await create_tree(session)
    await create_reception(session, tree["commune"], held_on=date(2026, 3, 5))
    officer = await create_user(session, username="canbo", roles=["officer"], unit_id=tree["commune"].id)
    officer_client = anonymous_second
    officer_client.headers["Authorization"] = f"Bearer {access_token(backend.settings, officer)}"
    # No parameters: the principal's whole jurisdiction over the current year.
    mine = await report(officer_client)
    assert mine["period"]["label"] == "2026"
    assert mine["within_unit"]["id"] == str(tree["commune"].id)
    assert {r["unit"]["id"] for r in mine["items"]} == {str(tree["commune"].id)}
    assert row(mine, tree["commune"], "pc_chairman")["held_days"] == 1
    for outside in (tree["ward"], tree["province"], tree["other_commune"]):
        refused = await officer_client.get(URL, params={"within_unit_id": str(outside.id)})
        assert_problem(refused, 404, "unit_not_found")
    assert_problem(await officer_client.get(URL, params={"cursor": "bogus"}), 400, "invalid_cursor")
    other_period = (await report(client, within_unit_id=str(tree["province"].id), period="2026-Q1", limit=1))[
        "next_cursor"
    ]
    assert_problem(
        await client.get(
            URL,
            params={"within_unit_id": str(tree["province"].id), "period": "2026-Q2", "cursor": other_period},
        ),
        400,
        "invalid_cursor",
    )
    bad = await client.get(URL, params={"level": "village", "limit": 0, "within_unit_id": "x"})
    problem = assert_problem(bad, 422, "validation_failed")
    assert {e["field"] for e in problem["errors"]} == {"level.0", "limit", "within_unit_id"}
    assert_problem(await client.get(URL, params={"within_unit_id": str(uuid.uuid4())}), 404, "unit_not_found")
    # A nationwide principal without a subtree sees the whole country.
    everywhere = await report(client, period="2026-Q1")
    assert everywhere["within_unit"] is None
    assert str(tree["other_commune"].id) in {r["unit"]["id"] for r in everywhere["items"]}


async def test_quota_rules_are_published_with_their_legal_basis(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/receptions/quota-rules")
    assert response.status_code == 200
    rules = {r["id"]: r for r in response.json()}
    assert rules["commune-pc-chairman-weekly"] == {
        "id": "commune-pc-chairman-weekly",
        "level": "commune",
        "host_role": "pc_chairman",
        "days": 1,
        "per": "week",
        "valid_from": "2014-07-01",
        "valid_to": "2026-07-01",
        "legal_basis": "Luật Tiếp công dân 42/2013/QH13, Điều 15 khoản 2 điểm d",
        "note": rules["commune-pc-chairman-weekly"]["note"],
    }
    assert (
        rules["commune-pc-chairman-monthly"]["days"],
        rules["commune-pc-chairman-monthly"]["valid_from"],
    ) == (
        2,
        "2026-07-01",
    )
    in_force = await client.get("/api/v1/receptions/quota-rules", params={"as_of": "2026-07-01"})
    assert {r["id"] for r in in_force.json()} == {
        "province-pc-chairman-monthly",
        "commune-pc-chairman-monthly",
        "province-party-secretary-monthly",
        "commune-party-secretary-monthly",
    }
    before = await client.get("/api/v1/receptions/quota-rules", params={"as_of": "2026-06-30"})
    assert "commune-pc-chairman-weekly" in {r["id"] for r in before.json()}


async def pages(client: httpx.AsyncClient, limit: int, **params: Any) -> list[dict[str, Any]]:
    """Every page of a report, following `next_cursor`."""
    out: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = await report(client, **params, limit=limit, **({"cursor": cursor} if cursor else {}))
        out.append(page)
        cursor = page["next_cursor"]
        if cursor is None:
            return out


async def test_pages_put_together_are_the_whole_report(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    """Cut mid-unit (3 rows a page) or at units' ends (4), the pages are the one-page report."""
    tree = await create_tree(session)
    province = tree["province"]
    district = await create_unit(session, name="Huyện Hòa An", kind="district", parent_id=province.id)
    old = await create_unit(session, name="Xã Nước Hai", kind="commune", parent_id=district.id)
    for unit in (district, old):
        unit.status, unit.valid_to = UnitStatus.RETIRED, date(2025, 7, 1)
    # Namesakes: the unit's id orders them.
    for _ in range(3):
        await create_unit(session, name="Xã Hòa An", kind="commune", parent_id=province.id)
    await create_unit(
        session, name="Thị trấn Thử", kind="town", parent_id=province.id, valid_from=date(2025, 3, 15)
    )
    await session.flush()
    await create_reception(session, district, held_on=date(2025, 3, 11))
    await create_reception(session, old, held_on=date(2025, 6, 24), host_role="party_secretary")
    await create_reception(session, tree["ward"], held_on=date(2025, 8, 5))
    await create_reception(session, tree["commune"], held_on=date(2025, 9, 9), kind="dialogue_citizens")

    for params in (
        {"within_unit_id": str(province.id), "period": "2025"},
        {"within_unit_id": str(province.id), "period": "2026-Q3"},
        {"period": "2025", "level": ["district", "commune"], "host_role": "party_secretary"},
    ):
        whole = await report(client, **params, limit=500)
        assert whole["next_cursor"] is None and len(whole["items"]) == whole["total"] > 6
        for limit in (3, 4):
            cut = await pages(client, limit, **params)
            assert all(len(p["items"]) == limit for p in cut[:-1]) and 0 < len(cut[-1]["items"]) <= limit
            assert [r for p in cut for r in p["items"]] == whole["items"], (params, limit)
            assert all((p["totals"], p["total"]) == (whole["totals"], whole["total"]) for p in cut)


async def test_a_page_loads_only_its_own_units(
    client: httpx.AsyncClient, session: AsyncSession, backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    """1,200 communes: each page loads at most `limit + 1` units, in the same few statements whether
    it is the first page or a deep one; the totals come from grouped queries (the communes share
    their dates of life: one group), never from the units one by one."""
    province = await create_unit(session, name="Tỉnh Lớn Thử")
    communes = []
    for i in range(1200):
        unit_id = uuid.uuid4()
        name = f"Xã Thử {i % 1000:04d}"  # 200 namesakes
        communes.append(
            {
                "id": unit_id,
                "code": f"C{i:05d}",
                "code_family": "commune",
                "name": name,
                "name_key": fold(name),
                "search_text": fold(name),
                "kind": "commune",
                "parent_id": province.id,
                "path": province.path + unit_id.hex + "/",
                "depth": 1,
                "valid_from": date(2025, 7, 1),
            }
        )
    await session.execute(insert(Unit), communes)
    sessions = [
        {
            "id": uuid.uuid4(),
            "unit_id": c["id"],
            "held_on": date(2026, 7, day),
            "kind": "regular",
            "place": "Trụ sở",
            "host_name": "Nông Văn Hùng",
            "host_role": "pc_chairman",
            "citizens_received": 2,
            "search_text": "tru so",
        }
        for n, c in enumerate(communes)
        for day in ((6, 20) if n % 3 == 0 else (6,) if n % 3 == 1 else ())
    ]
    await session.execute(insert(ReceptionSession), sessions)

    loaded: list[int] = []
    grouped: list[int] = []
    statements: list[str] = []
    real_units, real_groups = ReceptionRepository.compliance_units, ReceptionRepository.life_groups

    async def compliance_units(self: ReceptionRepository, *args: Any) -> Any:
        found = await real_units(self, *args)
        loaded.append(len(found))
        return found

    async def life_groups(self: ReceptionRepository, *args: Any) -> Any:
        found = await real_groups(self, *args)
        grouped.append(len(found))
        return found

    monkeypatch.setattr(ReceptionRepository, "compliance_units", compliance_units)
    monkeypatch.setattr(ReceptionRepository, "life_groups", life_groups)

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    params = {"within_unit_id": str(province.id), "period": "2026-Q3", "limit": 100}
    per_page: list[int] = []
    seen: list[tuple[str, str]] = []
    cursor = None
    event.listen(backend.engine.sync_engine, "before_cursor_execute", count)
    try:
        for _ in range(30):
            statements.clear()
            page = await report(client, **params, **({"cursor": cursor} if cursor else {}))
            per_page.append(len(statements))
            seen += [(r["unit"]["id"], r["host_role"]) for r in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
    finally:
        event.remove(backend.engine.sync_engine, "before_cursor_execute", count)

    assert page["total"] == 2 + 1200 * 2 and len(seen) == page["total"] and len(per_page) == 25
    assert all(n <= 101 for n in loaded) and len(loaded) == 25
    assert grouped == [2] * 25
    assert len(set(per_page)) == 1, per_page
    order = sorted(communes, key=lambda c: (c["name_key"], str(c["id"])))
    assert [u for u, role in seen[2::2]] == [str(c["id"]) for c in order]
    chairman = {t["level"]: t for t in page["totals"] if t["host_role"] == "pc_chairman"}["commune"]
    # July to September owe 2 days a month: the 400 communes that held two days in July are
    # compliant in July only, so none is over the quarter (6 days).
    assert (
        chairman["units"],
        chairman["required_days"],
        chairman["held_days"],
        chairman["units_compliant"],
    ) == (
        1200,
        1200 * 6,
        400 * 2 + 400,
        0,
    )
    july = await report(client, within_unit_id=str(province.id), period="2026-07", limit=1)
    july_chairman = next(
        t for t in july["totals"] if (t["level"], t["host_role"]) == ("commune", "pc_chairman")
    )
    assert (
        july_chairman["units_compliant"],
        july_chairman["sessions"],
        july_chairman["citizens_received"],
    ) == (
        400,
        1200,
        2400,
    )
