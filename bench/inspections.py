"""Inspection work on the national units, for the benchmark: two years (2025 and this one) of
provincial teams over communes and commune teams over their villages, their visits, findings and
recommendations.

~20,000 teams and ~150,000 visits: each province runs 20 teams a year over 3 to 8 of its communes,
and each commune 2 to 4 teams a year over 3 to 11 of its villages (a commune without villages runs
none). A team's state follows its dates against today: teams that ended more than a month ago
are concluded or closed, those under way are in progress or reported, those ahead planned or
established; 3% are cancelled. Visits of a team that started are done (or, while it is under
way, in progress), with 0 to 2 findings each; a concluded team leaves 1 to 4 recommendations
(~300,000 in all) to each unit it visited, due 30 to 90 days after its conclusion, verified
closed when the team is closed and at any stage of their follow-up otherwise. Rows are written
with COPY, as the petitions are.
"""

import json
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

from api.core.pagination import CursorCodec
from api.core.schemas import Page
from api.core.shared_cache import ProcessCache
from api.core.text import searchable
from api.inspections import service
from api.inspections.coverage import service as coverage_service
from api.inspections.coverage.schemas import CoverageQuery
from api.inspections.models import (
    FindingSeverity,
    InspectionTeamKind,
    InspectionTeamStatus,
    TargetRating,
    TargetStatus,
)
from api.inspections.recommendations.repository import RecommendationRepository
from api.inspections.recommendations.schemas import RecommendationListQuery, RecommendationSummary
from api.inspections.repository import TeamRepository
from api.inspections.schemas import TeamListQuery, TeamRead, TeamSummary
from api.units.models import UnitKind
from api.units.rules import COMMUNE_LEVEL, VILLAGE_LEVEL
from bench.load import Statement
from bench.petition_sql import capture, principal
from bench.seed import driver_url

SEED = 20260301
YEARS = (2025, 2026)
PROVINCE_TEAMS_PER_YEAR = 20
TEAM_COLUMNS = (
    "id", "plan_id", "kind", "title", "organising_unit_id", "status", "decision_number", "decision_date",
    "decision_signer", "planned_start", "planned_end", "actual_start", "actual_end", "members", "topics",
    "search_text", "version", "created_at", "updated_at", "conclusion_number", "conclusion_date",
    "conclusion_summary",
)  # fmt: skip
TARGET_COLUMNS = (
    "id", "team_id", "unit_id", "position", "status", "visited_from", "visited_to",
    "self_assessment_received", "self_assessment_received_on", "rating",
)  # fmt: skip
RECOMMENDATION_COLUMNS = (
    "id", "team_id", "finding_id", "owner_unit_id", "content", "issued_on", "due_on", "status", "closed",
    "verified_on", "version", "created_at", "updated_at",
)  # fmt: skip
# The follow-up of a concluded (not yet closed) team's recommendations; a closed team's are all verified.
# A unit's recommendations still followed up, as its officers list them.
OPEN_STATES = ["open", "in_progress", "reported_done"]
FOLLOW_UP = (("open", 0.3), ("in_progress", 0.6), ("reported_done", 0.75), ("verified_closed", 1.0))
RECOMMENDATION_TEXT = (
    "Niêm yết công khai đầy đủ các nội dung theo Điều 11 Luật Thực hiện dân chủ ở cơ sở",
    "Rà soát, sửa đổi hương ước, quy ước của thôn, tổ dân phố",
    "Kiện toàn Ban Thanh tra nhân dân và bảo đảm kinh phí hoạt động",
    "Tổ chức đối thoại định kỳ giữa Chủ tịch UBND xã với Nhân dân",
)
FINDING_COLUMNS = (
    "id", "team_id", "target_id", "unit_id", "topic", "description", "severity", "petition_ids",
    "created_at", "updated_at",
)  # fmt: skip
SEVERITIES = ((FindingSeverity.MINOR, 0.6), (FindingSeverity.MODERATE, 0.9), (FindingSeverity.SERIOUS, 1.0))
RATINGS = (
    (TargetRating.GOOD, 0.45),
    (TargetRating.FAIR, 0.8),
    (TargetRating.AVERAGE, 0.95),
    (TargetRating.WEAK, 1.0),
)
MEMBERS = json.dumps(
    [
        {"full_name": "Hoàng Thị Lan", "position": "Phó Trưởng ban", "organisation": None, "role": "leader", "user_id": None},
        {"full_name": "Nông Văn Hải", "position": None, "organisation": "Ủy ban MTTQ", "role": "member", "user_id": None},
    ],
    ensure_ascii=False,
)  # fmt: skip
FINDINGS_TEXT = (
    "Chưa niêm yết công khai đầy đủ các nội dung phải công khai",
    "Hương ước, quy ước chưa được rà soát, sửa đổi kịp thời",
    "Ban Thanh tra nhân dân hoạt động chưa thường xuyên",
    "Chưa tổ chức đối thoại định kỳ với Nhân dân",
)


