"""Importing citizen reception sessions and dialogues: a unit's register of sessions held, each row
one session (docs/imports.md).

A row names its session by an integrator's reference (`external_ref`, both halves), or by the
session's id (`Mã định danh`, what the list's export writes). A row whose session exists in the
importer's jurisdiction updates it where the file differs, through `service.update_reception`
with its current version, and changes nothing where it does not, so a second run of a file is a
no-op. A row naming no existing session creates it through `service.create_reception` — only
with an external reference, so that a re-run finds it again.
"""

import uuid
from typing import Any

from api.core.etag import etag_of
from api.core.importing import CellError, Column, Importer, Mapping, Outcome, choice, day, number, text
from api.core.permissions import Permission
from api.receptions import service
from api.receptions.models import HostRole, ReceptionKind, ReceptionMode, ReceptionSession
from api.receptions.repository import ReceptionRepository
from api.receptions.schemas import ReceptionCreate, ReceptionUpdate
from api.units.imports import unit_by_code
from api.units.models import Unit

KIND_LABELS: dict[str, tuple[str, ...]] = {
    ReceptionKind.REGULAR: ("Định kỳ", "Tiếp định kỳ"),
    ReceptionKind.AD_HOC: ("Đột xuất", "Tiếp đột xuất"),
    ReceptionKind.DIALOGUE_CITIZENS: ("Đối thoại với Nhân dân", "Đối thoại với người dân"),
    ReceptionKind.DIALOGUE_BUSINESSES: ("Đối thoại với doanh nghiệp",),
}
MODE_LABELS: dict[str, tuple[str, ...]] = {
    ReceptionMode.IN_PERSON: ("Trực tiếp",),
    ReceptionMode.ONLINE: ("Trực tuyến",),
}
HOST_ROLE_LABELS: dict[str, tuple[str, ...]] = {
    HostRole.PARTY_SECRETARY: ("Bí thư cấp ủy", "Bí thư"),
    HostRole.PC_CHAIRMAN: ("Chủ tịch UBND", "Chủ tịch Ủy ban nhân dân"),
    HostRole.PC_VICE_CHAIRMAN: ("Phó Chủ tịch UBND", "Phó Chủ tịch Ủy ban nhân dân"),
    HostRole.OFFICER: ("Cán bộ tiếp công dân",),
    HostRole.OTHER: ("Khác",),
}


