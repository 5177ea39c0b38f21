"""Reception quota rules are a table: seeded with the rules the code once held, read by everyone with
receptions:read, changed only by a nationwide administrator, audited, and applied by the compliance
report from the day a new rule is in force (and not before)."""

from collections.abc import Callable
from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.access import SYSTEM
from api.core.audit import AuditEvent
from api.receptions.quota_rules.repository import QuotaRuleRepository
from tests.conftest import Backend
from tests.core.test_errors import assert_problem
from tests.factories import access_token, create_reception, create_tree, create_user
from tests.receptions.test_quotas import SHIPPED

RULES = "/api/v1/receptions/quota-rules"
COMPLIANCE = "/api/v1/receptions/compliance"
TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def fixed_today(pin_today: Callable[[date], None]) -> None:
    pin_today(TODAY)


def new_rule(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": "commune-pc-chairman-monthly-2026-10",
        "level": "commune",
        "host_role": "pc_chairman",
        "days": 4,
        "per": "month",
        "valid_from": "2026-10-01",
        "legal_basis": "Luật sửa đổi Luật Tiếp công dân (thử)",
    }
    body.update(overrides)
    return body


async def chairman_row(
    client: httpx.AsyncClient, commune_id: str, period: str, role: str
) -> dict[str, Any] | None:
    response = await client.get(COMPLIANCE, params={"within_unit_id": commune_id, "period": period})
    assert response.status_code == 200, response.text
    rows = [r for r in response.json()["items"] if r["host_role"] == role]
    assert len(rows) <= 1
    return rows[0] if rows else None


