"""The rules of investment projects and of the board (CISB) supervising each.

A board dissolves when its project ends: recording a project's actual end records its active board's
`dissolved_on` that day, in the same transaction (both audited).
"""

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from api.committees.models import Committee, CommitteeKind, CommitteeStatus
from api.committees.projects.models import InvestmentProject, InvestmentProjectUnit
from api.committees.projects.repository import ProjectRepository
from api.committees.projects.schemas import ProjectBoard, ProjectCreate, ProjectRead, ProjectUpdate
from api.core import clock
from api.core.access import Principal
from api.core.errors import Conflict, NotFound, invalid_field
from api.core.etag import check_if_match
from api.core.external_ref import claim_external_ref
from api.core.text import fold, searchable
from api.units.models import Unit
from api.units.rules import COMMUNE_LEVEL
from api.units.schemas import UnitSummary
from api.units.scope import units_in_jurisdiction


def refresh_search_text(project: InvestmentProject) -> None:
    project.name_key = fold(project.name)[:500]
    project.search_text = searchable(project.name, project.investor, project.notes)


async def _locations(
    session: AsyncSession, principal: Principal, unit_ids: Sequence[uuid.UUID]
) -> list[Unit]:
    if len(set(unit_ids)) != len(unit_ids):
        raise invalid_field("location_unit_ids", "duplicate_location", "Each location is named once.")
    fields = {f"location_unit_ids.{n}": unit_id for n, unit_id in enumerate(unit_ids)}
    found = await units_in_jurisdiction(session, principal.jurisdiction, fields)
    units = [found[f"location_unit_ids.{n}"] for n in range(len(unit_ids))]
    for n, unit in enumerate(units):
        if unit.kind not in COMMUNE_LEVEL:
            raise invalid_field(
                f"location_unit_ids.{n}",
                "unit_kind_mismatch",
                f"{unit.name} is not a commune, ward or special zone: a project is located in communes.",
            )
    return units


def _check_dates(starts_on: date, planned_end_on: date | None, actual_end_on: date | None) -> None:
    if planned_end_on is not None and planned_end_on < starts_on:
        raise invalid_field(
            "planned_end_on", "invalid_period", "A project's planned end comes after its start."
        )
    if actual_end_on is not None:
        if actual_end_on < starts_on:
            raise invalid_field("actual_end_on", "invalid_period", "A project ends after it starts.")
        if actual_end_on > clock.today():
            raise invalid_field("actual_end_on", "date_in_future", "Record the end on or after that day.")


def _set_locations(project: InvestmentProject, units: list[Unit]) -> None:
    project.locations = [
        InvestmentProjectUnit(project_id=project.id, unit_id=unit.id, position=n, unit=unit)
        for n, unit in enumerate(units)
    ]
    project.unit_id = units[0].id


def _dissolve_board(project: InvestmentProject, board: Committee | None) -> None:
    """The board dissolves the day its project ends."""
    if board is None or project.actual_end_on is None:
        return
    board.dissolved_on = project.actual_end_on
    board.status = CommitteeStatus.DISSOLVED


async def create_project(
    session: AsyncSession, principal: Principal, data: ProjectCreate
) -> InvestmentProject:
    units = await _locations(session, principal, data.location_unit_ids)
    _check_dates(data.starts_on, data.planned_end_on, data.actual_end_on)
    project = InvestmentProject(
        id=uuid.uuid4(),
        name=data.name,
        investor=data.investor,
        capital_source=data.capital_source,
        total_investment=data.total_investment,
        starts_on=data.starts_on,
        planned_end_on=data.planned_end_on,
        actual_end_on=data.actual_end_on,
        notes=data.notes,
    )
    _set_locations(project, units)
    project.boards = []
    await claim_external_ref(session, project, data.external_ref, "investment project")
    refresh_search_text(project)
    session.add(project)
    await session.flush()
    return project


_FIELDS = (
    "name",
    "investor",
    "capital_source",
    "total_investment",
    "starts_on",
    "planned_end_on",
    "actual_end_on",
    "notes",
)