def _labels(labels: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(spellings[0] for spellings in labels.values())


def _count(value: Any) -> int:
    found = number(value)
    if not found.is_integer():
        raise CellError(
            "invalid_number", f"«{text(value)[:40]}» không phải số nguyên.", "Not a whole number."
        )
    return int(found)


def _id(value: Any) -> uuid.UUID:
    try:
        return uuid.UUID(text(value))
    except ValueError:
        raise CellError(
            "invalid_value",
            f"«{text(value)[:40]}» không phải mã định danh.",
            f"'{text(value)[:40]}' is not an id (UUID).",
        ) from None


COLUMNS = (
    Column(
        "external_source",
        "Hệ thống nguồn",
        "External source",
        text,
        help_vi="Hệ thống giữ bản gốc của buổi tiếp (đi cùng «Mã ở hệ thống nguồn»). Bắt buộc để tạo mới: "
        "nhập lại cùng tệp sẽ tìm lại đúng buổi tiếp.",
        help_en="The system holding the session's original (with 'External ID'). Needed to create one: a "
        "second run of the file finds it again.",
        example="so-tiep-dan",
        aliases=("external_ref.source",),
    ),
    Column(
        "external_id",
        "Mã ở hệ thống nguồn",
        "External ID",
        text,
        help_vi="Mã của buổi tiếp trong hệ thống nguồn; duy nhất trong hệ thống đó.",
        help_en="The session's id in that system; unique within it.",
        example="TCD-2026-001",
        aliases=("external_ref.id", "Mã hệ thống nguồn / Mã định danh"),
    ),
    Column(
        "id",
        "Mã định danh",
        "ID",
        _id,
        help_vi="Mã định danh QCDC của buổi tiếp (cột «id» của tệp xuất): để cập nhật một buổi tiếp đã có "
        "khi không có mã hệ thống nguồn. Bỏ trống khi tạo mới.",
        help_en="The session's QCDC id (the export's 'id' column): to update an existing session that has no "
        "external reference. Blank for a new one.",
    ),
    Column(
        "unit",
        "Mã đơn vị",
        "Unit code",
        text,
        help_vi="Mã chính thức của đơn vị tổ chức tiếp (tỉnh, xã, cơ quan…), trong phạm vi quản lý của bạn. "
        "Bắt buộc khi tạo mới.",
        help_en="The official code of the unit that held it, within your jurisdiction. Needed to create.",
        example="01273",
        aliases=("unit.code", "Đơn vị / Mã"),
    ),
    Column(
        "held_on",
        "Ngày tiếp",
        "Held on",
        day,
        help_vi="Ngày tiếp (dd/mm/yyyy), không sau hôm nay. Bắt buộc khi tạo mới.",
        help_en="The day it was held (dd/mm/yyyy or YYYY-MM-DD), not in the future. Needed to create.",
        example="06/07/2026",
    ),
    Column(
        "kind",
        "Loại",
        "Kind",
        choice(KIND_LABELS),
        help_vi="Định kỳ, Đột xuất, Đối thoại với Nhân dân, Đối thoại với doanh nghiệp. Bắt buộc khi tạo mới.",
        help_en="regular, ad_hoc, dialogue_citizens, dialogue_businesses (or the Vietnamese label). Needed "
        "to create.",
        choices=_labels(KIND_LABELS),
        example="Định kỳ",
    ),
    Column(
        "mode",
        "Hình thức",
        "Mode",
        choice(MODE_LABELS),
        help_vi="Trực tiếp (mặc định) hoặc Trực tuyến.",
        help_en="in_person (the default) or online.",
        choices=_labels(MODE_LABELS),
        example="Trực tiếp",
    ),
    Column(
        "place",
        "Địa điểm",
        "Place",
        text,
        help_vi="Nơi tiếp. Bắt buộc khi tạo mới.",
        help_en="Where it was held. Needed to create.",
        example="Trụ sở tiếp công dân UBND phường Thục Phán",
    ),
    Column(
        "host_name",
        "Người chủ trì",
        "Host name",
        text,
        help_vi="Họ tên người chủ trì. Bắt buộc khi tạo mới.",
        help_en="Who presided. Needed to create.",
        example="Nông Văn Hùng",
    ),
    Column(
        "host_role",
        "Chức vụ người chủ trì",
        "Host role",
        choice(HOST_ROLE_LABELS),
        help_vi="Bí thư cấp ủy, Chủ tịch UBND, Phó Chủ tịch UBND, Cán bộ tiếp công dân, Khác. Bắt buộc khi tạo "
        "mới; chỉ ngày tiếp của đúng chức vụ mới được tính vào định mức.",
        help_en="party_secretary, pc_chairman, pc_vice_chairman, officer, other (or the Vietnamese label). "
        "Needed to create; a quota counts its own role's days only.",
        choices=_labels(HOST_ROLE_LABELS),
        example="Chủ tịch UBND",
    ),
    Column(
        "citizens_received",
        "Số lượt công dân",
        "Citizens received",
        _count,
        help_vi="Số công dân được tiếp (đoàn đông người: tính từng người); mặc định 0.",
        help_en="Citizens received (a group counts each person); 0 by default.",
        example="7",
    ),
    Column(
        "cases_received",
        "Số vụ việc",
        "Cases received",
        _count,
        help_vi="Số vụ việc được trình bày; mặc định 0.",
        help_en="Matters raised at the session; 0 by default.",
        example="5",
    ),
    Column(
        "notes",
        "Ghi chú",
        "Notes",
        text,
        help_vi="Nội dung chính, việc cần theo dõi.",
        help_en="Topics, follow-up.",
    ),
)

# What a new session needs, beyond the reference that finds it again.
_NEEDED_TO_CREATE = ("unit", "held_on", "kind", "place", "host_name", "host_role")
# The fields compared with a session (its unit apart: named by code).
_COMPARED = (
    "held_on",
    "kind",
    "mode",
    "place",
    "host_name",
    "host_role",
    "citizens_received",
    "cases_received",
    "notes",
)


def _json(value: Any) -> Any:
    """A value as a request's JSON body carries it: the schemas read input strictly."""
    if isinstance(value, uuid.UUID):
        return str(value)
    return value.isoformat() if hasattr(value, "isoformat") else value


# Vietnamese messages of the codes this domain's services raise (api/core/importing.py).
MESSAGES_VI: dict[str, str] = {
    "unknown_topic": "Chủ đề không có hoặc đã ngừng sử dụng.",
}


class ReceptionMapping(Mapping):
    messages_vi = MESSAGES_VI
    resource = "receptions"
    permission = Permission.RECEPTIONS_WRITE
    columns = COLUMNS

    async def _unit(self, by: Importer, code: str) -> Unit:
        return await unit_by_code(by, code, self.header_of("unit"))

    async def _existing(self, by: Importer, values: dict[str, Any]) -> ReceptionSession | None:
        repo = ReceptionRepository(by.session, by.principal)
        source, ref_id = self.external_ref(values) or (None, None)
        by_ref = await repo.ids_of(source=source, external_id=ref_id) if source is not None else []
        by_id = await repo.ids_of(id=values["id"]) if "id" in values else []
        if by_ref and "id" in values and values["id"] != by_ref[0]:
            raise self.problem(
                "id",
                "reference_mismatch",
                f"Mã hệ thống nguồn thuộc buổi tiếp {by_ref[0]}, không phải {values['id']}.",
                f"The external reference belongs to session {by_ref[0]}, not {values['id']}.",
            )
        # Found by id, a session takes the row's external reference (the update sets it).
        found = by_ref or by_id
        if found:
            return await repo.find(found[0])
        if "id" in values:
            raise self.problem(
                "id",
                "reception_not_found",
                f"Không có buổi tiếp {values['id']} trong phạm vi quản lý của bạn.",
                f"No reception session {values['id']} in your jurisdiction.",
            )
        return None

    async def apply(self, by: Importer, values: dict[str, Any]) -> Outcome:
        reception = await self._existing(by, values)
        if reception is None:
            return await self._create(by, values)
        changes = {
            key: values[key] for key in _COMPARED if key in values and values[key] != getattr(reception, key)
        }
        if "external_source" in values:
            ref = {"source": values["external_source"], "id": values["external_id"]}
            if ref != reception.external_ref:
                changes["external_ref"] = ref
        if "unit" in values and values["unit"] != reception.unit.code:
            changes["unit_id"] = (await self._unit(by, values["unit"])).id
        if not changes:
            return Outcome.UNCHANGED
        body = ReceptionUpdate.model_validate({key: _json(value) for key, value in changes.items()})
        await service.update_reception(by.session, by.principal, reception, body, etag_of(reception.version))
        return Outcome.UPDATED

    async def _create(self, by: Importer, values: dict[str, Any]) -> Outcome:
        if "external_source" not in values:
            raise self.problem(
                "external_id",
                "missing_value",
                "Buổi tiếp mới cần «Hệ thống nguồn» và «Mã ở hệ thống nguồn» để lần nhập sau tìm lại được.",
                "A new session needs its external source and ID, so that a later run finds it again.",
            )
        for key in _NEEDED_TO_CREATE:
            if key not in values:
                column = next(c for c in self.columns if c.key == key)
                raise self.problem(
                    key,
                    "missing_value",
                    f"Thiếu «{column.header_vi}» để tạo buổi tiếp mới.",
                    f"'{column.header_en}' is needed to create a session.",
                )
        unit = await self._unit(by, values["unit"])
        payload = {key: _json(values[key]) for key in _COMPARED if key in values}
        payload |= {
            "unit_id": str(unit.id),
            "external_ref": {"source": values["external_source"], "id": values["external_id"]},
        }
        await service.create_reception(by.session, by.principal, ReceptionCreate.model_validate(payload))
        return Outcome.CREATED


MAPPINGS = (ReceptionMapping(),)
