"""Every query on the files of committees' activities. A file is reached through its activity, which
the caller loaded inside the principal's sight (`ActivityRepository.of` of a visible committee); its
audit events fall in the activity's unit (the committee's)."""

from api.committees.activities.models import CommitteeActivityAttachment
from api.core.files import FileRepository


class ActivityAttachmentRepository(FileRepository[CommitteeActivityAttachment]):
    model = CommitteeActivityAttachment
    parent = CommitteeActivityAttachment.activity_id
