"""Exports too large for a request, run as a job (api/exports/): the job walks the asker's list as
the asker — its filters, sort and jurisdiction — into a file downloaded from the job; the list's
own refusals come at submission; a denouncer never appears; another principal's file is a 404."""

import csv
import io
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy.ext.asyncio import AsyncSession

import api.exports.jobs  # noqa: F401 - registers the export kind
from api.core.db import Database
from api.core.settings import Settings
from api.jobs import queue, runner
from api.jobs.models import JobState
from tests.auth.test_access import World
from tests.conftest import Backend, app_client
from tests.core.test_exports import denunciation, json_items
from tests.factories import access_token, create_unit, create_user
from tests.petitions.test_confidentiality import leaks

# A request answers two rows as a file; more is a job's.
SMALL = {"export_sync_max_rows": 2}


@pytest.fixture(autouse=True)
def no_queue(monkeypatch: pytest.MonkeyPatch) -> None:
    """Jobs are run by the test itself (`runner.run`), not by a worker."""

    async def enqueue(settings: Settings, job_id: uuid.UUID) -> None:
        return None

    monkeypatch.setattr(queue, "enqueue", enqueue)


@pytest.fixture
async def world(session: AsyncSession) -> World:
    return await World(session).build()


@pytest.fixture
def settings(backend: Backend) -> Settings:
    return backend.settings.model_copy(update=SMALL)


async def client_of(settings: Settings, database: Database, user: Any) -> AsyncIterator[httpx.AsyncClient]:
    headers = {"Authorization": f"Bearer {access_token(settings, user)}"}
    async with app_client(settings, database, headers) as c:
        yield c


@pytest.fixture
async def admin_a(settings: Settings, database: Database, world: World) -> AsyncIterator[httpx.AsyncClient]:
    """Commune A's admin, whose commune has four villages: more than a request exports."""
    for n in (2, 3, 4):
        await create_unit(world.session, name=f"Thôn A{n}", kind="village", parent_id=world.commune_a.id)
    async for c in client_of(settings, database, world.admin_a):
        yield c


@pytest.fixture
async def holder_client(
    settings: Settings, database: Database, session: AsyncSession
) -> AsyncIterator[httpx.AsyncClient]:
    """A nationwide administrator who may also read denouncers: only the export can hide them."""
    holder = await create_user(
        session,
        username="export-job-holder",
        roles=["admin"],
        grants=["petitions:confidential"],
        unit_id=None,
    )
    async for c in client_of(settings, database, holder):
        yield c


@pytest.fixture
async def officer_b(settings: Settings, database: Database, world: World) -> AsyncIterator[httpx.AsyncClient]:
    async for c in client_of(settings, database, world.user_b):
        yield c


async def export_by_job(
    client: httpx.AsyncClient, database: Database, settings: Settings, list_url: str, fmt: str
) -> tuple[dict[str, Any], bytes]:
    """Submit, run and download an export job: the finished job and its file."""
    r = await client.post("/api/v1/exports", json={"list": list_url, "format": fmt})
    assert r.status_code == 202, r.text
    job_id = r.json()["id"]
    assert r.headers["Location"] == f"/api/v1/jobs/{job_id}"
    assert await runner.run(database, settings, uuid.UUID(job_id)) == JobState.SUCCEEDED
    job = (await client.get(f"/api/v1/jobs/{job_id}")).json()
    file = await client.get(job["result"]["download"])
    assert file.status_code == 200, file.text
    return job, file.content


def rows_of(content: bytes, fmt: str) -> list[dict[str, Any]]:
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    if fmt == "ndjson":
        return [json.loads(line) for line in content.decode().splitlines() if line]
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()
    return [dict(zip(map(str, sheet[0]), row, strict=True)) for row in sheet[1:]]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ndjson"])
async def test_a_list_too_large_for_a_request_is_exported_by_a_job_as_its_asker(
    admin_a: httpx.AsyncClient, database: Database, settings: Settings, world: World, fmt: str
) -> None:
    """Commune A's admin: the request refuses the file; the job's file holds the list the admin's
    pages hold (commune A and its village, nothing of commune B), in the list's sort."""
    url = "/api/v1/units?sort=-code"
    refused = await admin_a.get(url, params={"format": fmt})
    assert refused.status_code == 422 and refused.json()["code"] == "export_too_large", refused.text
    assert "/api/v1/exports" in refused.json()["detail"]
    shown = await json_items(admin_a, "/api/v1/units", {"sort": "-code"})
    assert len(shown) > SMALL["export_sync_max_rows"]

    job, content = await export_by_job(admin_a, database, settings, url, fmt)

    rows = rows_of(content, fmt)
    code = "code" if fmt != "xlsx" else "Mã"
    assert [str(r[code]) for r in rows] == [u["code"] for u in shown]
    assert str(world.commune_b.code) not in {str(r[code]) for r in rows}
    assert job["result"]["rows"] == len(shown)
    assert job["progress"] == {"done": len(shown), "total": len(shown)}
    assert job["result"]["filename"].endswith(f".{fmt}") and job["result"]["size"] == len(content)
    assert "storage_key" not in json.dumps(job)


