"""The units registry over HTTP: CRUD, ETags, hierarchy, search, pagination, bad input."""

import uuid

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import ApiKey
from api.core.security import digest
from tests.conftest import Backend
from tests.factories import access_token, create_tree, create_unit, create_user

PROBLEM = "application/problem+json"
URL_REORGS = "/api/v1/units/reorganizations"


async def test_create_read_update_with_etag(client: httpx.AsyncClient, session: AsyncSession) -> None:
    province = await create_unit(session)
    created = await client.post(
        "/api/v1/units",
        json={
            "code": "99001",
            "name": "Xã Thử Nghiệm",
            "kind": "commune",
            "parent_id": str(province.id),
            "remote_area": True,
            "external_ref": {"source": "motcua", "id": "X-1"},
        },
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert created.headers["location"] == f"/api/v1/units/{body['id']}"
    assert body["depth"] == 1
    assert body["status"] == "active"
    assert body["remote_area"] is True
    assert body["external_ref"] == {"source": "motcua", "id": "X-1"}

    read = await client.get(f"/api/v1/units/{body['id']}")
    etag = read.headers["etag"]
    assert read.json()["name"] == "Xã Thử Nghiệm"

    updated = await client.patch(
        f"/api/v1/units/{body['id']}", json={"name": "Xã Thử Mới"}, headers={"If-Match": etag}
    )
    assert updated.status_code == 200, updated.text
    assert updated.json()["name"] == "Xã Thử Mới"
    assert updated.headers["etag"] != etag

    stale = await client.patch(
        f"/api/v1/units/{body['id']}", json={"name": "Lost update"}, headers={"If-Match": etag}
    )
    assert stale.status_code == 412
    assert stale.headers["content-type"] == PROBLEM
    assert stale.json()["code"] == "precondition_failed"
    assert (await client.get(f"/api/v1/units/{body['id']}")).json()["name"] == "Xã Thử Mới"


async def test_update_without_if_match_is_allowed_and_nulls_are_refused(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    unit = await create_unit(session)
    ok = await client.patch(f"/api/v1/units/{unit.id}", json={"remote_area": True})
    assert ok.status_code == 200
    assert ok.json()["remote_area"] is True
    bad = await client.patch(f"/api/v1/units/{unit.id}", json={"name": None})
    assert bad.status_code == 422
    assert bad.json()["code"] == "validation_failed"


async def test_unknown_unit_is_problem_404(client: httpx.AsyncClient) -> None:
    response = await client.get(f"/api/v1/units/{uuid.uuid4()}")
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["code"] == "unit_not_found"


async def test_duplicate_live_code_is_409_but_retired_code_can_be_reused(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    province = await create_unit(session)
    first = await client.post(
        "/api/v1/units",
        json={"code": "88001", "name": "Xã A", "kind": "commune", "parent_id": str(province.id)},
    )
    assert first.status_code == 201
    # Wards share the commune code space.
    dup = await client.post(
        "/api/v1/units",
        json={"code": "88001", "name": "Phường B", "kind": "ward", "parent_id": str(province.id)},
    )
    assert dup.status_code == 409
    assert dup.json()["code"] == "duplicate_code"
    assert dup.json()["errors"][0]["field"] == "code"
    retired = await client.post(
        f"/api/v1/units/{first.json()['id']}/retire", json={"effective_date": "2025-07-01"}
    )
    assert retired.status_code == 200
    assert retired.json()["status"] == "retired"
    again = await client.post(
        "/api/v1/units",
        json={"code": "88001", "name": "Phường B", "kind": "ward", "parent_id": str(province.id)},
    )
    assert again.status_code == 201


async def test_parent_kind_rules(client: httpx.AsyncClient, session: AsyncSession) -> None:
    tree = await create_tree(session)
    village_under_province = await client.post(
        "/api/v1/units",
        json={"code": "V1", "name": "Thôn X", "kind": "village", "parent_id": str(tree["province"].id)},
    )
    assert village_under_province.status_code == 422
    assert village_under_province.json()["code"] == "invalid_parent_kind"
    province_with_parent = await client.post(
        "/api/v1/units",
        json={"code": "77", "name": "Tỉnh X", "kind": "province", "parent_id": str(tree["province"].id)},
    )
    assert province_with_parent.status_code == 422
    agency = await client.post(
        "/api/v1/units",
        json={
            "code": "UBND-HA",
            "name": "UBND xã Hòa An",
            "kind": "agency",
            "parent_id": str(tree["commune"].id),
            "electronic_id": "000.00.01.H22",
        },
    )
    assert agency.status_code == 201
    missing_parent = await client.post(
        "/api/v1/units",
        json={"code": "V2", "name": "Thôn Y", "kind": "village", "parent_id": str(uuid.uuid4())},
    )
    assert missing_parent.status_code == 422
    assert missing_parent.json()["code"] == "parent_not_found"


async def test_subtree_children_ancestors_and_tree(client: httpx.AsyncClient, session: AsyncSession) -> None:
    tree = await create_tree(session)
    within = await client.get(
        "/api/v1/units", params={"within_unit_id": str(tree["province"].id), "include_total": True}
    )
    names = {u["name"] for u in within.json()["items"]}
    assert names == {"Tỉnh Cao Bằng Thử", "Phường Thục Phán", "Xã Hòa An", "Xóm Nà Cạn", "Xóm Bản Chang"}
    assert within.json()["total"] == 5

    children = await client.get(f"/api/v1/units/{tree['commune'].id}/children")
    assert [u["name"] for u in children.json()["items"]] == ["Xóm Bản Chang", "Xóm Nà Cạn"]

    ancestors = await client.get(f"/api/v1/units/{tree['village_a'].id}/ancestors")
    assert [u["name"] for u in ancestors.json()] == ["Tỉnh Cao Bằng Thử", "Xã Hòa An"]

    node = (
        await client.get("/api/v1/units/tree", params={"root_id": str(tree["province"].id), "depth": 2})
    ).json()[0]
    assert node["has_children"] is True
    commune = next(c for c in node["children"] if c["name"] == "Xã Hòa An")
    assert [v["name"] for v in commune["children"]] == ["Xóm Bản Chang", "Xóm Nà Cạn"]
    ward = next(c for c in node["children"] if c["name"] == "Phường Thục Phán")
    assert ward["has_children"] is False
    assert ward["children"] == []

    roots = (await client.get("/api/v1/units/tree", params={"depth": 0})).json()
    assert {"Tỉnh Cao Bằng Thử", "Tỉnh Lạng Sơn Thử"} <= {r["name"] for r in roots}
    assert all(r["children"] is None for r in roots)


async def test_move_keeps_subtree_consistent_and_refuses_cycles(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    tree = await create_tree(session)
    commune_id = str(tree["commune"].id)
    etag = (await client.get(f"/api/v1/units/{tree['village_a'].id}")).headers["etag"]
    moved = await client.patch(f"/api/v1/units/{commune_id}", json={"parent_id": str(tree["other"].id)})
    assert moved.status_code == 200, moved.text
    in_other = await client.get("/api/v1/units", params={"within_unit_id": str(tree["other"].id)})
    assert {"Xã Hòa An", "Xóm Nà Cạn", "Xóm Bản Chang"} <= {u["name"] for u in in_other.json()["items"]}
    in_first = await client.get("/api/v1/units", params={"within_unit_id": str(tree["province"].id)})
    assert "Xóm Nà Cạn" not in {u["name"] for u in in_first.json()["items"]}
    ancestors = await client.get(f"/api/v1/units/{tree['village_a'].id}/ancestors")
    assert [u["name"] for u in ancestors.json()] == ["Tỉnh Lạng Sơn Thử", "Xã Hòa An"]
    village = await client.get(f"/api/v1/units/{tree['village_a'].id}")
    assert village.headers["etag"] != etag, "a moved descendant's representation changed"

    # A commune cannot go under its own village, nor a province under anything.
    cycle = await client.patch(f"/api/v1/units/{commune_id}", json={"parent_id": str(tree["village_a"].id)})
    assert cycle.status_code == 422
    assert cycle.json()["code"] == "invalid_parent_kind"
    agency = await create_unit(
        session, code="AG1", name="Cơ quan A", kind="agency", parent_id=tree["commune"].id
    )
    sub = await create_unit(session, code="AG2", name="Phòng B", kind="agency", parent_id=agency.id)
    loop = await client.patch(f"/api/v1/units/{agency.id}", json={"parent_id": str(sub.id)})
    assert loop.status_code == 409
    assert loop.json()["code"] == "unit_cycle"
    itself = await client.patch(f"/api/v1/units/{agency.id}", json={"parent_id": str(agency.id)})
    assert itself.status_code == 409


async def test_diacritics_insensitive_search(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await create_tree(session)
    for query in ("thuc phan", "THỤC PHÁN", "phường thục", "Thuc  Phan"):
        found = await client.get("/api/v1/units", params={"q": query})
        assert [u["name"] for u in found.json()["items"]] == ["Phường Thục Phán"], query
    assert (await client.get("/api/v1/units", params={"q": "cao bang thu"})).json()["items"][0][
        "name"
    ] == "Tỉnh Cao Bằng Thử"
    # Đ folds to d; LIKE wildcards in the query are literal.
    await create_unit(session, name="Xã Đồng Đăng", kind="commune", parent_id=(await create_unit(session)).id)
    assert len((await client.get("/api/v1/units", params={"q": "dong dang"})).json()["items"]) == 1
    assert (await client.get("/api/v1/units", params={"q": "%"})).json()["items"] == []


async def test_pagination_sees_every_row_once(client: httpx.AsyncClient, session: AsyncSession) -> None:
    province = await create_unit(session)
    for i in range(23):
        # Repeated names make the id tie-breaker matter.
        await create_unit(session, name=f"Xã Trùng Tên {i % 4}", kind="commune", parent_id=province.id)
    for sort in ("name", "-name", "code", "-created_at,name", "kind,-code"):
        seen: list[str] = []
        cursor = None
        pages = 0
        while True:
            params: dict[str, str | int] = {"parent_id": str(province.id), "limit": 5, "sort": sort}
            if cursor:
                params["cursor"] = cursor
            page = (await client.get("/api/v1/units", params=params)).json()
            seen.extend(u["id"] for u in page["items"])
            pages += 1
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert len(seen) == 23 and len(set(seen)) == 23, sort
        assert pages == 5, sort


async def test_bad_cursor_and_sort_are_client_errors(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    province = await create_unit(session)
    for i in range(3):
        await create_unit(session, kind="commune", parent_id=province.id, name=f"Xã {i}")
    first = (await client.get("/api/v1/units", params={"limit": 1})).json()
    cursor = first["next_cursor"]
    body, signature = cursor.split(".")
    tampered = body[:-2] + ("A" if body[-2] != "A" else "B") + body[-1] + "." + signature
    for bad in ("garbage", "abc.def", tampered, cursor + "x"):
        response = await client.get("/api/v1/units", params={"limit": 1, "cursor": bad})
        assert response.status_code == 400, bad
        assert response.json()["code"] == "invalid_cursor"
    other_sort = await client.get("/api/v1/units", params={"limit": 1, "cursor": cursor, "sort": "code"})
    assert other_sort.status_code == 400
    unknown = await client.get("/api/v1/units", params={"sort": "path"})
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "sort"
    too_many = await client.get("/api/v1/units", params={"limit": 100000})
    assert too_many.status_code == 422
    assert too_many.json()["errors"][0] == {
        "in": "query",
        "field": "limit",
        "code": "less_than_equal",
        "message": "Input should be less than or equal to 500",
    }
    unknown_param = await client.get("/api/v1/units", params={"within": "x"})
    assert unknown_param.status_code == 422


async def test_retire_and_delete_rules(client: httpx.AsyncClient, session: AsyncSession) -> None:
    tree = await create_tree(session)
    busy = await client.post(
        f"/api/v1/units/{tree['commune'].id}/retire", json={"effective_date": "2026-01-01"}
    )
    assert busy.status_code == 409
    assert busy.json()["code"] == "unit_has_active_children"
    future = await client.post(
        f"/api/v1/units/{tree['village_a'].id}/retire", json={"effective_date": "2999-01-01"}
    )
    assert future.status_code == 422
    assert future.json()["code"] == "date_in_future"
    retired = await client.post(
        f"/api/v1/units/{tree['village_a'].id}/retire", json={"effective_date": "2026-01-01"}
    )
    assert retired.json()["valid_to"] == "2026-01-01"
    again = await client.post(
        f"/api/v1/units/{tree['village_a'].id}/retire", json={"effective_date": "2026-01-01"}
    )
    assert again.status_code == 409
    assert again.json()["code"] == "unit_retired"
    active = await client.get(f"/api/v1/units/{tree['commune'].id}/children")
    assert [u["name"] for u in active.json()["items"]] == ["Xóm Bản Chang"]
    everything = await client.get(
        f"/api/v1/units/{tree['commune'].id}/children", params={"include_retired": True}
    )
    assert len(everything.json()["items"]) == 2
    as_of = await client.get(
        "/api/v1/units", params={"parent_id": str(tree["commune"].id), "as_of": "2025-12-31"}
    )
    assert len(as_of.json()["items"]) == 2

    has_children = await client.delete(f"/api/v1/units/{tree['commune'].id}")
    assert has_children.status_code == 409
    assert has_children.json()["code"] == "unit_has_children"
    stale = await client.delete(f"/api/v1/units/{tree['village_b'].id}", headers={"If-Match": '"v999"'})
    assert stale.status_code == 412
    gone = await client.delete(f"/api/v1/units/{tree['village_b'].id}")
    assert gone.status_code == 204
    assert (await client.get(f"/api/v1/units/{tree['village_b'].id}")).status_code == 404


async def test_external_ref_lookup_and_uniqueness(client: httpx.AsyncClient, session: AsyncSession) -> None:
    unit = await create_unit(session, external_ref={"source": "motcua", "id": "A-1"})
    found = await client.get("/api/v1/units", params={"external_source": "motcua", "external_id": "A-1"})
    assert [u["id"] for u in found.json()["items"]] == [str(unit.id)]
    dup = await client.post(
        "/api/v1/units",
        json={
            "code": "ZZ1",
            "name": "Tỉnh Z",
            "kind": "province",
            "external_ref": {"source": "motcua", "id": "A-1"},
        },
    )
    assert dup.status_code == 409
    assert dup.json()["code"] == "duplicate_external_ref"


async def test_only_a_nationwide_principal_places_a_unit_at_the_top(
    client: httpx.AsyncClient,
    anonymous_second: httpx.AsyncClient,
    backend: Backend,
    session: AsyncSession,
) -> None:
    """A unit without a parent lies outside every jurisdiction but the whole country's: a provincial
    administrator or key may not create one, move one there, or make one by a reorganization."""
    province = await create_unit(session)
    agency = await create_unit(session, code="A.01", name="Sở Thử", kind="agency", parent_id=province.id)
    other = await create_unit(session, code="A.02", name="Ban Thử", kind="agency", parent_id=province.id)
    provincial = await create_user(session, username="admin-tinh", roles=["admin"], unit_id=province.id)
    secret = "k" * 43
    session.add(
        ApiKey(
            id=uuid.uuid4(),
            name="Hệ thống tỉnh",
            prefix="kkkkkkkk",
            key_hash=digest(secret),
            unit_id=province.id,
            scopes=["units:read", "units:write"],
        )
    )
    await session.flush()
    as_admin = {"Authorization": f"Bearer {access_token(backend.settings, provincial)}"}
    as_key = {"X-API-Key": f"qcdc_kkkkkkkk_{secret}"}

    def nationwide_only(response: httpx.Response) -> None:
        assert response.status_code == 403, response.text
        assert response.headers["content-type"] == PROBLEM
        assert response.json()["code"] == "nationwide_only"

    for headers in (as_admin, as_key):
        for kind, code in (("province", "T9901"), ("agency", "A.09")):
            body = {"code": code, "name": "Ở trên cùng", "kind": kind, "parent_id": None}
            nationwide_only(await anonymous_second.post("/api/v1/units", json=body, headers=headers))
        nationwide_only(
            await anonymous_second.patch(
                f"/api/v1/units/{agency.id}", json={"parent_id": None}, headers=headers
            )
        )
        split = {
            "kind": "split",
            "effective_date": "2026-01-01",
            "legal_basis": "Quyết định thử",
            "predecessor_ids": [str(agency.id)],
            "successors": [
                {"new": {"code": "A.11", "name": "Sở Một", "kind": "agency", "parent_id": str(province.id)}},
                {"new": {"code": "A.12", "name": "Sở Hai", "kind": "agency", "parent_id": None}},
            ],
        }
        nationwide_only(await anonymous_second.post(URL_REORGS, json=split, headers=headers))
        merge = {
            "kind": "merge",
            "effective_date": "2026-01-01",
            "legal_basis": "Quyết định thử",
            "predecessor_ids": [str(agency.id), str(other.id)],
            "successors": [{"new": {"code": "A.13", "name": "Sở Gộp", "kind": "agency", "parent_id": None}}],
        }
        nationwide_only(await anonymous_second.post(URL_REORGS, json=merge, headers=headers))
    await session.refresh(agency)
    assert agency.parent_id == province.id and agency.status == "active"

    # Inside the jurisdiction nothing changes, and the whole country's administrator still may.
    inside = {"code": "A.03", "name": "Phòng Thử", "kind": "agency", "parent_id": str(province.id)}
    assert (await anonymous_second.post("/api/v1/units", json=inside, headers=as_admin)).status_code == 201
    top = {"code": "A.04", "name": "Bộ Thử", "kind": "agency", "parent_id": None}
    assert (await client.post("/api/v1/units", json=top)).status_code == 201
    moved = await client.patch(f"/api/v1/units/{other.id}", json={"parent_id": None})
    assert moved.status_code == 200 and moved.json()["parent_id"] is None