async def test_the_seeded_rules_are_the_ones_the_code_held(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    rules = await QuotaRuleRepository(session, SYSTEM).listed_on(None)
    assert [
        {
            "code": r.code,
            "level": r.level.value,
            "host_role": r.host_role.value,
            "days": r.days,
            "per": r.per.value,
            "valid_from": r.valid_from,
            "valid_to": r.valid_to,
            "legal_basis": r.legal_basis,
            "note": r.note,
        }
        for r in rules
    ] == SHIPPED
    assert {r.version for r in rules} == {1}
    published = (await client.get(RULES)).json()
    assert published == [
        {
            **{k: v for k, v in r.items() if k != "code"},
            "id": r["code"],
            "valid_from": r["valid_from"].isoformat(),
            "valid_to": r["valid_to"] and r["valid_to"].isoformat(),
        }
        for r in SHIPPED
    ]


async def test_an_admin_records_a_change_of_law_and_the_report_applies_it_from_that_day(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    tree = await create_tree(session)
    commune = str(tree["commune"].id)
    for day in (date(2026, 9, 8), date(2026, 10, 6), date(2026, 10, 20)):
        await create_reception(session, tree["commune"], held_on=day)
    await create_reception(session, tree["commune"], held_on=date(2026, 10, 13), host_role="pc_vice_chairman")

    # The old rule is closed the day before the new one starts; the new one is added from that day.
    closed = await client.patch(f"{RULES}/commune-pc-chairman-monthly", json={"valid_to": "2026-10-01"})
    assert closed.status_code == 200, closed.text
    assert (closed.json()["valid_to"], closed.headers["ETag"]) == ("2026-10-01", '"v2"')
    created = await client.post(RULES, json=new_rule())
    assert created.status_code == 201, created.text
    assert created.headers["Location"] == f"{RULES}/commune-pc-chairman-monthly-2026-10"
    assert created.headers["ETag"] == '"v1"'
    assert created.json() == {**new_rule(), "valid_to": None, "note": None}
    # A host role without a quota until now gets one.
    deputy = await client.post(
        RULES,
        json=new_rule(id="commune-pc-vice-chairman-monthly", host_role="pc_vice_chairman", days=1),
    )
    assert deputy.status_code == 201, deputy.text

    september = await chairman_row(client, commune, "2026-09", "pc_chairman")
    assert september is not None
    assert [(r["rule_id"], r["required_days"]) for r in september["requirements"]] == [
        ("commune-pc-chairman-monthly", 2)
    ]
    assert (september["required_days"], september["held_days"]) == (2, 1)
    assert await chairman_row(client, commune, "2026-09", "pc_vice_chairman") is None

    october = await chairman_row(client, commune, "2026-10", "pc_chairman")
    assert october is not None
    assert [(r["rule_id"], r["days"], r["slots"]) for r in october["requirements"]] == [
        ("commune-pc-chairman-monthly-2026-10", 4, 1)
    ]
    assert (october["required_days"], october["held_days"], october["ratio"]) == (4, 2, 0.5)
    vice = await chairman_row(client, commune, "2026-10", "pc_vice_chairman")
    assert vice is not None
    assert (vice["required_days"], vice["held_days"], vice["compliant"]) == (1, 1, True)

    # The year: 26 weeks, July to September under the old monthly rule, October under the new one
    # (November is still running on 23 November).
    year = await chairman_row(client, commune, "2026", "pc_chairman")
    assert year is not None
    assert [(r["rule_id"], r["slots"], r["required_days"]) for r in year["requirements"]] == [
        ("commune-pc-chairman-weekly", 26, 26),
        ("commune-pc-chairman-monthly", 3, 6),
        ("commune-pc-chairman-monthly-2026-10", 1, 4),
    ]
    report = (await client.get(COMPLIANCE, params={"within_unit_id": commune, "period": "2026-10"})).json()
    assert [(t["host_role"], t["required_days"], t["held_days"]) for t in report["totals"]] == [
        ("pc_chairman", 4, 2),
        ("party_secretary", 2, 0),
        ("pc_vice_chairman", 1, 1),
    ]

    in_force = (await client.get(RULES, params={"as_of": "2026-10-01"})).json()
    commune_chairman = [
        r["id"] for r in in_force if (r["level"], r["host_role"]) == ("commune", "pc_chairman")
    ]
    assert commune_chairman == ["commune-pc-chairman-monthly-2026-10"]
    before = (await client.get(RULES, params={"as_of": "2026-09-30"})).json()
    assert "commune-pc-chairman-monthly" in {r["id"] for r in before}
    assert "commune-pc-chairman-monthly-2026-10" not in {r["id"] for r in before}

    events = list(
        await session.scalars(
            select(AuditEvent)
            .where(AuditEvent.resource_type == "reception_quota_rule")
            .order_by(AuditEvent.id)
        )
    )
    assert [e.action for e in events] == [
        "reception_quota_rule.update",
        "reception_quota_rule.create",
        "reception_quota_rule.create",
    ]
    assert events[0].changes == {"before": {"valid_to": None}, "after": {"valid_to": "2026-10-01"}}
    assert events[1].changes["after"]["code"] == "commune-pc-chairman-monthly-2026-10"


async def test_only_a_nationwide_administrator_changes_the_rules(
    backend: Backend, anonymous_second: httpx.AsyncClient, client: httpx.AsyncClient, session: AsyncSession
) -> None:
    tree = await create_tree(session)
    commune_admin = await create_user(session, username="qtv-xa", roles=["admin"], unit_id=tree["commune"].id)
    anonymous_second.headers["Authorization"] = f"Bearer {access_token(backend.settings, commune_admin)}"
    # It reads the rules like everyone with receptions:read ...
    assert (await anonymous_second.get(RULES)).status_code == 200
    # ... but neither adds nor changes one, existing or not.
    assert_problem(await anonymous_second.post(RULES, json=new_rule()), 403, "nationwide_only")
    for code in ("commune-pc-chairman-monthly", "no-such-rule"):
        refused = await anonymous_second.patch(f"{RULES}/{code}", json={"valid_to": "2026-10-01"})
        assert_problem(refused, 403, "nationwide_only")
    officer = await create_user(session, username="canbo", roles=["officer"], unit_id=None)
    anonymous_second.headers["Authorization"] = f"Bearer {access_token(backend.settings, officer)}"
    assert_problem(await anonymous_second.post(RULES, json=new_rule()), 403, "permission_denied")
    assert_problem(await client.patch(f"{RULES}/no-such-rule", json={"days": 1}), 404, "quota_rule_not_found")
    unchanged = (await client.get(RULES)).json()
    assert next(r for r in unchanged if r["id"] == "commune-pc-chairman-monthly")["valid_to"] is None


async def test_a_stale_etag_is_refused(client: httpx.AsyncClient) -> None:
    created = await client.post(
        RULES, json=new_rule(valid_from="2027-01-01", id="trial", days=1, per="week", level="district")
    )
    assert created.status_code == 201, created.text
    first = created.headers["ETag"]
    changed = await client.patch(f"{RULES}/trial", json={"days": 2}, headers={"If-Match": first})
    assert changed.status_code == 200, changed.text
    assert changed.headers["ETag"] == '"v2"' and changed.json()["days"] == 2
    stale = await client.patch(f"{RULES}/trial", json={"days": 3}, headers={"If-Match": first})
    problem = assert_problem(stale, 412, "precondition_failed")
    assert problem["current_etag"] == '"v2"'
    again = await client.patch(
        f"{RULES}/trial", json={"note": "Thử"}, headers={"If-Match": changed.headers["ETag"]}
    )
    assert again.status_code == 200, again.text
    assert again.json()["days"] == 2


async def test_one_rule_at_a_time_and_sound_values(client: httpx.AsyncClient) -> None:
    # The commune chairman's monthly rule is open-ended: a second one from 2027 would double the quota.
    overlap = await client.post(RULES, json=new_rule(valid_from="2027-01-01"))
    problem = assert_problem(overlap, 409, "quota_rule_overlap")
    assert problem["overlapping_rule_id"] == "commune-pc-chairman-monthly"
    assert_problem(
        await client.post(RULES, json=new_rule(id="commune-pc-chairman-weekly", host_role="other")),
        409,
        "duplicate_quota_rule",
    )
    assert_problem(
        await client.post(RULES, json=new_rule(host_role="other", valid_to="2026-10-01")),
        422,
        "invalid_validity",
    )
    too_many = await client.post(RULES, json=new_rule(host_role="other", days=8, per="week"))
    assert assert_problem(too_many, 422, "days_exceed_slot")["errors"][0]["field"] == "days"
    # A correction may not make two rules meet either.
    stretched = await client.patch(f"{RULES}/commune-pc-chairman-weekly", json={"valid_to": "2026-07-02"})
    assert_problem(stretched, 409, "quota_rule_overlap")
    assert_problem(
        await client.patch(f"{RULES}/commune-pc-chairman-weekly", json={"legal_basis": None}),
        422,
        "validation_failed",
    )
    bad = await client.post(RULES, json=new_rule(id="Bad Code", days=0, level="village"))
    assert {e["field"] for e in assert_problem(bad, 422, "validation_failed")["errors"]} == {
        "id",
        "days",
        "level",
    }
