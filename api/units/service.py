"""The rules of the unit registry: creation, edits and moves, retirement, tree and lineage.

Services take the session explicitly, raise `AppError`s and only flush: the request's unit of
work commits.
"""

import uuid
from collections import defaultdict
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from api.core import clock
from api.core.access import Principal, require_nationwide
from api.core.errors import Conflict, FieldError, invalid_field
from api.core.etag import check_if_match
from api.core.external_ref import claim_external_ref
from api.core.text import fold, searchable
from api.units import official, rules
from api.units.models import Reorganization, Unit, UnitKind, UnitStatus
from api.units.repository import UnitRepository
from api.units.schemas import (
    LineageRead,
    LineageStep,
    OfficialLoadReport,
    OfficialLoadRequest,
    ReorganizationRef,
    UnitCreate,
    UnitSummary,
    UnitTreeNode,
    UnitUpdate,
)
from api.units.scope import ancestor_ids, path_segment


class UnitHasActiveChildren(Conflict):
    default_code = "unit_has_active_children"
    extensions = {
        "active_children": {"type": "integer", "description": "Active children left.", "examples": [3]}
    }


MAX_TREE_DEPTH = 3
MAX_TREE_NODES = 5000
MAX_LINEAGE_DISTANCE = 50


def refresh_search_keys(unit: Unit) -> None:
    unit.name_key = fold(unit.name)
    unit.search_text = searchable(unit.name, unit.code, unit.electronic_id)


async def resolve_parent(
    repo: UnitRepository, kind: UnitKind, parent_id: uuid.UUID | None, field: str = "parent_id"
) -> Unit | None:
    """The parent a unit of `kind` may have, or a 422 that says which kinds are allowed."""
    parent = None
    if parent_id is not None:
        found = await repo.get_many([parent_id])
        parent = found.get(parent_id)
        if parent is None:
            raise invalid_field(field, "parent_not_found", f"Parent unit {parent_id} does not exist.")
        if parent.status != UnitStatus.ACTIVE:
            raise invalid_field(field, "parent_retired", f"Parent unit {parent.name} is retired.")
    if not rules.parent_allowed(kind, parent.kind if parent else None):
        raise invalid_field(
            field,
            "invalid_parent_kind",
            f"A {kind.value} cannot sit under {parent.kind.value if parent else 'nothing'}; "
            f"allowed parents: {rules.describe_parents(kind)}.",
        )
    return parent


async def _check_code_free(
    repo: UnitRepository, kind: UnitKind, code: str, except_id: uuid.UUID | None
) -> None:
    family = rules.code_family(kind)
    if await repo.code_taken(family, code, except_id):
        raise Conflict(
            f"Code {code} is already used by a live unit of the {family} family.",
            code="duplicate_code",
            errors=[FieldError(field="code", code="duplicate_code", message="already used by a live unit")],
        )


def check_top_level(principal: Principal, unit_name: str) -> None:
    """A unit without a parent lies outside every jurisdiction but the whole country's: only a
    nationwide principal creates one or moves one there (also through a reorganization)."""
    require_nationwide(principal, f"places a unit ({unit_name}) at the top of the registry")


async def load_official_units(
    session: AsyncSession, principal: Principal, request: OfficialLoadRequest
) -> OfficialLoadReport:
    """Load or refresh an edition of the official units (`official.load`): the whole country's
    registry, so only a nationwide principal may."""
    require_nationwide(principal, "loads the country's official units")
    return await official.load(session, request.edition, request.province_code, request.with_lineage)


def _place(unit: Unit, parent: Unit | None) -> None:
    unit.parent_id = parent.id if parent else None
    unit.path = (parent.path if parent else "/") + path_segment(unit.id)
    unit.depth = parent.depth + 1 if parent else 0


async def create_unit(session: AsyncSession, principal: Principal, data: UnitCreate) -> Unit:
    repo = UnitRepository(session, principal)
    parent = await resolve_parent(repo, data.kind, data.parent_id)
    if parent is None:
        check_top_level(principal, data.name)
    await _check_code_free(repo, data.kind, data.code, None)
    unit = Unit(
        id=uuid.uuid4(),
        code=data.code,
        code_family=rules.code_family(data.kind),
        code_system=data.code_system,
        electronic_id=data.electronic_id,
        name=data.name,
        kind=data.kind,
        status=UnitStatus.ACTIVE,
        valid_from=data.valid_from,
        remote_area=data.remote_area,
        latitude=data.latitude,
        longitude=data.longitude,
    )
    await claim_external_ref(session, unit, data.external_ref, "unit")
    _place(unit, parent)
    refresh_search_keys(unit)
    session.add(unit)
    await session.flush()
    return unit


