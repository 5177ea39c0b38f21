"""HTTP route of /api/v1/petitions/{petition_id}/verification-packet (included by the petitions router)."""

from fastapi import APIRouter

from api.core.access import Authorize, Principal
from api.core.permissions import Permission
from api.core.responses import problems
from api.core.unit_of_work import Session, UnitOfWorkRoute
from api.petitions.dependencies import CurrentPetition
from api.petitions.packet import service
from api.petitions.packet.schemas import VerificationPacket

router = APIRouter(prefix="/{petition_id:uuid}/verification-packet", route_class=UnitOfWorkRoute)


@router.get(
    "",
    operation_id="petitions-verification-packet-get",
    summary="A petition as handed to a verifier",
    response_model=VerificationPacket,
    responses=problems(404, codes={404: ["petition_not_found"]}),
)
async def verification_packet(
    session: Session, petition: CurrentPetition, principal: Principal = Authorize(Permission.PETITIONS_READ)
) -> VerificationPacket:
    """The case with nothing that identifies a person (Law on Denunciations 2018, Art. 56(2)): the
    matter, its time limits, its history and its non-confidential files, with no petitioner or
    denouncer whatever the kind, and every mention of a denouncer's name, identity number, phone,
    e-mail or address in its text masked as `[***]`."""
    return await service.build(session, principal, petition)
