"""Loading the official administrative units into the registry, idempotently.

Both editions live side by side as separate units: the legacy ones (Decision 124/2004 codes,
retired on 1 July 2025) and the 2025 ones (Decision 19/2025 codes, from 1 July 2025). Codes
are reused across editions (a merged commune keeps one predecessor's code), which the "unique
among live units" rule allows. The 2025 reform is recorded as one `restructure`
reorganization per 2025 province, linking every legacy unit to the unit(s) it went into.

A unit is matched to its earlier load by (code system, family, code), so a second load changes
nothing. A unit that took part in a reorganization recorded here later keeps its local history:
the loader does not undo a rename or a merge the province made since. Refreshed fields are the
name, kind and coordinates; a unit the package moves to another parent is left where it is (the
official catalogues do not move units, they reorganize them).
"""

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.core import audit
from api.core.db import utcnow
from api.core.shared_cache import announce
from api.core.text import fold
from api.units import rules
from api.units.models import (
    EVERY_UNIT,
    CodeSystem,
    LineageEdge,
    Reorganization,
    ReorganizationKind,
    Unit,
    UnitKind,
    UnitStatus,
)
from api.units.official_source import (
    Edition,
    LineageLink,
    OfficialUnit,
    read_lineage,
    read_units,
    source_version,
)
from api.units.schemas import OfficialLoadReport
from api.units.scope import path_segment

REFORM_DATE = date(2025, 7, 1)
REFORM_SOURCE = "official-reform-2025"
REFORM_LEGAL_BASIS = "Nghị quyết 202/2025/QH15; Nghị quyết 76/2025/UBTVQH15"
CODE_SYSTEM: dict[Edition, CodeSystem] = {
    "legacy": CodeSystem.DECISION_124_2004,
    "2025": CodeSystem.DECISION_19_2025,
}
_CHUNK = 2000
_REFRESHED = ("name", "kind", "latitude", "longitude")


@dataclass
class _Known:
    id: uuid.UUID
    path: str
    depth: int
    parent_id: uuid.UUID | None
    values: dict[str, Any]


def _family(level: str, code: str) -> str:
    if level == "commune" or len(code) == 5:
        return "commune"
    return level


def _parent_family(unit: OfficialUnit) -> str:
    return "district" if unit.edition == "legacy" and unit.level == "commune" else "province"


def _lifecycle(edition: Edition) -> dict[str, Any]:
    if edition == "legacy":
        return {"status": UnitStatus.RETIRED, "valid_from": None, "valid_to": REFORM_DATE}
    return {"status": UnitStatus.ACTIVE, "valid_from": REFORM_DATE, "valid_to": None}


async def _known_units(session: AsyncSession, system: CodeSystem) -> dict[tuple[str, str], _Known]:
    rows = await session.execute(
        select(
            Unit.id,
            Unit.code_family,
            Unit.code,
            Unit.path,
            Unit.depth,
            Unit.parent_id,
            *(getattr(Unit, f) for f in _REFRESHED),
        ).where(Unit.code_system == system)
    )
    known = {}
    for row in rows:
        values = {f: getattr(row, f) for f in _REFRESHED}
        known[(row.code_family, row.code)] = _Known(row.id, row.path, row.depth, row.parent_id, values)
    return known


async def _locally_reorganized(session: AsyncSession) -> set[uuid.UUID]:
    rows = await session.execute(
        select(LineageEdge.predecessor_id, LineageEdge.successor_id)
        .join(Reorganization, Reorganization.id == LineageEdge.reorganization_id)
        .where((Reorganization.external_source != REFORM_SOURCE) | Reorganization.external_source.is_(None))
    )
    return {uid for pair in rows for uid in pair}


async def _load_edition(
    session: AsyncSession, edition: Edition, province_code: str | None, counts: Counter[str]
) -> None:
    system = CODE_SYSTEM[edition]
    known = await _known_units(session, system)
    frozen = await _locally_reorganized(session)
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for unit in read_units(edition, province_code):
        kind = UnitKind(unit.kind)
        family = rules.code_family(kind)
        parent = known.get((_parent_family(unit), unit.parent_code)) if unit.parent_code else None
        values = {"name": unit.name, "kind": kind, "latitude": unit.latitude, "longitude": unit.longitude}
        existing = known.get((family, unit.code))
        if existing is None:
            unit_id = uuid.uuid4()
            path = (parent.path if parent else "/") + path_segment(unit_id)
            depth = parent.depth + 1 if parent else 0
            known[(family, unit.code)] = _Known(unit_id, path, depth, parent.id if parent else None, values)
            inserts.append(_new_row(unit, unit_id, path, depth, parent, system, values, edition))
        elif existing.values != values and existing.id not in frozen:
            updates.append(
                {
                    "id": existing.id,
                    **values,
                    "name_key": fold(unit.name),
                    "search_text": fold(f"{unit.name} {unit.code}"),
                }
            )
        else:
            counts["unchanged"] += 1
    for start in range(0, len(inserts), _CHUNK):
        await session.execute(insert(Unit), inserts[start : start + _CHUNK])
    for row in updates:
        await session.execute(
            update(Unit).where(Unit.id == row.pop("id")).values(**row, version=Unit.version + 1)
        )
    if updates:
        # Written in bulk, unseen by the ORM: a moved unit moves jurisdictions below it too.
        await announce(session, EVERY_UNIT, "principal:*")
    counts["created"] += len(inserts)
    counts["updated"] += len(updates)