async def _check_children_fit(repo: UnitRepository, unit: Unit, new_kind: UnitKind) -> None:
    for child in await repo.active_children([unit.id]):
        if not rules.parent_allowed(child.kind, new_kind):
            raise invalid_field(
                "kind",
                "children_do_not_fit",
                f"{child.name} ({child.kind.value}) cannot sit under a {new_kind.value}; move it first.",
            )


async def move_unit(repo: UnitRepository, unit: Unit, parent: Unit | None) -> None:
    """Re-parent `unit` and its whole subtree; a move under its own subtree is a 409."""
    if parent is not None and parent.path.startswith(unit.path):
        raise Conflict(
            f"Moving {unit.name} under {parent.name} would make it its own ancestor.",
            code="unit_cycle",
            errors=[FieldError(field="parent_id", code="unit_cycle", message="would create a cycle")],
        )
    old_path, old_depth = unit.path, unit.depth
    new_path = (parent.path if parent else "/") + path_segment(unit.id)
    new_depth = parent.depth + 1 if parent else 0
    await repo.rewrite_descendant_paths(old_path, new_path, new_depth - old_depth)
    _place(unit, parent)


async def update_unit(
    session: AsyncSession, principal: Principal, unit: Unit, data: UnitUpdate, if_match: str | None
) -> Unit:
    check_if_match(if_match, unit.version)
    repo = UnitRepository(session, principal)
    changes = data.model_dump(exclude_unset=True)
    new_kind = UnitKind(changes.get("kind", unit.kind))
    new_code = changes.get("code", unit.code)
    parent_changes = "parent_id" in changes and changes["parent_id"] != unit.parent_id
    if parent_changes or new_kind != unit.kind:
        parent = await resolve_parent(repo, new_kind, changes.get("parent_id", unit.parent_id))
        await _check_children_fit(repo, unit, new_kind)
        if parent_changes:
            if parent is None:
                check_top_level(principal, unit.name)
            await move_unit(repo, unit, parent)
    if unit.status == UnitStatus.ACTIVE and (
        new_code != unit.code or rules.code_family(new_kind) != unit.code_family
    ):
        await _check_code_free(repo, new_kind, new_code, unit.id)
    if "external_ref" in changes:
        await claim_external_ref(session, unit, data.external_ref, "unit")
    for field in (
        "code",
        "code_system",
        "name",
        "electronic_id",
        "valid_from",
        "remote_area",
        "latitude",
        "longitude",
    ):
        if field in changes:
            setattr(unit, field, changes[field])
    unit.kind = new_kind
    unit.code_family = rules.code_family(new_kind)
    refresh_search_keys(unit)
    await session.flush()
    return unit


def check_unit_existed(unit: Unit, day: date, field: str) -> None:
    """A fact names its unit as it was on the fact's day (a reception held, a case received or
    handled, forwarded or appealed): a unit created by the 2025 reform cannot have received a case
    in January 2025, nor a retired one one after its last day. The one check every domain uses."""
    if not unit.exists_on(day):
        life = f"from {unit.valid_from or 'its creation'} until {unit.valid_to or 'now'} (exclusive)"
        raise invalid_field(
            field,
            "date_outside_unit_life",
            f"{unit.name} did not exist on {day.isoformat()}: it exists {life}.",
        )


def check_effective_date(effective_date: date, field: str, not_before: date | None) -> None:
    if effective_date > clock.today():
        raise invalid_field(field, "date_in_future", "Record a change on or after the day it takes effect.")
    if not_before is not None and effective_date < not_before:
        raise invalid_field(
            field, "date_before_valid_from", f"The unit only exists from {not_before.isoformat()}."
        )


async def retire_unit(
    session: AsyncSession, principal: Principal, unit: Unit, effective_date: date, if_match: str | None
) -> Unit:
    check_if_match(if_match, unit.version)
    if unit.status == UnitStatus.RETIRED:
        raise Conflict(f"{unit.name} is already retired.", code="unit_retired")
    check_effective_date(effective_date, "effective_date", unit.valid_from)
    repo = UnitRepository(session, principal)
    children = await repo.active_children([unit.id])
    if children:
        raise UnitHasActiveChildren(
            f"{unit.name} still has {len(children)} active child unit(s); move or retire them first.",
            extra={"active_children": len(children)},
        )
    unit.status = UnitStatus.RETIRED
    unit.valid_to = effective_date
    await session.flush()
    return unit


