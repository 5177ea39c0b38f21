"""A subtree's committees against the composition rules on a day, and the counts of committees in term
and members sitting.

Set-based: a handful of statements for the whole subtree (its communes and villages, its committees
with their term in force, the members sitting counted per term, the rules, the expired terms, the
projects without a board), then each committee's rules are applied in memory by
`api/committees/composition.py` (`judge`, on the members' `Tally`), the same rules as one committee's
compliance; no statement per committee. Rows are read as columns, never as ORM objects, and every
value is written into the statements (`api/core/written.py`; the subtree by
`api.units.scope.named_above_villages_within`): a province of ~170 communes and
~5,000 villages is ~55 ms of SQL and ~70 ms of Python (bench/README.md, Committees).
"""

import bisect
import uuid
from collections import defaultdict, namedtuple
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple, cast

from sqlalchemy import (
    ColumnElement,
    and_,
    exists,
    func,
    literal,
    null,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from api.committees import composition
from api.committees.compliance.schemas import (
    ComplianceItem,
    CompliancePage,
    ComplianceProblem,
    ComplianceQuery,
    ComplianceTotals,
    ProblemCommittee,
    ProblemProject,
    ProblemRule,
    ProblemUnit,
    SummaryQuery,
    SummaryRead,
)
from api.committees.models import (
    Committee,
    CommitteeCompositionRule,
    CommitteeKind,
    CommitteeMember,
    CommitteeTerm,
    Constituency,
    MemberRole,
    RuleCheck,
)
from api.committees.projects.models import InvestmentProject, InvestmentProjectUnit
from api.core import clock
from api.core.access import Principal
from api.core.jurisdiction import Jurisdiction
from api.core.pagination import CursorCodec
from api.core.written import written, written_list
from api.units.models import Unit
from api.units.rules import COMMUNE_LEVEL, VILLAGE_LEVEL
from api.units.scope import named_above_villages_within, resolve_unit_filters, subtree_bounds

# The order problems are listed in.
ORDER = {problem: n for n, problem in enumerate(ComplianceProblem)}


async def _scope(
    session: AsyncSession, principal: Principal, query: ComplianceQuery | SummaryQuery
) -> tuple[Jurisdiction, uuid.UUID | None]:
    named = await resolve_unit_filters(session, principal.jurisdiction, query)
    if "within_unit_id" in named:
        return Jurisdiction(named["within_unit_id"].path), named["within_unit_id"].id
    return principal.jurisdiction, None


def _unit(unit: Any) -> ProblemUnit:
    return ProblemUnit(id=unit.id, code=unit.code, name=unit.name, kind=unit.kind)


def _committee(committee: Any, term: Any) -> ProblemCommittee:
    return ProblemCommittee(
        id=committee.id,
        name=committee.name,
        kind=committee.kind,
        term_id=term.id if term is not None else None,
    )


def _rule(rule: Any) -> ProblemRule:
    return ProblemRule(id=rule.code, legal_basis=rule.legal_basis)


def _in_force(rule: Any, day: date) -> bool:
    return rule.valid_from <= day and (rule.valid_to is None or rule.valid_to > day)


def _problem_of(kind: CommitteeKind, requirement: RuleCheck) -> ComplianceProblem:
    if requirement == RuleCheck.MIN_MEMBERS:
        return (
            ComplianceProblem.CISB_UNDER_SIZE
            if kind == CommitteeKind.INVESTMENT_SUPERVISION
            else ComplianceProblem.PIC_TOO_FEW_MEMBERS
        )
    if requirement == RuleCheck.MAX_MEMBERS and kind != CommitteeKind.INVESTMENT_SUPERVISION:
        return ComplianceProblem.PIC_TOO_MANY_MEMBERS
    if requirement == RuleCheck.ONE_PER_VILLAGE:
        return ComplianceProblem.VILLAGE_WITHOUT_REPRESENTATIVE
    return ComplianceProblem.RULE_BROKEN


def _term_in_force(day: ColumnElement[Any]) -> ColumnElement[bool]:
    end = func.coalesce(CommitteeTerm.ended_on, CommitteeTerm.planned_end_on)
    return and_(CommitteeTerm.starts_on <= day, end > day)


def _sitting(day: ColumnElement[Any]) -> ColumnElement[bool]:
    return and_(
        CommitteeMember.joined_on <= day,
        or_(CommitteeMember.left_on.is_(None), CommitteeMember.left_on > day),
    )


def _standing_on(day: ColumnElement[Any]) -> ColumnElement[bool]:
    """SQL: a committee standing on `day` (established by then where known, not yet dissolved)."""
    return and_(
        or_(Committee.established_on.is_(None), Committee.established_on <= day),
        or_(Committee.dissolved_on.is_(None), Committee.dissolved_on > day),
    )


# What the report reads of each row: columns, not ORM objects (a province has thousands of units and
# members); the rows answer the same attributes the composition rules read (`composition.judge`).
_UNIT = (Unit.id, Unit.code, Unit.name, Unit.kind)
_COMMITTEE = (Committee.id, Committee.name, Committee.kind, Committee.unit_id)
_TERM = (CommitteeTerm.id, CommitteeTerm.starts_on, CommitteeTerm.planned_end_on)
_RULE = (
    CommitteeCompositionRule.code,
    CommitteeCompositionRule.committee_kind,
    CommitteeCompositionRule.requirement,
    CommitteeCompositionRule.value,
    CommitteeCompositionRule.applies_below_villages,
    CommitteeCompositionRule.legal_basis,
    CommitteeCompositionRule.valid_from,
    CommitteeCompositionRule.valid_to,
)
# A tuple type per group with its columns' names, by the group's identity (a column compared with == is an
# SQL expression).
_SHAPES: dict[int, Any] = {
    id(group): namedtuple(name, [c.key for c in group])
    for name, group in (("UnitRow", _UNIT), ("CommitteeRow", _COMMITTEE), ("TermRow", _TERM))
}
# Joins the names and ids a SQLite `group_concat` gathers (PostgreSQL gathers arrays).
_SEPARATOR = "\x1f"


def _gathered(column: Any, where: ColumnElement[bool], dialect: str) -> ColumnElement[Any]:
    """The values of `column` over a group's rows where `where` holds: an array on PostgreSQL, a
    joined string on SQLite (`_values` reads both); null where no row holds."""
    if dialect == "postgresql":
        return func.array_agg(column).filter(where)
    return func.group_concat(column, _SEPARATOR).filter(where)


def _values(gathered: Any) -> list[Any]:
    if gathered is None:
        return []
    if isinstance(gathered, str):
        return gathered.split(_SEPARATOR)
    return list(gathered)


def _tallies(dialect: str) -> Any:
    """One row per term: its sitting members counted as `composition.Tally` counts them."""
    m = CommitteeMember
    return select(
        m.term_id,
        func.count().label("members"),
        func.count().filter(m.role == written(MemberRole.HEAD)).label("heads"),
        func.count().filter(m.role == written(MemberRole.DEPUTY_HEAD)).label("deputy_heads"),
        func.count().filter(m.constituency == written(Constituency.RESIDENT)).label("residents"),
        _gathered(m.represented_unit_id, m.represented_unit_id.is_not(None), dialect).label("represented"),
        _gathered(m.full_name, m.holds_commune_post.is_(True), dialect).label("commune_post"),
        _gathered(m.full_name, m.related_to_project_party.is_(True), dialect).label("related"),
    ).group_by(m.term_id)


def _tally(row: Any) -> composition.Tally:
    return composition.Tally(
        members=row.members,
        heads=row.heads,
        deputy_heads=row.deputy_heads,
        residents=row.residents,
        # PostgreSQL gathers UUIDs, SQLite their text.
        represented=frozenset(
            row.represented
            if not isinstance(row.represented, str)
            else map(uuid.UUID, _values(row.represented))
        )
        if row.represented is not None
        else frozenset(),
        commune_post=tuple(_values(row.commune_post)),
        related=tuple(_values(row.related)),
    )


NOBODY = composition.Tally(0, 0, 0, 0, frozenset(), (), ())


def _columns(*groups: tuple[Any, ...]) -> list[Any]:
    """The columns of several groups, in order, each labelled by its group's position (`g0_id`...)."""
    return [c.label(f"g{n}_{c.key}") for n, group in enumerate(groups) for c in group]


def _split(row: Any, *groups: tuple[Any, ...], start: int = 0) -> list[Any]:
    """A row of `_columns(*groups)` (from its column `start`) back into one tuple per group, with the
    columns' own names (read by position: a row's mapping and an attribute's `key` cost 30 ms over a
    province's rows)."""
    found, at = [], start
    for group in groups:
        found.append(_SHAPES[id(group)]._make(row[at : at + len(group)]))
        at += len(group)
    return found


async def _rows(session: AsyncSession, stmt: Any) -> Sequence[Any]:
    """The rows of `stmt`, which selects columns only, run on the session's connection without the
    ORM's result handling (made for rows that become objects)."""
    connection = await session.connection()
    rows: Sequence[Any] = (await connection.execute(stmt)).all()
    return rows


class _Found(NamedTuple):
    """A problem found: every one is counted and sorted, only a page's become items."""

    key: tuple[int | str, ...]
    problem: ComplianceProblem
    unit: Any
    detail: str
    committee: Any = None
    term: Any = None
    rule: Any = None
    project: Any = None


def _found(
    problem: ComplianceProblem,
    unit: Any,
    detail: str,
    committee: Any = None,
    term: Any = None,
    rule: Any = None,
    project: Any = None,
) -> _Found:
    """The problem with its place in the report: by problem, unit code and name, committee name, then
    what makes it unique (the committee, the rule, the project, the unit)."""
    key = (
        ORDER[problem],
        unit.code,
        unit.name,
        committee.name if committee is not None else "",
        str(committee.id) if committee is not None else "",
        rule.code if rule is not None else "",
        str(project.id) if project is not None else "",
        str(unit.id),
    )
    return _Found(key, problem, unit, detail, committee, term, rule, project)


def _item(found: _Found) -> ComplianceItem:
    return ComplianceItem(
        problem=found.problem,
        unit=_unit(found.unit),
        committee=_committee(found.committee, found.term) if found.committee is not None else None,
        project=ProblemProject(id=found.project.id, name=found.project.name)
        if found.project is not None
        else None,
        rule=_rule(found.rule) if found.rule is not None else None,
        detail=found.detail,
    )


@dataclass(frozen=True)
class _Focus:
    """Where the report looks: the subtree (its bounds written into each statement) and, when the caller
    names committees, only those committees, the communes of the PICs among them (`pic_units`) and
    their villages."""

    scope: Jurisdiction
    dialect: str
    committees: tuple[uuid.UUID, ...] | None = None
    pic_units: tuple[uuid.UUID, ...] = ()

    def within(self, unit_id_column: Any) -> ColumnElement[bool]:
        return named_above_villages_within(self.scope, unit_id_column, self.dialect)

    def committee(self, committee_id_column: Any) -> ColumnElement[bool]:
        if self.committees is None:
            return true()
        named: ColumnElement[bool] = committee_id_column.in_(written_list(self.committees))
        return named

    def units(self) -> ColumnElement[bool]:
        """The subtree's units, or the units of the named PICs and the villages under them."""
        if self.committees is not None:
            # Two index lookups (`ix_units_parent_name` for the villages), the jurisdiction already
            # applied to the committees themselves.
            ids = written_list(self.pic_units)
            return or_(Unit.id.in_(ids), Unit.parent_id.in_(ids))
        if self.scope.unit_path is None:
            return true()
        low, high = subtree_bounds(self.scope.unit_path)
        return and_(Unit.path >= written(low), Unit.path < written(high))


async def _focus(session: AsyncSession, scope: Jurisdiction, committees: list[uuid.UUID]) -> _Focus:
    dialect = session.get_bind().dialect.name
    if not committees:
        return _Focus(scope, dialect)
    named = _Focus(scope, dialect, tuple(committees))
    pic_units = await _rows(
        session,
        select(Committee.unit_id).where(
            named.within(Committee.unit_id),
            named.committee(Committee.id),
            Committee.kind == written(CommitteeKind.PEOPLE_INSPECTION),
        ),
    )
    return _Focus(scope, dialect, tuple(committees), tuple(row.unit_id for row in pic_units))


@dataclass
class _Judged:
    """The committees of a subtree (or those named) judged on a day, and the problems found so far."""

    found: list[_Found]
    communes: list[Any]
    villages: int
    by_id: dict[uuid.UUID, Any]
    standing: set[uuid.UUID]
    in_term: int
    compliant: set[uuid.UUID]


async def _judge(session: AsyncSession, focus: _Focus, day: date) -> _Judged:
    """Steps 1-4 of the report: the communes and villages, the committees standing with their term in
    force, their members counted, the rules applied; every committee's problems and the communes
    without a PIC in term."""
    on = written(day)
    # 1. The communes and villages looked at, on the day (none where only boards or agencies are named).
    units = (
        []
        if focus.committees is not None and not focus.pic_units
        else await _rows(
            session,
            select(*_UNIT, Unit.parent_id).where(
                focus.units(),
                Unit.kind.in_(written_list(COMMUNE_LEVEL | VILLAGE_LEVEL)),
                or_(Unit.valid_from.is_(None), Unit.valid_from <= on),
                or_(Unit.valid_to.is_(None), Unit.valid_to > on),
            ),
        )
    )
    communes = sorted((u for u in units if u.kind in COMMUNE_LEVEL), key=lambda u: (u.code, u.name))
    commune_ids = {u.id for u in communes}
    villages_of: dict[uuid.UUID, list[Any]] = defaultdict(list)
    # In no particular order: each problem has its place in the report (`_found`).
    for row in units:
        if row.kind in VILLAGE_LEVEL and row.parent_id in commune_ids:
            villages_of[row.parent_id].append(row)
    by_id = {u.id: u for u in units}

    # 2. The committees standing on the day, each with its unit and its term in force, if any.
    rows = [
        _split(row, _COMMITTEE, _UNIT, _TERM)
        for row in await _rows(
            session,
            select(*_columns(_COMMITTEE, _UNIT, _TERM))
            .join(Unit, Unit.id == Committee.unit_id)
            .outerjoin(CommitteeTerm, and_(CommitteeTerm.committee_id == Committee.id, _term_in_force(on)))
            .where(focus.within(Committee.unit_id), focus.committee(Committee.id), _standing_on(on)),
        )
    ]

    # 3. The members sitting on the day in those terms in force, counted per term in the database, read
    # through `ix_committee_members_committee` by the committees and terms just found.
    in_force = [(committee.id, term.id) for committee, _, term in rows if term.id is not None]
    counted = (
        {
            row.term_id: _tally(row)
            for row in await _rows(
                session,
                _tallies(focus.dialect).where(
                    CommitteeMember.committee_id.in_(written_list([c for c, _ in in_force])),
                    CommitteeMember.term_id.in_(written_list([t for _, t in in_force])),
                    _sitting(on),
                ),
            )
        }
        if in_force
        else {}
    )

    # 4. The rules (a small table of reference data), those of a term being the ones in force on its first day.
    # As rows too: the rules answer ~40,000 attribute reads a province, 15 ms through the ORM's.
    rules = await _rows(session, select(*_RULE).order_by(CommitteeCompositionRule.code))
    applicable: dict[tuple[CommitteeKind, int], list[Any]] = {}
    # The rules in force change only on these days: terms starting between two of them share their rules.
    changes = sorted({r.valid_from for r in rules} | {r.valid_to for r in rules if r.valid_to is not None})

    def rules_of(kind: CommitteeKind, starts_on: date) -> list[Any]:
        """The rules of the kind in force on a term's first day."""
        key = (kind, bisect.bisect_right(changes, starts_on))
        if key not in applicable:
            applicable[key] = [r for r in rules if r.committee_kind == kind and _in_force(r, starts_on)]
        return applicable[key]

    found: list[_Found] = []
    pic_in_term: set[uuid.UUID] = set()
    in_term = 0
    compliant: set[uuid.UUID] = set()
    for committee, unit, term_found in rows:
        term = term_found if term_found.id is not None else None
        if term is None:
            if committee.kind != CommitteeKind.PEOPLE_INSPECTION:
                found.append(
                    _found(
                        ComplianceProblem.COMMITTEE_WITHOUT_TERM,
                        unit,
                        f"No term of {committee.name} is in force on {day.isoformat()}.",
                        committee,
                    )
                )
            continue
        in_term += 1
        if committee.kind == CommitteeKind.PEOPLE_INSPECTION:
            pic_in_term.add(committee.unit_id)
        villages = (
            villages_of.get(committee.unit_id, [])
            if committee.kind == CommitteeKind.PEOPLE_INSPECTION
            else None
        )
        here = counted.get(term.id, NOBODY)
        broken = 0
        for rule in rules_of(committee.kind, term.starts_on):
            # Rows with the attributes the rules read (see `_RULE`, `_UNIT`, `_TERM`).
            outcome = composition.judge(
                cast(CommitteeCompositionRule, rule), cast(CommitteeTerm, term), here, villages
            )
            if outcome.holds:
                continue
            broken += 1
            problem = _problem_of(committee.kind, rule.requirement)
            if problem == ComplianceProblem.VILLAGE_WITHOUT_REPRESENTATIVE:
                found.extend(
                    _found(
                        problem,
                        village,
                        f"{village.name} has no representative in {committee.name}.",
                        committee,
                        term,
                        rule,
                    )
                    for village in villages or []
                    if village.id not in here.represented
                )
            else:
                found.append(
                    _found(problem, unit, f"{committee.name}: {outcome.reason}", committee, term, rule)
                )
        if broken == 0:
            compliant.add(committee.id)

    found.extend(
        _found(
            ComplianceProblem.COMMUNE_WITHOUT_PIC,
            commune,
            f"{commune.name} has no People's Inspection Committee with a term in force on {day.isoformat()}.",
        )
        for commune in communes
        if commune.id not in pic_in_term
    )

    return _Judged(
        found=found,
        communes=communes,
        villages=sum(len(v) for v in villages_of.values()),
        by_id=by_id,
        standing={committee.id for committee, _, _ in rows},
        in_term=in_term,
        compliant=compliant,
    )


async def compliance_of_committees(
    session: AsyncSession, scope: Jurisdiction, day: date
) -> tuple[set[uuid.UUID], set[uuid.UUID]]:
    """The committees of the subtree standing on the day, and those of them compliant (a term in force,
    no rule broken): what the committees list's `compliance` filter keeps."""
    judged = await _judge(session, _Focus(scope, session.get_bind().dialect.name), day)
    return judged.standing, judged.compliant


async def subtree_compliance(
    session: AsyncSession, principal: Principal, query: ComplianceQuery, codec: CursorCodec
) -> CompliancePage:
    day = query.as_of or clock.today()
    scope, root_id = await _scope(session, principal, query)
    focus = await _focus(session, scope, query.committee_id)
    on = written(day)

    judged = await _judge(session, focus, day)
    found = judged.found

    # 5. Terms expired: the planned end passed, not ended, and no later term of the committee.
    later = aliased(CommitteeTerm)
    expired = [
        _split(row, _COMMITTEE, _UNIT, _TERM)
        for row in await _rows(
            session,
            select(*_columns(_COMMITTEE, _UNIT, _TERM))
            .join(CommitteeTerm, CommitteeTerm.committee_id == Committee.id)
            .join(Unit, Unit.id == Committee.unit_id)
            .where(
                focus.within(Committee.unit_id),
                focus.committee(Committee.id),
                _standing_on(on),
                CommitteeTerm.ended_on.is_(None),
                CommitteeTerm.planned_end_on <= on,
                ~exists().where(
                    later.committee_id == Committee.id, later.starts_on > CommitteeTerm.starts_on
                ),
            ),
        )
    ]
    found.extend(
        _found(
            ComplianceProblem.TERM_EXPIRED,
            unit,
            f"The term of {committee.name} planned to end on {term.planned_end_on.isoformat()} has not been ended "
            "and no next term is recorded.",
            committee,
            term,
        )
        for committee, unit, term in expired
    )

    # 6. Projects under way without a board standing that day (not looked at for named committees).
    projects = [] if focus.committees is not None else await _projects_under_way(session, focus, on)
    found.extend(
        _found(
            ComplianceProblem.PROJECT_WITHOUT_BOARD,
            judged.by_id.get(project.unit_id) or _split(project, _UNIT, start=3)[0],
            f"{project.name} is under way without a community investment supervision board.",
            project=project,
        )
        for project in projects
        if not project.has_board
    )

    counts = dict.fromkeys(ComplianceProblem, 0)
    for each in found:
        counts[each.problem] += 1
    wanted = set(query.problem)
    listed = sorted((f for f in found if not wanted or f.problem in wanted), key=lambda f: f.key)
    start = 0
    if query.cursor is not None:
        after = tuple(codec.decode(query.cursor, _CURSOR_SORT))
        start = bisect.bisect_right(listed, after, key=lambda f: f.key)
    page = listed[start : start + query.limit]
    more = start + query.limit < len(listed)
    return CompliancePage(
        within_unit_id=root_id,
        as_of=day,
        counts=counts,
        totals=ComplianceTotals(
            communes=len(judged.communes),
            villages=judged.villages,
            committees=len(judged.standing),
            committees_in_term=judged.in_term,
            compliant_committees=len(judged.compliant),
            projects_under_way=len(projects),
            problems=len(found),
        ),
        items=[_item(f) for f in page],
        next_cursor=codec.encode(_CURSOR_SORT, list(page[-1].key)) if more else None,
        total=len(listed),
    )


# The report's one order, named in its cursors.
_CURSOR_SORT = "problem,unit"


async def _projects_under_way(session: AsyncSession, focus: _Focus, on: ColumnElement[Any]) -> Sequence[Any]:
    """The projects of the subtree under way on the day, each saying whether a board stands for it."""
    return await _rows(
        session,
        select(
            InvestmentProject.id,
            InvestmentProject.name,
            InvestmentProject.unit_id,
            *_columns(_UNIT),
            exists()
            .where(
                Committee.project_id == InvestmentProject.id,
                Committee.kind == written(CommitteeKind.INVESTMENT_SUPERVISION),
                _standing_on(on),
            )
            .label("has_board"),
        )
        .join(Unit, Unit.id == InvestmentProject.unit_id)
        .where(
            exists().where(
                InvestmentProjectUnit.project_id == InvestmentProject.id,
                focus.within(InvestmentProjectUnit.unit_id),
            ),
            InvestmentProject.starts_on <= on,
            or_(InvestmentProject.actual_end_on.is_(None), InvestmentProject.actual_end_on > on),
        ),
    )


async def summary(session: AsyncSession, principal: Principal, query: SummaryQuery) -> SummaryRead:
    """Committees in term by kind, and members sitting by kind, role and gender: one grouped statement
    (two groupings joined by UNION ALL), its values written and its subtree looked up as the
    compliance report's. The committees in term are found once (a CTE) and their members read through
    their term (`ix_committee_members_committee`): joined the other way, each of a province's ~10,000
    sitting members probed its committee (30 ms of the statement's 36)."""
    day = query.on or clock.today()
    scope, root_id = await _scope(session, principal, query)
    on = written(day)
    focus = _Focus(scope, session.get_bind().dialect.name)
    in_term = (
        select(Committee.id, Committee.kind, CommitteeTerm.id.label("term_id"))
        .join(CommitteeTerm, CommitteeTerm.committee_id == Committee.id)
        .where(focus.within(Committee.unit_id), _standing_on(on), _term_in_force(on))
        .cte("in_term")
    )
    committees = select(
        literal("committee").label("what"),
        in_term.c.kind,
        null().label("role"),
        null().label("gender"),
        func.count(func.distinct(in_term.c.id)).label("n"),
    ).group_by(in_term.c.kind)
    members = (
        select(
            literal("member").label("what"),
            in_term.c.kind,
            CommitteeMember.role.label("role"),
            CommitteeMember.gender.label("gender"),
            func.count().label("n"),
        )
        .join(
            CommitteeMember,
            and_(CommitteeMember.committee_id == in_term.c.id, CommitteeMember.term_id == in_term.c.term_id),
        )
        .where(_sitting(on))
        .group_by(in_term.c.kind, CommitteeMember.role, CommitteeMember.gender)
    )
    by_kind: dict[CommitteeKind, int] = {}
    members_by_kind: dict[CommitteeKind, int] = defaultdict(int)
    by_role: dict[str, int] = defaultdict(int)
    by_gender: dict[str, int] = defaultdict(int)
    rows: list[Any] = list((await session.execute(union_all(committees, members))).all())
    for what, kind_value, role, gender, n in rows:
        kind = CommitteeKind(kind_value)
        if what == "committee":
            by_kind[kind] = n
        else:
            members_by_kind[kind] += n
            by_role[str(role)] += n
            by_gender[str(gender) if gender is not None else "unknown"] += n
    return SummaryRead(
        within_unit_id=root_id,
        on=day,
        committees_in_term=sum(by_kind.values()),
        committees_by_kind=by_kind,
        members_sitting=sum(members_by_kind.values()),
        members_by_role=dict(by_role),
        members_by_gender=dict(by_gender),
        members_by_kind=dict(members_by_kind),
    )
