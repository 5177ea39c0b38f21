"""People's Inspection Committees and Community Investment Supervision Boards on the national units, for
the benchmark: a commune PIC per 2025 commune-level unit with two terms, their members, activities and
recommendations, and ~30,000 investment projects with their boards.

- **PICs.** Every 2025 commune, ward and special zone (3,321) gets a PIC established after the 2025
  reorganisation (August-September 2025), with a first, interim term that ended on 1 April 2026 and the
  current one from that day to 1 April 2031 (both under Law 10/2022, the regime in force on their first
  day). Each term has one member per village or residential group of the commune up to 15 (at least 5,
  exactly 5 where it has fewer than 5: the rule in force; a commune of more villages, most of them since
  the 2025 mergers, leaves the others without a representative), elected at the village meeting a few weeks before the
  term, a head, one or two deputy heads and members; the first term's members left at its end. Some
  communes are made non-compliant on purpose: 4% leave 1 to 3 villages without a representative, 1.5% have
  only 4 members, and 1.5% have a single term planned to end on 1 July 2026 that was never ended nor
  followed (expired). A few current members resigned (1%), leaving their village unrepresented.
- **Activities.** ~15 per PIC (~50,000): a yearly plan per year of each term, and supervision
  and inspection activities (60/40) with a subject, a planned day, the notice sent 5 to 12 working days
  before (8% only 1 to 4: late) counted on the shared working-day calendar against the time rule in force,
  held when past, with findings. One in five held activities gives a recommendation to the commune or
  its province, due by the shipped response rule (15 calendar days, rolled to a working day), answered
  (60%), closed (25% of those) or still awaiting an answer.
- **Projects.** ~9 per commune (~30,000), started since July 2025; 25% ended (their board dissolved the
  day the project ended), 5% under way without a board, the rest with an active board (CISB) of 5 to 9
  members from the Front, the PIC and the residents (at most 5 residents) with its term; 3% of the active
  boards have only 4 members (under size).

Rows are written with COPY, as the petitions and inspections are; `name_key` and `search_text` are what
`api.core.text` makes of the same fields as the services (`refresh_search_text` and the members').
"""

import random
import time
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy.ext.asyncio import AsyncSession

from api.calendar.models import DayKind
from api.calendar.working_days import WorkingCalendar
from api.committees.compliance import service as compliance_service
from api.committees.compliance.schemas import ComplianceQuery, SummaryQuery
from api.committees.repository import CommitteeRepository
from api.committees.schemas import CommitteeListQuery, CommitteeRead
from api.core.pagination import CursorCodec
from api.core.schemas import Page
from api.core.shared_cache import ProcessCache
from api.core.text import fold, searchable
from api.units.models import UnitKind
from api.units.rules import COMMUNE_LEVEL, VILLAGE_LEVEL
from bench.load import Statement
from bench.petition_sql import capture, principal
from bench.seed import driver_url

SEED = 20260401
LAW = "law-10-2022"
NOTICE_RULE, NOTICE_DAYS = "pic-activity-notice", 5
RESPONSE_RULE, RESPONSE_DAYS = "pic-recommendation-response", 15
FIRST_TERM_ENDS = date(2026, 4, 1)
CURRENT_TERM_ENDS = date(2031, 4, 1)
EXPIRED_TERM_ENDS = date(2026, 7, 1)
PROJECTS_PER_COMMUNE = 9
# A PIC has 5 to 15 members (issue #12; Cao Bằng's 161 PICs have 1,215): a commune of more villages
# elects 15 and leaves the others without a representative (reported as such).
MOST_MEMBERS = 15