async def delete_unit(session: AsyncSession, principal: Principal, unit: Unit, if_match: str | None) -> None:
    """Only a unit nothing refers to may be deleted (one created by mistake); others are retired."""
    check_if_match(if_match, unit.version)
    repo = UnitRepository(session, principal)
    if await repo.any_child(unit.id):
        raise Conflict(f"{unit.name} has child units; retire it instead.", code="unit_has_children")
    if await repo.in_lineage(unit.id):
        raise Conflict(f"{unit.name} is part of a reorganization; retire it instead.", code="unit_in_lineage")
    await session.delete(unit)
    await session.flush()


async def ancestors(session: AsyncSession, principal: Principal, unit: Unit) -> list[Unit]:
    """The breadcrumb, from the top of the jurisdiction down to the unit's parent."""
    ids = ancestor_ids(unit.path)
    found = await UnitRepository(session, principal).get_many(ids)
    return [found[i] for i in ids if i in found]


def _summary(unit: Unit) -> UnitSummary:
    return UnitSummary.model_validate(unit)


async def tree(
    session: AsyncSession,
    principal: Principal,
    root_id: uuid.UUID | None,
    depth: int,
    include_retired: bool,
) -> list[UnitTreeNode]:
    """Roots (or one unit) with their children `depth` levels down, for a lazy tree widget."""
    repo = UnitRepository(session, principal)
    top_path = principal.jurisdiction.unit_path
    if root_id is not None:
        await repo.get(root_id)
        where, named = [Unit.id == root_id], True
    elif top_path is not None:
        # The top of a provincial or communal principal's tree is its own unit.
        where, named = [Unit.path == top_path], True
    else:
        where, named = [Unit.parent_id.is_(None)], False
    nodes = await repo.tree_nodes(where, include_retired, named=named)
    level = [UnitTreeNode.model_validate(row) for row in nodes]
    top, loaded = level, len(level)
    for _ in range(depth):
        for leaf in (n for n in level if not n.has_children):
            leaf.children = []
        parents = [n for n in level if n.has_children]
        if not parents or loaded >= MAX_TREE_NODES:
            break
        by_parent: dict[uuid.UUID, list[UnitTreeNode]] = defaultdict(list)
        for row in await repo.tree_nodes([Unit.parent_id.in_([n.id for n in parents])], include_retired):
            by_parent[row.parent_id].append(UnitTreeNode.model_validate(row))
        level = []
        for parent in parents:
            parent.children = by_parent.get(parent.id, [])
            level.extend(parent.children)
        loaded += len(level)
    return top


def _ref(reorg: Reorganization) -> ReorganizationRef:
    return ReorganizationRef.model_validate(reorg)


async def _walk(
    repo: UnitRepository, start: uuid.UUID, backwards: bool
) -> list[tuple[uuid.UUID, Reorganization, int]]:
    found: list[tuple[uuid.UUID, Reorganization, int]] = []
    seen, frontier = {start}, {start}
    for distance in range(1, MAX_LINEAGE_DISTANCE + 1):
        if not frontier:
            break
        next_frontier: set[uuid.UUID] = set()
        for _near, far, reorg in await repo.lineage_step(frontier, backwards):
            if far not in seen:
                seen.add(far)
                next_frontier.add(far)
                found.append((far, reorg, distance))
        frontier = next_frontier
    return found


async def lineage(session: AsyncSession, principal: Principal, unit: Unit) -> LineageRead:
    """Predecessors and successors through every reorganization, transitively."""
    repo = UnitRepository(session, principal)
    back = await _walk(repo, unit.id, backwards=True)
    forward = await _walk(repo, unit.id, backwards=False)
    units = await repo.get_many([uid for uid, _, _ in back + forward])

    def steps(found: list[tuple[uuid.UUID, Reorganization, int]]) -> list[LineageStep]:
        return [
            LineageStep(unit=_summary(units[uid]), reorganization=_ref(reorg), distance=distance)
            for uid, reorg, distance in found
            if uid in units
        ]

    return LineageRead(
        unit=_summary(unit),
        predecessors=steps(back),
        successors=steps(forward),
        reorganizations=[_ref(r) for r in await repo.reorganizations_of(unit.id)],
    )
