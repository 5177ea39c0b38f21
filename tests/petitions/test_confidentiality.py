"""The denouncer's identity (Law on Denunciations 2018, Art. 9 and 56) never leaves the
confidential route: every route of the contract that can return petition data is called, as an
officer without the grant and as one with it, and no answer holds the name, address, number or
phone — except `/identity` for the holder, whose every read is audited."""

import json
import re
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.audit import AuditEvent
from api.main import create_app
from api.units.models import Unit
from tests.petitions.conftest import move, receive, suggestions

DENOUNCER = {
    "full_name": "Trần Thị Bí Mật",
    "address": "Số 7 ngõ Kín, phường Thục Phán",
    "identity_number": "012345678901",
    "phone": "0987654321",
}
SECRETS = ["Bí Mật", "bi mat", "Ngõ Kín", "ngo kin", "012345678901", "0987654321"]


def leaks(text: str) -> list[str]:
    folded = text.lower()
    return [s for s in SECRETS if s.lower() in folded]


def petition_routes() -> list[tuple[str, str]]:
    """Every GET of the contract that can carry petition data, with its path parameters."""
    spec = create_app().openapi()
    return [
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method == "get" and ("petition" in path or "audit" in path or "reception" in path)
    ]


async def denunciation(client: httpx.AsyncClient, unit: Unit) -> dict[str, Any]:
    p = await receive(
        client,
        unit,
        kind="denunciation",
        subject="Tố cáo cán bộ địa chính nhận tiền",
        content="Người tố cáo phản ánh cán bộ địa chính xã nhận tiền khi làm thủ tục cấp giấy chứng nhận.",
        category="officials_conduct",
        petitioners=[DENOUNCER],
    )
    r = await move(client, p["id"], "accept", decision_number="03/QĐ-TLTC")
    assert r.status_code == 200, r.text
    return p


def fill(path: str, petition_id: str) -> str:
    return re.sub(r"\{petition_id\}", petition_id, path)


@pytest.mark.parametrize("who", ["officer", "inspector"])
async def test_no_route_but_identity_returns_the_denouncer(
    who: str,
    officer_client: httpx.AsyncClient,
    inspector_client: httpx.AsyncClient,
    client: httpx.AsyncClient,
    tree: dict[str, Unit],
) -> None:
    reader = officer_client if who == "officer" else inspector_client
    created = await reader.post(
        "/api/v1/petitions",
        json={
            "kind": "denunciation",
            "channel": "reception",
            "received_on": "2026-11-02",
            "receiving_unit_id": str(tree["ward"].id),
            "subject": "Tố cáo cán bộ",
            "content": "Nội dung tố cáo.",
            "category": "officials_conduct",
            "petitioners": [DENOUNCER],
        },
    )
    assert created.status_code == 201 and not leaks(created.text), created.text
    p = await denunciation(client, tree["ward"])
    moved = await move(reader, p["id"], "start_verification")
    assert moved.status_code == 200 and not leaks(moved.text)
    checked = 0
    for method, path in petition_routes():
        if "{" in path and "{petition_id}" not in path:
            continue  # routes about another resource by id (a rule, a reception)
        if path.endswith("/identity"):
            continue
        url = fill(path, p["id"])
        # The reader, and a nationwide administrator, who reads everything else (the audit log too).
        for c in (reader, client):
            for params in ({}, {"q": "Bí Mật"}, {"q": "012345678901"}):
                r = await c.request(method, url, params=params)
                assert r.status_code in (200, 403, 404, 422), f"{url}: {r.status_code} {r.text}"
                assert not leaks(r.text), f"{url} {params} leaked {leaks(r.text)}"
                checked += r.status_code == 200
    assert checked >= 10
    # Search by the denouncer's name or number finds nothing.
    found = await reader.get("/api/v1/petitions", params={"q": "Bí Mật"})
    assert found.json()["items"] == []


