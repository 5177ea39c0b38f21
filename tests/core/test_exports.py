"""Every list as a file (api/core/exports.py): each list route, discovered from the app, exported in
each format after a denunciation was received, parses back to the JSON list's items and holds no
trace of the denouncer; a commune's export holds only its subtree; formulas are neutralised; a bad
format, a bad filter and a too large export are problems."""

import csv
import io
import json
import re
from collections.abc import AsyncIterator
from datetime import date, datetime, timedelta
from typing import Any

import httpx
import pytest
from pydantic import BaseModel
from python_calamine import CalamineWorkbook
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import User
from api.core import clock
from api.core.db import Database
from api.core.exports import EXPORTABLE, _at, columns, label, neutralised, text_cell
from api.core.openapi import api_routes
from api.core.schemas import Page
from api.main import create_app
from tests.auth.test_access import World
from tests.conftest import Backend, app_client
from tests.factories import access_token, create_petition, create_user
from tests.petitions.conftest import move, receive
from tests.petitions.test_confidentiality import DENOUNCER, leaks

FORMATS = ("csv", "xlsx", "ndjson")


def list_routes() -> list[tuple[str, str, type[BaseModel]]]:
    """(operation id, path, item schema) of every GET answering a `Page`."""
    found = []
    for route in api_routes(create_app(spa_dist=None)):
        model = route.response_model
        if isinstance(model, type) and issubclass(model, Page):
            item = model.__pydantic_generic_metadata__["args"][0]
            found.append((str(route.operation_id), route.path, item))
    return found


LISTS = list_routes()


def url_of(path: str, world: World) -> str:
    params = {**world.params(), "unit_id": world.commune_b.id}
    path = re.sub(r":\w+\}", "}", path)
    return re.sub(r"\{(\w+)\}", lambda m: str(params[m.group(1)]), path)


@pytest.fixture
async def world(session: AsyncSession) -> World:
    return await World(session).build()


@pytest.fixture
async def holder(session: AsyncSession) -> User:
    """A nationwide administrator who may also read denouncers: everything is visible to it."""
    return await create_user(
        session, username="export-holder", roles=["admin"], grants=["petitions:confidential"], unit_id=None
    )


@pytest.fixture
async def holder_client(
    backend: Backend, database: Database, holder: User
) -> AsyncIterator[httpx.AsyncClient]:
    headers = {"Authorization": f"Bearer {access_token(backend.settings, holder)}"}
    async with app_client(backend.settings, database, headers) as c:
        yield c


async def json_items(client: httpx.AsyncClient, url: str, params: dict[str, str] | None = None) -> list[Any]:
    """Every item of a list, page after page."""
    items: list[Any] = []
    cursor = None
    while True:
        query = {**(params or {}), "limit": "2"}
        if cursor:
            query["cursor"] = cursor
        r = await client.get(url, params=query)
        assert r.status_code == 200, r.text
        items.extend(r.json()["items"])
        cursor = r.json()["next_cursor"]
        if cursor is None:
            return items


async def export(client: httpx.AsyncClient, url: str, fmt: str, **params: str) -> httpx.Response:
    r = await client.get(url, params={"format": fmt, **params})
    assert r.status_code == 200, r.text
    return r


