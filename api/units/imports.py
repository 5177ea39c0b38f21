"""Importing units: the villages and residential groups a province loads under its communes, and
any other unit, each row naming its parent by official code (docs/imports.md).

A unit is the same record as `code` (in its kind's code family) among the live units of the
importer's jurisdiction: a row whose unit exists updates it where the file differs, and changes
nothing where it does not, so a second run of one file is a no-op. Rows go through
`service.create_unit` and `service.update_unit`, with the API's rules, audit and jurisdiction.
"""

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import inspect as sa_inspect

from api.core.importing import (
    CellError,
    Column,
    Importer,
    Mapping,
    Outcome,
    boolean,
    choice,
    day,
    number,
    text,
)
from api.core.permissions import Permission
from api.core.shared_cache import own_cache
from api.units import rules, service
from api.units.models import Unit, UnitKind, UnitStatus
from api.units.repository import UnitRepository
from api.units.schemas import UnitCreate, UnitUpdate

KIND_LABELS: dict[str, tuple[str, ...]] = {
    UnitKind.PROVINCE: ("Tỉnh", "Thành phố trực thuộc trung ương"),
    UnitKind.DISTRICT: ("Huyện", "Quận", "Thị xã", "Thành phố thuộc tỉnh"),
    UnitKind.COMMUNE: ("Xã",),
    UnitKind.WARD: ("Phường",),
    UnitKind.TOWN: ("Thị trấn",),
    UnitKind.SPECIAL_ZONE: ("Đặc khu",),
    UnitKind.VILLAGE: ("Thôn", "Làng", "Ấp", "Bản", "Buôn", "Bon", "Phum", "Sóc", "Xóm"),
    UnitKind.RESIDENTIAL_GROUP: ("Tổ dân phố", "Khu phố", "Khối phố", "Tổ dân cư"),
    UnitKind.AGENCY: ("Cơ quan",),
    UnitKind.PUBLIC_SERVICE_UNIT: ("Đơn vị sự nghiệp", "Đơn vị sự nghiệp công lập"),
    UnitKind.ENTERPRISE: ("Doanh nghiệp",),
    UnitKind.PARTY_BODY: ("Tổ chức Đảng",),
    UnitKind.FRONT_BODY: ("Mặt trận", "Tổ chức chính trị - xã hội"),
    UnitKind.OTHER: ("Khác",),
}