@dataclass
class Stats:
    teams: int = 0
    visits: int = 0
    findings: int = 0
    recommendations: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def _pick(rng: random.Random, table: tuple[tuple[Any, float], ...]) -> Any:
    roll = rng.random()
    return next(value for value, upto in table if roll < upto)


class Generator:
    def __init__(self, topics: list[str], today: date) -> None:
        self.rng = random.Random(SEED)
        self.topics = topics
        self.today = today
        self.created = datetime.combine(today, datetime.min.time(), UTC)
        self.teams: list[tuple[Any, ...]] = []
        self.targets: list[tuple[Any, ...]] = []
        self.findings: list[tuple[Any, ...]] = []
        self.recommendations: list[tuple[Any, ...]] = []
        self.stats = Stats()

    def _status(self, start: date, end: date) -> InspectionTeamStatus:
        S = InspectionTeamStatus  # noqa: N806 - the enum, shortened
        if self.rng.random() < 0.03:
            return S.CANCELLED
        if end < self.today - timedelta(days=30):
            return S.CLOSED if self.rng.random() < 0.6 else S.CONCLUDED
        if start <= self.today:
            return S.REPORTED if end < self.today else S.IN_PROGRESS
        return S.ESTABLISHED if start - self.today < timedelta(days=14) else S.PLANNED

    def team(self, organiser: uuid.UUID, kind: str, year: int, number: int, visited: list[uuid.UUID]) -> None:
        rng, S = self.rng, InspectionTeamStatus  # noqa: N806
        start = date(year, 1, 1) + timedelta(days=rng.randrange(0, 350))
        end = start + timedelta(days=rng.randrange(3, 15))
        status = self._status(start, end)
        started = status in (S.IN_PROGRESS, S.REPORTED, S.CONCLUDED, S.CLOSED)
        concluded = status in (S.CONCLUDED, S.CLOSED)
        decided = status != S.PLANNED
        title = f"Đoàn {kind} thực hiện dân chủ ở cơ sở năm {year}, đợt {number}"
        decision = f"{number}/QĐ-BCĐ" if decided else None
        team_id = uuid.uuid4()
        topics = rng.sample(self.topics, k=min(2, len(self.topics)))
        self.teams.append(
            (
                team_id, None, InspectionTeamKind.INSPECTION.value if kind == "kiểm tra" else InspectionTeamKind.SUPERVISION.value,
                title, organiser, status.value, decision, start - timedelta(days=10) if decided else None,
                "Trưởng Ban Chỉ đạo" if decided else None, start, end, start if started else None,
                end if status not in (S.IN_PROGRESS,) and started else None, MEMBERS, json.dumps(topics),
                searchable(title, decision), 1, self.created, self.created,
                f"{number}/TB-KL" if concluded else None, end + timedelta(days=20) if concluded else None,
                "Kết luận kiểm tra" if concluded else None,
            )
        )  # fmt: skip
        self.stats.teams += 1
        self.stats.by_status[status.value] = self.stats.by_status.get(status.value, 0) + 1
        concluded_on = end + timedelta(days=20) if concluded else None
        for position, unit_id in enumerate(visited):
            self._visit(team_id, unit_id, position, status, start, end, topics)
            if concluded_on is not None:
                self._recommend(team_id, unit_id, status, concluded_on)

    def _visit(
        self,
        team_id: uuid.UUID,
        unit_id: uuid.UUID,
        position: int,
        status: InspectionTeamStatus,
        start: date,
        end: date,
        topics: list[str],
    ) -> None:
        rng, S = self.rng, InspectionTeamStatus  # noqa: N806
        if status in (S.PLANNED, S.ESTABLISHED, S.CANCELLED):
            state, day = (TargetStatus.NOTIFIED if status == S.ESTABLISHED else TargetStatus.PLANNED), None
        elif status == S.IN_PROGRESS:
            day = start + timedelta(days=position)
            state = (
                TargetStatus.DONE
                if day < self.today
                else TargetStatus.IN_PROGRESS
                if day == self.today
                else TargetStatus.PLANNED
            )
            day = day if day <= self.today else None
        else:
            day, state = min(start + timedelta(days=position), end), TargetStatus.DONE
        target_id = uuid.uuid4()
        done = state == TargetStatus.DONE
        self.targets.append(
            (
                target_id, team_id, unit_id, position, state.value, day, day, done,
                day - timedelta(days=3) if done and day else None, _pick(rng, RATINGS).value if done else None,
            )
        )  # fmt: skip
        self.stats.visits += 1
        if not done:
            return
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            self.findings.append(
                (
                    uuid.uuid4(), team_id, target_id, unit_id, rng.choice(topics), rng.choice(FINDINGS_TEXT),
                    _pick(rng, SEVERITIES).value, "[]", self.created, self.created,
                )
            )  # fmt: skip
            self.stats.findings += 1

    def _recommend(
        self, team_id: uuid.UUID, owner: uuid.UUID, team_status: InspectionTeamStatus, concluded_on: date
    ) -> None:
        """One to four recommendations to each unit a concluded team visited, due 30 to 90 days
        after the conclusion; a closed team's are all verified closed."""
        rng = self.rng
        for _ in range(rng.randint(1, 4)):
            due = concluded_on + timedelta(days=rng.randrange(30, 91))
            closed_team = team_status == InspectionTeamStatus.CLOSED
            status = "verified_closed" if closed_team else _pick(rng, FOLLOW_UP)
            verified = (
                min(due, self.today) - timedelta(days=rng.randrange(0, 10))
                if status == "verified_closed"
                else None
            )
            self.recommendations.append(
                (
                    uuid.uuid4(), team_id, None, owner, rng.choice(RECOMMENDATION_TEXT), concluded_on, due,
                    status, status == "verified_closed", verified, 1, self.created, self.created,
                )
            )  # fmt: skip
            self.stats.recommendations += 1


