"""Integrators' references: where a record's copy lives in another system, as `(source, id)`.

Every importable resource carries one (`ExternalRefColumns` on the model, `ExternalRef` in its
schemas, `ExternalRefQuery` on its list), unique per table where given, so an integrator upserts
by it. This module is the one home of all four pieces.
"""

from collections.abc import Iterable
from typing import Annotated, Any, Protocol

from pydantic import Field, StringConstraints
from sqlalchemy import Index, Select, String, bindparam, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from api.core.db import unique_where
from api.core.errors import Conflict, FieldError
from api.core.schemas import Input

Source = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
SourceId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]


class ExternalRef(Input):
    source: Source = Field(description="The system the record comes from.", examples=["motcua-caobang"])
    id: SourceId = Field(
        description="The record's id in that system; unique per source.", examples=["DV-000123"]
    )


class ExternalRefQuery(Input):
    """List filters every importable resource accepts."""

    external_source: str | None = Field(None, max_length=64, description="`external_ref.source` equals.")
    external_id: str | None = Field(None, max_length=128, description="`external_ref.id` equals.")


class ExternalRefColumns:
    """The model's side: (source, id), unique per table where given (`unique_external_ref`)."""

    external_source: Mapped[str | None] = mapped_column(String(64))
    external_id: Mapped[str | None] = mapped_column(String(128))

    @property
    def external_ref(self) -> dict[str, str] | None:
        if self.external_source is None or self.external_id is None:
            return None
        return {"source": self.external_source, "id": self.external_id}


def external_ref_of(row: Any) -> dict[str, str] | None:
    """A list row's reference (its `external_source` and `external_id` columns), as `ExternalRef`."""
    if row["external_source"] is None or row["external_id"] is None:
        return None
    return {"source": row["external_source"], "id": row["external_id"]}


def unique_external_ref(table: str) -> Index:
    return unique_where(
        f"uq_{table}_external_ref", "external_source", "external_id", where="external_source IS NOT NULL"
    )


def filter_external_ref(stmt: Select[Any], model: Any, query: ExternalRefQuery) -> Select[Any]:
    if query.external_source is not None:
        stmt = stmt.where(model.external_source == query.external_source)
    if query.external_id is not None:
        stmt = stmt.where(model.external_id == query.external_id)
    return stmt


class ExternalRefIn(Protocol):
    source: str
    id: str


def external_ref_taken(ref: ExternalRefIn, what: str) -> Conflict:
    return Conflict(
        f"External reference {ref.source}/{ref.id} already belongs to another {what}.",
        code="duplicate_external_ref",
        errors=[FieldError(field="external_ref", code="duplicate_external_ref", message="already used")],
    )


async def taken_external_refs(
    session: AsyncSession, model: Any, refs: Iterable[tuple[str, str]]
) -> set[tuple[str, str]]:
    """Which of `refs` (`(source, id)` pairs) a record of `model`'s table already holds, anywhere
    (one statement): the check of `claim_external_ref` for a batch of new records."""
    by_source: dict[str, set[str]] = {}
    for source, ref_id in refs:
        by_source.setdefault(source, set()).add(ref_id)
    taken: set[tuple[str, str]] = set()
    for source, ids in by_source.items():
        found = await session.execute(
            _taken_statement(session, model), {"source": source, "ids": sorted(ids)}
        )
        taken.update((source, str(ref_id)) for (ref_id,) in found)
    return taken


def _taken_statement(session: AsyncSession, model: Any) -> Any:
    """Which of `:ids` (of `:source`) the table holds. On PostgreSQL one probe of the unique index
    per id (a LATERAL subquery with LIMIT 1, which the planner cannot turn into a scan): a plain
    `IN` is planned from the table's statistics, which an import into a new table leaves at zero
    rows, and the planner then reads every row of the source for each batch (quadratic over a
    file). SQLite probes the index for each member of an `IN` anyway."""
    table = model.__table__
    if session.get_bind().dialect.name == "postgresql":
        return text(
            f"SELECT wanted.id FROM unnest(CAST(:ids AS text[])) AS wanted(id) "  # noqa: S608 - a table's name
            f"CROSS JOIN LATERAL (SELECT 1 FROM {table.name} t WHERE t.external_source = :source "
            f"AND t.external_id = wanted.id LIMIT 1) AS held"
        )
    return select(table.c.external_id).where(
        table.c.external_source == bindparam("source"),
        table.c.external_id.in_(bindparam("ids", expanding=True)),
    )


async def claim_external_ref(
    session: AsyncSession, record: ExternalRefColumns, ref: ExternalRefIn | None, what: str
) -> None:
    """Give `record` an integrator's reference (or clear it), refusing with 409 one that another
    record of its table already holds: the reference is unique across the country, so this check
    looks past the jurisdiction on purpose."""
    if ref is not None:
        cls = type(record)
        stmt = select(cls.id).where(cls.external_source == ref.source, cls.external_id == ref.id)  # type: ignore[attr-defined]
        own_id = getattr(record, "id", None)
        if own_id is not None:
            stmt = stmt.where(cls.id != own_id)  # type: ignore[attr-defined]
        if await session.scalar(stmt.limit(1)) is not None:
            raise external_ref_taken(ref, what)
    record.external_source = ref.source if ref else None
    record.external_id = ref.id if ref else None
