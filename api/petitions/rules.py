"""The legal time limits as data, and how a limit is chosen and counted.

`OFFICIAL_RULES` is what the product ships (DOMAIN.md, with each article); the table
`petition_deadline_rules` is what counts: administrators edit it when the law changes, giving
the new rule a `valid_from`, so a case keeps the limit in force when its stage started.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.calendar.models import DayBasis
from api.petitions.models import DeadlineRule, PetitionKind, Stage

COMPLAINTS = "Luật Khiếu nại 2011"
DENUNCIATIONS = "Luật Tố cáo 2018"
DECREE_20 = "Nghị định 20/2008/NĐ-CP (sửa đổi bởi Nghị định 92/2017/NĐ-CP)"
K, S = PetitionKind, Stage
CAL, WORK = DayBasis.CALENDAR, DayBasis.WORKING
COMPLAINTS_FROM = date(2012, 7, 1)
DENUNCIATIONS_FROM = date(2019, 1, 1)

# Stages whose limit binds the handling body: these are the clocks a case runs. The others
# (complaint_filing, appeal_filing, decision_effect) bound the citizen or the decision and are
# checked when the matching action is taken.
BODY_STAGES = frozenset({S.ACCEPTANCE, S.ACCEPTANCE_NOTICE, S.SETTLEMENT, S.SETTLEMENT_SECOND})
# Law on Denunciations 2018, Art. 30: at most two extensions (particularly complex cases).
MAX_EXTENSIONS = 2


@dataclass(frozen=True)
class RuleSpec:
    kind: PetitionKind
    stage: Stage
    days: int
    day_basis: DayBasis
    legal_basis: str
    valid_from: date
    remote_area: bool | None = None
    complex: bool | None = None
    note: str | None = None


def _four_ways(
    kind: PetitionKind, stage: Stage, days: tuple[int, int, int, int], basis: str
) -> list[RuleSpec]:
    """(normal, complex, remote, remote and complex) limits of one complaint stage."""
    normal, complex_, remote, remote_complex = days
    return [
        RuleSpec(kind, stage, normal, CAL, basis, COMPLAINTS_FROM, remote_area=False, complex=False),
        RuleSpec(kind, stage, complex_, CAL, basis, COMPLAINTS_FROM, remote_area=False, complex=True),
        RuleSpec(kind, stage, remote, CAL, basis, COMPLAINTS_FROM, remote_area=True, complex=False),
        RuleSpec(kind, stage, remote_complex, CAL, basis, COMPLAINTS_FROM, remote_area=True, complex=True),
    ]


OFFICIAL_RULES: list[RuleSpec] = [
    RuleSpec(
        K.COMPLAINT,
        S.COMPLAINT_FILING,
        90,
        CAL,
        f"{COMPLAINTS}, Điều 9",
        COMPLAINTS_FROM,
        note="Thời hiệu khiếu nại, từ ngày biết được quyết định, hành vi hành chính.",
    ),
    RuleSpec(K.COMPLAINT, S.ACCEPTANCE, 10, CAL, f"{COMPLAINTS}, Điều 27", COMPLAINTS_FROM),
    *_four_ways(K.COMPLAINT, S.SETTLEMENT, (30, 45, 45, 60), f"{COMPLAINTS}, Điều 28"),
    *_four_ways(K.COMPLAINT, S.SETTLEMENT_SECOND, (45, 60, 60, 70), f"{COMPLAINTS}, Điều 37"),
    RuleSpec(
        K.COMPLAINT, S.APPEAL_FILING, 30, CAL, f"{COMPLAINTS}, Điều 33", COMPLAINTS_FROM, remote_area=False
    ),
    RuleSpec(
        K.COMPLAINT, S.APPEAL_FILING, 45, CAL, f"{COMPLAINTS}, Điều 33", COMPLAINTS_FROM, remote_area=True
    ),
    RuleSpec(
        K.COMPLAINT, S.DECISION_EFFECT, 30, CAL, f"{COMPLAINTS}, Điều 44", COMPLAINTS_FROM, remote_area=False
    ),
    RuleSpec(
        K.COMPLAINT, S.DECISION_EFFECT, 45, CAL, f"{COMPLAINTS}, Điều 44", COMPLAINTS_FROM, remote_area=True
    ),
    RuleSpec(
        K.DENUNCIATION,
        S.ACCEPTANCE,
        7,
        WORK,
        f"{DENUNCIATIONS}, Điều 24",
        DENUNCIATIONS_FROM,
        note="Chưa đối chiếu được văn bản gốc; có thể kéo dài đến 10 ngày làm việc.",
    ),
    RuleSpec(K.DENUNCIATION, S.ACCEPTANCE_NOTICE, 5, WORK, f"{DENUNCIATIONS}, Điều 29", DENUNCIATIONS_FROM),
    RuleSpec(K.DENUNCIATION, S.SETTLEMENT, 30, CAL, f"{DENUNCIATIONS}, Điều 30", DENUNCIATIONS_FROM),
    RuleSpec(
        K.DENUNCIATION,
        S.EXTENSION,
        30,
        CAL,
        f"{DENUNCIATIONS}, Điều 30",
        DENUNCIATIONS_FROM,
        note="Tối đa hai lần gia hạn (vụ việc đặc biệt phức tạp), tổng không quá 90 ngày.",
    ),
    *[
        RuleSpec(
            kind,
            S.ACCEPTANCE,
            5,
            WORK,
            f"{DECREE_20}, Điều 14",
            date(2008, 2, 14),
            note="Chuyển phản ánh, kiến nghị không thuộc thẩm quyền trong 5 ngày làm việc.",
        )
        for kind in (K.PETITION, K.REFLECTION)
    ],
    *[
        RuleSpec(
            kind,
            S.SETTLEMENT,
            15,
            CAL,
            "Công điện 89/CĐ-TTg ngày 16/6/2025",
            date(2025, 6, 16),
            note="Chưa có thời hạn chung trong Nghị định 20/2008; cấu hình theo quy định địa phương.",
        )
        for kind in (K.PETITION, K.REFLECTION)
    ],
]


class RuleLike(Protocol):
    """A rule's fields that choose it: a stored row, or the benchmark generator's copy."""

    @property
    def kind(self) -> PetitionKind: ...
    @property
    def stage(self) -> Stage: ...
    @property
    def remote_area(self) -> bool | None: ...
    @property
    def complex(self) -> bool | None: ...
    @property
    def valid_from(self) -> date: ...
    @property
    def valid_to(self) -> date | None: ...


R = TypeVar("R", bound=RuleLike)


def most_specific(
    rules: Iterable[R], kind: PetitionKind, stage: Stage, on: date, *, remote_area: bool, complex_: bool
) -> R | None:
    """The rule in force on `on` for this kind, stage and flags; one naming a flag beats one
    leaving it open, and among equals the latest `valid_from` wins."""
    matching = [
        r
        for r in rules
        if r.kind == kind
        and r.stage == stage
        and r.valid_from <= on
        and (r.valid_to is None or on < r.valid_to)
        and r.remote_area in (None, remote_area)
        and r.complex in (None, complex_)
    ]
    if not matching:
        return None
    return max(matching, key=lambda r: ((r.remote_area is not None) + (r.complex is not None), r.valid_from))


async def find_rule(
    session: AsyncSession, kind: PetitionKind, stage: Stage, on: date, *, remote_area: bool, complex_: bool
) -> DeadlineRule | None:
    """The most specific rule in force on `on` for this kind, stage and flags."""
    rows = await session.scalars(
        select(DeadlineRule).where(DeadlineRule.kind == kind, DeadlineRule.stage == stage)
    )
    return most_specific(rows, kind, stage, on, remote_area=remote_area, complex_=complex_)
