"""Reorganizations: merge, split, rename and change of kind, applied atomically with lineage.

One call retires the predecessors that do not continue (valid_to = effective date), applies
renames and kind changes to kept units, creates new successors, re-parents children, and links
every predecessor to every successor. Anything refused leaves nothing behind: the request's
transaction rolls back.
"""

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from api.core.access import Principal
from api.core.errors import Conflict, FieldError, ValidationFailed
from api.core.pagination import CursorCodec
from api.core.schemas import Page
from api.units import rules
from api.units.models import LineageEdge, Reorganization, ReorganizationKind, Unit, UnitStatus
from api.units.repository import ReorganizationRepository, UnitRepository
from api.units.schemas import (
    ReorganizationCreate,
    ReorganizationListQuery,
    ReorganizationRead,
    SuccessorSpec,
    UnitSummary,
)
from api.units.scope import units_in_jurisdiction
from api.units.service import (
    check_effective_date,
    create_unit,
    move_unit,
    refresh_search_keys,
    resolve_parent,
)

K = ReorganizationKind


def _refuse(detail: str, field: str = "", code: str = "invalid_reorganization") -> ValidationFailed:
    return ValidationFailed(detail, code=code, errors=[FieldError(field=field, code=code, message=detail)])


async def _active_units(
    repo: UnitRepository, named: dict[str, uuid.UUID], field: str
) -> dict[uuid.UUID, Unit]:
    """The units the body names (by where it names them: `successors.1.unit_id`), each inside the
    jurisdiction and active; `field` is the list, blamed for a unit it names twice."""
    if len(set(named.values())) != len(named):
        raise _refuse("A unit is listed twice.", field, "duplicate_unit")
    found = await units_in_jurisdiction(repo.session, repo.jurisdiction, named)
    for at, unit in found.items():
        if unit.status != UnitStatus.ACTIVE:
            raise Conflict(
                f"{unit.name} is already retired.",
                code="unit_retired",
                errors=[FieldError(field=at, code="unit_retired", message="already retired")],
            )
    return {unit.id: unit for unit in found.values()}


def _check_shape(data: ReorganizationCreate, predecessors: list[uuid.UUID]) -> None:
    n_pred, n_succ = len(predecessors), len(data.successors)
    first = data.successors[0]
    in_place = n_pred == 1 and n_succ == 1 and first.unit_id == predecessors[0]
    match data.kind:
        case K.MERGE if n_pred < 2 or n_succ != 1:
            raise _refuse("A merge joins two or more predecessors into exactly one successor.", "kind")
        case K.SPLIT if n_pred != 1 or n_succ < 2:
            raise _refuse("A split divides exactly one predecessor into two or more successors.", "kind")
        case K.RENAME if not in_place or not first.name:
            raise _refuse(
                "A rename keeps its one unit: successors = [{unit_id: <it>, name: <new name>}].", "successors"
            )
        case K.CHANGE_KIND if not in_place or not first.kind:
            raise _refuse(
                "A change of kind keeps its one unit: successors = [{unit_id: <it>, kind: <new>}].",
                "successors",
            )
        case K.RESTRUCTURE:
            raise _refuse("`restructure` is recorded only by the official-data loader.", "kind")
        case _:
            pass


async def _apply_to_kept(
    repo: UnitRepository, unit: Unit, spec: SuccessorSpec, changes: list[dict[str, str]]
) -> None:
    if spec.kind and spec.kind != unit.kind:
        if rules.code_family(spec.kind) != unit.code_family:
            raise _refuse(
                f"A {unit.kind.value} cannot become a {spec.kind.value}: their codes differ in kind.",
                "successors",
            )
        await resolve_parent(repo, spec.kind, unit.parent_id, field="successors")
        changes.append(
            {"unit_id": str(unit.id), "field": "kind", "from": unit.kind.value, "to": spec.kind.value}
        )
        unit.kind = spec.kind
    if spec.name and spec.name != unit.name:
        changes.append({"unit_id": str(unit.id), "field": "name", "from": unit.name, "to": spec.name})
        unit.name = spec.name
    refresh_search_keys(unit)


async def _move_children(
    repo: UnitRepository,
    data: ReorganizationCreate,
    predecessors: dict[uuid.UUID, Unit],
    retiring: list[Unit],
    successors: list[Unit],
) -> None:
    children = {c.id: c for c in await repo.active_children(predecessors)}
    targets: dict[uuid.UUID, int] = {}
    for i, move in enumerate(data.child_moves):
        if move.unit_id not in children:
            raise _refuse(
                f"Unit {move.unit_id} is not an active child of a predecessor.", f"child_moves.{i}.unit_id"
            )
        if move.successor >= len(successors):
            raise _refuse(f"There is no successor number {move.successor}.", f"child_moves.{i}.successor")
        targets[move.unit_id] = move.successor
    retiring_ids = {u.id for u in retiring}
    left = [c for c in children.values() if c.parent_id in retiring_ids and c.id not in targets]
    if left and len(successors) == 1:
        targets.update({c.id: 0 for c in left})
    elif left:
        names = ", ".join(sorted(c.name for c in left)[:20])
        raise _refuse(
            f"{len(left)} child unit(s) of retired predecessors need a new parent in child_moves: {names}.",
            "child_moves",
            "children_unassigned",
        )
    for child_id, index in targets.items():
        child, parent = children[child_id], successors[index]
        if not rules.parent_allowed(child.kind, parent.kind):
            raise _refuse(
                f"{child.name} ({child.kind.value}) cannot sit under a {parent.kind.value}.", "child_moves"
            )
        await move_unit(repo, child, parent)


