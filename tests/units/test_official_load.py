"""Loading the official units into the registry: counts, lineage of the 2025 reform, idempotence."""

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.units import official
from api.units.models import CodeSystem, LineageEdge, Unit, UnitKind, UnitStatus


async def _count(
    session: AsyncSession, system: CodeSystem, *kinds: UnitKind, province: str | None = None
) -> int:
    stmt = select(func.count()).select_from(Unit).where(Unit.code_system == system, Unit.kind.in_(kinds))
    if province is not None:
        root = await session.scalar(
            select(Unit.path).where(
                Unit.code_system == system, Unit.code == province, Unit.kind == UnitKind.PROVINCE
            )
        )
        assert root is not None
        stmt = stmt.where(Unit.path.startswith(root))
    return int(await session.scalar(stmt) or 0)


COMMUNE_KINDS = (UnitKind.COMMUNE, UnitKind.WARD, UnitKind.TOWN, UnitKind.SPECIAL_ZONE)


async def test_cao_bang_both_editions_with_lineage_and_reload(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    legacy = await official.load(session, "legacy", "04")
    assert legacy.created == 1 + 10 + 161
    assert await _count(session, CodeSystem.DECISION_124_2004, UnitKind.DISTRICT, province="04") == 10
    assert await _count(session, CodeSystem.DECISION_124_2004, *COMMUNE_KINDS, province="04") == 161

    report = await official.load(session, "2025", "04", with_lineage=True)
    assert report.created == 1 + 56
    assert report.unchanged == 172
    assert await _count(session, CodeSystem.DECISION_19_2025, *COMMUNE_KINDS, province="04") == 56
    assert report.reorganizations_created == 1

    # Every legacy commune of Cao Bằng maps to at least one of the 56.
    legacy_communes = (
        await session.scalars(
            select(Unit.id).where(
                Unit.code_system == CodeSystem.DECISION_124_2004, Unit.kind.in_(COMMUNE_KINDS)
            )
        )
    ).all()
    new_communes = set(
        (
            await session.scalars(
                select(Unit.id).where(
                    Unit.code_system == CodeSystem.DECISION_19_2025, Unit.kind.in_(COMMUNE_KINDS)
                )
            )
        ).all()
    )
    successors: dict[object, set[object]] = {}
    for edge in await session.scalars(select(LineageEdge)):
        successors.setdefault(edge.predecessor_id, set()).add(edge.successor_id)
    assert len(legacy_communes) == 161
    assert all(successors.get(c, set()) & new_communes for c in legacy_communes)
    assert report.lineage_edges_created >= 161 + 10 + 1

    again = await official.load(session, "2025", "04", with_lineage=True)
    assert (again.created, again.updated, again.lineage_edges_created, again.reorganizations_created) == (
        0,
        0,
        0,
        0,
    )
    assert again.unchanged == 172 + 57

    # Over HTTP: the province subtree, the retired legacy edition, and a commune's reform lineage.
    province = (await client.get("/api/v1/units", params={"code": "04", "kind": "province"})).json()["items"][
        0
    ]
    within = await client.get(
        "/api/v1/units", params={"within_unit_id": province["id"], "include_total": True}
    )
    assert within.json()["total"] == 57
    thuc_phan = (await client.get("/api/v1/units", params={"q": "thuc phan"})).json()["items"]
    assert [u["name"] for u in thuc_phan] == ["Phường Thục Phán"]
    lineage = (await client.get(f"/api/v1/units/{thuc_phan[0]['id']}/lineage")).json()
    assert lineage["predecessors"]
    assert all(p["reorganization"]["effective_date"] == "2025-07-01" for p in lineage["predecessors"])
    as_of_2024 = await client.get("/api/v1/units", params={"code": "04", "as_of": "2024-06-01"})
    assert [u["code_system"] for u in as_of_2024.json()["items"]] == ["decision_124_2004"]


async def test_loader_keeps_local_history(session: AsyncSession, client: httpx.AsyncClient) -> None:
    await official.load(session, "2025", "04")
    ward = await session.scalar(
        select(Unit).where(Unit.code == "01273", Unit.code_system == CodeSystem.DECISION_19_2025)
    )
    assert ward is not None
    renamed = await client.post(
        "/api/v1/units/reorganizations",
        json={
            "kind": "rename",
            "effective_date": "2026-01-01",
            "legal_basis": "NQ thử",
            "predecessor_ids": [str(ward.id)],
            "successors": [{"unit_id": str(ward.id), "name": "Phường Thục Phán Mới"}],
        },
    )
    assert renamed.status_code == 201
    again = await official.load(session, "2025", "04")
    assert again.updated == 0
    assert (await client.get(f"/api/v1/units/{ward.id}")).json()["name"] == "Phường Thục Phán Mới"


async def test_official_load_over_http(client: httpx.AsyncClient) -> None:
    first = await client.post("/api/v1/units/official-loads", json={"edition": "2025", "province_code": "04"})
    assert first.status_code == 200
    assert first.json()["created"] == 57
    second = await client.post(
        "/api/v1/units/official-loads", json={"edition": "2025", "province_code": "04"}
    )
    assert second.json()["created"] == 0
    assert second.json()["unchanged"] == 57
    bad = await client.post("/api/v1/units/official-loads", json={"edition": "1999"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "edition"


async def test_whole_country_loads_idempotently(session: AsyncSession) -> None:
    report = await official.load(session, "2025", with_lineage=True)
    live = select(func.count()).select_from(Unit).where(Unit.status == UnitStatus.ACTIVE)
    assert await session.scalar(live.where(Unit.kind == UnitKind.PROVINCE)) == 34
    assert await session.scalar(live.where(Unit.kind.in_(COMMUNE_KINDS))) == 3321
    assert await session.scalar(live.where(Unit.kind == UnitKind.SPECIAL_ZONE)) == 13
    retired = select(func.count()).select_from(Unit).where(Unit.status == UnitStatus.RETIRED)
    assert await session.scalar(retired.where(Unit.kind == UnitKind.PROVINCE)) == 63
    assert await session.scalar(retired.where(Unit.kind.in_(COMMUNE_KINDS))) == 10035
    assert report.reorganizations_created == 34
    # Every legacy commune reaches a live 2025 commune.
    orphan = await session.scalar(
        select(func.count())
        .select_from(Unit)
        .where(
            Unit.code_system == CodeSystem.DECISION_124_2004,
            Unit.kind.in_(COMMUNE_KINDS),
            ~select(LineageEdge.predecessor_id).where(LineageEdge.predecessor_id == Unit.id).exists(),
        )
    )
    assert orphan == 0
    again = await official.load(session, "2025", with_lineage=True)
    assert (again.created, again.updated, again.lineage_edges_created) == (0, 0, 0)
    assert again.unchanged == report.created