async def update_project(
    session: AsyncSession,
    principal: Principal,
    project: InvestmentProject,
    data: ProjectUpdate,
    if_match: str | None,
) -> InvestmentProject:
    check_if_match(if_match, project.version)
    changes = data.model_dump(exclude_unset=True)
    starts_on = changes.get("starts_on", project.starts_on)
    planned = changes.get("planned_end_on", project.planned_end_on)
    actual = changes.get("actual_end_on", project.actual_end_on)
    _check_dates(starts_on, planned, actual if "actual_end_on" in changes else None)
    if actual is not None and actual < starts_on:
        raise invalid_field("starts_on", "invalid_period", "A project starts before it ends.")
    units = None
    if data.location_unit_ids is not None:
        units = await _locations(session, principal, data.location_unit_ids)
        boards = [b for b in project.boards if b.status == CommitteeStatus.ACTIVE]
        unit_ids = {u.id for u in units}
        for board in boards:
            if board.unit_id not in unit_ids:
                raise invalid_field(
                    "location_unit_ids",
                    "board_outside_project",
                    f"The project's board {board.name} sits in a unit the new locations leave out.",
                )
    board = await ProjectRepository(session, principal).active_board(project.id)
    established = board.established_on if board is not None else None
    if established is not None and actual is not None and "actual_end_on" in changes and actual < established:
        raise invalid_field(
            "actual_end_on",
            "invalid_period",
            f"Its board was established on {established.isoformat()}: the project ends after.",
        )
    if "external_ref" in changes:
        await claim_external_ref(session, project, data.external_ref, "investment project")
    for field in _FIELDS:
        if field in changes:
            setattr(project, field, changes[field])
    if units is not None:
        _set_locations(project, units)
    if "actual_end_on" in changes:
        _dissolve_board(project, board)
    refresh_search_text(project)
    await session.flush()
    await session.refresh(project, ["boards"])
    return project


def project_read(project: InvestmentProject) -> ProjectRead:
    boards = sorted(
        project.boards,
        key=lambda b: (b.status == CommitteeStatus.ACTIVE, b.dissolved_on or date.max, b.created_at),
    )
    board = boards[-1] if boards else None
    return ProjectRead(
        id=project.id,
        name=project.name,
        investor=project.investor,
        capital_source=project.capital_source,
        total_investment=project.total_investment,
        unit_id=project.unit_id,
        locations=[UnitSummary.model_validate(loc.unit) for loc in project.locations],
        starts_on=project.starts_on,
        planned_end_on=project.planned_end_on,
        actual_end_on=project.actual_end_on,
        under_way=project.under_way(clock.today()),
        notes=project.notes,
        board=ProjectBoard.model_validate(board) if board is not None else None,
        external_ref=project.external_ref,
        created_at=project.created_at,
        updated_at=project.updated_at,
    )


# Boards


async def board_project(
    session: AsyncSession,
    principal: Principal,
    kind: CommitteeKind,
    unit_id: uuid.UUID,
    project_id: uuid.UUID | None,
    other_than: uuid.UUID | None,
) -> InvestmentProject | None:
    """The project a committee supervises, checked: only a CISB has one; the project lies in the
    jurisdiction, is located in the board's unit, has not ended, and has no other active board."""
    if project_id is None:
        return None
    if kind != CommitteeKind.INVESTMENT_SUPERVISION:
        raise invalid_field(
            "project_id",
            "project_not_allowed",
            "Only a community investment supervision board has a project.",
        )
    repo = ProjectRepository(session, principal)
    try:
        project = await repo.get(project_id)
    except NotFound as exc:
        raise invalid_field(
            "project_id", "project_not_found", f"Investment project {project_id} does not exist."
        ) from exc
    if unit_id not in {loc.unit_id for loc in project.locations}:
        names = ", ".join(loc.unit.name for loc in project.locations)
        raise invalid_field(
            "project_id",
            "project_in_another_unit",
            f"The project is located in {names}: its board sits in one of them.",
        )
    if project.actual_end_on is not None:
        raise invalid_field(
            "project_id",
            "project_ended",
            f"The project ended on {project.actual_end_on.isoformat()}: its board was dissolved then.",
        )
    other = await repo.active_board(project.id, other_than=other_than)
    if other is not None:
        raise Conflict(
            f"The project already has an active board ({other.name}, {other.id}): dissolve it first.",
            code="project_has_board",
        )
    return project


async def check_sole_board(session: AsyncSession, principal: Principal, board: Committee) -> None:
    """A board made active again: its project has no other active board (409 otherwise)."""
    assert board.project_id is not None
    other = await ProjectRepository(session, principal).active_board(board.project_id, other_than=board.id)
    if other is not None:
        raise Conflict(
            f"The project already has an active board ({other.name}, {other.id}).", code="project_has_board"
        )
