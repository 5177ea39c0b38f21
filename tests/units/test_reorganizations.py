"""Reorganizations: merge, split, rename, change of kind, lineage, and what is refused."""

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import create_tree, create_unit

URL = "/api/v1/units/reorganizations"


async def test_merge_retires_predecessors_moves_children_and_records_lineage(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    province = await create_unit(session)
    a = await create_unit(session, name="Xã An", kind="commune", parent_id=province.id)
    b = await create_unit(session, name="Xã Bình", kind="commune", parent_id=province.id)
    village = await create_unit(session, name="Thôn Một", kind="village", parent_id=a.id)
    response = await client.post(
        URL,
        json={
            "kind": "merge",
            "effective_date": "2025-07-01",
            "legal_basis": "Nghị quyết 1656/NQ-UBTVQH15",
            "predecessor_ids": [str(a.id), str(b.id)],
            "successors": [
                {
                    "new": {
                        "code": "66001",
                        "name": "Xã An Bình",
                        "kind": "commune",
                        "parent_id": str(province.id),
                    }
                }
            ],
        },
    )
    assert response.status_code == 201, response.text
    reorg = response.json()
    assert response.headers["location"] == f"{URL}/{reorg['id']}"
    assert {u["name"] for u in reorg["predecessors"]} == {"Xã An", "Xã Bình"}
    assert [u["name"] for u in reorg["successors"]] == ["Xã An Bình"]
    new_id = reorg["successors"][0]["id"]

    for old in (a, b):
        unit = (await client.get(f"/api/v1/units/{old.id}")).json()
        assert unit["status"] == "retired"
        assert unit["valid_to"] == "2025-07-01"
    new = (await client.get(f"/api/v1/units/{new_id}")).json()
    assert new["valid_from"] == "2025-07-01"
    moved = (await client.get(f"/api/v1/units/{village.id}")).json()
    assert moved["parent_id"] == new_id

    lineage = (await client.get(f"/api/v1/units/{a.id}/lineage")).json()
    assert [s["unit"]["name"] for s in lineage["successors"]] == ["Xã An Bình"]
    assert lineage["successors"][0]["reorganization"]["legal_basis"] == "Nghị quyết 1656/NQ-UBTVQH15"
    back = (await client.get(f"/api/v1/units/{new_id}/lineage")).json()
    assert {p["unit"]["name"] for p in back["predecessors"]} == {"Xã An", "Xã Bình"}

    listed = (await client.get(URL, params={"within_unit_id": str(province.id)})).json()
    assert [r["id"] for r in listed["items"]] == [reorg["id"]]
    assert (await client.get(f"{URL}/{reorg['id']}")).json()["kind"] == "merge"


async def test_merge_into_a_kept_unit_with_rename(client: httpx.AsyncClient, session: AsyncSession) -> None:
    tree = await create_tree(session)
    response = await client.post(
        URL,
        json={
            "kind": "merge",
            "effective_date": "2026-03-01",
            "legal_basis": "NQ 05/NQ-HĐND",
            "predecessor_ids": [str(tree["village_a"].id), str(tree["village_b"].id)],
            "successors": [{"unit_id": str(tree["village_b"].id), "name": "Xóm Bản Chang Mới"}],
        },
    )
    assert response.status_code == 201, response.text
    assert response.json()["changes"] == [
        {
            "unit_id": str(tree["village_b"].id),
            "field": "name",
            "from": "Xóm Bản Chang",
            "to": "Xóm Bản Chang Mới",
        }
    ]
    kept = (await client.get(f"/api/v1/units/{tree['village_b'].id}")).json()
    assert kept["status"] == "active"
    assert kept["name"] == "Xóm Bản Chang Mới"
    assert (await client.get(f"/api/v1/units/{tree['village_a'].id}")).json()["status"] == "retired"
    found = (await client.get("/api/v1/units", params={"q": "ban chang moi"})).json()["items"]
    assert [u["id"] for u in found] == [str(tree["village_b"].id)]


async def test_split_needs_every_child_placed_and_is_atomic(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    tree = await create_tree(session)
    province_id = str(tree["province"].id)
    body = {
        "kind": "split",
        "effective_date": "2026-01-01",
        "legal_basis": "NQ 10/NQ-UBTVQH15",
        "predecessor_ids": [str(tree["commune"].id)],
        "successors": [
            {"new": {"code": "55001", "name": "Xã Hòa An Bắc", "kind": "commune", "parent_id": province_id}},
            {"new": {"code": "55002", "name": "Xã Hòa An Nam", "kind": "commune", "parent_id": province_id}},
        ],
    }
    unplaced = await client.post(URL, json=body)
    assert unplaced.status_code == 422
    assert unplaced.json()["code"] == "children_unassigned"
    # Nothing of the refused request remains.
    assert (await client.get(f"/api/v1/units/{tree['commune'].id}")).json()["status"] == "active"
    assert (await client.get("/api/v1/units", params={"code": "55001"})).json()["items"] == []

    body["child_moves"] = [
        {"unit_id": str(tree["village_a"].id), "successor": 0},
        {"unit_id": str(tree["village_b"].id), "successor": 1},
    ]
    done = await client.post(URL, json=body)
    assert done.status_code == 201, done.text
    north, south = sorted(done.json()["successors"], key=lambda u: u["code"])
    assert (await client.get(f"/api/v1/units/{tree['village_a'].id}")).json()["parent_id"] == north["id"]
    assert (await client.get(f"/api/v1/units/{tree['village_b'].id}")).json()["parent_id"] == south["id"]
    lineage = (await client.get(f"/api/v1/units/{tree['commune'].id}/lineage")).json()
    assert {s["unit"]["name"] for s in lineage["successors"]} == {"Xã Hòa An Bắc", "Xã Hòa An Nam"}


async def test_rename_and_change_of_kind_keep_the_unit(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    tree = await create_tree(session)
    commune = str(tree["commune"].id)
    renamed = await client.post(
        URL,
        json={
            "kind": "rename",
            "effective_date": "2025-09-01",
            "legal_basis": "NQ 1/NQ",
            "predecessor_ids": [commune],
            "successors": [{"unit_id": commune, "name": "Xã Hòa An Mới"}],
        },
    )
    assert renamed.status_code == 201, renamed.text
    to_ward = await client.post(
        URL,
        json={
            "kind": "change_kind",
            "effective_date": "2025-10-01",
            "legal_basis": "NQ 2/NQ",
            "predecessor_ids": [commune],
            "successors": [{"unit_id": commune, "kind": "ward"}],
        },
    )
    assert to_ward.status_code == 201, to_ward.text
    assert len((await client.get(f"/api/v1/units/{commune}/children")).json()["items"]) == 2
    # Villages cannot sit under an agency: that edit is refused while they are there.
    refused = await client.patch(f"/api/v1/units/{commune}", json={"kind": "agency"})
    assert refused.status_code == 422
    assert refused.json()["code"] == "children_do_not_fit"
    ward = str(tree["ward"].id)
    to_town = await client.post(
        URL,
        json={
            "kind": "change_kind",
            "effective_date": "2025-10-01",
            "legal_basis": "NQ 3/NQ",
            "predecessor_ids": [ward],
            "successors": [{"unit_id": ward, "kind": "town", "name": "Thị trấn Thục Phán"}],
        },
    )
    assert to_town.status_code == 201, to_town.text
    unit = (await client.get(f"/api/v1/units/{ward}")).json()
    assert unit["kind"] == "town"
    assert unit["name"] == "Thị trấn Thục Phán"
    assert unit["status"] == "active"
    lineage = (await client.get(f"/api/v1/units/{ward}/lineage")).json()
    assert lineage["predecessors"] == []
    assert [r["kind"] for r in lineage["reorganizations"]] == ["change_kind"]
    across_families = await client.post(
        URL,
        json={
            "kind": "change_kind",
            "effective_date": "2025-10-01",
            "legal_basis": "NQ 4/NQ",
            "predecessor_ids": [ward],
            "successors": [{"unit_id": ward, "kind": "village"}],
        },
    )
    assert across_families.status_code == 422


async def test_refusals(client: httpx.AsyncClient, session: AsyncSession) -> None:
    tree = await create_tree(session)
    a, b = str(tree["village_a"].id), str(tree["village_b"].id)
    base = {"effective_date": "2026-01-01", "legal_basis": "NQ"}
    cases = [
        (
            {"kind": "merge", "predecessor_ids": [a], "successors": [{"unit_id": a}]},
            422,
            "invalid_reorganization",
        ),
        (
            {"kind": "split", "predecessor_ids": [a, b], "successors": [{"unit_id": a}]},
            422,
            "invalid_reorganization",
        ),
        (
            {"kind": "rename", "predecessor_ids": [a], "successors": [{"unit_id": b, "name": "X"}]},
            422,
            "invalid_reorganization",
        ),
        (
            {"kind": "restructure", "predecessor_ids": [a], "successors": [{"unit_id": b}]},
            422,
            "invalid_reorganization",
        ),
        ({"kind": "merge", "predecessor_ids": [a, a], "successors": [{"unit_id": a}]}, 422, "duplicate_unit"),
        (
            {
                "kind": "merge",
                "predecessor_ids": [a, b],
                "successors": [{"unit_id": a, "new": {"code": "1", "name": "x", "kind": "village"}}],
            },
            422,
            "validation_failed",
        ),
        (
            {
                "kind": "merge",
                "predecessor_ids": [a, b],
                "successors": [{"unit_id": a}],
                "effective_date": "2999-01-01",
            },
            422,
            "date_in_future",
        ),
    ]
    for extra, status, code in cases:
        response = await client.post(URL, json={**base, **extra})
        assert response.status_code == status, (extra, response.text)
        assert response.json()["code"] == code, extra
    merged = await client.post(
        URL, json={**base, "kind": "merge", "predecessor_ids": [a, b], "successors": [{"unit_id": b}]}
    )
    assert merged.status_code == 201
    again = await client.post(
        URL,
        json={**base, "kind": "rename", "predecessor_ids": [a], "successors": [{"unit_id": a, "name": "Y"}]},
    )
    assert again.status_code == 409
    assert again.json()["code"] == "unit_retired"


async def test_lineage_is_transitive(client: httpx.AsyncClient, session: AsyncSession) -> None:
    province = await create_unit(session)
    a = await create_unit(
        session,
        name="Thôn A",
        kind="village",
        parent_id=(await create_unit(session, kind="commune", parent_id=province.id)).id,
    )
    parent = a.parent_id
    b = await create_unit(session, name="Thôn B", kind="village", parent_id=parent)
    c = await create_unit(session, name="Thôn C", kind="village", parent_id=parent)
    first = await client.post(
        URL,
        json={
            "kind": "merge",
            "effective_date": "2025-01-01",
            "legal_basis": "NQ 1",
            "predecessor_ids": [str(a.id), str(b.id)],
            "successors": [{"unit_id": str(b.id)}],
        },
    )
    assert first.status_code == 201
    second = await client.post(
        URL,
        json={
            "kind": "merge",
            "effective_date": "2026-01-01",
            "legal_basis": "NQ 2",
            "predecessor_ids": [str(b.id), str(c.id)],
            "successors": [
                {"new": {"code": "VLG-9", "name": "Thôn Mới", "kind": "village", "parent_id": str(parent)}}
            ],
        },
    )
    assert second.status_code == 201, second.text
    lineage = (await client.get(f"/api/v1/units/{a.id}/lineage")).json()
    assert [(s["unit"]["name"], s["distance"]) for s in lineage["successors"]] == [
        ("Thôn B", 1),
        ("Thôn Mới", 2),
    ]
    newest = second.json()["successors"][0]["id"]
    back = (await client.get(f"/api/v1/units/{newest}/lineage")).json()
    assert {(p["unit"]["name"], p["distance"]) for p in back["predecessors"]} == {
        ("Thôn B", 1),
        ("Thôn C", 1),
        ("Thôn A", 2),
    }


async def test_a_refused_successor_is_named_by_its_place_in_successors(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    """A kept successor that does not exist for the principal is pointed at where the body names it
    (`successors.<i>.unit_id`), whatever new successors stand before it."""
    tree = await create_tree(session)
    new = {
        "new": {"code": "77001", "name": "Xóm Mới", "kind": "village", "parent_id": str(tree["commune"].id)}
    }
    nowhere = "0b9d4c38-5d1e-4bde-9d0e-5a7f5f0d2b11"
    response = await client.post(
        URL,
        json={
            "kind": "split",
            "effective_date": "2026-03-01",
            "legal_basis": "NQ 06/NQ-HĐND",
            "predecessor_ids": [str(tree["village_a"].id)],
            "successors": [new, {"unit_id": nowhere}],
        },
    )
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["code"] == "unit_not_found"
    assert [(e["field"], e["pointer"]) for e in problem["errors"]] == [
        ("successors.1.unit_id", "#/successors/1/unit_id")
    ]
