"""Workers' pools never add up to more connections than the PostgreSQL server accepts."""

import pytest

from api.core.db import connection_budget_problem
from tests.conftest import Backend


async def test_workers_pools_fit_the_servers_connections(backend: Backend) -> None:
    if backend.name != "postgres":
        pytest.skip("only a server has a connection limit")
    fits = backend.settings.model_copy(update={"workers": 2, "database_pool_size": 5})
    assert await connection_budget_problem(backend.engine, fits) is None
    # More than any default server accepts (100 connections): 8 workers x 2 x 50.
    too_many = backend.settings.model_copy(update={"workers": 8, "database_pool_size": 50})
    problem = await connection_budget_problem(backend.engine, too_many)
    assert problem is not None
    assert "= 408" in problem and "QCDC_DATABASE_POOL_SIZE=" in problem and "PgBouncer" in problem


async def test_sqlite_has_no_connection_budget(backend: Backend) -> None:
    if backend.name != "sqlite":
        pytest.skip("SQLite only")
    assert await connection_budget_problem(backend.engine, backend.settings) is None
