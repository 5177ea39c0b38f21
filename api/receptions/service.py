"""The rules of citizen reception records, and compliance with the reception quotas.

Services take the session explicitly, raise `AppError`s and only flush: the request's unit of
work commits.
"""

import bisect
import uuid
from dataclasses import dataclass
from datetime import date
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
from api.receptions.models import HostRole, ReceptionSession
from api.receptions.quota_rules.models import Level, ReceptionQuotaRule
from api.receptions.quota_rules.repository import QuotaRuleRepository
from api.receptions.quotas import LEVEL_OF_KIND, LEVEL_ORDER, ROLE_ORDER, Period, Requirement
from api.receptions.repository import Held, ReceptionRepository, UnitLife
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
from api.units.models import Unit
from api.units.repository import UnitRepository
from api.units.schemas import UnitSummary
from api.units.scope import resolve_unit_filters


def refresh_search_text(reception: ReceptionSession) -> None:
    reception.search_text = fold(
        " ".join(filter(None, [reception.place, reception.host_name, reception.notes]))
    )


async def _unit_in_reach(session: AsyncSession, principal: Principal, unit_id: uuid.UUID) -> Unit:
    """Sessions are recorded only for units inside the principal's jurisdiction."""
    found = await UnitRepository(session, principal).get_many([unit_id])
    if unit_id not in found:
        raise invalid_field("unit_id", "unit_not_found", f"Unit {unit_id} does not exist.")
    return found[unit_id]


def _check_held_on(held_on: date, unit: Unit) -> None:
    if held_on > clock.today():
        raise invalid_field("held_on", "date_in_future", "Record a session on or after the day it is held.")
    if (unit.valid_from is not None and held_on < unit.valid_from) or (
        unit.valid_to is not None and held_on >= unit.valid_to
    ):
        life = f"from {unit.valid_from or 'its creation'} until {unit.valid_to or 'now'} (exclusive)"
        raise invalid_field(
            "held_on",
            "date_outside_unit_life",
            f"{unit.name} did not exist on {held_on.isoformat()}: it exists {life}.",
        )


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


@dataclass(frozen=True, slots=True)
class _Row:
    key: RowKey  # level, unit name, unit id, role: the report's order and its cursor
    unit: UnitLife
    level: Level
    host_role: HostRole
    requirements: list[Requirement]
    required_days: int
    held: Held


def _ratio(held: int, required: int) -> float | None:
    return round(held / required, 4) if required else None


NOTHING_HELD = Held(0, 0, 0, 0)


def _rows(
    units: list[UnitLife],
    held: dict[tuple[uuid.UUID, HostRole], Held],
    roles: list[HostRole],
    rules: list[ReceptionQuotaRule],
    period: Period,
    as_of: date,
) -> list[_Row]:
    """Every row of the report, in its order. Units of one level mostly share their dates of life,
    so what the rules ask is computed once per combination, not once per unit."""
    cache: dict[tuple[Level, HostRole, date | None, date | None], tuple[list[Requirement], int]] = {}
    by_level_role: dict[tuple[Level, HostRole], list[ReceptionQuotaRule]] = {}
    for rule in rules:
        by_level_role.setdefault((rule.level, rule.host_role), []).append(rule)
    ordered = sorted(((LEVEL_ORDER.index(LEVEL_OF_KIND[u.kind]), u.name_key, str(u.id)), u) for u in units)
    rows = []
    for (rank, name_key, unit_id), unit in ordered:
        level = LEVEL_ORDER[rank]
        for role in roles:
            combination = (level, role, unit.valid_from, unit.valid_to)
            found = cache.get(combination)
            if found is None:
                asked = quotas.requirements(
                    by_level_role.get((level, role), []), period, unit.valid_from, unit.valid_to, as_of
                )
                found = cache[combination] = (asked, sum(r.required_days for r in asked))
            if found[0]:
                rows.append(
                    _Row(
                        (rank, name_key, unit_id, ROLE_ORDER.index(role)),
                        unit,
                        level,
                        role,
                        found[0],
                        found[1],
                        held.get((unit.id, role), NOTHING_HELD),
                    )
                )
    return rows


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


