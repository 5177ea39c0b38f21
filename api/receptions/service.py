"""The rules of citizen reception records, and compliance with the reception quotas.

Services take the session explicitly, raise `AppError`s and only flush: the request's unit of
work commits.
"""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.core import clock
from api.core.access import Principal
from api.core.errors import BadRequest, FieldError, invalid_field
from api.core.etag import check_if_match
from api.core.external_ref import claim_external_ref
from api.core.pagination import CursorCodec
from api.core.text import fold
from api.receptions import quotas
from api.receptions.models import HostRole, Level, ReceptionQuotaRule, ReceptionSession
from api.receptions.quota_rules.repository import QuotaRuleRepository
from api.receptions.quotas import LEVEL_OF_KIND, LEVEL_ORDER, ROLE_ORDER, Period, Requirement
from api.receptions.repository import (
    Held,
    HeldTotal,
    LifeGroup,
    ReceptionRepository,
    Required,
    UnitKey,
    UnitLife,
)
from api.receptions.schemas import (
    ComplianceQuery,
    ComplianceReport,
    ComplianceRow,
    ComplianceTotal,
    PeriodRead,
    ReceptionCreate,
    ReceptionUpdate,
    RequirementRead,
)
from api.units.models import Unit, UnitKind
from api.units.repository import UnitRepository
from api.units.schemas import UnitSummary
from api.units.scope import resolve_unit_filters, units_in_jurisdiction
from api.units.service import check_unit_existed


def refresh_search_text(reception: ReceptionSession) -> None:
    reception.search_text = fold(
        " ".join(filter(None, [reception.place, reception.host_name, reception.notes]))
    )


async def _unit_in_reach(session: AsyncSession, principal: Principal, unit_id: uuid.UUID) -> Unit:
    """Sessions are recorded only for units inside the principal's jurisdiction."""
    return (await units_in_jurisdiction(session, principal.jurisdiction, {"unit_id": unit_id}))["unit_id"]


def _check_held_on(held_on: date, unit: Unit) -> None:
    if held_on > clock.today():
        raise invalid_field("held_on", "date_in_future", "Record a session on or after the day it is held.")
    check_unit_existed(unit, held_on, "held_on")


async def create_reception(
    session: AsyncSession, principal: Principal, data: ReceptionCreate
) -> ReceptionSession:
    unit = await _unit_in_reach(session, principal, data.unit_id)
    _check_held_on(data.held_on, unit)
    reception = ReceptionSession(
        id=uuid.uuid4(),
        unit_id=unit.id,
        held_on=data.held_on,
        kind=data.kind,
        mode=data.mode,
        place=data.place,
        host_name=data.host_name,
        host_role=data.host_role,
        citizens_received=data.citizens_received,
        cases_received=data.cases_received,
        notes=data.notes,
    )
    await claim_external_ref(session, reception, data.external_ref, "reception session")
    reception.unit = unit
    refresh_search_text(reception)
    session.add(reception)
    await session.flush()
    return reception


_PLAIN_FIELDS = (
    "held_on",
    "kind",
    "mode",
    "place",
    "host_name",
    "host_role",
    "citizens_received",
    "cases_received",
    "notes",
)


async def update_reception(
    session: AsyncSession,
    principal: Principal,
    reception: ReceptionSession,
    data: ReceptionUpdate,
    if_match: str | None,
) -> ReceptionSession:
    check_if_match(if_match, reception.version)
    changes = data.model_dump(exclude_unset=True)
    unit = reception.unit
    if "unit_id" in changes and changes["unit_id"] != reception.unit_id:
        unit = await _unit_in_reach(session, principal, changes["unit_id"])
    if unit is not reception.unit or "held_on" in changes:
        _check_held_on(changes.get("held_on", reception.held_on), unit)
    if "external_ref" in changes:
        await claim_external_ref(session, reception, data.external_ref, "reception session")
    for field in _PLAIN_FIELDS:
        if field in changes:
            setattr(reception, field, changes[field])
    reception.unit_id = unit.id
    reception.unit = unit
    refresh_search_text(reception)
    await session.flush()
    return reception


async def delete_reception(
    session: AsyncSession, principal: Principal, reception: ReceptionSession, if_match: str | None
) -> None:
    check_if_match(if_match, reception.version)
    await session.delete(reception)
    await session.flush()


def parse_period(text: str | None, today: date) -> Period:
    """The period a `period` query parameter names (the current year when omitted), or a 422."""
    if text is None:
        text = str(today.year)
    period = quotas.parse_period(text)
    if period is None:
        raise invalid_field(
            "period",
            "invalid_period",
            f"'{text}' is not a period: use YYYY, YYYY-Qn or YYYY-MM (e.g. 2026, 2026-Q3, 2026-07).",
            location="query",
        )
    return period


RowKey = tuple[int, str, str, int]
# A cursor's role rank once every row of its unit was given: the next page starts at the next unit.
UNIT_DONE = len(ROLE_ORDER)