async def _units(connection: asyncpg.Connection) -> tuple[dict[Any, list[Any]], dict[Any, list[Any]]]:
    """Active communes by province, and active villages by commune."""
    rows = await connection.fetch(
        "SELECT id, parent_id, kind FROM units WHERE status = 'active' AND kind = ANY($1::text[]) ORDER BY code",
        [k.value for k in (*COMMUNE_LEVEL, *VILLAGE_LEVEL)],
    )
    communes: dict[Any, list[Any]] = defaultdict(list)
    villages: dict[Any, list[Any]] = defaultdict(list)
    for row in rows:
        kind = UnitKind(row["kind"])
        (communes if kind in COMMUNE_LEVEL else villages)[row["parent_id"]].append(row["id"])
    return communes, villages


async def add_inspections(url: str, today: date) -> Stats:
    """Add the teams, their visits and findings, then VACUUM ANALYZE."""
    connection = await asyncpg.connect(driver_url(url))
    started = time.monotonic()
    try:
        topics = [
            r["code"] for r in await connection.fetch("SELECT code FROM inspection_topics ORDER BY position")
        ]
        generator = Generator(topics, today)
        rng = generator.rng
        communes, villages = await _units(connection)
        for year in YEARS:
            for province, its_communes in communes.items():
                for number in range(1, PROVINCE_TEAMS_PER_YEAR + 1):
                    visited = rng.sample(its_communes, k=min(len(its_communes), rng.randint(3, 8)))
                    generator.team(province, "kiểm tra", year, number, visited)
                for commune in its_communes:
                    its_villages = villages.get(commune, [])
                    for number in range(1, rng.randint(2, 4) + 1 if its_villages else 1):
                        visited = rng.sample(its_villages, k=min(len(its_villages), rng.randint(3, 11)))
                        generator.team(commune, "giám sát", year, number, visited)
        await connection.copy_records_to_table(
            "inspection_teams", records=generator.teams, columns=TEAM_COLUMNS
        )
        await connection.copy_records_to_table(
            "inspection_team_targets", records=generator.targets, columns=TARGET_COLUMNS
        )
        await connection.copy_records_to_table(
            "inspection_findings", records=generator.findings, columns=FINDING_COLUMNS
        )
        await connection.copy_records_to_table(
            "inspection_recommendations", records=generator.recommendations, columns=RECOMMENDATION_COLUMNS
        )
        for table in (
            "inspection_teams",
            "inspection_team_targets",
            "inspection_findings",
            "inspection_recommendations",
        ):
            await connection.execute(f"VACUUM (ANALYZE) {table}")
    finally:
        await connection.close()
    generator.stats.seconds = round(time.monotonic() - started, 1)
    return generator.stats