def _totals(rows: list[_Row]) -> list[ComplianceTotal]:
    sums: dict[tuple[Level, HostRole], list[int]] = {}
    for row in rows:
        s = sums.get((row.level, row.host_role))
        if s is None:
            s = sums[(row.level, row.host_role)] = [0] * len(_TOTALS)
        required, held = row.required_days, row.held
        s[0] += 1
        s[1] += required > 0
        s[2] += required > 0 and held.held_days >= required
        s[3] += required
        s[4] += held.held_days
        s[5] += held.sessions
        s[6] += held.citizens_received
        s[7] += held.dialogues
    totals = []
    for (level, role), values in sorted(
        sums.items(), key=lambda item: (LEVEL_ORDER.index(item[0][0]), ROLE_ORDER.index(item[0][1]))
    ):
        named = dict(zip(_TOTALS, values, strict=True))
        ratio = _ratio(named["held_days"], named["required_days"])
        totals.append(ComplianceTotal(level=level, host_role=role, ratio=ratio, **named))
    return totals


def _summary(unit: UnitLife) -> UnitSummary:
    return UnitSummary(id=unit.id, code=unit.code, name=unit.name, kind=unit.kind, status=unit.status)


def _item(row: _Row) -> ComplianceRow:
    required = row.required_days
    return ComplianceRow(
        unit=_summary(row.unit),
        level=row.level,
        host_role=row.host_role,
        required_days=required,
        held_days=row.held.held_days,
        ratio=_ratio(row.held.held_days, required),
        compliant=row.held.held_days >= required if required else None,
        sessions=row.held.sessions,
        citizens_received=row.held.citizens_received,
        dialogues=row.held.dialogues,
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


def _after_cursor(rows: list[_Row], codec: CursorCodec, cursor: str, sort: str) -> list[_Row]:
    raw: list[Any] = codec.decode(cursor, sort)
    if len(raw) != 4 or not (
        isinstance(raw[0], int)
        and isinstance(raw[1], str)
        and isinstance(raw[2], str)
        and isinstance(raw[3], int)
    ):
        raise BadRequest(
            "The cursor is malformed.",
            code="invalid_cursor",
            errors=[FieldError(field="cursor", code="invalid_cursor", message="malformed", location="query")],
        )
    last: RowKey = (raw[0], raw[1], raw[2], raw[3])
    return rows[bisect.bisect_right(rows, last, key=lambda row: row.key) :]


async def compliance(
    session: AsyncSession, principal: Principal, query: ComplianceQuery, codec: CursorCodec
) -> ComplianceReport:
    """Reception days held against the quotas, per unit and host role, over a period (see quotas.py)."""
    today = clock.today()
    period = parse_period(query.period, today)
    jurisdiction = principal.jurisdiction
    within = (await resolve_unit_filters(session, jurisdiction, query)).get("within_unit_id")
    if within is None and principal.unit_id is not None:
        within = await UnitRepository(session, principal).get(principal.unit_id)
    levels = frozenset(query.level) or frozenset(Level)
    roles = [r for r in ROLE_ORDER if not query.host_role or r in query.host_role]
    kinds = quotas.kinds_of(levels)
    rules = await QuotaRuleRepository(session, principal).during(period.start, period.end, levels, roles)
    repo = ReceptionRepository(session, principal)
    scope = within.path if within is not None else None
    units = await repo.units_alive(scope, kinds, period.start, period.end)
    held = await repo.held_by_unit_and_role(scope, kinds, roles, period.start, period.end) if roles else {}
    rows = _rows(units, held, roles, rules, period, today)
    sort = f"compliance:{period.label}"
    remaining = _after_cursor(rows, codec, query.cursor, sort) if query.cursor else rows
    page = remaining[: query.limit]
    next_cursor = None
    if len(remaining) > query.limit:
        next_cursor = codec.encode(sort, list(page[-1].key))
    return ComplianceReport(
        period=PeriodRead(label=period.label, start=period.start, end=period.end),
        as_of=today,
        within_unit=UnitSummary.model_validate(within) if within is not None else None,
        totals=_totals(rows),
        items=[_item(row) for row in page],
        next_cursor=next_cursor,
        total=len(rows),
    )