async def reorganize(
    session: AsyncSession, principal: Principal, data: ReorganizationCreate
) -> Reorganization:
    check_effective_date(data.effective_date, "effective_date", None)
    _check_shape(data, data.predecessor_ids)
    repo = UnitRepository(session, principal)
    predecessors = await _active_units(
        repo,
        {f"predecessor_ids.{i}": unit_id for i, unit_id in enumerate(data.predecessor_ids)},
        "predecessor_ids",
    )
    kept = await _active_units(
        repo,
        {
            f"successors.{i}.unit_id": s.unit_id
            for i, s in enumerate(data.successors)
            if s.unit_id is not None
        },
        "successors",
    )
    for unit in [*predecessors.values(), *kept.values()]:
        check_effective_date(data.effective_date, "effective_date", unit.valid_from)

    reorg = Reorganization(
        id=uuid.uuid4(),
        kind=data.kind,
        effective_date=data.effective_date,
        legal_basis=data.legal_basis,
        note=data.note,
        changes=[],
        external_source=data.external_ref.source if data.external_ref else None,
        external_id=data.external_ref.id if data.external_ref else None,
    )
    # Its audit events fall in the jurisdiction of the units it reorganizes.
    reorg.audit_unit_id = data.predecessor_ids[0]
    session.add(reorg)
    # Retire first: a created successor may take over a retiring unit's code.
    retiring = [u for uid, u in predecessors.items() if uid not in kept]
    for unit in retiring:
        unit.status, unit.valid_to = UnitStatus.RETIRED, data.effective_date
    await session.flush()

    changes: list[dict[str, str]] = []
    successors: list[Unit] = []
    for spec in data.successors:
        if spec.unit_id is not None:
            await _apply_to_kept(repo, kept[spec.unit_id], spec, changes)
            successors.append(kept[spec.unit_id])
        else:
            assert spec.new is not None
            new = spec.new.model_copy(update={"valid_from": spec.new.valid_from or data.effective_date})
            successors.append(await create_unit(session, principal, new))
    reorg.changes = changes
    await _move_children(repo, data, predecessors, retiring, successors)
    session.add_all(
        LineageEdge(reorganization_id=reorg.id, predecessor_id=p, successor_id=s.id)
        for p in predecessors
        for s in successors
    )
    await session.flush()
    return reorg


async def read_reorganizations(
    session: AsyncSession, principal: Principal, reorgs: list[Reorganization]
) -> list[ReorganizationRead]:
    """Shape reorganizations with their units, in two queries however many there are."""
    edges = await ReorganizationRepository(session, principal).edges_of([r.id for r in reorgs])
    units = await UnitRepository(session, principal).get_many(
        {e.predecessor_id for e in edges} | {e.successor_id for e in edges}
    )
    by_reorg: dict[uuid.UUID, list[LineageEdge]] = {r.id: [] for r in reorgs}
    for edge in edges:
        by_reorg[edge.reorganization_id].append(edge)

    def summaries(ids: set[uuid.UUID]) -> list[UnitSummary]:
        # Units outside the reader's jurisdiction (a merge across provinces) are left out.
        seen = sorted((units[i] for i in ids if i in units), key=lambda u: (u.name_key, u.id))
        return [UnitSummary.model_validate(u) for u in seen]

    return [
        ReorganizationRead.from_model(
            reorg,
            predecessors=summaries({e.predecessor_id for e in by_reorg[reorg.id]}),
            successors=summaries({e.successor_id for e in by_reorg[reorg.id]}),
        )
        for reorg in reorgs
    ]


async def page(
    session: AsyncSession, principal: Principal, query: ReorganizationListQuery, codec: CursorCodec
) -> Page[ReorganizationRead]:
    found = await ReorganizationRepository(session, principal).page(query, codec)
    items = await read_reorganizations(session, principal, found.items)
    return Page[ReorganizationRead](items=items, next_cursor=found.next_cursor, total=found.total)


async def read_reorganization(
    session: AsyncSession, principal: Principal, reorg: Reorganization
) -> ReorganizationRead:
    return (await read_reorganizations(session, principal, [reorg]))[0]
