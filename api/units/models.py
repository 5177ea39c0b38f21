"""Administrative units, agencies and other bodies, their hierarchy and their lineage.

The hierarchy is a materialised path: `path` lists the ids from the root down to the unit
(`/<root>/<child>/.../<self>/`, 32 hex characters a level), so a whole subtree is one range scan
on an index (`path >= p AND path < p'`) on both databases, and ancestors are read off the path.
On PostgreSQL the column uses the "C" collation, without which the btree order would ignore
the slashes and the range would not be a subtree.
"""

import uuid
from datetime import date
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Index, String, inspect
from sqlalchemy.orm import Mapped, mapped_column

from api.core.db import Base, Timestamps, UUIDPrimaryKey, string_enum, unique_where
from api.core.external_ref import ExternalRefColumns, unique_external_ref


def unit_key(unit_id: uuid.UUID) -> str:
    """A unit's entry in a worker's cache (`api.units.scope.resolve_unit_filters`)."""
    return f"unit:{unit_id}"


EVERY_UNIT = "unit:*"


class UnitKind(StrEnum):
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"
    WARD = "ward"
    TOWN = "town"
    SPECIAL_ZONE = "special_zone"
    VILLAGE = "village"
    RESIDENTIAL_GROUP = "residential_group"
    AGENCY = "agency"
    PUBLIC_SERVICE_UNIT = "public_service_unit"
    ENTERPRISE = "enterprise"
    PARTY_BODY = "party_body"
    FRONT_BODY = "front_body"
    OTHER = "other"


class UnitStatus(StrEnum):
    ACTIVE = "active"
    RETIRED = "retired"


class CodeSystem(StrEnum):
    """Which official catalogue a code comes from (Decision 124/2004 before the 2025 reform)."""

    DECISION_124_2004 = "decision_124_2004"
    DECISION_19_2025 = "decision_19_2025"


class ReorganizationKind(StrEnum):
    MERGE = "merge"
    SPLIT = "split"
    RENAME = "rename"
    CHANGE_KIND = "change_kind"
    # Many-to-many rearrangement (sắp xếp), such as the 2025 reform loaded from official data.
    RESTRUCTURE = "restructure"


PATH_TYPE = String(600).with_variant(String(600, collation="C"), "postgresql")


class Unit(UUIDPrimaryKey, ExternalRefColumns, Timestamps, Base):
    __tablename__ = "units"
    __audit__ = "unit"
    # Derived from name and code; the name's change is what the log should show.
    __audit_ignore__ = ("name_key", "search_text", "path")

    code: Mapped[str] = mapped_column(String(35))
    # Codes are unique among live units of one family (province, district, commune, village,
    # organization): the 5-digit commune codes are shared by communes, wards, towns and zones.
    code_family: Mapped[str] = mapped_column(String(20))
    code_system: Mapped[CodeSystem | None] = mapped_column(string_enum(CodeSystem))
    electronic_id: Mapped[str | None] = mapped_column(String(35))
    name: Mapped[str] = mapped_column(String(255))
    name_key: Mapped[str] = mapped_column(String(255))
    search_text: Mapped[str] = mapped_column(String(400))
    kind: Mapped[UnitKind] = mapped_column(string_enum(UnitKind))
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    path: Mapped[str] = mapped_column(PATH_TYPE)
    depth: Mapped[int]
    status: Mapped[UnitStatus] = mapped_column(string_enum(UnitStatus), default=UnitStatus.ACTIVE)
    valid_from: Mapped[date | None]
    valid_to: Mapped[date | None]
    remote_area: Mapped[bool] = mapped_column(default=False)
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    version: Mapped[int] = mapped_column(default=1)

    @property
    def audit_unit_id(self) -> uuid.UUID:
        return self.id

    def exists_on(self, day: date) -> bool:
        """Whether the unit existed on `day`: from `valid_from` until the day before `valid_to`."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to
        )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("uq_units_path", "path", unique=True),
        Index("ix_units_parent_name", "parent_id", "name_key", "id"),
        Index("ix_units_name_key", "name_key", "id"),
        # Units of a kind by name: the reception compliance report's pages (api/receptions).
        Index("ix_units_kind_name", "kind", "name_key", "id"),
        Index("ix_units_code", "code"),
        unique_where("uq_units_live_code", "code_family", "code", where="status = 'active'"),
        unique_where(
            "uq_units_official_code", "code_system", "code_family", "code", where="code_system IS NOT NULL"
        ),
        unique_external_ref("units"),
        # Substring search without diacritics; SQLite scans, which is fine at its scale.
        Index(
            "ix_units_search_trgm",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        ).ddl_if(dialect="postgresql"),
    )

    def cache_keys(self) -> set[str]:
        """What the workers' caches must forget when this unit changes (api/core/shared_cache.py):
        the unit as list filters read it; and when it moves, every unit below it (their paths were
        rewritten in bulk) and every kept principal (their jurisdictions moved with it)."""
        state = inspect(self)
        if state.persistent and state.attrs.path.history.has_changes():
            return {EVERY_UNIT, "principal:*"}
        return {unit_key(self.id)}


class Reorganization(UUIDPrimaryKey, ExternalRefColumns, Timestamps, Base):
    __tablename__ = "unit_reorganizations"
    __audit__ = "reorganization"
    # Not a column: set by whoever records it, so its audit events fall in a jurisdiction.
    __allow_unmapped__ = True
    audit_unit_id: uuid.UUID | None = None

    kind: Mapped[ReorganizationKind] = mapped_column(string_enum(ReorganizationKind))
    effective_date: Mapped[date] = mapped_column(index=True)
    legal_basis: Mapped[str] = mapped_column(String(255))
    note: Mapped[str | None] = mapped_column(String(2000))
    # In-place changes of kept units: [{"unit_id", "field", "from", "to"}].
    changes: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)

    __table_args__ = (unique_external_ref("unit_reorganizations"),)


class LineageEdge(Base):
    """predecessor -> successor through one reorganization (a unit kept in place links to itself)."""

    __tablename__ = "unit_lineage"

    reorganization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("unit_reorganizations.id", ondelete="CASCADE"), primary_key=True
    )
    predecessor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("units.id", ondelete="RESTRICT"), primary_key=True
    )
    successor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("units.id", ondelete="RESTRICT"), primary_key=True, index=True
    )

    __table_args__ = (Index("ix_unit_lineage_predecessor", "predecessor_id"),)
