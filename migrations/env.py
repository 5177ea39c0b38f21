"""Alembic environment: the URL comes from QCDC settings, or from the connection a caller passes
in `config.attributes["connection"]` (the tests and `qcdc migrate` do)."""

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

# env.py is the one place under migrations/ that may import from `api`: it needs the settings and
# engine to connect, and the models' metadata as autogenerate's target (`alembic check`,
# `alembic revision --autogenerate`). Revisions under versions/ import nothing from `api` (schema
# and seeded data are literals there), so a later change of the application never rewrites history;
# tests/core/test_migrations.py enforces it.
from api.core.db import create_engine
from api.core.settings import get_settings
from api.models import metadata

config = context.config


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:  # noqa: ARG001
    # PostgreSQL-only indexes (trigram search) do not exist on SQLite and must not be reported missing.
    # procrastinate's tables (PostgreSQL's job queue) are its own, installed from its shipped schema
    # (migrations/versions/2026-11-30-0910_jobs.py): no model of ours describes them.
    if type_ == "table" and name is not None and name.startswith("procrastinate_"):
        return False
    if type_ in ("index", "column", "unique_constraint", "foreign_key_constraint"):
        table = getattr(getattr(obj, "table", None), "name", "")
        if table.startswith("procrastinate_"):
            return False
    dialect = context.get_context().dialect.name
    ddl_if = getattr(obj, "_ddl_if", None)
    return not (type_ == "index" and ddl_if is not None and ddl_if.dialect and ddl_if.dialect != dialect)


def run_with(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_object=include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_async() -> None:
    engine = create_engine(get_settings())
    async with engine.connect() as connection:
        await connection.run_sync(run_with)
    await engine.dispose()


connection = config.attributes.get("connection")
if connection is not None:
    run_with(connection)
else:
    asyncio.run(run_async())
