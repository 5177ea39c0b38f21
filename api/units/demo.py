"""The units part of the demo dataset: villages and residential groups under a few Cao Bằng
communes, and a village merger of 2026, all named "(demo)" and tagged with the demo source."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.access import SYSTEM
from api.core.external_ref import ExternalRef
from api.units import reorganizations, service
from api.units.models import CodeSystem, Unit, UnitKind, UnitStatus
from api.units.schemas import ReorganizationCreate, SuccessorSpec, UnitCreate

DEMO_SOURCE = "qcdc-demo"

# (2025 commune code, kind of its villages, village names)
_VILLAGES = {
    "01273": (UnitKind.RESIDENTIAL_GROUP, ["Tổ dân phố 1", "Tổ dân phố 2", "Tổ dân phố 3", "Tổ dân phố 4"]),
    "01279": (
        UnitKind.RESIDENTIAL_GROUP,
        ["Tổ dân phố Nà Cáp", "Tổ dân phố Khau Cải", "Tổ dân phố Hợp Giang"],
    ),
    "01339": (
        UnitKind.VILLAGE,
        ["Xóm Nà Cạn", "Xóm Nà Pồng", "Xóm Bản Chang", "Xóm Lũng Rì", "Xóm Pác Ngòi"],
    ),
}


async def _commune(session: AsyncSession, code: str) -> Unit | None:
    return await session.scalar(
        select(Unit).where(
            Unit.code == code,
            Unit.code_system == CodeSystem.DECISION_19_2025,
            Unit.status == UnitStatus.ACTIVE,
        )
    )


async def load(session: AsyncSession) -> int:
    """Add the demo units (after the official ones); returns how many units it created."""
    created: dict[str, Unit] = {}
    for commune_code, (kind, names) in _VILLAGES.items():
        commune = await _commune(session, commune_code)
        if commune is None:
            continue
        for i, name in enumerate(names, start=1):
            code = f"{commune_code}.{i:02d}"
            unit = await service.create_unit(
                session,
                SYSTEM,
                UnitCreate(
                    code=code,
                    name=f"{name} (demo)",
                    kind=kind,
                    parent_id=commune.id,
                    valid_from=date(2025, 7, 1),
                    remote_area=kind == UnitKind.VILLAGE,
                    external_ref=ExternalRef(source=DEMO_SOURCE, id=code),
                ),
            )
            created[name] = unit
    if "Xóm Nà Cạn" in created and "Xóm Nà Pồng" in created:
        await reorganizations.reorganize(
            session,
            SYSTEM,
            ReorganizationCreate(
                kind="merge",
                effective_date=date(2026, 3, 1),
                legal_basis="Nghị quyết 05/NQ-HĐND (demo)",
                note="Demo: two villages merged after the 2026 village arrangement.",
                predecessor_ids=[created["Xóm Nà Cạn"].id, created["Xóm Nà Pồng"].id],
                successors=[SuccessorSpec(unit_id=created["Xóm Nà Pồng"].id, name="Xóm Nà Pồng Mới (demo)")],
                external_ref=ExternalRef(source=DEMO_SOURCE, id="merge-na-can-na-pong"),
            ),
        )
    return len(created)