COLUMNS = (
    Column(
        "code",
        "Mã",
        "Code",
        text,
        required=True,
        help_vi="Mã của đơn vị (thôn, tổ dân phố: mã do tỉnh đặt), duy nhất trong cùng nhóm mã.",
        help_en="The unit's code (villages: the code the province gives), unique within its code family.",
        example="0127305",
    ),
    Column(
        "name",
        "Tên",
        "Name",
        text,
        required=True,
        help_vi="Tên đầy đủ, kèm loại: «Thôn Bản Giới», «Tổ dân phố 5».",
        help_en="Full name with its type: 'Thôn Bản Giới', 'Tổ dân phố 5'.",
        example="Thôn Bản Giới",
    ),
    Column(
        "kind",
        "Loại",
        "Kind",
        choice(KIND_LABELS),
        required=True,
        help_vi="Loại đơn vị: mã tiếng Anh (village, residential_group…) hoặc tên tiếng Việt (Thôn, Tổ dân phố…).",
        help_en="The kind: its English code (village, residential_group, ...) or Vietnamese name.",
        choices=tuple(KIND_LABELS),
        example="village",
    ),
    Column(
        "parent_code",
        "Mã đơn vị cấp trên",
        "Parent code",
        text,
        help_vi="Mã chính thức của đơn vị cấp trên (xã, phường…), trong phạm vi quản lý của bạn. "
        "Bỏ trống khi cập nhật để giữ nguyên.",
        help_en="The official code of the parent (a commune, a ward, ...), within your jurisdiction. Left "
        "blank on an update: unchanged.",
        example="01273",
    ),
    Column(
        "valid_from",
        "Ngày bắt đầu",
        "Valid from",
        day,
        help_vi="Ngày đơn vị bắt đầu tồn tại (dd/mm/yyyy).",
        help_en="First day the unit exists (dd/mm/yyyy or YYYY-MM-DD).",
        example="01/07/2025",
    ),
    Column(
        "remote_area",
        "Vùng sâu, vùng xa",
        "Remote area",
        boolean,
        help_vi="Có nếu là vùng sâu, vùng xa, đặc biệt khó khăn (kéo dài thời hạn khiếu nại).",
        help_en="Yes for a remote or especially difficult area (longer complaint deadlines).",
        choices=("Có", "Không"),
        example="Không",
    ),
    Column("latitude", "Vĩ độ", "Latitude", number, help_vi="Vĩ độ WGS 84.", help_en="WGS 84 latitude."),
    Column(
        "longitude", "Kinh độ", "Longitude", number, help_vi="Kinh độ WGS 84.", help_en="WGS 84 longitude."
    ),
    Column(
        "electronic_id",
        "Mã định danh điện tử",
        "Electronic ID",
        text,
        help_vi="Mã định danh điện tử của cơ quan, nếu có.",
        help_en="An agency's electronic identifier code, if any.",
    ),
    Column(
        "external_source",
        "Hệ thống nguồn",
        "External source",
        text,
        help_vi="Hệ thống khác giữ bản sao của đơn vị này (đi cùng «Mã ở hệ thống nguồn»).",
        help_en="The other system holding a copy of this unit (with 'External ID').",
    ),
    Column(
        "external_id",
        "Mã ở hệ thống nguồn",
        "External ID",
        text,
        help_vi="Mã của đơn vị trong hệ thống nguồn; duy nhất trong hệ thống đó.",
        help_en="The unit's id in that system; unique within it.",
    ),
)

# The columns that are no field of the schema: the parent's code, and the reference's halves.
_NOT_FIELDS = ("parent_code", "external_source", "external_id")
# The fields compared with an existing unit (the parent apart: it is named by code).
_COMPARED = ("name", "kind", "valid_from", "remote_area", "latitude", "longitude", "electronic_id")


def _json(value: Any) -> Any:
    """A value as a request's JSON body carries it: the schemas read input strictly."""
    if isinstance(value, uuid.UUID):
        return str(value)
    return value.isoformat() if hasattr(value, "isoformat") else value


async def unit_by_code(
    by: Importer, code: str, column: str | None, families: Iterable[str] | None = None
) -> Unit:
    """The one live unit of this official code (within `families` of codes) in the importer's
    jurisdiction, as every resource's import names its units: else `unit_not_found` or
    `ambiguous_unit` on `column`."""
    return only_unit(
        await UnitRepository(by.session, by.principal).live_with_code(code, families), code, column
    )


async def units_by_code(by: Importer, codes: Iterable[str]) -> dict[str, list[Unit]]:
    """The live units of each code in the importer's jurisdiction, for a batch of rows; each row
    then takes its own with `only_unit`. One statement for the codes no earlier batch looked up:
    the import's cache keeps the units found (a province's communes, named again and again), as
    long as each is still the session's, live and of its code."""
    cache = own_cache(by.session.sync_session)
    found: dict[str, list[Unit]] = {}
    wanted: list[str] = []
    for code in set(codes):
        kept = cache.get(_code_key(by, code)) if cache is not None else None
        if kept is not None and all(_still(by, unit, code) for unit in kept):
            found[code] = kept
        else:
            wanted.append(code)
    if wanted:
        read = await UnitRepository(by.session, by.principal).live_with_codes(wanted)
        if cache is not None:
            for code, units in read.items():
                cache.put(_code_key(by, code), units, cache.generation)
        found |= read
    return found


def _code_key(by: Importer, code: str) -> str:
    return f"unit-code:{by.principal.kind}:{by.principal.id}:{code}"


def _still(by: Importer, unit: Unit, code: str) -> bool:
    state = sa_inspect(unit)
    return (
        state.session is by.session.sync_session
        and not state.expired_attributes
        and unit.code == code
        and unit.status == UnitStatus.ACTIVE
    )