COMMITTEE_COLUMNS = (
    "id", "kind", "unit_id", "name", "name_key", "established_document", "established_on", "established_by",
    "status", "dissolved_on", "project_id", "notes", "search_text", "version", "external_source",
    "external_id", "created_at", "updated_at",
)  # fmt: skip
TERM_COLUMNS = (
    "id", "committee_id", "unit_id", "starts_on", "planned_end_on", "ended_on", "regime", "notes", "version",
    "created_at", "updated_at",
)  # fmt: skip
MEMBER_COLUMNS = (
    "id", "committee_id", "term_id", "unit_id", "full_name", "gender", "birth_year", "ethnicity",
    "represented_unit_id", "occupation", "contact", "role", "constituency", "joined_by", "meeting_on",
    "votes_for", "voters", "joined_on", "left_on", "leaving_reason", "holds_commune_post",
    "related_to_project_party", "search_text", "version", "external_source", "external_id", "created_at",
    "updated_at",
)  # fmt: skip
ACTIVITY_COLUMNS = (
    "id", "committee_id", "unit_id", "kind", "title", "period", "period_starts_on", "period_ends_on",
    "subject_kind", "subject_description", "planned_on", "dated_on", "notice_sent_on", "notice_working_days",
    "notice_late", "notice_rule_code", "held_on", "findings", "notes", "version", "created_at", "updated_at",
)  # fmt: skip
RECOMMENDATION_COLUMNS = (
    "id", "committee_id", "unit_id", "activity_id", "content", "addressee_unit_id", "sent_on",
    "response_due_on", "response_rule_code", "status", "answer", "answer_measures", "answered_on",
    "follow_up", "closed_on", "petition_id", "version", "created_at", "updated_at",
)  # fmt: skip
PROJECT_COLUMNS = (
    "id", "name", "name_key", "investor", "capital_source", "total_investment", "unit_id", "starts_on",
    "planned_end_on", "actual_end_on", "notes", "search_text", "version", "external_source", "external_id",
    "created_at", "updated_at",
)  # fmt: skip
LOCATION_COLUMNS = ("project_id", "unit_id", "position")
TABLES = (
    "investment_projects", "investment_project_units", "committees", "committee_terms", "committee_members",
    "committee_activities", "committee_recommendations",
)  # fmt: skip

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Nông", "Lò", "Hà")
MIDDLE = {"female": ("Thị", "Ngọc", "Thu", "Minh"), "male": ("Văn", "Đức", "Minh", "Quang")}
GIVEN = ("An", "Bình", "Cường", "Dung", "Giang", "Hải", "Hạnh", "Hùng", "Lan", "Linh", "Mai", "Nam", "Phúc",
         "Quỳnh", "Sơn", "Tâm", "Thảo", "Trung", "Tuấn", "Yến")  # fmt: skip
ETHNICITIES = (("Kinh", 0.8), ("Tày", 0.87), ("Thái", 0.92), ("Nùng", 0.96), ("H'Mông", 1.0))
OCCUPATIONS = (
    "Nông dân",
    "Giáo viên nghỉ hưu",
    "Cựu chiến binh",
    "Kinh doanh",
    "Công nhân",
    "Hội viên Hội Phụ nữ",
)
SUBJECTS = (
    ("commune_authority", "Việc thực hiện công khai ngân sách xã của Ủy ban nhân dân xã"),
    ("official", "Việc giải quyết hồ sơ đất đai của công chức địa chính - xây dựng"),
    ("project", "Việc thi công công trình đường giao thông nông thôn"),
    ("resolution_implementation", "Việc thực hiện nghị quyết của Hội đồng nhân dân xã về xây dựng nông thôn mới"),
    ("other", "Việc thu, chi quỹ do Nhân dân đóng góp"),
)  # fmt: skip
FINDINGS = (
    "Chưa niêm yết công khai đầy đủ dự toán ngân sách",
    "Thực hiện đúng quy định, đề nghị tiếp tục duy trì",
    "Một số hồ sơ giải quyết chậm so với thời hạn",
)
RECOMMENDATIONS = (
    "Đề nghị Ủy ban nhân dân xã niêm yết công khai đầy đủ dự toán và quyết toán ngân sách",
    "Đề nghị rà soát, giải quyết dứt điểm các hồ sơ đất đai quá hạn",
    "Đề nghị kiểm tra chất lượng công trình trước khi nghiệm thu",
)
PROJECT_KINDS = ("Đường giao thông nông thôn", "Nhà văn hóa", "Kênh mương nội đồng", "Trường mầm non",
                 "Cầu dân sinh", "Trạm y tế", "Sân thể thao", "Hệ thống nước sạch")  # fmt: skip
SOURCES = (("state_budget", 0.55), ("community_contribution", 0.75), ("oda", 0.83), ("ppp", 0.88),
           ("sponsor", 0.96), ("other", 1.0))  # fmt: skip
ANSWERS = (("accepted", 0.6), ("partly_accepted", 0.85), ("rejected", 1.0))


@dataclass
class Stats:
    committees: int = 0
    pics: int = 0
    boards: int = 0
    terms: int = 0
    members: int = 0
    activities: int = 0
    late_notices: int = 0
    recommendations: int = 0
    projects: int = 0
    projects_ended: int = 0
    projects_without_board: int = 0
    non_compliant_on_purpose: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def _pick(rng: random.Random, table: tuple[tuple[Any, float], ...]) -> Any:
    roll = rng.random()
    return next(value for value, upto in table if roll < upto)