@dataclass(frozen=True, slots=True)
class _Row:
    key: RowKey  # level, unit name, unit id, role: the report's order and its cursor
    unit: UnitLife
    level: Level
    host_role: HostRole
    requirements: list[Requirement]
    required_days: int


def _ratio(held: int, required: int) -> float | None:
    return round(held / required, 4) if required else None


NOTHING_HELD = Held(0, 0, 0, 0)


class _Rules:
    """The quota rules in force during the period, and what they ask of a unit by its level and
    dates of life (computed once per combination: units of a level mostly share their dates)."""

    def __init__(
        self, rules: list[ReceptionQuotaRule], roles: list[HostRole], period: Period, as_of: date
    ) -> None:
        self.period, self.as_of = period, as_of
        self.by_level_role: dict[tuple[Level, HostRole], list[ReceptionQuotaRule]] = {}
        spans: dict[Level, list[tuple[date, date]]] = {}
        for rule in rules:
            days = quotas.window(rule, period)
            if days is not None:
                self.by_level_role.setdefault((rule.level, rule.host_role), []).append(rule)
                spans.setdefault(rule.level, []).append(days)
        self.roles = [r for r in roles if any(role == r for _, role in self.by_level_role)]
        self.windows = {level: _merged(days) for level, days in spans.items()}
        self._asked: dict[
            tuple[Level, HostRole, date | None, date | None], tuple[list[Requirement], int]
        ] = {}

    def asked(
        self, level: Level, role: HostRole, unit_from: date | None, unit_to: date | None
    ) -> tuple[list[Requirement], int]:
        """What the rules ask of one unit's host over the period, and the days in all; no
        requirement when no rule of the level and role is in force during the unit's life."""
        combination = (level, role, unit_from, unit_to)
        found = self._asked.get(combination)
        if found is None:
            asked = quotas.requirements(
                self.by_level_role.get((level, role), []), self.period, unit_from, unit_to, self.as_of
            )
            found = self._asked[combination] = (asked, sum(r.required_days for r in asked))
        return found


def _merged(spans: list[tuple[date, date]]) -> list[tuple[date, date]]:
    """Spans of days (inclusive) joined where they meet or overlap."""
    out: list[tuple[date, date]] = []
    for first, last in sorted(spans):
        if out and first <= out[-1][1] + timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out


_TOTALS = (
    "units",
    "units_owing",
    "units_compliant",
    "required_days",
    "held_days",
    "sessions",
    "citizens_received",
    "dialogues",
)


def _totals(
    groups: list[LifeGroup], rules: _Rules, held: dict[tuple[UnitKind, HostRole], HeldTotal]
) -> tuple[list[ComplianceTotal], int]:
    """Per level and host role over the whole report, from its units counted by kind and dates of
    life and from the held figures summed in the database; and the report's number of rows."""
    sums: dict[tuple[Level, HostRole], list[int]] = {}
    rows = 0
    for group in groups:
        level = LEVEL_OF_KIND[group.kind]
        for role in rules.roles:
            asked, required = rules.asked(level, role, group.valid_from, group.valid_to)
            if not asked:
                continue
            s = sums.get((level, role))
            if s is None:
                s = sums[(level, role)] = [0] * len(_TOTALS)
            s[0] += group.units
            s[1] += group.units if required > 0 else 0
            s[3] += required * group.units
            rows += group.units
    for (kind, role), h in held.items():
        s = sums[(LEVEL_OF_KIND[kind], role)]
        s[2] += h.units_compliant
        s[4] += h.held_days
        s[5] += h.sessions
        s[6] += h.citizens_received
        s[7] += h.dialogues
    totals = []
    for (level, role), values in sorted(
        sums.items(), key=lambda item: (LEVEL_ORDER.index(item[0][0]), ROLE_ORDER.index(item[0][1]))
    ):
        named = dict(zip(_TOTALS, values, strict=True))
        ratio = _ratio(named["held_days"], named["required_days"])
        totals.append(ComplianceTotal(level=level, host_role=role, ratio=ratio, **named))
    return totals, rows


def _required(groups: list[LifeGroup], rules: _Rules) -> list[Required]:
    """The days each group of units owes each host role (only where the group has a row)."""
    out = []
    for group in groups:
        for role in rules.roles:
            asked, required = rules.asked(LEVEL_OF_KIND[group.kind], role, group.valid_from, group.valid_to)
            if asked:
                out.append(Required(group.kind, role, group.valid_from, group.valid_to, required))
    return out


def _summary(unit: UnitLife) -> UnitSummary:
    return UnitSummary(id=unit.id, code=unit.code, name=unit.name, kind=unit.kind, status=unit.status)


