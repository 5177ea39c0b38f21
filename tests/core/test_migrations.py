"""Migrations run both ways on both databases, and the models never drift from them."""

import importlib.util
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from api.calendar.models import CalendarDay
from api.core.db import create_engine
from api.core.settings import PROJECT_ROOT
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


SWAPS_2026 = {
    "2026-01-02": "day_off",
    "2026-01-10": "working_day",
    "2026-08-22": "working_day",
    "2026-08-31": "day_off",
}


async def _days(engine: AsyncEngine, days: list[str]) -> dict[str, tuple[str, str | None]]:
    async with engine.connect() as conn:
        rows = await conn.execute(
            text("SELECT day, kind, legal_basis FROM calendar_days WHERE day IN (:a, :b, :c, :d)"),
            dict(zip("abcd", [date.fromisoformat(d) for d in days], strict=True)),
        )
        return {str(day): (kind, basis) for day, kind, basis in rows}


async def test_a_database_shipped_before_the_2026_swaps_receives_them(empty_engine: AsyncEngine) -> None:
    """A deployment migrated before the Government's 2026 day swaps were shipped gets them from the
    migration that adds them, leaving a day an administrator already entered as it is."""
    await run_alembic(empty_engine, "upgrade", "c53c58399387")
    async with empty_engine.begin() as conn:
        await conn.execute(
            text("DELETE FROM calendar_days WHERE day IN (:a, :b, :c, :d)"),
            dict(zip("abcd", [date.fromisoformat(d) for d in SWAPS_2026], strict=True)),
        )
        # An administrator had already entered one of them, in its own words.
        stamp = datetime(2025, 12, 26, tzinfo=UTC)
        await conn.execute(
            insert(CalendarDay).values(
                id=uuid.uuid4(),
                day=date(2026, 1, 2),
                kind="day_off",
                name="Nghỉ Tết Dương lịch (hoán đổi)",
                legal_basis="Công văn của tỉnh",
                version=1,
                created_at=stamp,
                updated_at=stamp,
            )
        )
    await run_alembic(empty_engine, "upgrade", "head")
    found = await _days(empty_engine, list(SWAPS_2026))
    assert {day: kind for day, (kind, _) in found.items()} == SWAPS_2026
    assert found["2026-01-02"][1] == "Công văn của tỉnh"
    assert "9441/TB-BNV" in str(found["2026-08-22"][1]) and "12729/VPCP-KGVX" in str(found["2026-01-10"][1])
    await run_alembic(empty_engine, "downgrade", "c53c58399387")
    assert set(await _days(empty_engine, list(SWAPS_2026))) == {"2026-01-02"}


def test_the_shipped_calendar_matches_the_migrations_that_wrote_it() -> None:
    """api/calendar/official.py (what a new database starts with) says what the calendar migration
    wrote into the databases migrated before it."""
    from api.calendar.official import OFFICIAL_DAYS

    path = PROJECT_ROOT / "migrations" / "versions" / "2026-11-29-0700_calendar_2026_day_swaps.py"
    spec = importlib.util.spec_from_file_location("calendar_2026_day_swaps", path)
    assert spec is not None and spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    shipped = {day: (kind.value, name, basis) for day, kind, name, basis in OFFICIAL_DAYS}
    for day, kind, name, basis in migration.SWAPS:
        assert shipped[day] == (kind, name, basis)
    for days, _, corrected in migration.BASES:
        assert {shipped[day][2] for day in days} == {corrected}