def _new_row(
    unit: OfficialUnit,
    unit_id: uuid.UUID,
    path: str,
    depth: int,
    parent: _Known | None,
    system: CodeSystem,
    values: dict[str, Any],
    edition: Edition,
) -> dict[str, Any]:
    now = utcnow()
    return {
        "id": unit_id,
        "code": unit.code,
        "code_family": rules.code_family(values["kind"]),
        "code_system": system,
        "electronic_id": None,
        "name_key": fold(unit.name),
        "search_text": fold(f"{unit.name} {unit.code}"),
        "parent_id": parent.id if parent else None,
        "path": path,
        "depth": depth,
        "remote_area": False,
        "external_source": None,
        "external_id": None,
        "version": 1,
        "created_at": now,
        "updated_at": now,
        **values,
        **_lifecycle(edition),
    }


async def _reform_reorganizations(
    session: AsyncSession, province_names: dict[str, str], counts: Counter[str]
) -> dict[str, uuid.UUID]:
    rows = await session.execute(
        select(Reorganization.external_id, Reorganization.id).where(
            Reorganization.external_source == REFORM_SOURCE
        )
    )
    by_province: dict[str, uuid.UUID] = {ext: rid for ext, rid in rows if ext is not None}
    for code, name in province_names.items():
        if code not in by_province:
            reorg = Reorganization(
                id=uuid.uuid4(),
                kind=ReorganizationKind.RESTRUCTURE,
                effective_date=REFORM_DATE,
                legal_basis=REFORM_LEGAL_BASIS,
                note=f"Sắp xếp đơn vị hành chính 2025 — {name} (vietnamadminunits {source_version()})",
                changes=[],
                external_source=REFORM_SOURCE,
                external_id=code,
            )
            session.add(reorg)
            by_province[code] = reorg.id
            counts["reorganizations"] += 1
    await session.flush()
    return by_province


async def _load_lineage(session: AsyncSession, province_code: str | None, counts: Counter[str]) -> None:
    legacy = await _known_units(session, CODE_SYSTEM["legacy"])
    current = await _known_units(session, CODE_SYSTEM["2025"])
    new_units = read_units("2025")
    province_of = {u.code: (u.parent_code or u.code) for u in new_units}
    province_names = {u.code: u.name for u in new_units if u.level == "province"}

    wanted: dict[str, list[tuple[uuid.UUID, uuid.UUID]]] = defaultdict(list)
    for link in read_lineage(province_code):
        ends = _ends(link, legacy, current)
        if ends is not None:
            wanted[province_of[link.new_code]].append(ends)
    reorg_ids = await _reform_reorganizations(session, {p: province_names[p] for p in wanted}, counts)
    existing = {
        (e.reorganization_id, e.predecessor_id, e.successor_id)
        for e in await session.scalars(
            select(LineageEdge).where(LineageEdge.reorganization_id.in_(list(reorg_ids.values())))
        )
    }
    rows = [
        {"reorganization_id": reorg_ids[province], "predecessor_id": pred, "successor_id": succ}
        for province, pairs in wanted.items()
        for pred, succ in pairs
        if (reorg_ids[province], pred, succ) not in existing
    ]
    for start in range(0, len(rows), _CHUNK):
        await session.execute(insert(LineageEdge), rows[start : start + _CHUNK])
    counts["edges"] += len(rows)


def _ends(
    link: LineageLink, legacy: dict[tuple[str, str], _Known], current: dict[tuple[str, str], _Known]
) -> tuple[uuid.UUID, uuid.UUID] | None:
    """The two units a link joins, when both editions' units are loaded."""
    old = legacy.get((_family(link.level, link.legacy_code), link.legacy_code))
    new = current.get(("province" if len(link.new_code) == 2 else "commune", link.new_code))
    return (old.id, new.id) if old and new else None


async def load(
    session: AsyncSession, edition: Edition, province_code: str | None = None, with_lineage: bool = False
) -> OfficialLoadReport:
    """Load one edition (both, with the reform's lineage, when `with_lineage`); only flushes."""
    counts: Counter[str] = Counter()
    for each in ("legacy", "2025") if with_lineage else (edition,):
        await _load_edition(session, each, province_code, counts)
    if with_lineage:
        await _load_lineage(session, province_code, counts)
    await session.flush()
    report = OfficialLoadReport(
        created=counts["created"],
        updated=counts["updated"],
        unchanged=counts["unchanged"],
        lineage_edges_created=counts["edges"],
        reorganizations_created=counts["reorganizations"],
        source=f"vietnamadminunits {source_version()}",
    )
    # Bulk inserts bypass the per-row capture: the load is recorded as one event.
    audit.record(
        session,
        "units.load_official",
        "units",
        None,
        None,
        {
            "edition": edition,
            "province_code": province_code,
            "with_lineage": with_lineage,
            **report.model_dump(),
        },
    )
    return report
