"""Migrations run both ways on both databases, and the models never drift from them."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from api.core.db import create_engine
from tests.conftest import Backend, run_alembic, settings_for


@pytest.fixture
async def empty_engine(backend: Backend, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    """A database of its own, so that dropping everything does not disturb other tests."""
    if backend.name == "sqlite":
        engine = create_engine(
            settings_for(f"sqlite+aiosqlite:///{tmp_path / 'migrations.sqlite3'}", tmp_path)
        )
        yield engine
        await engine.dispose()
        return
    url = make_url(str(backend.settings.database_url))
    name = f"{url.database}_migrations"
    admin = create_async_engine(url, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = create_engine(
        settings_for(url.set(database=name).render_as_string(hide_password=False), tmp_path)
    )
    yield engine
    await engine.dispose()
    async with admin.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    await admin.dispose()


async def _tables(engine: AsyncEngine) -> set[str]:
    async with engine.connect() as conn:
        return set(await conn.run_sync(lambda c: inspect(c).get_table_names())) - {"alembic_version"}


async def test_upgrade_downgrade_upgrade(empty_engine: AsyncEngine) -> None:
    await run_alembic(empty_engine, "upgrade", "head")
    tables = await _tables(empty_engine)
    assert {"units", "unit_reorganizations", "unit_lineage", "idempotency_records"} <= tables
    await run_alembic(empty_engine, "downgrade", "base")
    assert await _tables(empty_engine) == set()
    await run_alembic(empty_engine, "upgrade", "head")
    assert await _tables(empty_engine) == tables


async def test_models_match_migrations(backend: Backend) -> None:
    """`alembic check`: autogenerate finds nothing to add, so models and migrations agree."""
    await run_alembic(backend.engine, "check")
