"""`qcdc jobs`, as a script runs it: locally (`--as USERNAME`: the app in the command's process, on
the server's database, with that user's rights) and remotely (`--api URL --api-key KEY`: real HTTP
to a running server). Each principal sees its own jobs only, as through the API."""

import asyncio
import socket
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import date
from typing import Any

import pytest
import uvicorn
from sqlalchemy import delete
from typer.testing import CliRunner, Result

from api.auth.models import ApiKey, User
from api.core.db import Database
from api.core.security import digest
from api.core.settings import get_settings
from api.jobs.models import Job, JobState
from api.main import create_app
from api.units.models import Unit
from tests.conftest import SECRET, TEST_TODAY, Backend
from tests.factories import create_job, create_unit, create_user


async def qcdc(*args: str) -> Result:
    from api.cli import app

    # In a thread: the command runs an event loop of its own. Wide, so ids are never cut.
    return await asyncio.to_thread(CliRunner(env={"COLUMNS": "240"}).invoke, app, list(args))


@pytest.fixture
async def committed(backend: Backend) -> AsyncIterator[list[Any]]:
    """Rows a test commits for real, deleted afterwards (jobs, keys, users, then units, children
    first), so that a later test counting rows (the whole country's provinces) sees only its own."""
    rows: list[Any] = []
    yield rows
    async with backend.engine.begin() as conn:
        for model in (Job, ApiKey, User):
            ids = [r.id for r in rows if isinstance(r, model)]
            if ids:
                await conn.execute(delete(model).where(model.id.in_(ids)))
        for unit in sorted((r for r in rows if isinstance(r, Unit)), key=lambda u: -len(u.path)):
            await conn.execute(delete(Unit).where(Unit.id == unit.id))


@pytest.fixture
async def configured(
    backend: Backend, tmp_path: Any, monkeypatch: pytest.MonkeyPatch, pin_today: Callable[[date], None]
) -> AsyncIterator[None]:
    """The command's settings name the tests' database, as a server's environment would."""
    for name, value in {
        "QCDC_ENVIRONMENT": "test",
        "QCDC_DATABASE_URL": str(backend.settings.database_url),
        "QCDC_DATA_DIR": str(tmp_path),
        "QCDC_SECRET_KEY": SECRET,
        "QCDC_LOG_LEVEL": "WARNING",
    }.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()
    pin_today(TEST_TODAY)


@pytest.fixture
async def server(backend: Backend) -> AsyncIterator[str]:
    """The app served over real HTTP on a free port, for the remote commands."""
    app = create_app(backend.settings, spa_dist=None)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    running = uvicorn.Server(config)
    serving = asyncio.create_task(running.serve(sockets=[sock]))
    while not running.started:  # noqa: ASYNC110 (uvicorn says it has started by this flag only)
        await asyncio.sleep(0.02)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    running.should_exit = True
    await serving


async def test_jobs_locally_as_a_user_and_remotely_with_a_key(
    backend: Backend, configured: None, server: str, committed: list[Any]
) -> None:
    database = Database(backend.engine)
    secret = f"s{uuid.uuid4().hex}"
    async with database.session() as s:
        province = await create_unit(s, name="Tỉnh Dòng Lệnh")
        owner = await create_user(s, roles=["officer"], unit_id=province.id)
        colleague = await create_user(s, roles=["officer"], unit_id=province.id)
        done = await create_job(
            s, owner, state=JobState.SUCCEEDED, done=300, total=300, result={"created": 297, "failed": 3}
        )
        theirs = await create_job(s, colleague)
        key = ApiKey(
            id=uuid.uuid4(),
            name="Tập lệnh tỉnh",
            prefix=uuid.uuid4().hex[:8],
            key_hash=digest(secret),
            unit_id=province.id,
            scopes=["units:read"],
        )
        s.add(key)
        await s.flush()
        scripted = await create_job(
            s, None, principal_kind="api_key", principal_id=key.id, unit_id=province.id
        )
    committed.extend([done, theirs, scripted, key, owner, colleague, province])
    api_key = f"qcdc_{key.prefix}_{secret}"

    mine = await qcdc("jobs", "--as", owner.username)
    assert mine.exit_code == 0, mine.output
    assert str(done.id) in mine.output and "succeeded" in mine.output and "300/300" in mine.output
    assert str(theirs.id) not in mine.output and str(scripted.id) not in mine.output

    one = await qcdc("jobs", str(done.id), "--as", owner.username)
    assert one.exit_code == 0, one.output
    assert "succeeded" in one.output and "297" in one.output
    refused = await qcdc("jobs", str(theirs.id), "--as", owner.username)
    assert refused.exit_code == 1 and "job_not_found" in refused.output, refused.output

    remote = await qcdc("jobs", "--api", server, "--api-key", api_key)
    assert remote.exit_code == 0, remote.output
    assert str(scripted.id) in remote.output and str(done.id) not in remote.output
    wrong = await qcdc("jobs", "--api", server, "--api-key", "qcdc_nothing_here")
    assert wrong.exit_code == 1 and "401" in wrong.output, wrong.output


