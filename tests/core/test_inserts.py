"""A create's rows written in one statement (api/core/inserts.py) are the rows, audit events and
session state the unit of work gives the same objects."""

import uuid
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api.calendar.models import DayBasis
from api.core import audit
from api.core.audit import AuditEvent
from api.core.inserts import insert_created
from api.petitions.models import (
    Channel,
    Petition,
    PetitionCategory,
    PetitionDeadline,
    Petitioner,
    PetitionEvent,
    PetitionKind,
    Stage,
    Status,
)
from api.units.models import Unit
from tests.conftest import Backend
from tests.factories import create_unit

# What differs between two cases written the same way: their own ids, numbers and write times.
OWN = {"id", "petition_id", "reference_seq", "reference", "created_at", "updated_at", "occurred_at"}


def new_case(unit: Unit, seq: int) -> tuple[Petition, PetitionEvent]:
    """A complaint with a petitioner and a running time limit, and its receipt, never in a session."""
    case = Petition(
        id=uuid.uuid4(),
        reference=f"{unit.code}-2026-{seq:06d}",
        reference_year=2026,
        reference_seq=seq,
        kind=PetitionKind.COMPLAINT,
        channel=Channel.MAIL,
        received_on=date(2026, 3, 2),
        receiving_unit_id=unit.id,
        handling_unit_id=unit.id,
        subject="Khiếu nại về ranh giới thửa đất",
        content="Nội dung.",
        category_code="land",
        status=Status.RECEIVED,
        search_text="khieu nai",
        petitioners=[Petitioner(full_name="Nguyễn Văn An", identity_number="001", position=0)],
        deadlines=[
            PetitionDeadline(
                stage=Stage.ACCEPTANCE,
                started_on=date(2026, 3, 2),
                due_on=date(2026, 3, 12),
                days=10,
                day_basis=DayBasis.WORKING,
                legal_basis="Điều 27 Luật Khiếu nại 2011",
            )
        ],
    )
    for person in case.petitioners:
        person.audit_unit_id = unit.id
    receipt = PetitionEvent(
        petition_id=case.id,
        effective_on=date(2026, 3, 2),
        action="receive",
        to_status=Status.RECEIVED,
        actor_type="system",
        handling_unit_id=unit.id,
        data={"channel": "mail"},
    )
    return case, receipt


async def stored(session: AsyncSession, model: Any, petition_id: uuid.UUID) -> list[dict[str, Any]]:
    key = model.id if model is Petition else model.petition_id
    rows = (await session.execute(select(model.__table__).where(key == petition_id))).mappings()
    return [{k: v for k, v in row.items() if k not in OWN} for row in rows]


def audited(session: AsyncSession) -> list[tuple[str, dict[str, Any]]]:
    """The events queued in the session, with what differs between two writes taken out."""
    rows = audit.pending_rows(session.sync_session)
    return [(r["action"], {k: v for k, v in r["changes"]["after"].items() if k not in OWN}) for r in rows]


async def test_the_rows_and_audit_events_are_the_unit_of_works(session: AsyncSession) -> None:
    unit = await create_unit(session)
    audit.pending_rows(session.sync_session)  # the unit's own event
    by_flush, flush_receipt = new_case(unit, 1)
    session.add_all([by_flush, flush_receipt])
    await session.flush()
    flushed_events = audited(session)
    by_insert, insert_receipt = new_case(unit, 2)
    await insert_created(session, by_insert, *by_insert.petitioners, *by_insert.deadlines, insert_receipt)
    # The statement took the events it wrote off the queue: the commit writes none twice.
    assert audit.pending_rows(session.sync_session) == []
    written: dict[str, dict[str, Any]] = dict(
        (
            await session.execute(
                select(AuditEvent.action, AuditEvent.changes).where(
                    AuditEvent.resource_id.in_([str(by_insert.id), str(by_insert.petitioners[0].id)])
                )
            )
        ).all()
    )
    # The same events, which also say what the defaults gave (the flush captures before them).
    assert sorted(written) == sorted(action for action, _ in flushed_events)
    for action, changes in flushed_events:
        assert changes.items() <= written[action]["after"].items()
    for model in (Petition, Petitioner, PetitionDeadline, PetitionEvent):
        assert await stored(session, model, by_insert.id) == await stored(session, model, by_flush.id)
    assert by_insert.version == 1 and by_insert.created_at is not None
    assert by_insert.deadlines[0].petition_id == by_insert.id


async def test_one_statement_on_postgresql(session: AsyncSession, backend: Backend) -> None:
    unit = await create_unit(session)
    case, receipt = new_case(unit, 1)
    sent: list[str] = []
    record = lambda *a: sent.append(a[2])  # noqa: E731
    event.listen(backend.engine.sync_engine, "before_cursor_execute", record)
    try:
        await insert_created(session, case, *case.petitioners, *case.deadlines, receipt)
    finally:
        event.remove(backend.engine.sync_engine, "before_cursor_execute", record)
    # Cases, petitioners, time limits, history, audit events: one INSERT each on SQLite.
    assert len(sent) == (1 if backend.name == "postgres" else 5)


async def test_the_objects_are_in_the_session_as_written(session: AsyncSession) -> None:
    unit = await create_unit(session)
    case, receipt = new_case(unit, 1)
    await insert_created(session, case, *case.petitioners, *case.deadlines, receipt)
    assert await session.get(Petition, case.id) is case
    case.status = Status.ACCEPTED
    await session.flush()  # an UPDATE of version 1, as after a flush of the new case
    assert case.version == 2
    session.expunge_all()
    again = await session.get(Petition, case.id)
    assert again is not None and again.status == Status.ACCEPTED


async def test_a_refused_row_writes_nothing(session: AsyncSession) -> None:
    unit = await create_unit(session)
    case, receipt = new_case(unit, 1)
    case.deadlines[0].rule_id = uuid.uuid4()  # no such rule: the last INSERTs are refused
    before = await session.scalar(select(func.count()).select_from(AuditEvent))
    savepoint = await session.begin_nested()
    with pytest.raises(IntegrityError):
        await insert_created(session, case, *case.petitioners, *case.deadlines, receipt)
    await savepoint.rollback()
    assert await session.scalar(select(func.count()).where(Petition.id == case.id)) == 0
    assert await session.scalar(select(func.count()).select_from(AuditEvent)) == before


async def test_a_row_the_workers_keep_is_announced(session: AsyncSession, backend: Backend) -> None:
    sent: list[str] = []
    record = lambda *a: sent.append(a[2])  # noqa: E731
    event.listen(backend.engine.sync_engine, "before_cursor_execute", record)
    try:
        await insert_created(
            session, PetitionCategory(code="test-water", name_vi="Nước sạch", name_en="Water")
        )
    finally:
        event.remove(backend.engine.sync_engine, "before_cursor_execute", record)
    # As a flush of the category would: every worker forgets the categories when this commits.
    assert any("pg_notify" in s for s in sent) == (backend.name == "postgres")
    assert (await session.get(PetitionCategory, "test-water")) is not None