def xlsx_rows(content: bytes) -> list[list[Any]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    rows: list[list[Any]] = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    return rows


def xlsx_expected(value: Any) -> Any:
    """What a cell of the workbook reads back as, from the item's Python value."""
    match value:
        case None:
            return ""
        case bool():
            return value
        case int() | float():
            return float(value)
        case datetime():
            return value.astimezone(clock.VIETNAM).replace(tzinfo=None)
        case date():
            return value
        case _:
            return text_cell(value) if not hasattr(value, "value") else str(value.value)


def same_cell(read: Any, expected: Any) -> bool:
    """A cell read back is the value written: a time to Excel's precision (a fraction of a day)."""
    if isinstance(expected, datetime) and isinstance(read, datetime):
        return abs(read - expected) <= timedelta(milliseconds=2)
    if isinstance(expected, date) and isinstance(read, datetime):
        return read == datetime(expected.year, expected.month, expected.day)
    return bool(read == expected and type(read) is type(expected))


def test_every_list_is_exportable() -> None:
    """A list route forgetting `@exportable` fails here, not in an official's hands; and no route
    takes `format` (every `PageQuery` does) without answering files."""
    app = create_app(spa_dist=None)
    lists = {op for op, _, _ in LISTS}
    assert len(lists) >= 17
    spec = app.openapi()
    with_format = {
        op["operationId"]
        for item in spec["paths"].values()
        for op in item.values()
        if any(p["name"] == "format" for p in op.get("parameters", []))
    }
    assert with_format == lists
    for route in api_routes(app):
        if route.operation_id in lists:
            assert getattr(route.endpoint, EXPORTABLE, False), f"{route.operation_id}: add @exportable"


@pytest.mark.parametrize(("operation", "path", "item"), LISTS, ids=[op for op, _, _ in LISTS])
async def test_every_list_exports_its_items_and_no_denouncer(
    holder_client: httpx.AsyncClient,
    world: World,
    operation: str,
    path: str,
    item: type[BaseModel],
) -> None:
    await move(holder_client, (await denunciation(holder_client, world)), "accept", decision_number="03/QĐ")
    sent = await holder_client.post(
        f"/api/v1/committees/{world.committee_b.id}/recommendations",
        json={
            "content": "=Công khai dự toán",
            "addressee_unit_id": str(world.commune_b.id),
            "sent_on": "2026-10-01",
        },
    )
    assert sent.status_code == 201, sent.text
    url = url_of(path, world)
    expected = await json_items(holder_client, url)
    assert expected, f"{operation}: the world has nothing to list"
    cols = columns(item)
    resource = operation.removesuffix("-list")

    ndjson = await export(holder_client, url, "ndjson")
    assert ndjson.headers["content-type"].startswith("application/x-ndjson")
    assert [json.loads(line) for line in ndjson.text.splitlines()] == expected
    assert not leaks(ndjson.text)

    text = await export(holder_client, url, "csv")
    assert text.headers["content-type"].startswith("text/csv")
    assert text.headers["content-disposition"] == f'attachment; filename="{resource}-20261126.csv"'
    assert text.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(text.content.decode("utf-8-sig"), newline="")))
    assert rows[0] == [".".join(c) for c in cols]
    assert rows[1:] == [[text_cell(_at(found, c)) for c in cols] for found in expected]
    assert not leaks(text.content.decode("utf-8-sig"))

    book = await export(holder_client, url, "xlsx")
    assert book.headers["content-disposition"].endswith(f'{resource}-20261126.xlsx"')
    sheet = xlsx_rows(book.content)
    assert sheet[0] == [label(".".join(c)) for c in cols]
    computed = set(item.model_computed_fields)
    models = [
        item.model_validate({k: v for k, v in found.items() if k not in computed}).model_dump(by_alias=True)
        for found in expected
    ]
    assert len(sheet) == len(models) + 1
    for row, model in zip(sheet[1:], models, strict=True):
        for value, c in zip(row, cols, strict=True):
            assert same_cell(value, xlsx_expected(_at(model, c))), f"{operation} {c}: {value!r}"
    assert not leaks(" ".join(str(v) for row in sheet for v in row))


async def denunciation(client: httpx.AsyncClient, world: World) -> str:
    p = await receive(
        client,
        world.commune_b,
        kind="denunciation",
        subject="Tố cáo cán bộ địa chính nhận tiền",
        content="Người tố cáo phản ánh cán bộ địa chính xã nhận tiền.",
        category="officials_conduct",
        petitioners=[DENOUNCER],
    )
    return str(p["id"])


@pytest.mark.parametrize("fmt", FORMATS)
async def test_a_commune_exports_only_its_subtree(
    backend: Backend, database: Database, world: World, fmt: str
) -> None:
    """Officer A's files of every list without a path hold nothing of sibling commune B."""
    headers = {"Authorization": f"Bearer {access_token(backend.settings, world.admin_a)}"}
    await create_petition(world.session, world.commune_a, subject="Khiếu nại của xã A")
    async with app_client(backend.settings, database, headers) as a:
        for operation, path, _ in LISTS:
            if "{" in path:
                continue
            r = await export(a, path, fmt)
            content = r.content.decode("utf-8-sig") if fmt != "xlsx" else str(xlsx_rows(r.content))
            foreign = [i for i in world.foreign_ids() if i in content]
            assert not foreign, f"{operation}: {foreign}"
        units = await export(a, "/api/v1/units", fmt)
        content = units.content.decode("utf-8-sig") if fmt != "xlsx" else str(xlsx_rows(units.content))
        assert str(world.village_a.id) in content
        petitions = await export(a, "/api/v1/petitions", fmt)
        content = (
            petitions.content.decode("utf-8-sig") if fmt != "xlsx" else str(xlsx_rows(petitions.content))
        )
        assert "Khiếu nại của xã A" in content


