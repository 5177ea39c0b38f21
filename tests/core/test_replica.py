"""QCDC_DATABASE_REPLICA_URL: report operations read the replica, every other route the primary.

The "replica" here is a second engine on the same database, with its own pool and a statement
counter: what matters is which engine each route's statements go through."""

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from api.core.db import Database, create_engine
from api.main import create_app
from tests.conftest import Backend, database_of_its_own, run_alembic, settings_for
from tests.factories import access_token, create_user


def _counted(engine: AsyncEngine) -> list[str]:
    statements: list[str] = []
    event.listen(
        engine.sync_engine, "before_cursor_execute", lambda *args: statements.append(str(args[2])[:60])
    )
    return statements


@pytest.fixture
async def primary(backend: Backend, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    async with database_of_its_own(backend, tmp_path, "replica") as engine:
        await run_alembic(engine, "upgrade", "head")
        yield engine


async def test_reports_read_the_replica_and_nothing_else_does(primary: AsyncEngine, tmp_path: Path) -> None:
    settings = settings_for(primary.url.render_as_string(hide_password=False), tmp_path)
    replica = create_engine(settings, settings.resolved_database_url)
    database = Database(primary, replica=replica)
    async with database.session() as session:
        admin = await create_user(session, username="replica-admin", roles=["admin"])
    on_primary, on_replica = _counted(primary), _counted(replica)
    app = create_app(settings, database=database, spa_dist=None)
    headers = {"Authorization": f"Bearer {access_token(settings, admin)}"}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test", headers=headers) as client:

        async def statements(method: str, url: str, **kwargs: Any) -> tuple[int, int]:
            on_primary.clear()
            on_replica.clear()
            response = await client.request(method, url, **kwargs)
            assert response.status_code < 300, response.text
            return len(on_primary), len(on_replica)

        # The report's figures come from the replica; the principal is read on the primary.
        params = {"period": "2026"}
        assert (await statements("GET", "/api/v1/receptions/compliance", params=params))[1] > 0
        # Reads of a resource, lists and writes stay on the primary, which sees its own writes.
        assert (await statements("GET", "/api/v1/units", params={"limit": 5}))[1] == 0
        assert (await statements("GET", "/api/v1/receptions", params={"limit": 5}))[1] == 0
        created = await statements(
            "POST", "/api/v1/units", json={"code": "99", "name": "Tỉnh Thử", "kind": "province"}
        )
        assert created[0] > 0 and created[1] == 0
    await replica.dispose()


async def test_without_a_replica_reports_read_the_primary(backend: Backend) -> None:
    """The suite's own database has no replica: the report runs in the request's session."""
    database = Database(create_engine(backend.settings))
    try:
        assert database.replica is None
        assert database.report_session().bind is database.session_factory(write=False)().bind
    finally:
        await database.dispose()
