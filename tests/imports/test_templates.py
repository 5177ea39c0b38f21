"""GET /imports/templates/{resource}.xlsx: the template has the mapping's headers, drop-down lists
and an example row, explains each column, and imports exactly as it is produced."""

import io
import uuid
import zipfile
from typing import Any

import httpx
import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

import api.imports.jobs  # noqa: F401 - registers the import kind
from api.core.db import Database
from api.core.importing import bind
from api.imports.readers import Limits, decode
from api.imports.service import mapping_for
from api.imports.templates import DATA_SHEET, HELP_SHEET
from api.jobs import queue, runner
from api.units.models import Unit
from tests.conftest import Backend
from tests.factories import access_token, create_unit, create_user

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
async def importer(
    backend: Backend, anonymous: httpx.AsyncClient, session: AsyncSession
) -> httpx.AsyncClient:
    province = await create_unit(session, name="Tỉnh Mẫu Thử", code="M01")
    # The parent the template's example row names.
    await create_unit(session, name="Xã Mẫu", kind="commune", code="01273", parent_id=province.id)
    user = await create_user(session, roles=["admin"], unit_id=province.id)
    anonymous.headers["Authorization"] = f"Bearer {access_token(backend.settings, user)}"
    return anonymous


async def _template(client: httpx.AsyncClient) -> bytes:
    answer = await client.get("/api/v1/imports/templates/units.xlsx")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == XLSX
    assert answer.headers["content-disposition"].startswith("attachment;")
    return answer.content


async def test_the_template_has_the_headers_lists_an_example_and_its_help(
    importer: httpx.AsyncClient,
) -> None:
    data = await _template(importer)
    mapping = mapping_for("units")
    assert mapping is not None
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    assert book.sheet_names == [DATA_SHEET, HELP_SHEET]
    rows = book.get_sheet_by_name(DATA_SHEET).to_python()
    assert rows[0] == [c.header_vi for c in mapping.columns]
    assert rows[1][0] == "0127305"
    explained = book.get_sheet_by_name(HELP_SHEET).to_python()
    assert [row[1] for row in explained[1:]] == [c.header_en for c in mapping.columns]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert sheet.count("<dataValidation ") == 2  # the kind and the remote-area flag
    assert "residential_group" in sheet
    decoded = decode(data, Limits(10, 10**8))
    bound = bind(mapping, decoded.headers)
    assert (bound.ignored, bound.missing, decoded.total) == ([], [], 1)


async def test_the_template_imports_as_it_is_produced(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def enqueue(*_: Any) -> None:
        return None

    monkeypatch.setattr(queue, "enqueue", enqueue)
    data = await _template(importer)
    submitted = await importer.post(
        "/api/v1/imports", files={"file": ("mau.xlsx", data)}, data={"resource": "units"}
    )
    assert submitted.status_code == 202, submitted.text
    await runner.run(database, backend.settings, uuid.UUID(submitted.json()["id"]))
    job = (await importer.get(f"/api/v1/jobs/{submitted.json()['id']}")).json()
    assert (job["state"], job["result"]["created"], job["result"]["errors"]) == ("succeeded", 1, []), job
    unit = await session.scalar(select(Unit).where(Unit.code == "0127305"))
    assert unit is not None and (unit.name, unit.kind, unit.remote_area) == (
        "Thôn Bản Giới",
        "village",
        False,
    )


async def test_an_unknown_resource_has_no_template(importer: httpx.AsyncClient) -> None:
    answer = await importer.get("/api/v1/imports/templates/spaceships.xlsx")
    assert (answer.status_code, answer.json()["code"]) == (404, "unknown_import_resource")
