"""The committees' activities and recommendations of the demo dataset: for each People's Inspection
Committee given, its plan for the current quarter, two supervisions held (one whose plan was sent on
time, one sent late and so flagged), one coming up, and four recommendations to its commune's
authority (one answered and closed, one answered and followed up, one overdue, one not yet due),
loaded through the services with acts dated up to today only.

Wiring: the committees' demo part (the committees and their members, written apart) calls
`seed_activities(session, committees)` with the committees it created, each with its `unit` loaded;
or the demo loader calls `load(session)`, which seeds every active PIC that has no activity yet.
"""

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from api.calendar.working_days import WorkingCalendar, load_calendar
from api.committees.activities import service as activities
from api.committees.activities.models import ActivityKind, CommitteeActivity, PlanPeriod, SubjectKind
from api.committees.activities.schemas import ActivityCreate
from api.committees.models import Committee, CommitteeStatus
from api.committees.recommendations import service as recommendations
from api.committees.recommendations.models import AuthorityAnswer, CommitteeRecommendation
from api.committees.recommendations.schemas import (
    CommitteeRecommendationCreate,
    CommitteeRecommendationTransition,
)
from api.committees.recommendations.workflow import Action
from api.core import clock
from api.core.access import SYSTEM


def _working_on_or_before(calendar: WorkingCalendar, day: date) -> date:
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


def _working_days_before(calendar: WorkingCalendar, day: date, days: int) -> date:
    """The day `days` working days before `day` (so that `day` is the `days`-th working day after it)."""
    counted = 0
    while counted < days:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    return day


def _quarter(today: date) -> tuple[date, date]:
    first_month = 3 * ((today.month - 1) // 3) + 1
    starts = date(today.year, first_month, 1)
    ends = date(today.year + (first_month == 10), 1 if first_month == 10 else first_month + 3, 1) - timedelta(
        days=1
    )
    return starts, ends


async def _recommend(
    session: AsyncSession, committee: Committee, activity: CommitteeActivity, sent_on: date, content: str
) -> CommitteeRecommendation:
    return await recommendations.create(
        session,
        SYSTEM,
        committee,
        CommitteeRecommendationCreate(
            content=content, addressee_unit_id=committee.unit_id, sent_on=sent_on, activity_id=activity.id
        ),
    )


async def seed_activities(session: AsyncSession, committees: Sequence[Committee]) -> int:
    """Activities and recommendations for each committee (its `unit` loaded); the number of rows made."""
    today = clock.today()
    calendar = await load_calendar(session, today - timedelta(days=120), today + timedelta(days=60))
    made = 0
    for committee in committees:
        if committee.status != CommitteeStatus.ACTIVE:
            continue
        starts, ends = _quarter(today)
        await activities.create(
            session,
            SYSTEM,
            committee,
            ActivityCreate(
                kind=ActivityKind.PLAN,
                title=f"Kế hoạch hoạt động quý {(starts.month - 1) // 3 + 1} năm {starts.year} (demo)",
                period=PlanPeriod.QUARTER,
                period_starts_on=starts,
                period_ends_on=ends,
            ),
        )
        on_time_day = _working_on_or_before(calendar, today - timedelta(days=45))
        on_time = await activities.create(
            session,
            SYSTEM,
            committee,
            ActivityCreate(
                kind=ActivityKind.SUPERVISION,
                title="Giám sát việc công khai dự toán ngân sách xã (demo)",
                subject_kind=SubjectKind.COMMUNE_AUTHORITY,
                subject_description=f"UBND {committee.unit.name}: công khai dự toán ngân sách",
                planned_on=on_time_day,
                notice_sent_on=_working_days_before(calendar, on_time_day, 7),
                held_on=on_time_day,
                findings="Dự toán đã niêm yết tại trụ sở UBND; chưa niêm yết tại một số nhà văn hóa thôn, xóm.",
            ),
        )
        late_day = _working_on_or_before(calendar, today - timedelta(days=20))
        await activities.create(
            session,
            SYSTEM,
            committee,
            ActivityCreate(
                kind=ActivityKind.INSPECTION,
                title="Kiểm tra việc thực hiện nghị quyết về làm đường giao thông nông thôn (demo)",
                subject_kind=SubjectKind.RESOLUTION_IMPLEMENTATION,
                subject_description="Nghị quyết của HĐND xã về đóng góp làm đường bê tông thôn",
                planned_on=late_day,
                # Three working days ahead: fewer than Decree 59/2023's five, so flagged late.
                notice_sent_on=_working_days_before(calendar, late_day, 3),
                held_on=late_day,
                findings="Các khoản đóng góp được công khai; sổ sách thu chi chưa cập nhật kịp thời.",
            ),
        )
        await activities.create(
            session,
            SYSTEM,
            committee,
            ActivityCreate(
                kind=ActivityKind.SUPERVISION,
                title="Giám sát việc giải quyết kiến nghị của công dân (demo)",
                subject_kind=SubjectKind.OFFICIAL,
                subject_description="Công chức Địa chính - Xây dựng xã",
                planned_on=_working_on_or_before(calendar, today + timedelta(days=21)),
                notice_sent_on=today,
            ),
        )
        made += 4

        closed = await _recommend(
            session,
            committee,
            on_time,
            today - timedelta(days=40),
            "Đề nghị niêm yết dự toán ngân sách tại tất cả nhà văn hóa thôn, xóm (demo).",
        )
        await recommendations.transition(
            session,
            closed,
            CommitteeRecommendationTransition(
                action=Action.ANSWER,
                answer=AuthorityAnswer.ACCEPTED,
                answer_measures="UBND đã chỉ đạo niêm yết tại tất cả thôn, xóm.",
                effective_on=today - timedelta(days=30),
            ),
            None,
        )
        await recommendations.transition(
            session,
            closed,
            CommitteeRecommendationTransition(
                action=Action.CLOSE,
                follow_up="Ban đã kiểm tra: đã niêm yết đủ.",
                effective_on=today - timedelta(days=10),
            ),
            None,
        )
        answered = await _recommend(
            session,
            committee,
            on_time,
            today - timedelta(days=35),
            "Đề nghị cập nhật sổ sách thu chi các khoản đóng góp làm đường (demo).",
        )
        await recommendations.transition(
            session,
            answered,
            CommitteeRecommendationTransition(
                action=Action.ANSWER,
                answer=AuthorityAnswer.PARTLY_ACCEPTED,
                answer_measures="Cập nhật sổ sách trong quý; chưa bố trí được kế toán riêng.",
                follow_up="Ban tiếp tục theo dõi việc cập nhật sổ sách.",
                effective_on=today - timedelta(days=18),
            ),
            None,
        )
        # Unanswered past its due date: overdue.
        await _recommend(
            session,
            committee,
            on_time,
            today - timedelta(days=50),
            "Đề nghị trả lời kiến nghị của cử tri về đèn chiếu sáng đường liên thôn (demo).",
        )
        # Not yet due.
        await _recommend(
            session,
            committee,
            on_time,
            today - timedelta(days=3),
            "Đề nghị công khai danh sách hộ nghèo năm sau (demo).",
        )
        made += 4
    await session.flush()
    return made
