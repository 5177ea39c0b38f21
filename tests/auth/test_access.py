"""Every route, enumerated from the app: who may call it, and that no principal reaches across
its jurisdiction. A route added later is covered without editing this file; a route with a path
parameter this file cannot fill fails loudly until one is added to FOREIGN."""

import itertools
import re
import uuid
from collections.abc import Iterator
from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import ApiKey
from api.calendar.models import CalendarDay
from api.committees.activities.models import (
    ActivityKind,
    CommitteeActivity,
    CommitteeActivityAttachment,
    SubjectKind,
)
from api.core.openapi import example_for
from api.core.security import digest
from api.core.storage import new_key
from api.inspections.models import (
    FindingSeverity,
    InspectionFinding,
    InspectionFindingAttachment,
    InspectionRecommendation,
    InspectionRecommendationReport,
    InspectionRecommendationStatus,
    InspectionReportAttachment,
)
from api.main import create_app
from api.petitions.models import Attachment, DeadlineRule
from tests.conftest import Backend
from tests.factories import (
    access_token,
    create_committee,
    create_committee_member,
    create_committee_term,
    create_investment_project,
    create_job,
    create_petition,
    create_plan,
    create_reception,
    create_team,
    create_unit,
    create_user,
)

PUBLIC = {"auth-token-create", "auth-refresh", "auth-logout"}
# Country-wide reference data: a commune's administrator is refused whatever it names.
NATIONWIDE_ONLY = {
    "units-official-loads-create",
    "petitions-categories-put",
    "petitions-deadline-rules-create",
    "petitions-deadline-rules-update",
    "receptions-quota-rules-create",
    "receptions-quota-rules-update",
    "calendar-days-create",
    "calendar-days-put",
    "calendar-days-delete",
    "inspections-topics-put",
    "committees-composition-rules-create",
    "committees-composition-rules-update",
    "committees-time-rules-update",
}
# Submissions of work done by a job, whose rows are checked against the asker's jurisdiction when
# the job runs (tests/imports/test_units_import.py): the request itself names no unit.
JOB_SUBMISSIONS = {"imports-create", "exports-create"}
# Reads asked by POST: an export job reads a list the caller may read (as the caller, when it runs).
READS_BY_POST = {"exports-create"}
# Country-wide reference data (and import templates) every principal reads, wherever its jurisdiction.
COUNTRY_WIDE_READS = {"petitions-categories-get", "inspections-topics-get", "imports-templates-get"}
# Reference rows are keyed by codes of their own table: the `code` a path takes, where not `land`.
CODE_OF_PATH = {"/api/v1/inspections/topics/{code}": "people_supervise"}
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def api_operations() -> list[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    spec = create_app().openapi()
    return [
        (method.upper(), path, op, spec)
        for path, item in spec["paths"].items()
        if path.startswith("/api/")
        for method, op in item.items()
    ]


OPERATIONS = api_operations()
IDS = [op["operationId"] for _, _, op, _ in OPERATIONS]


class World:
    """A province with two sibling communes; everything of commune B is foreign to A's principals."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def build(self) -> "World":
        s = self.session
        self.province = await create_unit(s, name="Tỉnh Thử")
        self.commune_a = await create_unit(s, name="Xã A", kind="commune", parent_id=self.province.id)
        self.commune_b = await create_unit(s, name="Xã B", kind="commune", parent_id=self.province.id)
        self.village_a = await create_unit(s, name="Thôn A1", kind="village", parent_id=self.commune_a.id)
        self.village_b = await create_unit(s, name="Thôn B1", kind="village", parent_id=self.commune_b.id)
        self.village_b2 = await create_unit(s, name="Thôn B2", kind="village", parent_id=self.commune_b.id)
        # Granted the confidential read too, so that only the jurisdiction stands in its way.
        self.admin_a = await create_user(
            s,
            username="admin-a",
            roles=["admin"],
            grants=["petitions:confidential"],
            unit_id=self.commune_a.id,
        )
        self.user_b = await create_user(s, username="officer-b", roles=["officer"], unit_id=self.commune_b.id)
        self.key_b = ApiKey(
            id=uuid.uuid4(),
            name="Hệ thống B",
            prefix="bbbbbbbb",
            key_hash=digest("x"),
            unit_id=self.commune_b.id,
            scopes=["units:read"],
        )
        s.add(self.key_b)
        from api.core.access import SYSTEM
        from api.units import reorganizations
        from api.units.schemas import ReorganizationCreate, SuccessorSpec

        self.reorg_b = await reorganizations.reorganize(
            s,
            SYSTEM,
            ReorganizationCreate(
                kind="rename",
                effective_date=date(2026, 1, 1),
                legal_basis="NQ thử",
                predecessor_ids=[self.village_b2.id],
                successors=[SuccessorSpec(unit_id=self.village_b2.id, name="Thôn B2 Mới")],
            ),
        )
        self.reception_b = await create_reception(s, self.commune_b)
        self.petition_b = await create_petition(s, self.commune_b)
        self.petition_b2 = await create_petition(s, self.commune_b, subject="Khiếu nại thứ hai")
        self.plan_b = await create_plan(s, self.commune_b, issuer="commune_steering_committee")
        self.team_b = await create_team(s, self.commune_b, [self.village_b], plan_id=self.plan_b.id)
        self.finding_b = InspectionFinding(
            id=uuid.uuid4(),
            team_id=self.team_b.id,
            target_id=self.team_b.targets[0].id,
            unit_id=self.village_b.id,
            topic="publicity_of_information",
            description="Chưa niêm yết công khai",
            severity=FindingSeverity.MINOR,
            petition_ids=[],
        )
        s.add(self.finding_b)
        self.recommendation_b = InspectionRecommendation(
            id=uuid.uuid4(),
            team_id=self.team_b.id,
            owner_unit_id=self.village_b.id,
            content="Niêm yết công khai dự toán ngân sách",
            issued_on=date(2026, 11, 2),
            due_on=date(2026, 12, 31),
            status=InspectionRecommendationStatus.OPEN,
            closed=False,
        )
        s.add(self.recommendation_b)
        self.report_b = InspectionRecommendationReport(
            id=uuid.uuid4(),
            recommendation_id=self.recommendation_b.id,
            unit_id=self.village_b.id,
            reported_on=date(2026, 11, 20),
            text="Đã niêm yết tại trụ sở",
            actor_type="system",
        )
        s.add(self.report_b)
        self.attachment_b = Attachment(
            petition_id=self.petition_b.id,
            filename="quyet-dinh.pdf",
            content_type="application/pdf",
            size=1,
            sha256="0" * 64,
            storage_key=new_key(),
        )
        s.add(self.attachment_b)
        # The finding's, the report's and the activity's files take the same id as the case's, so that
        # the one `attachment_id` of the paths names a file that exists under each foreign parent.
        file = {"filename": "bien-ban.pdf", "content_type": "application/pdf", "size": 1, "sha256": "0" * 64}
        await s.flush()
        s.add(
            InspectionFindingAttachment(
                id=self.attachment_b.id, finding_id=self.finding_b.id, storage_key=new_key(), **file
            )
        )
        s.add(
            InspectionReportAttachment(
                id=self.attachment_b.id, report_id=self.report_b.id, storage_key=new_key(), **file
            )
        )
        self.committee_b = await create_committee(s, self.commune_b)
        self.term_b = await create_committee_term(s, self.committee_b)
        self.member_b = await create_committee_member(s, self.committee_b, self.term_b)
        self.project_b = await create_investment_project(s, self.commune_b)
        self.activity_b = CommitteeActivity(
            id=uuid.uuid4(),
            committee_id=self.committee_b.id,
            unit_id=self.commune_b.id,
            kind=ActivityKind.SUPERVISION,
            title="Giám sát công khai ngân sách",
            subject_kind=SubjectKind.COMMUNE_AUTHORITY,
            planned_on=date(2026, 9, 7),
            dated_on=date(2026, 9, 7),
        )
        s.add(self.activity_b)
        await s.flush()
        s.add(
            CommitteeActivityAttachment(
                id=self.attachment_b.id, activity_id=self.activity_b.id, storage_key=new_key(), **file
            )
        )
        # A job officer B asked for: its owner's, and a nationwide administrator's, nobody else's.
        self.job_b = await create_job(s, self.user_b)
        self.rule_id = await s.scalar(select(DeadlineRule.id).limit(1))
        self.day_id = await s.scalar(select(CalendarDay.id).limit(1))
        await s.flush()
        return self

    def reference(self) -> dict[str, uuid.UUID | str]:
        """Country-wide reference data: no jurisdiction owns it, only nationwide principals change it."""
        assert self.rule_id is not None and self.day_id is not None
        return {"rule_id": self.rule_id, "day_id": self.day_id, "code": "land", "resource": "units"}

    def foreign(self) -> dict[str, uuid.UUID]:
        return {
            "unit_id": self.village_b.id,
            "user_id": self.user_b.id,
            "key_id": self.key_b.id,
            "reorganization_id": self.reorg_b.id,
            "reception_id": self.reception_b.id,
            "petition_id": self.petition_b.id,
            "other_id": self.petition_b2.id,
            "attachment_id": self.attachment_b.id,
            "plan_id": self.plan_b.id,
            "team_id": self.team_b.id,
            "target_id": self.team_b.targets[0].id,
            "finding_id": self.finding_b.id,
            "recommendation_id": self.recommendation_b.id,
            "report_id": self.report_b.id,
            "committee_id": self.committee_b.id,
            "term_id": self.term_b.id,
            "member_id": self.member_b.id,
            "project_id": self.project_b.id,
            "activity_id": self.activity_b.id,
            "job_id": self.job_b.id,
        }

    def foreign_units(self) -> list[uuid.UUID]:
        return [self.village_b.id, self.village_b2.id, self.commune_b.id]

    def foreign_ids(self) -> set[str]:
        return {str(v) for v in self.foreign().values()} | {str(self.commune_b.id), str(self.village_b2.id)}

    def params(self) -> dict[str, uuid.UUID | str]:
        return {**self.foreign(), **self.reference()}


@pytest.fixture
async def world(session: AsyncSession) -> World:
    return await World(session).build()


def _replace_ids(value: Any, replacements: Iterator[str]) -> Any:
    """Every id in an example body becomes one of the given units (distinct while they last)."""
    if isinstance(value, dict):
        return {k: _replace_ids(v, replacements) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_ids(v, replacements) for v in value]
    if isinstance(value, str) and UUID_RE.match(value):
        return next(replacements)
    return value


def _request(
    method: str,
    path: str,
    op: dict[str, Any],
    spec: dict[str, Any],
    params: dict[str, uuid.UUID | str],
    body_units: list[uuid.UUID],
) -> dict[str, Any]:
    if path in CODE_OF_PATH:
        params = {**params, "code": CODE_OF_PATH[path]}
    names = re.findall(r"\{(\w+)\}", path)
    missing = [n for n in names if n not in params]
    assert not missing, f"{op['operationId']}: add a foreign object for {missing} to World.foreign()"
    url = path
    for name in names:
        url = url.replace("{" + name + "}", str(params[name]))
    kwargs: dict[str, Any] = {"method": method, "url": url}
    required_query = [p for p in op.get("parameters", []) if p["in"] == "query" and p.get("required")]
    if required_query:
        kwargs["params"] = {p["name"]: example_for(spec, p["schema"]) for p in required_query}
    content = op.get("requestBody", {}).get("content", {})
    if "application/json" in content:
        ids = itertools.cycle([str(u) for u in body_units])
        kwargs["json"] = _replace_ids(example_for(spec, content["application/json"]["schema"]), ids)
    return kwargs


@pytest.mark.parametrize(("method", "path", "op", "spec"), OPERATIONS, ids=IDS)
async def test_no_credentials_is_401(
    anonymous: httpx.AsyncClient,
    world: World,
    method: str,
    path: str,
    op: dict[str, Any],
    spec: dict[str, Any],
) -> None:
    if op["operationId"] in PUBLIC:
        pytest.skip("public by design: it is how one gets credentials")
    response = await anonymous.request(
        **_request(method, path, op, spec, world.params(), world.foreign_units())
    )
    assert response.status_code == 401, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(("method", "path", "op", "spec"), OPERATIONS, ids=IDS)
async def test_sibling_commune_cannot_see_or_change(
    anonymous: httpx.AsyncClient,
    backend: Backend,
    world: World,
    method: str,
    path: str,
    op: dict[str, Any],
    spec: dict[str, Any],
) -> None:
    if op["operationId"] in PUBLIC:
        pytest.skip("public by design")
    anonymous.headers["Authorization"] = f"Bearer {access_token(backend.settings, world.admin_a)}"
    before = (world.village_b.name, world.village_b.version)
    response = await anonymous.request(
        **_request(method, path, op, spec, world.params(), world.foreign_units())
    )
    has_object = "{" in path
    if op["operationId"] in NATIONWIDE_ONLY:
        assert response.status_code == 403, response.text
        assert response.json()["code"] == "nationwide_only"
    elif op["operationId"] in COUNTRY_WIDE_READS:
        assert response.status_code == 200, response.text
    elif op["operationId"] in JOB_SUBMISSIONS:
        assert response.status_code in (202, 422), response.text
    elif method == "GET" and has_object:
        assert response.status_code == 404, response.text
    elif method == "GET":
        assert response.status_code == 200, response.text
        leaked = [i for i in world.foreign_ids() if i in response.text]
        assert not leaked, f"{op['operationId']} lists foreign objects"
    elif has_object:
        assert response.status_code == 404, response.text
    else:
        # Creating something that names a foreign unit: that unit does not exist for this principal.
        assert response.status_code in (403, 422), response.text
        if response.status_code == 422:
            assert response.json()["code"] in {"unit_not_found", "parent_not_found"}, response.text
    await world.session.refresh(world.village_b)
    assert (world.village_b.name, world.village_b.version) == before


@pytest.mark.parametrize(("method", "path", "op", "spec"), OPERATIONS, ids=IDS)
async def test_viewer_cannot_write(
    anonymous: httpx.AsyncClient,
    backend: Backend,
    world: World,
    session: AsyncSession,
    method: str,
    path: str,
    op: dict[str, Any],
    spec: dict[str, Any],
) -> None:
    if op["operationId"] in PUBLIC or op["operationId"] in READS_BY_POST or method == "GET":
        pytest.skip("reads and public routes are not writes")
    viewer = await create_user(session, username="viewer", roles=["viewer"], unit_id=None)
    anonymous.headers["Authorization"] = f"Bearer {access_token(backend.settings, viewer)}"
    own = {
        "unit_id": world.village_a.id,
        "user_id": world.admin_a.id,
        "key_id": world.key_b.id,
        "reorganization_id": world.reorg_b.id,
        "reception_id": world.reception_b.id,
        "petition_id": world.petition_b.id,
        "other_id": world.petition_b2.id,
        "attachment_id": world.attachment_b.id,
        "plan_id": world.plan_b.id,
        "team_id": world.team_b.id,
        "target_id": world.team_b.targets[0].id,
        "finding_id": world.finding_b.id,
        "recommendation_id": world.recommendation_b.id,
        "report_id": world.report_b.id,
        "committee_id": world.committee_b.id,
        "term_id": world.term_b.id,
        "member_id": world.member_b.id,
        "project_id": world.project_b.id,
        "activity_id": world.activity_b.id,
        "job_id": world.job_b.id,
        **world.reference(),
    }
    response = await anonymous.request(
        **_request(method, path, op, spec, own, [world.village_a.id, world.commune_a.id])
    )
    assert response.status_code == 403, response.text
    assert response.json()["code"] == "permission_denied"
    # Who may call is asked before anything is looked up: ids that name nothing are still a 403,
    # never a 404 that would tell an unpermitted caller which ids exist.
    nothing = {name: uuid.uuid4() if isinstance(value, uuid.UUID) else value for name, value in own.items()}
    response = await anonymous.request(**_request(method, path, op, spec, nothing, [uuid.uuid4()]))
    assert response.status_code == 403, response.text
    assert response.json()["code"] == "permission_denied"


async def test_api_key_cannot_exceed_its_scopes(anonymous: httpx.AsyncClient, world: World) -> None:
    secret = "s" * 43
    world.session.add(
        ApiKey(
            id=uuid.uuid4(),
            name="Chỉ đọc",
            prefix="rrrrrrrr",
            key_hash=digest(secret),
            unit_id=world.commune_a.id,
            scopes=["units:read"],
        )
    )
    await world.session.flush()
    headers = {"X-API-Key": f"qcdc_rrrrrrrr_{secret}"}
    read = await anonymous.get(f"/api/v1/units/{world.village_a.id}", headers=headers)
    assert read.status_code == 200
    assert (await anonymous.get(f"/api/v1/units/{world.village_b.id}", headers=headers)).status_code == 404
    write = await anonymous.patch(f"/api/v1/units/{world.village_a.id}", json={"name": "X"}, headers=headers)
    assert write.status_code == 403
    assert write.json()["required_permission"] == "units:write"
    assert (await anonymous.get("/api/v1/users", headers=headers)).status_code == 403
    bearer = await anonymous.get(
        f"/api/v1/units/{world.village_a.id}", headers={"Authorization": f"Bearer qcdc_rrrrrrrr_{secret}"}
    )
    assert bearer.status_code == 200


def test_every_api_route_is_covered() -> None:
    """The parametrised tests above run over this many operations; none escapes them."""
    assert len(OPERATIONS) >= 23
    assert {op["operationId"] for _, _, op, _ in OPERATIONS} >= {"units-get", "users-list", "api-keys-create"}
