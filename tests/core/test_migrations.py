"""Migrations run both ways on both databases, and the models never drift from them."""

import ast
import importlib.util
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import insert, inspect, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from api.calendar.models import CalendarDay
from api.core.settings import PROJECT_ROOT
from api.petitions.models import DeadlineRule, PetitionCategory
from tests.conftest import Backend, database_of_its_own, run_alembic

VERSIONS = PROJECT_ROOT / "migrations" / "versions"
PETITIONS_REVISION = VERSIONS / "2026-11-23-0930_petitions.py"
SWAPS_REVISION = VERSIONS / "2026-11-29-0700_calendar_2026_day_swaps.py"


@pytest.fixture
async def empty_engine(backend: Backend, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    """A database of its own, so that dropping everything does not disturb other tests."""
    async with database_of_its_own(backend, tmp_path, "migrations") as engine:
        yield engine


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


def _imports_from_api(tree: ast.AST) -> list[str]:
    """Every `import api…`, `from api… import …` and `import_module("api…")` in a module."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.split(".")[0] == "api"]
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module and node.module.split(".")[0] == "api":
                found.append(node.module)
        elif isinstance(node, ast.Call) and node.args:
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            arg = node.args[0]
            if (
                name in ("import_module", "__import__")
                and isinstance(arg, ast.Constant)
                and isinstance(arg.value, str)
                and arg.value.split(".")[0] == "api"
            ):
                found.append(arg.value)
    return found


def test_revisions_import_nothing_from_api() -> None:
    """A revision is history: it must not read the application (whose lists and types change later);
    only migrations/env.py may import `api`, for the connection and autogenerate's metadata."""
    revisions = sorted(VERSIONS.glob("*.py"))
    assert len(revisions) >= 7
    offenders = {
        path.name: names
        for path in revisions
        if (names := _imports_from_api(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))))
    }
    assert offenders == {}


def test_the_import_check_sees_each_form() -> None:
    for source in (
        "import api",
        "import api.models as m",
        "from api.core.db import UTCDateTime",
        "from api import models",
        "def f():\n    from api.petitions.rules import OFFICIAL_RULES",
        "importlib.import_module('api.calendar.models')",
    ):
        assert _imports_from_api(ast.parse(source)), source
    for source in ("import sqlalchemy as sa", "from alembic import op", "from .api import x", "import apix"):
        assert not _imports_from_api(ast.parse(source)), source


def _revision(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"revision_{path.stem.replace('-', '_')}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


async def test_fresh_database_holds_the_revision_seed(empty_engine: AsyncEngine) -> None:
    """What a fresh database ships is exactly the petitions revision's literals, read back through
    the models the application uses."""
    seed = _revision(PETITIONS_REVISION)
    await run_alembic(empty_engine, "upgrade", "head")
    async with AsyncSession(empty_engine) as session:
        days = (await session.scalars(select(CalendarDay).order_by(CalendarDay.day))).all()
        categories = (
            await session.scalars(select(PetitionCategory).order_by(PetitionCategory.position))
        ).all()
        rules = (await session.scalars(select(DeadlineRule))).all()

    assert (len(seed.CALENDAR_DAYS), len(seed.CATEGORIES), len(seed.DEADLINE_RULES)) == (35, 7, 22)

    # The calendar is the petitions revision's, as the 2026 day swaps revision amended it.
    swaps = _revision(SWAPS_REVISION)
    calendar = {d: (d, k, n, b) for d, k, n, b in seed.CALENDAR_DAYS}
    corrected = set()
    for amended, shipped, basis in swaps.BASES:
        for d in amended:
            assert calendar[d][3] == shipped
            calendar[d] = (*calendar[d][:3], basis)
            corrected.add(d)
    calendar.update({d: (d, k, n, b) for d, k, n, b in swaps.SWAPS})
    assert [(d.day, d.kind, d.name, d.legal_basis) for d in days] == sorted(calendar.values())
    assert {d.day: d.version for d in days} == {d: 2 if d in corrected else 1 for d in calendar}
    new_year = next(d for d in days if d.day == date(2026, 1, 1))
    assert (new_year.kind, new_year.name, new_year.legal_basis) == (
        "day_off",
        "Tết Dương lịch",
        "Bộ luật Lao động 2019, Điều 112",
    )
    assert {d.day for d in days if d.kind == "working_day"} == {
        date(2025, 4, 26),
        date(2026, 1, 10),
        date(2026, 8, 22),
    }

    assert [(c.code, c.name_vi, c.name_en) for c in categories] == seed.CATEGORIES
    assert [c.position for c in categories] == list(range(len(seed.CATEGORIES)))
    assert all(c.active for c in categories)
    assert categories[0].code == "land"

    def row(r: DeadlineRule) -> tuple[object, ...]:
        return (
            r.kind,
            r.stage,
            r.remote_area,
            r.complex,
            r.days,
            r.day_basis,
            r.legal_basis,
            r.note,
            r.valid_from,
        )

    def key(t: tuple[object, ...]) -> tuple[str, ...]:
        return tuple(map(repr, t))

    assert sorted(map(row, rules), key=key) == sorted(seed.DEADLINE_RULES, key=key)
    assert all(r.valid_to is None and r.version == 1 for r in rules)
    (acceptance,) = [r for r in rules if (r.kind, r.stage) == ("complaint", "acceptance")]
    assert (acceptance.days, acceptance.day_basis, acceptance.legal_basis) == (
        10,
        "calendar",
        "Luật Khiếu nại 2011, Điều 27",
    )
    assert (acceptance.remote_area, acceptance.complex, acceptance.valid_from) == (
        None,
        None,
        date(2012, 7, 1),
    )
    settlement = {
        (r.remote_area, r.complex): r.days for r in rules if (r.kind, r.stage) == ("complaint", "settlement")
    }
    assert settlement == {(False, False): 30, (False, True): 45, (True, False): 45, (True, True): 60}


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
    await run_alembic(empty_engine, "upgrade", "369c33a22a03")
    assert await _days(empty_engine, list(SWAPS_2026)) == {}
    async with empty_engine.begin() as conn:
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
    await run_alembic(empty_engine, "downgrade", "369c33a22a03")
    assert set(await _days(empty_engine, list(SWAPS_2026))) == {"2026-01-02"}
