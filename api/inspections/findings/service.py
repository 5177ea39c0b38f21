"""The rules of a team's findings: recorded by the organiser's principals while the team collects
them (in progress or reported), each about one of its targets and an active topic, resting on
petitions the principal can see. A finding is part of its team: every write takes the team's
`If-Match` and changes the team's `ETag`. Services only flush."""

import uuid
from collections.abc import Callable, Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from api.core.access import Principal
from api.core.db import utcnow
from api.core.errors import Conflict, invalid_field
from api.core.etag import check_if_match
from api.core.storage import Storage
from api.core.unit_of_work import Deferred
from api.inspections.attachments.service import remove_finding_evidence
from api.inspections.findings.repository import FindingRepository
from api.inspections.findings.schemas import FindingCreate, FindingRead, FindingUpdate
from api.inspections.models import InspectionFinding, InspectionTeam
from api.inspections.repository import TeamRepository
from api.inspections.topics.service import check_topics
from api.inspections.workflows import COLLECTING
from api.petitions.repository import PetitionRepository


def _check_collecting(team: InspectionTeam) -> None:
    if team.status not in COLLECTING:
        raise Conflict(
            f"The team is {team.status}: findings are recorded only while it is in progress or reported.",
            code="team_not_collecting",
        )


async def _check_petitions(session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]) -> None:
    seen = await PetitionRepository(session, principal).get_many(ids)
    for index, petition_id in enumerate(ids):
        if petition_id not in seen:
            raise invalid_field(
                f"petition_ids.{index}",
                "petition_not_found",
                f"Petition {petition_id} does not exist in your jurisdiction.",
            )


def _petition_ids(ids: Sequence[uuid.UUID]) -> list[str]:
    return [str(i) for i in dict.fromkeys(ids)]


async def create_finding(
    session: AsyncSession,
    principal: Principal,
    team: InspectionTeam,
    data: FindingCreate,
    if_match: str | None,
) -> InspectionFinding:
    check_if_match(if_match, team.version)
    _check_collecting(team)
    target = TeamRepository.target_of(team, data.target_id)
    await check_topics(session, principal, [data.topic], field="topic")
    await _check_petitions(session, principal, data.petition_ids)
    finding = InspectionFinding(
        id=uuid.uuid4(),
        team_id=team.id,
        target_id=target.id,
        unit_id=target.unit_id,
        topic=data.topic,
        description=data.description,
        severity=data.severity,
        petition_ids=_petition_ids(data.petition_ids),
    )
    session.add(finding)
    team.updated_at = utcnow()
    await session.flush()
    return finding


async def update_finding(
    session: AsyncSession,
    principal: Principal,
    team: InspectionTeam,
    finding_id: uuid.UUID,
    data: FindingUpdate,
    if_match: str | None,
) -> InspectionFinding:
    check_if_match(if_match, team.version)
    finding = await FindingRepository(session, principal).of(team, finding_id)
    _check_collecting(team)
    if data.target_id is not None:
        target = TeamRepository.target_of(team, data.target_id)
        finding.target_id, finding.unit_id = target.id, target.unit_id
    if data.topic is not None:
        await check_topics(session, principal, [data.topic], kept=[finding.topic], field="topic")
        finding.topic = data.topic
    if data.petition_ids is not None:
        await _check_petitions(session, principal, data.petition_ids)
        finding.petition_ids = _petition_ids(data.petition_ids)
    if data.description is not None:
        finding.description = data.description
    if data.severity is not None:
        finding.severity = data.severity
    team.updated_at = utcnow()
    await session.flush()
    return finding


async def delete_finding(
    session: AsyncSession,
    principal: Principal,
    storage: Storage,
    after_transaction: Callable[[Deferred], None],
    team: InspectionTeam,
    finding_id: uuid.UUID,
    if_match: str | None,
) -> None:
    """Remove a finding, and its evidence files with it."""
    check_if_match(if_match, team.version)
    finding = await FindingRepository(session, principal).of(team, finding_id)
    _check_collecting(team)
    await remove_finding_evidence(session, principal, storage, after_transaction, finding)
    await session.delete(finding)
    team.updated_at = utcnow()
    await session.flush()


async def listed(session: AsyncSession, principal: Principal, team: InspectionTeam) -> list[FindingRead]:
    return [
        FindingRead.model_validate(f) for f in await FindingRepository(session, principal).listed_for(team)
    ]


async def get(
    session: AsyncSession, principal: Principal, team: InspectionTeam, finding_id: uuid.UUID
) -> FindingRead:
    return FindingRead.model_validate(await FindingRepository(session, principal).of(team, finding_id))
