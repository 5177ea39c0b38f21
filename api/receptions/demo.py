"""The receptions part of the demo dataset: a year of citizen receptions and dialogues in Cao Bằng
province and three of its communes (the demo units' communes), from 1 January 2026 up to today.

The heads are not perfectly diligent, so the compliance report shows life: the chairmen skip a
week now and then before 1 July 2026 and hold two days a month after it (once only one), the
Party secretaries mostly keep their two days, deputies and officers receive as well (days that
count towards no head's quota), and there are ad hoc receptions, dialogues and, from July, a few
online sessions (Law 136/2025). Everything is tagged with the demo source and says "(demo)" in
its notes; the generator is seeded, so every load is the same.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.core import clock
from api.core.access import SYSTEM
from api.core.external_ref import ExternalRef
from api.receptions import service
from api.receptions.models import HostRole, Level, Per, ReceptionKind, ReceptionMode
from api.receptions.quota_rules.repository import QuotaRuleRepository
from api.receptions.schemas import ReceptionCreate
from api.units.demo import DEMO_SOURCE
from api.units.models import CodeSystem, Unit, UnitStatus

START = date(2026, 1, 1)


@dataclass(frozen=True)
class _Heads:
    chairman: str
    secretary: str
    vice_chairman: str
    officer: str
    office: str  # where regular receptions take place
    hall: str  # where dialogues take place
    diligence: float  # how likely a head keeps a quota day


# Fictional people: any likeness to real office holders is accidental.
_HEADS = {
    "04": _Heads(
        "Hoàng Văn Khải",
        "Lục Thị Hằng",
        "Đàm Quang Vinh",
        "Triệu Thị Mai",
        "Trụ sở Tiếp công dân tỉnh Cao Bằng",
        "Hội trường UBND tỉnh Cao Bằng",
        0.8,
    ),
    "01273": _Heads(
        "Nông Văn Hùng",
        "Bế Thị Lan",
        "Lương Văn Sơn",
        "Hà Thị Thu",
        "Phòng tiếp công dân UBND phường Thục Phán",
        "Nhà văn hóa tổ dân phố 3, phường Thục Phán",
        0.95,
    ),
    "01279": _Heads(
        "Lý Văn Toàn",
        "Nông Thị Hoa",
        "Hoàng Đức Minh",
        "Đàm Thị Ngọc",
        "Phòng tiếp công dân UBND phường Nùng Trí Cao",
        "Hội trường UBND phường Nùng Trí Cao",
        0.85,
    ),
    "01339": _Heads(
        "Triệu Văn Phúc",
        "Lục Văn Dũng",
        "Bế Thị Xuân",
        "Hà Văn Tuấn",
        "Trụ sở UBND xã Xuân Trường",
        "Nhà văn hóa xóm Bản Chang, xã Xuân Trường",
        0.6,
    ),
}

_TOPICS = [
    "đất đai, cấp giấy chứng nhận quyền sử dụng đất",
    "bồi thường, hỗ trợ giải phóng mặt bằng",
    "chế độ chính sách người có công",
    "trợ cấp xã hội, bảo hiểm y tế",
    "ô nhiễm môi trường, rác thải",
    "tranh chấp ranh giới đất giữa các hộ",
    "thủ tục hành chính tại bộ phận một cửa",
    "sửa chữa đường giao thông nông thôn",
    "tinh gọn bộ máy sau sắp xếp đơn vị hành chính",
]


def _weekday_in(rng: random.Random, monday: date) -> date:
    return monday + timedelta(days=rng.choice([0, 1, 2, 3, 4]))


def _month_days(rng: random.Random, year: int, month: int, count: int) -> list[date]:
    first = date(year, month, 1)
    workdays = [
        first + timedelta(days=i)
        for i in range(31)
        if (first + timedelta(days=i)).month == month and (first + timedelta(days=i)).weekday() < 5
    ]
    return sorted(rng.sample(workdays, count))


def _months(until: date) -> list[tuple[int, int]]:
    return [(2026, m) for m in range(1, 13) if date(2026, m, 1) <= until]


@dataclass(frozen=True)
class _Planned:
    held_on: date
    kind: ReceptionKind
    role: HostRole
    mode: ReceptionMode = ReceptionMode.IN_PERSON


def _plan_commune(rng: random.Random, until: date, diligence: float, monthly_from: date) -> list[_Planned]:
    plan: list[_Planned] = []
    monday = START - timedelta(days=START.weekday())
    # Until the monthly quota (1 July 2026, Law 136/2025): the chairman owes a day every week
    # (Law 42/2013) and now and then skips one.
    while monday < monthly_from:
        if rng.random() < diligence:
            plan.append(_Planned(_weekday_in(rng, monday), ReceptionKind.REGULAR, HostRole.PC_CHAIRMAN))
        if rng.random() < 0.3:
            plan.append(_Planned(_weekday_in(rng, monday), ReceptionKind.REGULAR, HostRole.OFFICER))
        monday += timedelta(days=7)
    for year, month in _months(until):
        if date(year, month, 1) >= monthly_from:
            count = sum(rng.random() < diligence for _ in range(2))
            for i, day in enumerate(_month_days(rng, year, month, count)):
                online = i == 1 and rng.random() < 0.3
                mode = ReceptionMode.ONLINE if online else ReceptionMode.IN_PERSON
                plan.append(_Planned(day, ReceptionKind.REGULAR, HostRole.PC_CHAIRMAN, mode))
            for day in _month_days(rng, year, month, 2):
                plan.append(_Planned(day, ReceptionKind.REGULAR, HostRole.OFFICER))
        secretary_days = sum(rng.random() < diligence + 0.05 for _ in range(2))
        for day in _month_days(rng, year, month, secretary_days):
            plan.append(_Planned(day, ReceptionKind.REGULAR, HostRole.PARTY_SECRETARY))
        if rng.random() < 0.5:
            plan.append(
                _Planned(
                    _month_days(rng, year, month, 1)[0], ReceptionKind.REGULAR, HostRole.PC_VICE_CHAIRMAN
                )
            )
        if rng.random() < 0.25:
            plan.append(
                _Planned(_month_days(rng, year, month, 1)[0], ReceptionKind.AD_HOC, HostRole.PC_CHAIRMAN)
            )
        if month % 3 == 2:
            role = rng.choice([HostRole.PC_CHAIRMAN, HostRole.PARTY_SECRETARY])
            plan.append(_Planned(_month_days(rng, year, month, 1)[0], ReceptionKind.DIALOGUE_CITIZENS, role))
    return plan


def _plan_province(rng: random.Random, until: date, diligence: float) -> list[_Planned]:
    plan: list[_Planned] = []
    for year, month in _months(until):
        if rng.random() < diligence:
            plan.append(
                _Planned(_month_days(rng, year, month, 1)[0], ReceptionKind.REGULAR, HostRole.PC_CHAIRMAN)
            )
        plan.append(
            _Planned(_month_days(rng, year, month, 1)[0], ReceptionKind.REGULAR, HostRole.PARTY_SECRETARY)
        )
        for day in _month_days(rng, year, month, 3):
            plan.append(_Planned(day, ReceptionKind.REGULAR, HostRole.OFFICER))
        if month in (4, 10):
            plan.append(
                _Planned(
                    _month_days(rng, year, month, 1)[0],
                    ReceptionKind.DIALOGUE_BUSINESSES,
                    HostRole.PC_CHAIRMAN,
                )
            )
        if month == 6:
            plan.append(
                _Planned(_month_days(rng, year, month, 1)[0], ReceptionKind.AD_HOC, HostRole.PC_CHAIRMAN)
            )
    return plan


def _host(heads: _Heads, role: HostRole) -> str:
    return {
        HostRole.PC_CHAIRMAN: heads.chairman,
        HostRole.PARTY_SECRETARY: heads.secretary,
        HostRole.PC_VICE_CHAIRMAN: heads.vice_chairman,
    }.get(role, heads.officer)


def _session(rng: random.Random, unit: Unit, heads: _Heads, planned: _Planned, n: int) -> ReceptionCreate:
    dialogue = planned.kind in (ReceptionKind.DIALOGUE_CITIZENS, ReceptionKind.DIALOGUE_BUSINESSES)
    citizens = rng.randint(15, 60) if dialogue else rng.choice([0, 1, 2, 2, 3, 4, 5, 6, 8, 12])
    cases = min(citizens, rng.randint(0, 6)) if not dialogue else rng.randint(2, 9)
    if planned.kind == ReceptionKind.DIALOGUE_BUSINESSES:
        what = "Đối thoại với doanh nghiệp về thủ tục đầu tư, thuế và mặt bằng sản xuất"
    elif dialogue:
        what = f"Đối thoại với Nhân dân về {rng.choice(_TOPICS)}"
    elif citizens == 0:
        what = "Không có công dân đến"
    else:
        what = "Nội dung chính: " + ", ".join(rng.sample(_TOPICS, min(2, cases or 1)))
    return ReceptionCreate(
        unit_id=unit.id,
        held_on=planned.held_on,
        kind=planned.kind,
        mode=planned.mode,
        place="Trực tuyến qua Cổng dịch vụ công"
        if planned.mode == ReceptionMode.ONLINE
        else (heads.hall if dialogue else heads.office),
        host_name=_host(heads, planned.role),
        host_role=planned.role,
        citizens_received=citizens,
        cases_received=cases,
        notes=f"{what} (demo)",
        external_ref=ExternalRef(source=DEMO_SOURCE, id=f"reception-{unit.code}-{n:04d}"),
    )


async def _unit(session: AsyncSession, code: str) -> Unit | None:
    return await session.scalar(
        select(Unit).where(
            Unit.code == code,
            Unit.code_system == CodeSystem.DECISION_19_2025,
            Unit.status == UnitStatus.ACTIVE,
        )
    )


async def _monthly_from(session: AsyncSession) -> date | None:
    """The first day a commune chairman's quota is counted by the month (the quota rules' table)."""
    rules = await QuotaRuleRepository(session, SYSTEM).listed_on(None)
    starts = [
        r.valid_from
        for r in rules
        if (r.level, r.host_role, r.per) == (Level.COMMUNE, HostRole.PC_CHAIRMAN, Per.MONTH)
    ]
    return min(starts, default=None)


async def load(session: AsyncSession, today: date | None = None) -> int:
    """Add the demo reception sessions (after the official units); returns how many it created."""
    until = today or clock.today()
    monthly_from = await _monthly_from(session) or until + timedelta(days=1)
    created = 0
    for code, heads in _HEADS.items():
        unit = await _unit(session, code)
        if unit is None:
            continue
        rng = random.Random(f"qcdc-demo-receptions-{code}")  # noqa: S311 - seeded on purpose, not secret
        if code == "04":
            plan = _plan_province(rng, until, heads.diligence)
        else:
            plan = _plan_commune(rng, until, heads.diligence, monthly_from)
        earliest = max(START, unit.valid_from or START)
        plan = sorted((p for p in plan if earliest <= p.held_on <= until), key=lambda p: p.held_on)
        for n, planned in enumerate(plan, start=1):
            await service.create_reception(session, SYSTEM, _session(rng, unit, heads, planned, n))
            created += 1
    return created