def only_unit(found: list[Unit], code: str, column: str | None) -> Unit:
    """The one unit of `found` (the live units of `code`): else `unit_not_found` or
    `ambiguous_unit` on `column`."""
    if len(found) != 1:
        raise CellError(
            "unit_not_found" if not found else "ambiguous_unit",
            f"Không tìm thấy một đơn vị duy nhất mã {code} (đang hoạt động, trong phạm vi quản lý của bạn).",
            f"No single live unit of code {code} in your jurisdiction.",
            column,
        )
    return found[0]


# Vietnamese messages of the codes this domain's services raise (api/core/importing.py).
MESSAGES_VI: dict[str, str] = {
    "parent_not_found": "Không tìm thấy đơn vị cấp trên trong phạm vi quản lý của bạn.",
    "parent_retired": "Đơn vị cấp trên đã giải thể.",
    "invalid_parent_kind": "Loại đơn vị này không thể trực thuộc đơn vị cấp trên đã chọn.",
    "duplicate_code": "Mã đã được một đơn vị đang hoạt động khác sử dụng.",
    "nationwide_only": "Chỉ quản trị viên toàn quốc mới được tạo đơn vị không có cấp trên.",
    "children_do_not_fit": "Các đơn vị con không thể trực thuộc loại đơn vị mới.",
    "unit_cycle": "Không thể chuyển đơn vị vào dưới chính nó.",
}


class UnitMapping(Mapping):
    messages_vi = MESSAGES_VI
    resource = "units"
    permission = Permission.UNITS_WRITE
    columns = COLUMNS

    async def _parent(self, repo: UnitRepository, kind: UnitKind, code: str) -> Unit:
        allowed = rules.ALLOWED_PARENTS[kind]
        families = None if allowed is None else {rules.code_family(k) for k in allowed}
        found = await repo.live_with_code(code, families)
        header = self.header_of("parent_code")
        if not found:
            raise CellError(
                "parent_not_found",
                f"Không tìm thấy đơn vị cấp trên mã {code} (đang hoạt động, trong phạm vi quản lý của bạn).",
                f"No live unit of code {code} that may be this unit's parent in your jurisdiction.",
                header,
            )
        if len(found) > 1:
            raise CellError(
                "ambiguous_parent",
                f"Mã {code} chỉ nhiều đơn vị cấp trên khác nhau.",
                f"Code {code} names several possible parents.",
                header,
            )
        return found[0]

    async def apply(self, by: Importer, values: dict[str, Any]) -> Outcome:
        session, principal = by.session, by.principal
        repo = UnitRepository(session, principal)
        payload = {key: _json(value) for key, value in values.items() if key not in _NOT_FIELDS}
        if "external_source" in values or "external_id" in values:
            payload["external_ref"] = {
                "source": values.get("external_source"),
                "id": values.get("external_id"),
            }
        data = UnitCreate.model_validate(payload)
        parent = (
            await self._parent(repo, data.kind, values["parent_code"]) if "parent_code" in values else None
        )
        existing = await repo.live_with_code(data.code, [rules.code_family(data.kind)])
        if not existing:
            created = data.model_copy(update={"parent_id": parent.id if parent else None})
            await service.create_unit(session, principal, created)
            return Outcome.CREATED
        unit = existing[0]
        changes = {
            name: getattr(data, name)
            for name in _COMPARED
            if name in data.model_fields_set and getattr(data, name) != getattr(unit, name)
        }
        if "external_ref" in data.model_fields_set and data.external_ref is not None:
            ref = data.external_ref.model_dump()
            if ref != unit.external_ref:
                changes["external_ref"] = ref
        if parent is not None and parent.id != unit.parent_id:
            changes["parent_id"] = parent.id
        if not changes:
            return Outcome.UNCHANGED
        await service.update_unit(
            session,
            principal,
            unit,
            UnitUpdate.model_validate({k: _json(v) for k, v in changes.items()}),
            None,
        )
        return Outcome.UPDATED


MAPPINGS = (UnitMapping(),)