async def test_the_audit_log_never_holds_the_identity(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    await denunciation(client, tree["ward"])
    await session.flush()
    rows = (await session.scalars(select(AuditEvent))).all()
    text = json.dumps([r.changes for r in rows], ensure_ascii=False)
    assert not leaks(text)
    identity_events = [r for r in rows if r.resource_type == "denouncer_identity"]
    assert identity_events and identity_events[0].changes["after"]["full_name"] == "[redacted]"


async def test_identity_needs_the_grant_and_each_read_is_audited(
    officer_client: httpx.AsyncClient,
    inspector_client: httpx.AsyncClient,
    client: httpx.AsyncClient,
    session: AsyncSession,
    tree: dict[str, Unit],
) -> None:
    p = await denunciation(client, tree["ward"])
    denied = await officer_client.get(f"/api/v1/petitions/{p['id']}/identity")
    assert denied.status_code == 403 and not leaks(denied.text)
    # A nationwide administrator has every permission but this one.
    assert (await client.get(f"/api/v1/petitions/{p['id']}/identity")).status_code == 403
    for _ in range(2):
        r = await inspector_client.get(f"/api/v1/petitions/{p['id']}/identity")
        assert r.status_code == 200
        assert r.json()["denouncers"][0]["full_name"] == DENOUNCER["full_name"]
    reads = (
        await session.scalars(select(AuditEvent).where(AuditEvent.action == "petition.identity_read"))
    ).all()
    assert len(reads) == 2
    assert {r.actor_name for r in reads} == {"inspector-cb"} or all(r.actor_id for r in reads)
    assert all(r.resource_id == p["id"] for r in reads)


async def test_identity_stays_inside_the_jurisdiction(
    backend: Any, database: Any, session: AsyncSession, client: httpx.AsyncClient, tree: dict[str, Unit]
) -> None:
    from tests.conftest import app_client
    from tests.factories import access_token, create_user

    p = await denunciation(client, tree["ward"])
    outsider = await create_user(
        session,
        username="inspector-ls",
        roles=["officer"],
        grants=["petitions:confidential"],
        unit_id=tree["other"].id,
    )
    headers = {"Authorization": f"Bearer {access_token(backend.settings, outsider)}"}
    async with app_client(backend.settings, database, headers) as c:
        assert (await c.get(f"/api/v1/petitions/{p['id']}/identity")).status_code == 404
        assert (await c.get(f"/api/v1/petitions/{p['id']}")).status_code == 404


async def test_same_person_duplicates_reveal_a_denouncer_only_to_the_grant(
    officer_client: httpx.AsyncClient,
    inspector_client: httpx.AsyncClient,
    client: httpx.AsyncClient,
    tree: dict[str, Unit],
) -> None:
    p = await denunciation(client, tree["ward"])
    complaint = {
        "received_on": "2026-03-20",
        "subject": "Khiếu nại việc cấp giấy chứng nhận",
        "content": "Bà khiếu nại việc chậm cấp giấy chứng nhận quyền sử dụng đất.",
        "petitioners": [{"full_name": "Trần Thị Bí Mật", "identity_number": "012345678901"}],
    }
    as_officer = await receive(officer_client, tree["ward"], **complaint)
    assert p["id"] not in [s["id"] for s in await suggestions(officer_client, as_officer)]
    as_inspector = await receive(inspector_client, tree["ward"], **complaint)
    match = next(s for s in await suggestions(inspector_client, as_inspector) if s["id"] == p["id"])
    assert match["reasons"] == ["same_identity_number"]
    # Asked about the denunciation itself, the same person is matched only for the grant: the
    # officer learns nothing of who denounced from the complaints it is compared with.
    officer_side = await suggestions(officer_client, p)
    assert all("same_identity_number" not in s["reasons"] for s in officer_side), officer_side
    inspector_side = await suggestions(inspector_client, p)
    assert {s["id"]: s["reasons"] for s in inspector_side}[as_inspector["id"]] == ["same_identity_number"]