@dataclass(frozen=True)
class Targets:
    """What the inspections endpoints are measured on: the province with the most teams in its
    subtree, and its provincial team with the most visits."""

    province_id: uuid.UUID
    province_name: str
    province_teams: int
    team_id: uuid.UUID
    team_visits: int
    # The unit of the province with the most recommendations still followed up.
    owner_id: uuid.UUID
    owner_open: int


async def pick_targets(dsn: str) -> Targets:
    connection = await asyncpg.connect(dsn)
    try:
        province = await connection.fetchrow(
            """SELECT p.id, p.name, count(*) AS teams FROM inspection_teams t
               JOIN units o ON o.id = t.organising_unit_id
               JOIN units p ON o.path >= p.path AND o.path < left(p.path, -1) || '0'
               WHERE p.kind = 'province' AND p.status = 'active'
               GROUP BY p.id, p.name ORDER BY teams DESC, p.id LIMIT 1"""
        )
        team = await connection.fetchrow(
            """SELECT t.id, count(*) AS visits FROM inspection_teams t
               JOIN inspection_team_targets v ON v.team_id = t.id
               WHERE t.organising_unit_id = $1 AND t.status = 'concluded'
               GROUP BY t.id ORDER BY visits DESC, t.id LIMIT 1""",
            province["id"],
        )
        owner = await connection.fetchrow(
            """SELECT r.owner_unit_id AS id, count(*) AS open FROM inspection_recommendations r
               JOIN units o ON o.id = r.owner_unit_id
               WHERE NOT r.closed AND o.path >= $1 AND o.path < left($1, -1) || '0'
               GROUP BY r.owner_unit_id ORDER BY open DESC, r.owner_unit_id LIMIT 1""",
            await connection.fetchval("SELECT path FROM units WHERE id = $1", province["id"]),
        )
    finally:
        await connection.close()
    return Targets(
        province["id"],
        province["name"],
        province["teams"],
        team["id"],
        team["visits"],
        owner["id"],
        owner["open"],
    )


async def endpoint_statements(
    url: str, secret_key: str, user_id: uuid.UUID, targets: Targets, deep_cursor: str, year: int
) -> dict[str, list[Statement]]:
    """Mirrors api/inspections/endpoints.py (get_team, list_teams) and the coverage route, each
    captured a second time with the cache the first filled, as on a running worker."""
    who = principal(user_id)
    codec = CursorCodec(secret_key)

    async def get(session: AsyncSession) -> None:
        team = await TeamRepository(session, who).get(targets.team_id)
        TeamRead.model_validate(service.read(session, who, team))

    def listing(**filters: Any) -> Callable[[AsyncSession], Awaitable[None]]:
        async def run(session: AsyncSession) -> None:
            found = await TeamRepository(session, who).page(TeamListQuery(limit=50, **filters), codec)
            Page[TeamSummary].model_validate(found)

        return run

    async def report(session: AsyncSession) -> None:
        query = CoverageQuery.model_validate(
            {"within_unit_id": targets.province_id, "from": date(year, 1, 1), "to": date(year, 12, 31)}
        )
        await coverage_service.coverage(session, who, query)

    def recommendations(**filters: Any) -> Callable[[AsyncSession], Awaitable[None]]:
        async def run(session: AsyncSession) -> None:
            query = RecommendationListQuery(limit=50, **filters)
            found = await RecommendationRepository(session, who).page(query, codec)
            Page[RecommendationSummary].model_validate(found)

        return run

    runs = {
        "team": get,
        "owner_open": recommendations(owner_within_unit_id=targets.owner_id, status=OPEN_STATES),
        "province_overdue_recommendations": recommendations(
            owner_within_unit_id=targets.province_id, overdue=True
        ),
        "province_teams_first": listing(within_unit_id=targets.province_id),
        "province_teams_deep": listing(within_unit_id=targets.province_id, cursor=deep_cursor),
        "coverage": report,
    }
    captured = {}
    for key, run in runs.items():
        cache = ProcessCache()
        cache.live = True
        await capture(url, secret_key, run, cache=cache)
        captured[key] = await capture(url, secret_key, run, cache=cache)
    return captured