class Generator:
    def __init__(self, today: date, calendar: WorkingCalendar) -> None:
        self.rng = random.Random(SEED)
        self.today = today
        self.calendar = calendar
        self.created = datetime.combine(today, datetime.min.time(), UTC)
        self.rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in TABLES}
        self.stats = Stats()

    def _uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def _flag(self, what: str) -> None:
        self.stats.non_compliant_on_purpose[what] = self.stats.non_compliant_on_purpose.get(what, 0) + 1

    def _person(self) -> tuple[str, str, int, str, str]:
        rng = self.rng
        gender = "female" if rng.random() < 0.42 else "male"
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN)}"
        return name, gender, rng.randint(1955, 1998), _pick(rng, ETHNICITIES), rng.choice(OCCUPATIONS)

    def _committee(
        self,
        kind: str,
        unit_id: uuid.UUID,
        name: str,
        established_on: date,
        decided_by: str,
        project_id: uuid.UUID | None = None,
        dissolved_on: date | None = None,
    ) -> uuid.UUID:
        committee_id = self._uuid()
        document = f"{self.rng.randint(1, 150)}/QĐ-MTTQ"
        self.rows["committees"].append(
            (
                committee_id, kind, unit_id, name, fold(name), document, established_on, decided_by,
                "dissolved" if dissolved_on else "active", dissolved_on, project_id, None,
                searchable(name, document, decided_by, None), 1, None, None, self.created, self.created,
            )
        )  # fmt: skip
        self.stats.committees += 1
        return committee_id

    def _term(
        self, committee_id: uuid.UUID, unit_id: uuid.UUID, starts: date, planned_end: date, ended: date | None
    ) -> uuid.UUID:
        term_id = self._uuid()
        self.rows["committee_terms"].append(
            (
                term_id,
                committee_id,
                unit_id,
                starts,
                planned_end,
                ended,
                LAW,
                None,
                1,
                self.created,
                self.created,
            )
        )
        self.stats.terms += 1
        return term_id

    def _member(
        self,
        committee_id: uuid.UUID,
        term_id: uuid.UUID,
        unit_id: uuid.UUID,
        role: str,
        joined_on: date,
        *,
        village: uuid.UUID | None = None,
        constituency: str | None = None,
        elected: bool = True,
        left_on: date | None = None,
        reason: str | None = None,
    ) -> None:
        rng = self.rng
        name, gender, born, ethnicity, occupation = self._person()
        meeting = joined_on - timedelta(days=rng.randint(7, 30)) if elected else None
        voters = rng.randint(60, 400) if elected else None
        votes = rng.randint(voters // 2 + 1, voters) if voters else None
        self.rows["committee_members"].append(
            (
                self._uuid(), committee_id, term_id, unit_id, name, gender, born, ethnicity, village, occupation,
                f"09{rng.randrange(10**8):08d}", role, constituency,
                "village_meeting_election" if elected else "appointment", meeting, votes, voters, joined_on,
                left_on, reason, False, False, searchable(name, ethnicity, occupation), 1, None, None,
                self.created, self.created,
            )
        )  # fmt: skip
        self.stats.members += 1

    @staticmethod
    def _roles(n: int, deputies: int) -> list[str]:
        return (
            ["head"] + ["deputy_head"] * min(deputies, max(n - 1, 0)) + ["member"] * max(n - 1 - deputies, 0)
        )

    def pic(self, commune: asyncpg.Record, province: asyncpg.Record, villages: list[uuid.UUID]) -> None:
        rng, today = self.rng, self.today
        unit_id = commune["id"]
        established = date(2025, 8, 1) + timedelta(days=rng.randrange(0, 45))
        name = f"Ban Thanh tra nhân dân {commune['name']}"
        committee_id = self._committee(
            "people_inspection",
            unit_id,
            name,
            established,
            f"Ban Thường trực Ủy ban MTTQ Việt Nam {commune['name']}",
        )
        self.stats.pics += 1
        roll = rng.random()
        expired = roll < 0.015
        too_few = 0.015 <= roll < 0.03
        missing = rng.randint(1, 3) if 0.03 <= roll < 0.07 else 0
        if expired:
            # One term planned to end on 1 July 2026, never ended and not followed.
            terms: list[tuple[date, date, date | None]] = [(established, EXPIRED_TERM_ENDS, None)]
            self._flag("term_expired")
        else:
            terms = [
                (established, FIRST_TERM_ENDS, FIRST_TERM_ENDS),
                (FIRST_TERM_ENDS, CURRENT_TERM_ENDS, None),
            ]
        for starts, planned_end, ended in terms:
            term_id = self._term(committee_id, unit_id, starts, planned_end, ended)
            current = ended is None
            seats: list[uuid.UUID | None] = (
                list(villages[:MOST_MEMBERS]) if villages else [None] * rng.randint(5, 9)
            )
            if len(villages) < 5:
                seats = list(villages) + [None] * (5 - len(villages))
            if current and too_few:
                seats = seats[:4]
                self._flag("pic_too_few_members")
            elif current and missing and len(seats) > missing + 5:
                seats = seats[missing:]
                self._flag("village_without_representative")
            roles = self._roles(len(seats), rng.choice((1, 2)))
            for village, role in zip(seats, roles, strict=True):
                left, reason = (ended, "term_end") if ended else (None, None)
                if current and role == "member" and rng.random() < 0.01:
                    left, reason = (
                        starts + timedelta(days=rng.randrange(30, max(31, (today - starts).days))),
                        "resignation",
                    )
                self._member(
                    committee_id, term_id, unit_id, role, starts, village=village, left_on=left, reason=reason
                )
        for term_start, term_end in ((s, e) for s, e, _ in terms):
            self._activities(
                committee_id, unit_id, province["id"], term_start, min(term_end, today + timedelta(days=90))
            )

    def _notice(self, planned: date) -> tuple[date, int, bool]:
        rng, calendar = self.rng, self.calendar
        wanted = rng.randint(1, 4) if rng.random() < 0.08 else rng.randint(NOTICE_DAYS, 12)
        sent = planned
        while calendar.working_days_between(sent, planned) < wanted:
            sent -= timedelta(days=1)
        sent = min(sent, self.today)
        days = calendar.working_days_between(sent, planned)
        return sent, days, days < NOTICE_DAYS

    def _activities(
        self, committee_id: uuid.UUID, unit_id: uuid.UUID, province_id: uuid.UUID, start: date, end: date
    ) -> None:
        rng, today = self.rng, self.today
        rows = self.rows["committee_activities"]
        # The term's yearly plans and a quarterly plan a year.
        for year in range(start.year, end.year + 1):
            first = max(start, date(year, 1, 1))
            if first >= end:
                continue
            rows.append(
                (
                    self._uuid(), committee_id, unit_id, "plan", f"Kế hoạch hoạt động năm {year}", "year", first,
                    date(year, 12, 31), None, None, None, first, None, None, False, None, None, None, None, 1,
                    self.created, self.created,
                )
            )  # fmt: skip
            self.stats.activities += 1
        days = (end - start).days
        for _ in range(max(1, round(days / 365 * 8))):
            kind = "supervision" if rng.random() < 0.6 else "inspection"
            subject, description = rng.choice(SUBJECTS)
            planned = start + timedelta(days=rng.randrange(10, max(11, days)))
            notice, working, late = self._notice(planned)
            if notice < start - timedelta(days=30):
                continue
            held = planned if planned < today else None
            title = f"{'Giám sát' if kind == 'supervision' else 'Kiểm tra'} {description[0].lower()}{description[1:]}"
            activity_id = self._uuid()
            rows.append(
                (
                    activity_id, committee_id, unit_id, kind, title[:300], None, None, None, subject, description,
                    planned, planned, notice, working, late, NOTICE_RULE, held,
                    rng.choice(FINDINGS) if held else None, None, 1, self.created, self.created,
                )
            )  # fmt: skip
            self.stats.activities += 1
            self.stats.late_notices += late
            if held is not None and rng.random() < 0.2:
                self._recommend(committee_id, unit_id, province_id, activity_id, held)

    def _recommend(
        self,
        committee_id: uuid.UUID,
        unit_id: uuid.UUID,
        province_id: uuid.UUID,
        activity_id: uuid.UUID,
        held: date,
    ) -> None:
        rng, today = self.rng, self.today
        sent = min(held + timedelta(days=rng.randint(1, 10)), today)
        due = self.calendar.add_days(sent, RESPONSE_DAYS)
        answered_on = closed_on = answer = measures = follow_up = None
        status = "sent"
        if rng.random() < 0.6 and sent + timedelta(days=3) <= today:
            answered_on = min(sent + timedelta(days=rng.randint(3, 25)), today)
            answer, status = _pick(rng, ANSWERS), "answered"
            measures = "Ủy ban nhân dân xã đã chỉ đạo bộ phận chuyên môn khắc phục"
            if rng.random() < 0.25:
                closed_on, status = min(answered_on + timedelta(days=rng.randint(5, 30)), today), "closed"
                follow_up = "Ban đã theo dõi, kết quả khắc phục đạt yêu cầu"
        self.rows["committee_recommendations"].append(
            (
                self._uuid(), committee_id, unit_id, activity_id, rng.choice(RECOMMENDATIONS),
                province_id if rng.random() < 0.1 else unit_id, sent, due, RESPONSE_RULE, status, answer, measures,
                answered_on, follow_up, closed_on, None, 1, self.created, self.created,
            )
        )  # fmt: skip
        self.stats.recommendations += 1

    def project(self, commune: asyncpg.Record, number: int) -> None:
        rng, today = self.rng, self.today
        unit_id = commune["id"]
        project_id = self._uuid()
        name = f"{rng.choice(PROJECT_KINDS)} số {number} {commune['name']}"
        investor = f"Ủy ban nhân dân {commune['name']}"
        starts = date(2025, 7, 1) + timedelta(
            days=rng.randrange(0, max(1, (today - date(2025, 7, 1)).days - 60))
        )
        planned_end = starts + timedelta(days=rng.randint(180, 720))
        roll = rng.random()
        ended = roll < 0.25 and (today - starts).days > 120
        actual_end = starts + timedelta(days=rng.randint(90, (today - starts).days - 1)) if ended else None
        without_board = 0.25 <= roll < 0.30
        self.rows["investment_projects"].append(
            (
                project_id, name, fold(name)[:500], investor, _pick(rng, SOURCES), rng.randrange(200, 30_000) * 10**6,
                unit_id, starts, planned_end, actual_end, None, searchable(name, investor, None), 1, None, None,
                self.created, self.created,
            )
        )  # fmt: skip
        self.rows["investment_project_units"].append((project_id, unit_id, 0))
        self.stats.projects += 1
        self.stats.projects_ended += ended
        if without_board:
            self.stats.projects_without_board += 1
            self._flag("project_without_board")
            return
        established = starts + timedelta(days=rng.randint(0, 20))
        if actual_end is not None and established >= actual_end:
            established = starts
        board_name = f"Ban Giám sát đầu tư của cộng đồng - {name}"[:255]
        committee_id = self._committee(
            "investment_supervision", unit_id, board_name, established,
            f"Ban Thường trực Ủy ban MTTQ Việt Nam {commune['name']}", project_id, actual_end,
        )  # fmt: skip
        self.stats.boards += 1
        term_id = self._term(
            committee_id, unit_id, established, max(planned_end, established + timedelta(days=1)), None
        )
        size = rng.randint(5, 9)
        if actual_end is None and rng.random() < 0.03:
            size = 4
            self._flag("cisb_under_size")
        roles = self._roles(size, rng.choice((1, 2)))
        # The Front's members, one from the PIC, and the residents (at most 5).
        residents = min(5, size - 2)
        front = size - 1 - residents
        for n, role in enumerate(roles):
            constituency = "front" if n < front else "people_inspection" if n < front + 1 else "resident"
            self._member(
                committee_id, term_id, unit_id, role, established, constituency=constituency,
                elected=constituency == "resident",
            )  # fmt: skip


async def _units(connection: asyncpg.Connection) -> tuple[list[Any], dict[Any, Any], dict[Any, list[Any]]]:
    """The active commune-level units, their provinces, and the villages of each, in code order."""
    rows = await connection.fetch(
        """SELECT id, parent_id, kind, name FROM units WHERE status = 'active' AND kind = ANY($1::text[])
           ORDER BY code, id""",
        [k.value for k in (*COMMUNE_LEVEL, *VILLAGE_LEVEL, UnitKind.PROVINCE)],
    )
    communes, provinces = [], {}
    villages: dict[Any, list[Any]] = defaultdict(list)
    for row in rows:
        kind = UnitKind(row["kind"])
        if kind == UnitKind.PROVINCE:
            provinces[row["id"]] = row
        elif kind in COMMUNE_LEVEL:
            communes.append(row)
        else:
            villages[row["parent_id"]].append(row["id"])
    return communes, provinces, villages


async def add_committees(url: str, today: date) -> Stats:
    """Add the committees, their terms, members, activities and recommendations, and the projects with
    their boards, then VACUUM ANALYZE."""
    connection = await asyncpg.connect(driver_url(url))
    started = time.monotonic()
    try:
        exceptions = {
            r["day"]: DayKind(r["kind"])
            for r in await connection.fetch("SELECT day, kind FROM calendar_days")
        }
        generator = Generator(today, WorkingCalendar(exceptions))
        communes, provinces, villages = await _units(connection)
        for commune in communes:
            generator.pic(commune, provinces[commune["parent_id"]], villages.get(commune["id"], []))
            for number in range(1, PROJECTS_PER_COMMUNE + 1):
                generator.project(commune, number)
        columns = {
            "investment_projects": PROJECT_COLUMNS,
            "investment_project_units": LOCATION_COLUMNS,
            "committees": COMMITTEE_COLUMNS,
            "committee_terms": TERM_COLUMNS,
            "committee_members": MEMBER_COLUMNS,
            "committee_activities": ACTIVITY_COLUMNS,
            "committee_recommendations": RECOMMENDATION_COLUMNS,
        }
        for table in TABLES:
            await connection.copy_records_to_table(
                table, records=generator.rows[table], columns=columns[table]
            )
        for table in TABLES:
            await connection.execute(f"VACUUM (ANALYZE) {table}")
    finally:
        await connection.close()
    generator.stats.seconds = round(time.monotonic() - started, 1)
    return generator.stats


@dataclass(frozen=True)
class Targets:
    """What the committees endpoints are measured on: the province with the most committees in its
    subtree, and its PIC with the most members sitting."""

    province_id: uuid.UUID
    province_name: str
    province_committees: int
    province_communes: int
    committee_id: uuid.UUID


async def pick_targets(dsn: str) -> Targets:
    connection = await asyncpg.connect(dsn)
    try:
        province = await connection.fetchrow(
            """SELECT p.id, p.name, count(*) AS committees, count(DISTINCT c.unit_id) AS communes
               FROM committees c
               JOIN units u ON u.id = c.unit_id
               JOIN units p ON u.path >= p.path AND u.path < left(p.path, -1) || '0'
               WHERE p.kind = 'province' AND p.status = 'active'
               GROUP BY p.id, p.name ORDER BY committees DESC, p.id LIMIT 1"""
        )
        committee = await connection.fetchval(
            """SELECT c.id FROM committees c JOIN units u ON u.id = c.unit_id
               JOIN committee_members m ON m.committee_id = c.id AND m.left_on IS NULL
               WHERE u.parent_id = $1 AND c.kind = 'people_inspection'
               GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 1""",
            province["id"],
        )
    finally:
        await connection.close()
    return Targets(province["id"], province["name"], province["committees"], province["communes"], committee)


async def endpoint_statements(
    url: str, secret_key: str, user_id: uuid.UUID, targets: Targets, today: date
) -> dict[str, list[Statement]]:
    """Mirrors api/committees/endpoints.py (get_committee, list_committees) and the compliance and
    summary routes, each captured a second time with the cache the first filled, as on a running worker."""
    who = principal(user_id)
    codec = CursorCodec(secret_key)

    async def get(session: AsyncSession) -> None:
        committee = await CommitteeRepository(session, who).get(targets.committee_id)
        CommitteeRead.model_validate(committee)

    async def listing(session: AsyncSession) -> None:
        query = CommitteeListQuery(limit=50, within_unit_id=targets.province_id)
        Page[CommitteeRead].model_validate(await CommitteeRepository(session, who).page(query, codec))

    async def report(session: AsyncSession) -> None:
        query = ComplianceQuery.model_validate({"within_unit_id": targets.province_id})
        await compliance_service.subtree_compliance(session, who, query, codec)

    async def counts(session: AsyncSession) -> None:
        query = SummaryQuery.model_validate({"within_unit_id": targets.province_id, "on": today})
        await compliance_service.summary(session, who, query)

    runs: dict[str, Callable[[AsyncSession], Awaitable[None]]] = {
        "committee": get,
        "province_committees": listing,
        "compliance": report,
        "committee_summary": counts,
    }
    captured = {}
    for key, run in runs.items():
        cache = ProcessCache()
        cache.live = True
        await capture(url, secret_key, run, cache=cache)
        captured[key] = await capture(url, secret_key, run, cache=cache)
    return captured