def _item(row: _Row, held: Held) -> ComplianceRow:
    required = row.required_days
    return ComplianceRow(
        unit=_summary(row.unit),
        level=row.level,
        host_role=row.host_role,
        required_days=required,
        held_days=held.held_days,
        ratio=_ratio(held.held_days, required),
        compliant=held.held_days >= required if required else None,
        sessions=held.sessions,
        citizens_received=held.citizens_received,
        dialogues=held.dialogues,
        requirements=[
            RequirementRead(
                rule_id=r.rule.code,
                per=r.rule.per,
                days=r.rule.days,
                slots=r.slots,
                required_days=r.required_days,
            )
            for r in row.requirements
        ],
    )


def _cursor_key(codec: CursorCodec, cursor: str, sort: str) -> RowKey:
    raw: list[Any] = codec.decode(cursor, sort)
    if len(raw) != 4 or not (
        isinstance(raw[0], int)
        and isinstance(raw[1], str)
        and isinstance(raw[2], str)
        and isinstance(raw[3], int)
        and 0 <= raw[0] < len(LEVEL_ORDER)
    ):
        raise BadRequest(
            "The cursor is malformed.",
            code="invalid_cursor",
            errors=[FieldError(field="cursor", code="invalid_cursor", message="malformed", location="query")],
        )
    return (raw[0], raw[1], raw[2], raw[3])


def _page(
    units: list[UnitLife], rules: _Rules, after: RowKey | None, limit: int
) -> tuple[list[_Row], RowKey | None]:
    """The page's rows from its units (in the report's order) and where the next page starts."""
    rows = []
    for unit in units:
        level = LEVEL_OF_KIND[unit.kind]
        rank, unit_id = LEVEL_ORDER.index(level), str(unit.id)
        for role in rules.roles:
            role_rank = ROLE_ORDER.index(role)
            if after is not None and unit_id == after[2] and role_rank <= after[3]:
                continue
            asked, required = rules.asked(level, role, unit.valid_from, unit.valid_to)
            if asked:
                rows.append(
                    _Row((rank, unit.name_key, unit_id, role_rank), unit, level, role, asked, required)
                )
    page = rows[:limit]
    # Every unit loaded has a row, so `limit + 1` units are enough to know whether a page follows.
    if not page or (len(rows) <= limit and len(units) <= limit):
        return page, None
    last = page[-1].key
    unit_done = len(rows) == len(page) or rows[len(page)].unit.id != page[-1].unit.id
    return page, (*last[:3], UNIT_DONE) if unit_done else last


async def compliance(
    session: AsyncSession, principal: Principal, query: ComplianceQuery, codec: CursorCodec
) -> ComplianceReport:
    """Reception days held against the quota rules, per unit and host role, over a period (see
    quotas.py). The rows are paged in the database, the totals summed there over the whole report."""
    today = clock.today()
    period = parse_period(query.period, today)
    sort = f"compliance:{period.label}"
    after = _cursor_key(codec, query.cursor, sort) if query.cursor else None
    after_unit = None
    if after is not None:
        try:
            after_unit = UnitKey(after[0], after[1], uuid.UUID(after[2]))
        except ValueError as exc:
            raise BadRequest("The cursor is malformed.", code="invalid_cursor") from exc
    jurisdiction = principal.jurisdiction
    within = (await resolve_unit_filters(session, jurisdiction, query)).get("within_unit_id")
    if within is None and principal.unit_id is not None:
        within = await UnitRepository(session, principal).get(principal.unit_id)
    levels = frozenset(query.level) or frozenset(Level)
    roles = [r for r in ROLE_ORDER if not query.host_role or r in query.host_role]
    found = await QuotaRuleRepository(session, principal).during(period.start, period.end, levels, roles)
    rules = _Rules(found, roles, period, today)
    repo = ReceptionRepository(session, principal)
    scope = within.path if within is not None else None
    groups = await repo.life_groups(scope, rules.windows)
    required = _required(groups, rules)
    held_totals = (
        await repo.held_totals(scope, rules.roles, period.start, period.end, required) if required else {}
    )
    totals, total = _totals(groups, rules, held_totals)
    units: list[UnitLife] = []
    if total:
        inclusive = after is not None and after[3] != UNIT_DONE
        units = await repo.compliance_units(scope, rules.windows, after_unit, inclusive, query.limit + 1)
    page, next_key = _page(units, rules, after, query.limit)
    on_page = list(dict.fromkeys(row.unit.id for row in page))
    held = await repo.held_by_unit_and_role(on_page, rules.roles, period.start, period.end)
    return ComplianceReport(
        period=PeriodRead(label=period.label, start=period.start, end=period.end),
        as_of=today,
        within_unit=UnitSummary.model_validate(within) if within is not None else None,
        totals=totals,
        items=[_item(row, held.get((row.unit.id, row.host_role), NOTHING_HELD)) for row in page],
        next_cursor=codec.encode(sort, list(next_key)) if next_key is not None else None,
        total=total,
    )