async def test_a_command_says_where_it_should_run(configured: None) -> None:
    nowhere = await qcdc("jobs")
    assert nowhere.exit_code == 2 and "--as USERNAME" in nowhere.output, nowhere.output
    keyless = await qcdc("jobs", "--api", "http://127.0.0.1:9")
    assert keyless.exit_code == 2 and "--api-key" in keyless.output, keyless.output
    nobody = await qcdc("jobs", "--as", f"nobody-{uuid.uuid4().hex[:6]}")
    assert nobody.exit_code == 1 and "user_not_found" in nobody.output, nobody.output


async def test_export_locally_as_a_user_and_remotely_with_a_key(
    backend: Backend, configured: None, server: str, tmp_path: Any, committed: list[Any]
) -> None:
    """`qcdc export` gets the list's own file (api/core/exports.py): its filters, the caller's
    subtree only, whether run on the server as a user or over HTTP with a key."""
    import csv
    import io
    import json

    from python_calamine import CalamineWorkbook

    database = Database(backend.engine)
    secret = f"s{uuid.uuid4().hex}"
    tag = uuid.uuid4().hex[:6]
    async with database.session() as s:
        province = await create_unit(s, name=f"Tỉnh Xuất {tag}")
        commune = await create_unit(s, name=f"Xã Xuất {tag}", kind="commune", parent_id=province.id)
        elsewhere = await create_unit(s, name=f"Tỉnh Khác {tag}")
        officer = await create_user(s, roles=["officer"], unit_id=province.id)
        key = ApiKey(
            id=uuid.uuid4(),
            name="Tập lệnh xuất",
            prefix=uuid.uuid4().hex[:8],
            key_hash=digest(secret),
            unit_id=province.id,
            scopes=["units:read"],
        )
        s.add(key)
    committed.extend([key, officer, commune, province, elsewhere])
    api_key = f"qcdc_{key.prefix}_{secret}"

    local = tmp_path / "units.csv"
    done = await qcdc("export", "units", "--as", officer.username, "-o", str(local))
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(io.StringIO(local.read_bytes().decode("utf-8-sig"))))
    assert {r["name"] for r in rows} == {province.name, commune.name}
    assert elsewhere.name not in local.read_text(encoding="utf-8-sig")

    filtered = tmp_path / "communes.ndjson"
    done = await qcdc("export", "units", "--as", officer.username, "-f", "kind=commune", "-o", str(filtered))
    assert done.exit_code == 0, done.output
    assert [json.loads(line)["name"] for line in filtered.read_text().splitlines()] == [commune.name]

    remote = tmp_path / "units.xlsx"
    done = await qcdc("export", "units", "--api", server, "--api-key", api_key, "-o", str(remote))
    assert done.exit_code == 0, done.output
    sheet = CalamineWorkbook.from_path(str(remote)).get_sheet_by_index(0).to_python()
    names = {row[sheet[0].index("Tên")] for row in sheet[1:]}
    assert names == {province.name, commune.name}


async def test_a_list_too_large_for_a_request_is_exported_by_a_job(
    backend: Backend,
    configured: None,
    tmp_path: Any,
    committed: list[Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Above the request's limit the command asks for an export job, follows it (run here, locally)
    and downloads its file: the same rows as the request would have given."""
    import csv
    import io

    from sqlalchemy import select

    monkeypatch.setenv("QCDC_EXPORT_SYNC_MAX_ROWS", "1")
    get_settings.cache_clear()
    database = Database(backend.engine)
    tag = uuid.uuid4().hex[:6]
    async with database.session() as s:
        province = await create_unit(s, name=f"Tỉnh Lớn {tag}")
        commune = await create_unit(s, name=f"Xã Lớn {tag}", kind="commune", parent_id=province.id)
        officer = await create_user(s, roles=["officer"], unit_id=province.id)
    committed.extend([officer, commune, province])

    out = tmp_path / "units.csv"
    done = await qcdc("export", "units", "--as", officer.username, "-o", str(out))
    async with database.session(write=False) as s:
        jobs = list(await s.scalars(select(Job).where(Job.principal_id == officer.id)))
    committed.extend(jobs)
    assert done.exit_code == 0, done.output
    assert [(j.kind, j.state) for j in jobs] == [("export", "succeeded")]
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert {r["name"] for r in rows} == {province.name, commune.name}