async def test_the_filters_and_sort_of_the_list_apply(holder_client: httpx.AsyncClient, world: World) -> None:
    params = {"within_unit_id": str(world.commune_b.id), "sort": "-received_on"}
    expected = await json_items(holder_client, "/api/v1/petitions", params)
    r = await export(holder_client, "/api/v1/petitions", "ndjson", **params)
    assert [json.loads(line) for line in r.text.splitlines()] == expected
    assert {p["receiving_unit"]["id"] for p in expected} == {str(world.commune_b.id)}


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("text/csv", "text/csv"),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.openxml"),
        ("application/x-ndjson", "application/x-ndjson"),
        ("application/x-ndjson, application/json", "application/x-ndjson"),
        ("text/csv;q=0.5, application/json", "application/json"),
        ("text/csv;q=0", "application/json"),
        ("*/*", "application/json"),
        ("application/json", "application/json"),
    ],
)
async def test_accept_chooses_the_format(client: httpx.AsyncClient, accept: str, media: str) -> None:
    r = await client.get("/api/v1/units", headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(media)


async def test_format_beats_accept(client: httpx.AsyncClient) -> None:
    r = await client.get("/api/v1/units", params={"format": "json"}, headers={"Accept": "text/csv"})
    assert r.headers["content-type"].startswith("application/json")


async def test_formulas_are_neutralised(
    holder_client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    await create_petition(session, world.commune_a, subject='=HYPERLINK("http://x.invalid","bấm")')
    await create_petition(session, world.commune_a, subject="@SUM(1+1)")
    params = {"within_unit_id": str(world.commune_a.id)}
    text = (await export(holder_client, "/api/v1/petitions", "csv", **params)).content.decode("utf-8-sig")
    subjects = {row["subject"] for row in csv.DictReader(io.StringIO(text))}
    assert {'\'=HYPERLINK("http://x.invalid","bấm")', "'@SUM(1+1)"} <= subjects
    book = await export(holder_client, "/api/v1/petitions", "xlsx", **params)
    sheet = xlsx_rows(book.content)
    column = sheet[0].index(label("subject"))
    cells = {row[column] for row in sheet[1:]}
    assert {'\'=HYPERLINK("http://x.invalid","bấm")', "'@SUM(1+1)"} <= cells
    # Written as strings: the workbook holds no formula at all.
    assert b"<f>" not in _sheet_xml(book.content)
    # NDJSON is data, not a spreadsheet: the JSON list's text, unchanged.
    lines = (await export(holder_client, "/api/v1/petitions", "ndjson", **params)).text.splitlines()
    assert "@SUM(1+1)" in {json.loads(line)["subject"] for line in lines}


def _sheet_xml(content: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return z.read("xl/worksheets/sheet1.xml")


def test_neutralised() -> None:
    for text in ("=1+1", "+A1", "-1+2", "-2-cmd", "@A1", "\tx", "\rx", "-"):
        assert neutralised(text) == "'" + text
    assert neutralised("-5.25") == "-5.25"  # a number, which no spreadsheet runs
    assert neutralised("Xã Hòa An") == "Xã Hòa An"
    assert text_cell(-5) == "-5"  # a number is no formula
    assert text_cell(["=a", "b"]) == "'=a; b"
    assert text_cell(True) == "true"
    assert text_cell(None) == ""


async def test_an_unknown_format_is_a_problem(client: httpx.AsyncClient) -> None:
    r = await client.get("/api/v1/units", params={"format": "pdf"})
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["code"] == "validation_failed"
    assert [(e["field"], e["code"]) for e in r.json()["errors"]] == [("format", "unsupported_format")]


async def test_a_filter_error_is_the_lists_own(client: httpx.AsyncClient) -> None:
    page = await client.get("/api/v1/petitions", params={"sort": "nope"})
    file = await client.get("/api/v1/petitions", params={"sort": "nope", "format": "csv"})
    assert page.status_code == file.status_code == 422
    assert page.json()["code"] == file.json()["code"] == "invalid_sort"


async def test_a_too_large_export_is_refused(
    backend: Backend, database: Database, admin: User, world: World
) -> None:
    """Counted by the list's own count before anything is written; the JSON page is not limited."""
    settings = backend.settings.model_copy(update={"export_sync_max_rows": 2})
    headers = {"Authorization": f"Bearer {access_token(backend.settings, admin)}"}
    async with app_client(settings, database, headers) as c:
        r = await c.get("/api/v1/units", params={"format": "csv"})
        assert r.status_code == 422, r.text
        assert r.json()["code"] == "export_too_large"
        assert (await c.get("/api/v1/units")).status_code == 200
        small = await c.get(
            "/api/v1/units", params={"format": "csv", "within_unit_id": str(world.village_a.id)}
        )
        assert small.status_code == 200, small.text
