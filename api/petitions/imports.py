"""Importing petitions: cases received elsewhere (a one-stop system, a paper register), each row
one case with its petitioners (docs/imports.md).

A row names its case by an integrator's reference (`external_ref`, both halves) or by the case's
own reference (`Số hồ sơ`, what the list's export writes). A row whose case exists in the
importer's jurisdiction updates it where the file differs, through `service.update` with the
case's current version, and changes nothing where it does not, so a second run of a file is a
no-op; what cannot change after receipt (kind, channel, day of receipt, units) is a row error when
it differs. A row naming no existing case creates it through `service.create` — only with an
external reference, so that a re-run finds it again. A denunciation's denouncers, given in the
petitioner columns, go where the service puts them: the confidential store, never the case.
"""

import uuid
from typing import Any

from api.core.errors import AppError
from api.core.etag import etag_of
from api.core.external_ref import taken_external_refs
from api.core.importing import (
    ROW_PROBLEMS,
    Applied,
    CellError,
    Column,
    Importer,
    Mapping,
    NumberedRow,
    Outcome,
    boolean,
    choice,
    day,
    number,
    row_errors,
    text,
)
from api.core.permissions import Permission
from api.petitions import service
from api.petitions.models import Channel, Petition, PetitionKind
from api.petitions.repository import PetitionRepository
from api.petitions.schemas import PersonIn, PetitionCreate, PetitionUpdate
from api.units.imports import only_unit, unit_by_code, units_by_code
from api.units.models import Unit

KIND_LABELS: dict[str, tuple[str, ...]] = {
    PetitionKind.COMPLAINT: ("Khiếu nại",),
    PetitionKind.DENUNCIATION: ("Tố cáo",),
    PetitionKind.PETITION: ("Kiến nghị",),
    PetitionKind.REFLECTION: ("Phản ánh",),
}
CHANNEL_LABELS: dict[str, tuple[str, ...]] = {
    Channel.RECEPTION: ("Tiếp công dân", "Trực tiếp"),
    Channel.MAIL: ("Qua bưu chính", "Bưu chính", "Thư"),
    Channel.ONLINE_PORTAL: ("Cổng dịch vụ công", "Trực tuyến"),
    Channel.ONE_STOP: ("Một cửa", "Bộ phận một cửa"),
    Channel.FORWARDED: ("Chuyển đến", "Cơ quan khác chuyển đến"),
    Channel.OTHER: ("Khác",),
}
YES_NO = ("Có", "Không")
# Several petitioners in one cell: people separated by ";", a person's parts by "|".
PEOPLE_SEPARATOR = ";"
PARTS_SEPARATOR = "|"


_KIND = choice(KIND_LABELS)


def _integer(value: Any) -> int:
    found = number(value)
    if not found.is_integer():
        raise CellError(
            "invalid_number", f"«{text(value)[:40]}» không phải số nguyên.", "Not a whole number."
        )
    return int(found)


