"""Test harness: every test runs on SQLite and, when QCDC_TEST_DATABASE_URL is set, on PostgreSQL.

The schema is built by Alembic once per database. Each test then runs inside a transaction that
is rolled back at the end; the app's sessions join it through SAVEPOINTs, so a request's commit
is real to the code under test and invisible to the next test. Tests that need truly separate
transactions (concurrency) use `committing_client` and clean up after themselves.
"""

import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx
import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import delete, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, create_async_engine

from api.auth.models import User
from api.core import clock
from api.core.db import Database, create_engine
from api.core.settings import PROJECT_ROOT, Settings
from api.main import create_app
from tests.contract import check_response
from tests.factories import access_token, create_user

POSTGRES_URL = os.environ.get("QCDC_TEST_DATABASE_URL")
# No test reads the real date: the legal day is pinned for the whole run. QCDC_TEST_TODAY moves it
# (scripts/test_week.sh runs the suite on each day of a week, weekend, holiday and 31 December included).
TEST_TODAY = date.fromisoformat(os.environ.get("QCDC_TEST_TODAY", "2026-11-26"))
BACKENDS = ["sqlite", "postgres"] if POSTGRES_URL else ["sqlite"]
# Real `qcdc worker` processes for the tests that need them (tests/workers.py).
pytest_plugins = ["tests.workers"]

SECRET = "test-secret-key-that-is-long-enough-0123456789"


def alembic_config() -> Config:
    return Config(str(PROJECT_ROOT / "alembic.ini"))


async def run_alembic(engine: AsyncEngine, fn: str, *args: str) -> None:
    def run(connection: object) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        getattr(command, fn)(config, *args)

    async with engine.begin() as conn:
        await conn.run_sync(run)


def settings_for(url: str, tmp: Path) -> Settings:
    return Settings(
        environment="test",
        database_url=url,
        data_dir=tmp,
        secret_key=SECRET,
        log_level="WARNING",
        log_json=True,
    )


async def reset_postgres(engine: AsyncEngine) -> None:
    async with engine.begin() as conn:
        await conn.execute(text("DROP SCHEMA public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))


@pytest.fixture(scope="session", autouse=True)
def pinned_clock() -> Iterator[None]:
    clock.pin(TEST_TODAY)
    yield
    clock.pin(None)


@pytest.fixture
def pin_today() -> Iterator[Callable[[date], None]]:
    """Pin another legal day for one test (a weekday, a holiday, a report's as-of day)."""
    yield clock.pin
    clock.pin(TEST_TODAY)


@dataclass
class Backend:
    name: str
    settings: Settings
    engine: AsyncEngine


@pytest.fixture(scope="session", params=BACKENDS)
async def backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Backend]:
    tmp = tmp_path_factory.mktemp(request.param)
    url = f"sqlite+aiosqlite:///{tmp / 'test.sqlite3'}" if request.param == "sqlite" else POSTGRES_URL
    assert url is not None
    settings = settings_for(url, tmp)
    engine = create_engine(settings)
    if request.param == "postgres":
        await reset_postgres(engine)
    await run_alembic(engine, "upgrade", "head")
    yield Backend(request.param, settings, engine)
    await engine.dispose()


@pytest.fixture
async def connection(backend: Backend) -> AsyncIterator[AsyncConnection]:
    async with backend.engine.connect() as conn:
        transaction = await conn.begin()
        yield conn
        await transaction.rollback()


@pytest.fixture
async def database(backend: Backend, connection: AsyncConnection) -> Database:
    return Database(backend.engine, bind=connection)


@pytest.fixture
async def session(database: Database) -> AsyncIterator[AsyncSession]:
    """A session inside the test's transaction, for factories and direct checks."""
    async with database.session_factory(write=True)() as s:
        yield s


@asynccontextmanager
async def app_client(
    settings: Settings, database: Database, headers: dict[str, str] | None = None
) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to a fresh app in-process (the API alone: tests add routes of their own)."""
    app = create_app(settings, database=database, spa_dist=None)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    hooks = {"response": [_conforms]}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://test", headers=headers, event_hooks=hooks
    ) as c:
        yield c


async def _conforms(response: httpx.Response) -> None:
    """Every answer the suite receives is checked against the contract (tests/contract.py)."""
    await response.aread()
    check_response(response)


@pytest.fixture
async def anonymous(backend: Backend, database: Database) -> AsyncIterator[httpx.AsyncClient]:
    """A client with no credentials."""
    async with app_client(backend.settings, database) as c:
        yield c


@pytest.fixture
async def anonymous_second(backend: Backend, database: Database) -> AsyncIterator[httpx.AsyncClient]:
    """A second client without credentials, beside a signed-in one."""
    async with app_client(backend.settings, database) as c:
        yield c


@pytest.fixture
async def admin(session: AsyncSession) -> User:
    return await create_user(session, username="root-admin", roles=["admin"], unit_id=None)


@pytest.fixture
async def client(backend: Backend, anonymous: httpx.AsyncClient, admin: User) -> httpx.AsyncClient:
    """A client signed in as a nationwide administrator."""
    anonymous.headers["Authorization"] = f"Bearer {access_token(backend.settings, admin)}"
    return anonymous


@pytest.fixture
async def committing_client(backend: Backend) -> AsyncIterator[httpx.AsyncClient]:
    """A client whose requests commit for real, each in its own transaction (for concurrency)."""
    database = Database(backend.engine)
    async with database.session() as s:
        user = await create_user(
            s, username=f"committer-{uuid.uuid4().hex[:8]}", roles=["admin"], unit_id=None
        )
    headers = {"Authorization": f"Bearer {access_token(backend.settings, user)}"}
    async with app_client(backend.settings, database, headers) as c:
        yield c
    async with backend.engine.begin() as conn:
        await conn.execute(text("DELETE FROM idempotency_records"))
        await conn.execute(text("DELETE FROM rate_limit_counters"))
        await conn.execute(text("DELETE FROM refresh_tokens"))
        await conn.execute(text("DELETE FROM units WHERE external_source = 'committing-test'"))
        await conn.execute(delete(User).where(User.id == user.id))


@asynccontextmanager
async def database_of_its_own(backend: Backend, tmp_path: Path, name: str) -> AsyncIterator[AsyncEngine]:
    """An empty database beside the suite's (a file on SQLite, `<suite's>_<name>` on PostgreSQL),
    for tests that migrate step by step or drop everything; dropped afterwards."""
    if backend.name == "sqlite":
        engine = create_engine(settings_for(f"sqlite+aiosqlite:///{tmp_path / f'{name}.sqlite3'}", tmp_path))
        yield engine
        await engine.dispose()
        return
    url = make_url(str(backend.settings.database_url))
    database = f"{url.database}_{name}"
    admin = create_async_engine(url, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        await conn.execute(text(f'CREATE DATABASE "{database}"'))
    engine = create_engine(
        settings_for(url.set(database=database).render_as_string(hide_password=False), tmp_path)
    )
    yield engine
    await engine.dispose()
    async with admin.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
    await admin.dispose()
