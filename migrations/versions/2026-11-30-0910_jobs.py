"""Jobs: the durable record of long work (`jobs`), and on PostgreSQL the schema of procrastinate,
the queue library that carries jobs to the workers there (on SQLite huey keeps its queue in a file
of its own, `<data_dir>/jobs-queue.sqlite3`, and this revision adds nothing else).

procrastinate's schema is the one its package ships (`procrastinate/sql/schema.sql`), applied as it
is: a later version of procrastinate brings its schema changes as SQL files of its own
(`procrastinate/sql/migrations/`), to be applied by a new revision in the same upgrade.

Revision ID: 9a4d2f6c8e10
Revises: 9b4d2f6e8a17
Create Date: 2026-11-30 09:00:00
"""

from collections.abc import Sequence
from importlib import resources

import sqlalchemy as sa
from alembic import op
from sqlalchemy.util import await_only

revision: str = "9a4d2f6c8e10"
down_revision: str | None = "9b4d2f6e8a17"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _procrastinate_schema() -> str:
    return (resources.files("procrastinate.sql") / "schema.sql").read_text(encoding="utf-8")


def _execute_script(script: str) -> None:
    """Run a whole SQL script (functions with `$$` bodies, triggers): asyncpg runs one only outside
    a prepared statement, through its own `execute`."""
    bind = op.get_bind()
    raw = bind.connection.dbapi_connection
    driver = getattr(raw, "_connection", None)
    if bind.dialect.driver == "asyncpg" and driver is not None:
        await_only(driver.execute(script))
    else:
        bind.exec_driver_sql(script.replace("%", "%%"))


# What procrastinate's schema creates besides tables: dropped by name pattern on downgrade.
DROP_PROCRASTINATE = """
DO $$
DECLARE item record;
BEGIN
    FOR item IN SELECT tablename FROM pg_tables
                WHERE schemaname = current_schema() AND tablename LIKE 'procrastinate\\_%' LOOP
        EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', item.tablename);
    END LOOP;
    FOR item IN SELECT p.oid::regprocedure AS signature FROM pg_proc p
                JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = current_schema() AND p.proname LIKE 'procrastinate\\_%' LOOP
        EXECUTE format('DROP FUNCTION IF EXISTS %s CASCADE', item.signature);
    END LOOP;
    FOR item IN SELECT t.typname FROM pg_type t
                JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE n.nspname = current_schema() AND t.typname LIKE 'procrastinate\\_%' AND t.typtype IN ('e', 'c') LOOP
        EXECUTE format('DROP TYPE IF EXISTS %I CASCADE', item.typname);
    END LOOP;
END $$;
"""


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("principal_kind", sa.String(length=16), nullable=False),
        sa.Column("principal_id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=True),
        sa.Column("unit_path", sa.String(length=512), nullable=True),
        sa.Column("state", sa.String(length=32), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("error_code", sa.String(length=64), nullable=True),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.CheckConstraint("done >= 0", name=op.f("ck_jobs_done_not_negative")),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_jobs_attempts_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobs")),
    )
    op.create_index("ix_jobs_principal", "jobs", ["principal_id", "created_at"])
    op.create_index("ix_jobs_state", "jobs", ["state"])
    if op.get_bind().dialect.name == "postgresql":
        _execute_script(_procrastinate_schema())


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _execute_script(DROP_PROCRASTINATE)
    op.drop_index("ix_jobs_state", table_name="jobs")
    op.drop_index("ix_jobs_principal", table_name="jobs")
    op.drop_table("jobs")