def _labels(labels: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(spellings[0] for spellings in labels.values())


COLUMNS = (
    Column(
        "external_source",
        "Hệ thống nguồn",
        "External source",
        text,
        help_vi="Hệ thống giữ bản gốc của vụ việc (đi cùng «Mã ở hệ thống nguồn»). Bắt buộc để tạo mới: "
        "nhập lại cùng tệp sẽ tìm lại đúng vụ việc.",
        help_en="The system holding the case's original (with 'External ID'). Needed to create a case: a "
        "second run of the file finds it again.",
        example="motcua-caobang",
        aliases=("external_ref.source",),
    ),
    Column(
        "external_id",
        "Mã ở hệ thống nguồn",
        "External ID",
        text,
        help_vi="Mã của vụ việc trong hệ thống nguồn; duy nhất trong hệ thống đó.",
        help_en="The case's id in that system; unique within it.",
        example="DV-000123",
        aliases=("external_ref.id", "Mã hệ thống nguồn / Mã định danh"),
    ),
    Column(
        "reference",
        "Số hồ sơ",
        "Reference",
        text,
        help_vi="Số hồ sơ QCDC đã cấp (04-2026-000123): để cập nhật một vụ việc đã có khi không có mã "
        "hệ thống nguồn. Bỏ trống khi tạo mới (số do hệ thống cấp).",
        help_en="The reference QCDC gave the case (04-2026-000123): to update an existing case that has no "
        "external reference. Blank for a new case (the system gives it).",
    ),
    Column(
        "kind",
        "Loại đơn",
        "Kind",
        _KIND,
        help_vi="Khiếu nại, Tố cáo, Kiến nghị hoặc Phản ánh (hoặc mã tiếng Anh). Bắt buộc khi tạo mới.",
        help_en="complaint, denunciation, petition or reflection (or the Vietnamese label). Needed to create.",
        choices=_labels(KIND_LABELS),
        example="Khiếu nại",
        aliases=("Loại",),
    ),
    Column(
        "channel",
        "Hình thức tiếp nhận",
        "Channel",
        choice(CHANNEL_LABELS),
        help_vi="Tiếp công dân, Qua bưu chính, Cổng dịch vụ công, Một cửa, Chuyển đến, Khác. Bắt buộc khi tạo mới.",
        help_en="reception, mail, online_portal, one_stop, forwarded, other (or the Vietnamese label). Needed "
        "to create.",
        choices=_labels(CHANNEL_LABELS),
        example="Qua bưu chính",
    ),
    Column(
        "received_on",
        "Ngày nhận",
        "Received on",
        day,
        help_vi="Ngày cơ quan nhận đơn (dd/mm/yyyy), không sau hôm nay. Bắt buộc khi tạo mới.",
        help_en="Day the body received it (dd/mm/yyyy or YYYY-MM-DD), not in the future. Needed to create.",
        example="02/03/2026",
    ),
    Column(
        "receiving_unit",
        "Mã đơn vị tiếp nhận",
        "Receiving unit code",
        text,
        help_vi="Mã chính thức của đơn vị nhận đơn, trong phạm vi quản lý của bạn. Bắt buộc khi tạo mới.",
        help_en="The official code of the unit that received it, within your jurisdiction. Needed to create.",
        example="01273",
        aliases=("receiving_unit.code", "Đơn vị tiếp nhận / Mã"),
    ),
    Column(
        "handling_unit",
        "Mã đơn vị giải quyết",
        "Handling unit code",
        text,
        help_vi="Mã của đơn vị giải quyết, nếu khác đơn vị tiếp nhận (trong phạm vi quản lý của bạn).",
        help_en="The code of the unit that handles it, if not the receiving unit (within your jurisdiction).",
        aliases=("handling_unit.code", "Đơn vị giải quyết / Mã"),
    ),
    Column(
        "category",
        "Lĩnh vực",
        "Category",
        text,
        help_vi="Mã lĩnh vực (land, compensation, …: xem danh mục lĩnh vực). Bắt buộc khi tạo mới.",
        help_en="A category code (land, compensation, ...: see the categories). Needed to create.",
        example="land",
    ),
    Column(
        "subject",
        "Nội dung tóm tắt",
        "Subject",
        text,
        help_vi="Tóm tắt một dòng. Bắt buộc khi tạo mới.",
        help_en="A one-line summary. Needed to create.",
        example="Khiếu nại quyết định thu hồi đất",
    ),
    Column(
        "content",
        "Nội dung",
        "Content",
        text,
        help_vi="Nội dung đơn như đã ghi nhận. Bắt buộc khi tạo mới.",
        help_en="What the citizen says, as recorded. Needed to create.",
        example="Ông An khiếu nại Quyết định số 12/QĐ-UBND về việc thu hồi đất.",
    ),
    Column(
        "complex",
        "Vụ việc phức tạp",
        "Complex",
        boolean,
        help_vi="Có nếu vụ việc phức tạp (thời hạn dài hơn).",
        help_en="Yes for a complex case (longer time limits).",
        choices=YES_NO,
        example="Không",
    ),
    Column(
        "within_authority",
        "Thuộc thẩm quyền",
        "Within authority",
        boolean,
        help_vi="Có/Không nếu đã biết vụ việc có thuộc thẩm quyền của đơn vị giải quyết.",
        help_en="Yes/no when it is known whether the case lies within the handler's authority.",
        choices=YES_NO,
    ),
    Column(
        "remote_area",
        "Vùng sâu, vùng xa",
        "Remote area",
        boolean,
        help_vi="Có nếu người đứng đơn ở vùng sâu, vùng xa; bỏ trống để lấy theo đơn vị tiếp nhận.",
        help_en="Yes for a remote or difficult area; blank: the receiving unit's.",
        choices=YES_NO,
    ),
    Column(
        "head_count",
        "Số người",
        "Head count",
        _integer,
        help_vi="Số người cùng đứng đơn (vụ việc đông người); mặc định 1.",
        help_en="People joining the case (a group case); 1 by default.",
    ),
    Column(
        "contested_decision_known_on",
        "Ngày biết quyết định bị khiếu nại",
        "Decision known on",
        day,
        help_vi="Với khiếu nại: ngày người khiếu nại biết quyết định (thời hiệu 90 ngày).",
        help_en="For a complaint: the day the complainant learnt of the contested decision (90-day limit).",
    ),
    Column(
        "petitioner_name",
        "Họ và tên người đứng đơn",
        "Petitioner name",
        text,
        help_vi="Người khiếu nại, kiến nghị, phản ánh; với tố cáo: người tố cáo (được giữ bí mật, không "
        "lưu vào vụ việc). Bỏ trống với tố cáo nặc danh.",
        help_en="The complainant or petitioner; for a denunciation the denouncer (kept confidential, never on "
        "the case). Blank for an anonymous denunciation.",
        example="Nguyễn Văn An",
    ),
    Column(
        "petitioner_identity_number",
        "Số CCCD người đứng đơn",
        "Petitioner identity number",
        text,
        help_vi="Số căn cước công dân hoặc hộ chiếu.",
        help_en="Citizen identity (CCCD) or passport number.",
        example="004090001234",
    ),
    Column(
        "petitioner_address",
        "Địa chỉ người đứng đơn",
        "Petitioner address",
        text,
        help_vi="Địa chỉ liên hệ.",
        help_en="Address.",
        example="Tổ 5, phường Thục Phán, tỉnh Cao Bằng",
    ),
    Column(
        "petitioner_phone",
        "Điện thoại người đứng đơn",
        "Petitioner phone",
        text,
        help_vi="Số điện thoại.",
        help_en="Phone number.",
    ),
    Column(
        "petitioner_email",
        "Thư điện tử người đứng đơn",
        "Petitioner email",
        text,
        help_vi="Địa chỉ thư điện tử.",
        help_en="Email address.",
    ),
    Column(
        "petitioner_representative",
        "Người đại diện",
        "Representative",
        boolean,
        help_vi="Có nếu người đứng đơn là người đại diện của nhóm.",
        help_en="Yes if the petitioner represents a group.",
        choices=YES_NO,
    ),
    Column(
        "other_petitioners",
        "Người đứng đơn khác",
        "Other petitioners",
        text,
        help_vi="Những người cùng đứng đơn, cách nhau bởi dấu «;», mỗi người: «Họ tên | Số CCCD | Địa chỉ | "
        "Điện thoại» (chỉ họ tên là bắt buộc), ví dụ «Trần Thị Bình | 004190002345; Lê Văn Cường».",
        help_en="Further petitioners separated by ';', each 'Name | Identity number | Address | Phone' (only "
        "the name is needed), e.g. 'Trần Thị Bình | 004190002345; Lê Văn Cường'.",
    ),
)

_PERSON_COLUMNS = {
    "petitioner_name": "full_name",
    "petitioner_identity_number": "identity_number",
    "petitioner_address": "address",
    "petitioner_phone": "phone",
    "petitioner_email": "email",
    "petitioner_representative": "is_representative",
}
_OTHER_PARTS = ("full_name", "identity_number", "address", "phone")
# What a new case needs, beyond the reference that finds it again.
_NEEDED_TO_CREATE = ("kind", "channel", "received_on", "receiving_unit", "category", "subject", "content")
# What PetitionUpdate changes, compared with the case.
_UPDATABLE = ("subject", "content", "category", "complex", "within_authority", "remote_area", "head_count")
# Set at receipt: a later change is a workflow act (a forward moves the handling unit), not an edit.
_FIXED = ("kind", "channel", "received_on", "contested_decision_known_on")


def _json(value: Any) -> Any:
    """A value as a request's JSON body carries it: the schemas read input strictly."""
    if isinstance(value, uuid.UUID):
        return str(value)
    return value.isoformat() if hasattr(value, "isoformat") else value


class PetitionMapping(Mapping):
    resource = "petitions"
    permission = Permission.PETITIONS_WRITE
    columns = COLUMNS
    # New cases by the thousand (a one-stop system's or a register's whole year), written a hundred at a
    # time while the next hundred are built (`service.create_many`; bench/imports.py).
    batch_size = 1000

    def _people(self, values: dict[str, Any]) -> list[dict[str, Any]] | None:
        """The row's petitioners as PersonIn input, or None when the row gives none."""
        first = {field: values[key] for key, field in _PERSON_COLUMNS.items() if key in values}
        people: list[dict[str, Any]] = []
        if first:
            if "full_name" not in first:
                raise self.problem(
                    "petitioner_name",
                    "missing_value",
                    "Thiếu họ và tên người đứng đơn.",
                    "The petitioner's name is missing.",
                )
            people.append(first)
        for entry in str(values.get("other_petitioners", "")).split(PEOPLE_SEPARATOR):
            parts = [part.strip() for part in entry.split(PARTS_SEPARATOR)]
            if not any(parts):
                continue
            if len(parts) > len(_OTHER_PARTS) or not parts[0]:
                raise self.problem(
                    "other_petitioners",
                    "invalid_person",
                    "Mỗi người viết «Họ tên | Số CCCD | Địa chỉ | Điện thoại» (họ tên bắt buộc), cách nhau "
                    "bởi dấu «;».",
                    "Write each person as 'Name | Identity number | Address | Phone' (the name needed), "
                    "separated by ';'.",
                )
            people.append({field: part for field, part in zip(_OTHER_PARTS, parts, strict=False) if part})
        if not people and "other_petitioners" not in values:
            return None
        return people

    def withheld(self, cells: dict[str, Any]) -> set[str]:
        """A failed row's people, unless its kind is known to be no denunciation: an error report
        never gives a denouncer's identity back (a row updating a case by reference may name no kind)."""
        try:
            kind = _KIND(cells["kind"]) if cells.get("kind") is not None else None
        except CellError:
            kind = None
        return (
            set()
            if kind not in (None, PetitionKind.DENUNCIATION)
            else {*_PERSON_COLUMNS, "other_petitioners"}
        )

    async def _unit(self, by: Importer, key: str, code: str, known: dict[str, list[Unit]] | None) -> Unit:
        """The unit a column names by code, from the units a batch looked up (`known`) if given."""
        if known is not None and code in known:
            return only_unit(known[code], code, self.header_of(key))
        return await unit_by_code(by, code, self.header_of(key))

    async def _existing(self, by: Importer, values: dict[str, Any]) -> Petition | None:
        repo = PetitionRepository(by.session, by.principal)
        source, ref_id = self.external_ref(values) or (None, None)
        reference = values.get("reference")
        by_ref = await repo.ids_of(source=source, external_id=ref_id) if source is not None else []
        by_number = await repo.ids_of(reference=reference) if reference is not None else []
        if len(by_number) > 1 and not by_ref:
            raise self.problem(
                "reference",
                "ambiguous_reference",
                "Số hồ sơ này chỉ nhiều vụ việc: hãy dùng mã hệ thống nguồn.",
                "This reference names several cases: use the external reference.",
            )
        if by_ref:
            found = await repo.find(by_ref[0])
            if found is not None and reference not in (None, found.reference):
                raise self.problem(
                    "reference",
                    "reference_mismatch",
                    f"Mã hệ thống nguồn thuộc hồ sơ số {found.reference}, không phải {reference}.",
                    f"The external reference belongs to case {found.reference}, not {reference}.",
                )
            return found
        if by_number:
            found = await repo.find(by_number[0])
            # A case's external reference is set at receipt (the update takes none): a row that
            # gives another one must not create a second case either.
            if found is not None and source is not None:
                raise self.problem(
                    "external_id",
                    "reference_mismatch",
                    f"Hồ sơ số {found.reference} không mang mã hệ thống nguồn này (mã này chỉ gán được khi "
                    "tiếp nhận).",
                    f"Case {found.reference} does not carry this external reference (one is given at receipt "
                    "only).",
                )
            return found
        if reference is not None:
            raise self.problem(
                "reference",
                "petition_not_found",
                f"Không có hồ sơ số {reference} trong phạm vi quản lý của bạn.",
                f"No case {reference} in your jurisdiction.",
            )
        return None

    async def apply(self, by: Importer, values: dict[str, Any]) -> Outcome:
        petition = await self._existing(by, values)
        people = self._people(values)
        if petition is None:
            body = await self._new_case(by, values, people)
            await service.create(by.session, by.principal, body, str(by.settings.resolved_secret_key))
            return Outcome.CREATED
        return await self._update(by, petition, values, people)

    async def apply_many(self, by: Importer, rows: list[NumberedRow]) -> list[Applied]:
        """The batch's new cases created together (`service.create_many`: a few statements for
        all); the rows naming a case that exists, by either reference, or repeating an external
        reference given above them, then each alone (`apply`), so that they find the case."""
        refs = [ref for _, values in rows if (ref := self.whole_ref(values)) is not None]
        existing = await taken_external_refs(by.session, Petition, refs)
        codes = {
            values[key] for _, values in rows for key in ("receiving_unit", "handling_unit") if key in values
        }
        units = await units_by_code(by, codes)
        answers: dict[int, Applied] = {}
        new: list[tuple[int, PetitionCreate]] = []
        alone: list[NumberedRow] = []
        seen: set[tuple[str, str]] = set()
        for row, values in rows:
            ref = self.whole_ref(values)
            if "reference" in values or ref is None or ref in existing or ref in seen:
                alone.append((row, values))
                continue
            seen.add(ref)
            try:
                new.append((row, await self._new_case(by, values, self._people(values), units)))
            except ROW_PROBLEMS as error:
                answers[row] = row_errors(row, self, error)
        key = str(by.settings.resolved_secret_key)
        created = await service.create_many(by.session, by.principal, [body for _, body in new], key)
        for (row, _), result in zip(new, created, strict=True):
            answers[row] = row_errors(row, self, result) if isinstance(result, AppError) else Outcome.CREATED
        for row, values in alone:
            answers[row] = await self.apply_one(by, row, values)
        return [answers[row] for row, _ in rows]

    async def _new_case(
        self,
        by: Importer,
        values: dict[str, Any],
        people: list[dict[str, Any]] | None,
        units: dict[str, list[Unit]] | None = None,
    ) -> PetitionCreate:
        """The body that creates the row's case (`units`: the batch's units by code, if looked up)."""
        if "external_source" not in values:
            raise self.problem(
                "external_id",
                "missing_value",
                "Vụ việc mới cần «Hệ thống nguồn» và «Mã ở hệ thống nguồn» để lần nhập sau tìm lại được.",
                "A new case needs its external source and ID, so that a later run finds it again.",
            )
        for key in _NEEDED_TO_CREATE:
            if key not in values:
                column = next(c for c in self.columns if c.key == key)
                raise self.problem(
                    key,
                    "missing_value",
                    f"Thiếu «{column.header_vi}» để tạo vụ việc mới.",
                    f"'{column.header_en}' is needed to create a case.",
                )
        receiving = await self._unit(by, "receiving_unit", values["receiving_unit"], units)
        handling = (
            await self._unit(by, "handling_unit", values["handling_unit"], units)
            if "handling_unit" in values
            else None
        )
        payload: dict[str, Any] = {key: _json(values[key]) for key in (*_UPDATABLE, *_FIXED) if key in values}
        payload |= {
            "receiving_unit_id": str(receiving.id),
            "petitioners": people or [],
            "external_ref": {"source": values["external_source"], "id": values["external_id"]},
        }
        if handling is not None:
            payload["handling_unit_id"] = str(handling.id)
        return PetitionCreate.model_validate(payload)

    async def _update(
        self, by: Importer, petition: Petition, values: dict[str, Any], people: list[dict[str, Any]] | None
    ) -> Outcome:
        fixed = [key for key in _FIXED if key in values and values[key] != getattr(petition, key)]
        fixed += [
            key
            for key, unit in (
                ("receiving_unit", petition.receiving_unit),
                ("handling_unit", petition.handling_unit),
            )
            if key in values and values[key] != unit.code
        ]
        if fixed:
            key = fixed[0]
            column = next(c for c in self.columns if c.key == key)
            raise self.problem(
                key,
                "fixed_after_receipt",
                f"«{column.header_vi}» của hồ sơ {petition.reference} không sửa được sau khi tiếp nhận "
                "(đơn vị giải quyết chỉ đổi bằng thao tác chuyển đơn).",
                f"'{column.header_en}' of case {petition.reference} cannot change after receipt (the handling "
                "unit changes by a forward).",
            )
        changes = {
            key: values[key] for key in _UPDATABLE if key in values and values[key] != getattr(petition, key)
        }
        # A denunciation's denouncers are set at receipt and kept apart: its petitioner cells are
        # never compared with them (that would read the confidential store), nor change them.
        if people is not None and petition.kind != PetitionKind.DENUNCIATION:
            wanted = [PersonIn.model_validate(person).model_dump() for person in people]
            current = [
                PersonIn.model_validate(p, from_attributes=True).model_dump() for p in petition.petitioners
            ]
            if wanted != current:
                changes["petitioners"] = wanted
        if not changes:
            return Outcome.UNCHANGED
        repo = PetitionRepository(by.session, by.principal)
        petition = await repo.get_for_update(petition.id)
        body = PetitionUpdate.model_validate({key: _json(value) for key, value in changes.items()})
        await service.update(
            by.session,
            by.principal,
            petition,
            body,
            etag_of(petition.version),
            str(by.settings.resolved_secret_key),
        )
        return Outcome.UPDATED


MAPPINGS = (PetitionMapping(),)
