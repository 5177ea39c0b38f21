"""Files of a committee's activity (the plan as sent to the Fatherland Front committee, the commune
chairman and the subject; the minutes; the evidence of the findings): their use cases.

Storing, checking and serving the bytes is what every resource's files share (`api.core.files`).
What is the committees' own is who may: the files are part of the activity's record, so whoever
records the committee's activities (`committees:write` in its unit: its officers and its own members,
role `committee_member`) attaches and removes them, and whoever sees the committee (`committees:read`)
lists and downloads them. A file is not part of the activity: its writes leave the activity's `ETag`
as it was. Every write is in the audit log (the model's `__audit__`), without the file's name.
"""

import functools
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from api.committees.activities.models import CommitteeActivity, CommitteeActivityAttachment
from api.committees.activities.repository import ActivityRepository
from api.committees.attachments.repository import ActivityAttachmentRepository
from api.committees.models import Committee
from api.core import files
from api.core.access import Principal
from api.core.files import After, Download, Upload
from api.core.storage import Storage


async def _activity(
    session: AsyncSession, principal: Principal, committee: Committee, activity_id: uuid.UUID
) -> CommitteeActivity:
    return await ActivityRepository(session, principal).of(committee, activity_id)


async def _file(
    session: AsyncSession,
    principal: Principal,
    committee: Committee,
    activity_id: uuid.UUID,
    attachment_id: uuid.UUID,
) -> CommitteeActivityAttachment:
    activity = await _activity(session, principal, committee, activity_id)
    return await ActivityAttachmentRepository(session, principal).of(
        activity.id, attachment_id, unit_id=activity.unit_id
    )


async def attach(
    session: AsyncSession,
    principal: Principal,
    storage: Storage,
    after: After,
    committee: Committee,
    activity_id: uuid.UUID,
    upload: Upload,
) -> CommitteeActivityAttachment:
    """Store a file of an activity of a committee the principal sees (404 for another's)."""
    activity = await _activity(session, principal, committee, activity_id)
    return await files.attach(
        session,
        principal,
        storage,
        after,
        upload,
        functools.partial(CommitteeActivityAttachment, activity_id=activity.id),
        activity.unit_id,
    )


async def listed(
    session: AsyncSession, principal: Principal, committee: Committee, activity_id: uuid.UUID
) -> list[CommitteeActivityAttachment]:
    activity = await _activity(session, principal, committee, activity_id)
    return await ActivityAttachmentRepository(session, principal).listed_for(
        activity.id, unit_id=activity.unit_id
    )


async def download(
    session: AsyncSession,
    principal: Principal,
    storage: Storage,
    committee: Committee,
    activity_id: uuid.UUID,
    attachment_id: uuid.UUID,
) -> Download[CommitteeActivityAttachment]:
    attachment = await _file(session, principal, committee, activity_id, attachment_id)
    return await files.fetch(storage, attachment)


async def detach(
    session: AsyncSession,
    principal: Principal,
    storage: Storage,
    after: After,
    committee: Committee,
    activity_id: uuid.UUID,
    attachment_id: uuid.UUID,
    if_match: str | None,
) -> None:
    """Remove a file attached by mistake; the bytes go once the removal commits."""
    attachment = await _file(session, principal, committee, activity_id, attachment_id)
    await files.remove(session, storage, after, attachment, if_match)
