"""The verification packet: a case as it is handed to the person who verifies it.

Whoever settles a denunciation must strip the denouncer's name, address, handwriting and every
other identifying detail from what goes to a verifier (Law on Denunciations 2018, Art. 56(2)). The
packet does it by construction: its schema has no field that holds a person — no petitioners or
denouncers (for any kind of case: it describes the matter, not the people), no uploader or actor
names, no confidential files — and the free text it carries (subject, content, event notes, file
names) has every mention of a denouncer's full name, identity number, phone, e-mail and address
masked, with or without diacritics. Other identifying detail in free text (a nickname, a house
described) stays the settling officer's to remove before the case is recorded.
"""

from sqlalchemy.ext.asyncio import AsyncSession

from api.core.access import Principal
from api.core.db import utcnow
from api.petitions.attachments.repository import AttachmentRepository
from api.petitions.models import Petition
from api.petitions.packet.masking import Masker
from api.petitions.packet.schemas import PacketAttachment, PacketCase, PacketEvent, VerificationPacket
from api.petitions.repository import PetitionRepository
from api.petitions.schemas import DeadlineRead
from api.petitions.service import event_data


async def build(session: AsyncSession, principal: Principal, petition: Petition) -> VerificationPacket:
    repo = PetitionRepository(session, principal)
    # The denouncers are read to be removed, never shown: not an identity read, so not audited as one.
    mask = Masker(
        [
            value
            for person in await repo.denouncers(petition.id)
            for value in (
                person.full_name,
                person.identity_number,
                person.phone,
                person.email,
                person.address,
            )
            if value
        ]
    )
    events = await repo.events(petition.id)
    files = await AttachmentRepository(session, principal).listed_for(petition, shared_only=True)
    return VerificationPacket(
        generated_at=utcnow(),
        case=PacketCase.from_model(
            petition, subject=mask.text(petition.subject), content=mask.text(petition.content)
        ),
        deadlines=[DeadlineRead.model_validate(d) for d in petition.deadlines],
        events=[
            PacketEvent.from_model(e, data=mask.value(data))
            for e, data in zip(events, await event_data(repo, events), strict=True)
        ],
        attachments=[PacketAttachment.from_model(a, filename=mask.text(a.filename)) for a in files],
    )