async def test_the_filters_of_the_page_are_the_files(
    admin_a: httpx.AsyncClient, database: Database, settings: Settings, world: World
) -> None:
    url = f"/api/v1/units?kind=village&kind=commune&within_unit_id={world.commune_a.id}&limit=1&format=xlsx"
    _, content = await export_by_job(admin_a, database, settings, url, "csv")
    shown = await json_items(
        admin_a, "/api/v1/units", {"kind": "village", "within_unit_id": str(world.commune_a.id)}
    )
    kinds = {r["kind"] for r in rows_of(content, "csv")}
    assert kinds <= {"village", "commune"} and len(rows_of(content, "csv")) >= len(shown)


async def test_another_principal_never_gets_the_file(
    admin_a: httpx.AsyncClient, officer_b: httpx.AsyncClient, database: Database, settings: Settings
) -> None:
    r = await admin_a.post("/api/v1/exports", json={"list": "/api/v1/units", "format": "csv"})
    job_id = r.json()["id"]
    early = await admin_a.get(f"/api/v1/exports/{job_id}/file")
    assert (early.status_code, early.json()["code"]) == (409, "export_not_ready")
    await runner.run(database, settings, uuid.UUID(job_id))
    foreign = await officer_b.get(f"/api/v1/exports/{job_id}/file")
    assert (foreign.status_code, foreign.json()["code"]) == (404, "job_not_found")
    assert (await admin_a.get(f"/api/v1/exports/{job_id}/file")).status_code == 200
    missing = await admin_a.get(f"/api/v1/exports/{uuid.uuid4()}/file")
    assert missing.status_code == 404


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"list": "/api/v1/units/{unit}", "format": "csv"}, 422, "not_exportable"),
        ({"list": "/api/v1/nothing-here", "format": "csv"}, 422, "not_exportable"),
        ({"list": "https://evil.example/api/v1/units", "format": "csv"}, 422, "validation_failed"),
        ({"list": "/api/v1/units", "format": "pdf"}, 422, "validation_failed"),
        ({"list": "/api/v1/units?status=bogus", "format": "csv"}, 422, "validation_failed"),
        ({"list": "/api/v1/audit-events", "format": "csv"}, 403, "permission_denied"),
    ],
)
async def test_the_lists_refusals_come_at_submission(
    officer_b: httpx.AsyncClient, world: World, body: dict[str, str], status: int, code: str
) -> None:
    body = {**body, "list": body["list"].replace("{unit}", str(world.commune_b.id))}
    r = await officer_b.post("/api/v1/exports", json=body)
    assert (r.status_code, r.json()["code"]) == (status, code), r.text
    assert (await officer_b.get("/api/v1/jobs", params={"kind": "export"})).json()["items"] == []


async def test_a_job_too_large_even_for_a_job_is_refused(
    backend: Backend, database: Database, world: World
) -> None:
    tight = backend.settings.model_copy(update={**SMALL, "export_job_max_rows": 1})
    async for c in client_of(tight, database, world.admin_a):
        r = await c.post("/api/v1/exports", json={"list": "/api/v1/units", "format": "csv"})
        assert (r.status_code, r.json()["code"]) == (422, "export_too_large"), r.text


async def test_an_export_job_never_holds_a_denouncer(
    holder_client: httpx.AsyncClient,
    database: Database,
    settings: Settings,
    world: World,
) -> None:
    for _ in range(3):
        await denunciation(holder_client, world)
    for fmt in ("csv", "xlsx", "ndjson"):
        job, content = await export_by_job(holder_client, database, settings, "/api/v1/petitions", fmt)
        assert job["result"]["rows"] >= 3
        text = (
            content.decode("utf-8-sig") if fmt != "xlsx" else json.dumps(rows_of(content, fmt), default=str)
        )
        assert leaks(text) == [], fmt
