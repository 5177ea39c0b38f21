"""Importing People's Inspection Committees, Community Investment Supervision Boards, their terms
and their members (docs/imports.md, "Committees" and "Committee members").

Both upsert by `external_ref` (source and id, both required): a row whose reference names a record
in the importer's jurisdiction updates it where the file differs and changes nothing where it does
not, so a second run of one file writes nothing; a reference held by a record elsewhere is the
service's 409 `duplicate_external_ref`, never a write. A committee's row may carry one of its terms
(found by its first day: terms never overlap), and a committee of several terms is written a row
per term. A member sits in the committee's term in force on the day they joined. Every row goes
through `api/committees/service.py`, with the API's rules (a composition rule that refuses is that
row's error; one only reported by the compliance check is not), audit and jurisdiction.
"""

import uuid
from typing import Any

from api.committees import service
from api.committees.models import (
    Committee,
    CommitteeKind,
    Constituency,
    Gender,
    JoinedBy,
    LeavingReason,
    MemberRole,
)
from api.committees.projects.repository import ProjectRepository
from api.committees.repository import CommitteeRepository, MemberRepository, TermRepository
from api.committees.schemas import (
    CommitteeCreate,
    CommitteeMemberCreate,
    CommitteeMemberUpdate,
    CommitteeTermCreate,
    CommitteeTermUpdate,
    CommitteeUpdate,
)
from api.core.exports import label
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
from api.units import rules
from api.units.imports import unit_by_code
from api.units.models import Unit
from api.units.repository import UnitRepository

KIND_LABELS: dict[str, tuple[str, ...]] = {
    CommitteeKind.PEOPLE_INSPECTION: (
        "Ban Thanh tra nhân dân",
        "Ban Thanh tra nhân dân xã",
        "Thanh tra nhân dân",
    ),
    CommitteeKind.PEOPLE_INSPECTION_AGENCY: (
        "Ban Thanh tra nhân dân cơ quan",
        "Ban Thanh tra nhân dân đơn vị",
        "Ban Thanh tra nhân dân doanh nghiệp",
    ),
    CommitteeKind.INVESTMENT_SUPERVISION: (
        "Ban Giám sát đầu tư của cộng đồng",
        "Ban Giám sát đầu tư cộng đồng",
        "Giám sát đầu tư của cộng đồng",
    ),
}
ROLE_LABELS: dict[str, tuple[str, ...]] = {
    MemberRole.HEAD: ("Trưởng ban",),
    MemberRole.DEPUTY_HEAD: ("Phó Trưởng ban", "Phó ban"),
    MemberRole.MEMBER: ("Ủy viên", "Uỷ viên", "Thành viên"),
}
GENDER_LABELS: dict[str, tuple[str, ...]] = {Gender.FEMALE: ("Nữ",), Gender.MALE: ("Nam",)}
CONSTITUENCY_LABELS: dict[str, tuple[str, ...]] = {
    Constituency.FRONT: ("Mặt trận", "Ủy ban MTTQ", "Mặt trận Tổ quốc"),
    Constituency.PEOPLE_INSPECTION: ("Ban Thanh tra nhân dân", "Thanh tra nhân dân"),
    Constituency.RESIDENT: ("Người dân", "Cư dân", "Đại diện người dân"),
}
JOINED_BY_LABELS: dict[str, tuple[str, ...]] = {
    JoinedBy.VILLAGE_MEETING_ELECTION: ("Bầu tại hội nghị thôn, tổ dân phố", "Bầu tại hội nghị", "Bầu"),
    JoinedBy.BY_ELECTION: ("Bầu bổ sung",),
    JoinedBy.APPOINTMENT: ("Cử", "Chỉ định", "Cử, chỉ định"),
}
LEAVING_LABELS: dict[str, tuple[str, ...]] = {
    LeavingReason.TERM_END: ("Hết nhiệm kỳ",),
    LeavingReason.RESIGNATION: ("Xin thôi", "Từ chức", "Thôi làm thành viên"),
    LeavingReason.DISMISSAL: ("Bãi nhiệm",),
    LeavingReason.DEATH: ("Từ trần", "Qua đời", "Chết"),
    LeavingReason.MOVED: ("Chuyển nơi ở", "Chuyển đi", "Chuyển công tác"),
}


def exported(path: str) -> tuple[str, ...]:
    """The headers a list export writes for a field: its path (CSV, NDJSON) and its label (XLSX)."""
    return (path, label(path))


def whole(value: Any) -> int:
    """A whole number (a year, a count of votes): `1978`, `1978.0`."""
    found = number(value)
    if not found.is_integer():
        raise CellError(
            "invalid_number",
            f"«{text(value)[:40]}» không phải số nguyên.",
            f"'{text(value)[:40]}' is not a whole number.",
        )
    return int(found)


def identifier(value: Any) -> uuid.UUID:
    """A record's QCDC id (a UUID), as a list's export writes it."""
    try:
        return uuid.UUID(text(value).strip())
    except ValueError:
        raise CellError(
            "invalid_value", f"«{text(value)[:40]}» không phải mã định danh.", "Not an id (a UUID)."
        ) from None


def _json(value: Any) -> Any:
    """A value as a request's JSON body carries it: the schemas read input strictly."""
    if isinstance(value, uuid.UUID):
        return str(value)
    return value.isoformat() if hasattr(value, "isoformat") else value


def _ref(values: dict[str, Any]) -> dict[str, Any]:
    return {"source": values.get("external_source"), "id": values.get("external_id")}


def external_columns(example: str) -> tuple[Column, Column]:
    """The row's own reference (`external_ref`): the key a later run updates by."""
    return (
        Column(
            "external_source",
            "Hệ thống nguồn",
            "External source",
            text,
            required=True,
            help_vi="Hệ thống giữ bản gốc của dòng này (đi cùng «Mã ở hệ thống nguồn»): khóa để cập nhật lại.",
            help_en="The system holding this row's original (with 'External ID'): the key a later run updates by.",
            example="so-noi-vu",
            aliases=exported("external_ref.source"),
        ),
        Column(
            "external_id",
            "Mã ở hệ thống nguồn",
            "External ID",
            text,
            required=True,
            help_vi="Mã của bản ghi trong hệ thống nguồn; duy nhất trong hệ thống đó.",
            help_en="The record's id in that system; unique within it.",
            example=example,
            aliases=exported("external_ref.id"),
        ),
    )


# Vietnamese messages of the codes this domain's services raise (api/core/importing.py).
MESSAGES_VI: dict[str, str] = {
    "committee_exists": "Đơn vị đã có một Ban cùng loại đang hoạt động: giải thể Ban cũ trước.",
    "unit_kind_mismatch": "Loại Ban này không được thành lập ở loại đơn vị đã chọn.",
    "committee_dissolved": "Ban đã giải thể trước ngày này.",
    "term_overlap": "Nhiệm kỳ trùng thời gian với một nhiệm kỳ khác của Ban: kết thúc nhiệm kỳ cũ trước.",
    "members_outside_term": "Có thành viên sẽ nằm ngoài nhiệm kỳ: sửa ngày của họ trước.",
    "composition_rule_broken": "Vi phạm quy định về cơ cấu, thành phần của Ban mà pháp luật không cho phép.",
    "member_ineligible": "Người này không đủ điều kiện làm thành viên của Ban theo quy định.",
    "term_not_found": "Ban không có nhiệm kỳ này.",
    "represented_unit_outside_committee": "Thôn, tổ dân phố này không trực thuộc đơn vị của Ban.",
    "left_before_joined": "Ngày thôi tham gia phải sau ngày tham gia.",
    "date_outside_term": "Ngày nằm ngoài nhiệm kỳ của Ban.",
    "left_on_required": "Có lý do thôi tham gia thì phải có ngày thôi tham gia.",
    "meeting_date_required": "Thành viên được bầu cần có ngày hội nghị bầu.",
    "votes_exceed_voters": "Số phiếu bầu cho thành viên nhiều hơn tổng số phiếu.",
    "project_not_allowed": "Chỉ Ban Giám sát đầu tư của cộng đồng mới gắn với một dự án.",
    "project_not_found": "Không tìm thấy dự án trong phạm vi quản lý của bạn.",
    "project_in_another_unit": "Dự án không nằm trên địa bàn của Ban.",
    "project_ended": "Dự án đã kết thúc: Ban giám sát dự án đã giải thể.",
    "project_has_board": "Dự án đã có một Ban Giám sát đầu tư đang hoạt động.",
}


class _Fields(Mapping):
    """A mapping whose columns are named differently from the schema fields a service blames."""

    messages_vi = MESSAGES_VI

    fields: dict[str, str] = {}

    def header_of(self, key: str) -> str | None:
        return super().header_of(self.fields.get(key, key))


# Committees


TERM_KEYS = ("term_starts_on", "term_planned_end_on", "term_ended_on")
COMMITTEE_COLUMNS = (
    Column(
        "kind",
        "Loại",
        "Kind",
        choice(KIND_LABELS),
        required=True,
        help_vi="people_inspection (Ban Thanh tra nhân dân xã, phường, đặc khu), people_inspection_agency "
        "(Ban Thanh tra nhân dân cơ quan, đơn vị, doanh nghiệp) hoặc investment_supervision (Ban Giám sát "
        "đầu tư của cộng đồng). Không đổi được.",
        help_en="people_inspection (a commune's PIC), people_inspection_agency (an agency's PIC) or "
        "investment_supervision (a community investment supervision board). Never changes.",
        choices=tuple(KIND_LABELS),
        example="people_inspection",
        aliases=exported("kind"),
    ),
    Column(
        "unit_code",
        "Mã đơn vị",
        "Unit code",
        text,
        required=True,
        help_vi="Mã chính thức của xã, phường, đặc khu (hoặc cơ quan, đơn vị) có Ban, trong phạm vi quản lý "
        "của bạn. Không đổi được.",
        help_en="The official code of the commune, ward or special zone (or agency) the committee sits in, "
        "within your jurisdiction. Never changes.",
        example="01273",
        aliases=exported("unit.code"),
    ),
    Column(
        "name",
        "Tên",
        "Name",
        text,
        required=True,
        help_vi="Tên của Ban.",
        help_en="The committee's name.",
        example="Ban Thanh tra nhân dân xã Hòa An",
        aliases=exported("name"),
    ),
    Column(
        "established_document",
        "Số quyết định thành lập",
        "Establishing decision",
        text,
        help_vi="Số quyết định công nhận, thành lập Ban.",
        help_en="Number of the decision recognising or establishing it.",
        example="12/QĐ-MTTQ",
        aliases=exported("established_document"),
    ),
    Column(
        "established_on",
        "Ngày thành lập",
        "Established on",
        day,
        help_vi="Ngày của quyết định (dd/mm/yyyy), không sau hôm nay.",
        help_en="Date of that decision (dd/mm/yyyy or YYYY-MM-DD); today or earlier.",
        example="15/03/2024",
        aliases=exported("established_on"),
    ),
    Column(
        "established_by",
        "Cơ quan quyết định",
        "Established by",
        text,
        help_vi="Ban Thường trực Ủy ban MTTQ đã ra quyết định.",
        help_en="The Fatherland Front committee that decided it.",
        example="Ủy ban MTTQ Việt Nam xã Hòa An",
        aliases=exported("established_by"),
    ),
    Column(
        "project",
        "Dự án",
        "Project",
        text,
        help_vi="Ban Giám sát đầu tư của cộng đồng: dự án Ban giám sát, bằng mã định danh (như danh sách xuất "
        "ra) hoặc mã dự án ở cùng hệ thống nguồn. Không đổi được.",
        help_en="A supervision board's project: its id (as lists export it) or its external ID in the row's "
        "external source. Never changes.",
        aliases=exported("project_id"),
    ),
    Column(
        "dissolved_on",
        "Ngày giải thể",
        "Dissolved on",
        day,
        help_vi="Ngày Ban giải thể, nếu đã giải thể (dd/mm/yyyy).",
        help_en="The day it was dissolved, if it was (dd/mm/yyyy or YYYY-MM-DD).",
        aliases=exported("dissolved_on"),
    ),
    Column(
        "notes",
        "Ghi chú",
        "Notes",
        text,
        help_vi="Ghi chú.",
        help_en="Anything worth keeping.",
        aliases=exported("notes"),
    ),
    Column(
        "term_starts_on",
        "Nhiệm kỳ từ ngày",
        "Term starts on",
        day,
        help_vi="Ngày đầu của một nhiệm kỳ của Ban (dd/mm/yyyy): nhiệm kỳ được tìm theo ngày này, tạo mới nếu "
        "chưa có. Mỗi nhiệm kỳ một dòng.",
        help_en="First day of one of the committee's terms (dd/mm/yyyy): the term is found by it, created if "
        "missing. A row per term.",
        example="15/03/2024",
    ),
    Column(
        "term_planned_end_on",
        "Nhiệm kỳ đến ngày (dự kiến)",
        "Term planned end",
        day,
        help_vi="Ngày đầu tiên sau nhiệm kỳ theo kế hoạch (không tính ngày này); bắt buộc cho nhiệm kỳ mới.",
        help_en="First day after the term as planned (exclusive); required for a new term.",
        example="15/09/2026",
    ),
    Column(
        "term_ended_on",
        "Nhiệm kỳ kết thúc ngày",
        "Term ended on",
        day,
        help_vi="Ngày đầu tiên sau nhiệm kỳ khi nhiệm kỳ đã kết thúc (không tính ngày này).",
        help_en="First day after the term as it actually ended, when it has (exclusive).",
    ),
    *external_columns("BTTND-01273"),
)
_COMMITTEE_FIELDS = ("name", "established_document", "established_on", "established_by", "notes")
_COMMITTEE_COMPARED = (*_COMMITTEE_FIELDS, "dissolved_on")


async def _unit_of(mapping: Mapping, by: Importer, kind: CommitteeKind, code: str) -> Unit:
    """A unit where a committee of this kind may sit."""
    families = {rules.code_family(k) for k in service.UNIT_KINDS[kind]}
    return await unit_by_code(by, code, mapping.header_of("unit_code"), families)


class CommitteeMapping(_Fields):
    resource = "committees"
    permission = Permission.COMMITTEES_WRITE
    columns = COMMITTEE_COLUMNS
    fields = {
        "unit_id": "unit_code",
        "project_id": "project",
        "external_ref": "external_id",
        "starts_on": "term_starts_on",
        "planned_end_on": "term_planned_end_on",
        "ended_on": "term_ended_on",
    }

    async def _project(self, by: Importer, value: str, source: str) -> uuid.UUID:
        try:
            return uuid.UUID(value)
        except ValueError:
            pass
        found = await ProjectRepository(by.session, by.principal).with_external_ref(source, value)
        if found is None:
            raise CellError(
                "project_not_found",
                f"Không tìm thấy dự án «{value[:60]}» trong phạm vi quản lý của bạn.",
                f"No investment project '{value[:60]}' in your jurisdiction (its id, or its external ID in "
                f"source {source}).",
                self.header_of("project"),
            )
        return found.id

    def _unchangeable(self, key: str) -> CellError:
        header = self.header_of(key)
        return CellError(
            f"{key.removesuffix('_code')}_cannot_change",
            f"Ban đã có với mã tham chiếu này; «{header}» của Ban không thay đổi được.",
            f"The committee with this reference exists; its {key.removesuffix('_code')} never changes.",
            header,
        )

    async def apply(self, by: Importer, values: dict[str, Any]) -> Outcome:
        session, principal = by.session, by.principal
        kind = CommitteeKind(values["kind"])
        project_id = (
            await self._project(by, values["project"], values["external_source"])
            if "project" in values
            else None
        )
        given = {key: _json(values[key]) for key in _COMMITTEE_FIELDS if key in values}
        existing = await CommitteeRepository(session, principal).with_external_ref(
            values["external_source"], values["external_id"]
        )
        if existing is None:
            unit = await _unit_of(self, by, kind, values["unit_code"])
            data = CommitteeCreate.model_validate(
                {
                    **given,
                    "kind": kind.value,
                    "unit_id": str(unit.id),
                    "project_id": _json(project_id),
                    "external_ref": _ref(values),
                }
            )
            committee = await service.create_committee(session, principal, data)
            await self._term(by, committee, values)
            if "dissolved_on" in values:
                dissolved = CommitteeUpdate.model_validate({"dissolved_on": _json(values["dissolved_on"])})
                await service.update_committee(session, principal, committee, dissolved, None)
            return Outcome.CREATED
        if kind != existing.kind:
            raise self._unchangeable("kind")
        # Compared by code, not looked up among live units: a committee of a commune merged away
        # (its unit retired) stays in the record and in the list's export.
        if values["unit_code"] != existing.unit.code:
            raise self._unchangeable("unit_code")
        if project_id is not None and project_id != existing.project_id:
            raise self._unchangeable("project")
        if "dissolved_on" in values:
            given["dissolved_on"] = _json(values["dissolved_on"])
        update = CommitteeUpdate.model_validate(given)
        changes = {
            name: _json(getattr(update, name))
            for name in _COMMITTEE_COMPARED
            if name in update.model_fields_set and getattr(update, name) != getattr(existing, name)
        }
        if changes:
            await service.update_committee(
                session, principal, existing, CommitteeUpdate.model_validate(changes), None
            )
        term_changed = await self._term(by, existing, values)
        return Outcome.UPDATED if changes or term_changed else Outcome.UNCHANGED

    async def _term(self, by: Importer, committee: Committee, values: dict[str, Any]) -> bool:
        """Create or update the row's term (found by its first day); whether anything was written."""
        if not any(key in values for key in TERM_KEYS):
            return False
        if "term_starts_on" not in values:
            header = self.header_of("term_starts_on")
            raise CellError(
                "missing_value",
                f"Thiếu «{header}»: nhiệm kỳ được tìm theo ngày bắt đầu.",
                "A term is found by its first day: 'Term starts on' is empty.",
                header,
            )
        session, principal = by.session, by.principal
        given = {
            field: _json(values[key])
            for field, key in (
                ("starts_on", TERM_KEYS[0]),
                ("planned_end_on", TERM_KEYS[1]),
                ("ended_on", TERM_KEYS[2]),
            )
            if key in values
        }
        terms = await TermRepository(session, principal).of_committee(committee.id)
        term = next((t for t in terms if t.starts_on == values["term_starts_on"]), None)
        if term is None:
            await service.create_term(
                session, principal, committee, CommitteeTermCreate.model_validate(given)
            )
            return True
        data = CommitteeTermUpdate.model_validate(given)
        changes = {
            name: _json(getattr(data, name))
            for name in ("planned_end_on", "ended_on")
            if name in data.model_fields_set and getattr(data, name) != getattr(term, name)
        }
        if not changes:
            return False
        await service.update_term(
            session, principal, committee, term, CommitteeTermUpdate.model_validate(changes), None
        )
        return True


# Members


MEMBER_COLUMNS = (
    Column(
        "committee_source",
        "Hệ thống nguồn của Ban",
        "Committee external source",
        text,
        help_vi="Hệ thống nguồn của Ban (mã tham chiếu của Ban); bỏ trống: như «Hệ thống nguồn» của dòng.",
        help_en="The committee's external source; blank: the row's own 'External source'.",
    ),
    Column(
        "committee_ref",
        "Mã Ban ở hệ thống nguồn",
        "Committee external ID",
        text,
        help_vi="Mã của Ban ở hệ thống nguồn (như khi nhập Ban), trong phạm vi quản lý của bạn. Không đổi được. "
        "Bắt buộc nếu không có «Mã định danh Ban».",
        help_en="The committee's external ID (as its import gave it), within your jurisdiction. Never changes. "
        "Needed unless 'Committee ID' is given.",
        example="BTTND-01273",
    ),
    Column(
        "committee_id",
        "Mã định danh Ban",
        "Committee ID",
        identifier,
        help_vi="Mã định danh QCDC của Ban (cột committee_id của tệp xuất danh sách thành viên): thay cho mã "
        "Ban ở hệ thống nguồn; có cả hai thì phải chỉ cùng một Ban.",
        help_en="The committee's QCDC id (the `committee_id` a members list export writes): instead of its "
        "external ID; given both, they must name the same committee.",
        aliases=exported("committee_id"),
    ),
    Column(
        "full_name",
        "Họ và tên",
        "Full name",
        text,
        required=True,
        help_vi="Họ và tên thành viên.",
        help_en="The member's full name.",
        example="Hoàng Thị Lan",
        aliases=exported("full_name"),
    ),
    Column(
        "role",
        "Chức danh",
        "Role",
        choice(ROLE_LABELS),
        required=True,
        help_vi="Trưởng ban, Phó Trưởng ban hoặc Ủy viên (head, deputy_head, member).",
        help_en="head (Trưởng ban), deputy_head (Phó Trưởng ban) or member (Ủy viên).",
        choices=tuple(ROLE_LABELS),
        example="member",
        aliases=exported("role"),
    ),
    Column(
        "gender",
        "Giới tính",
        "Gender",
        choice(GENDER_LABELS),
        help_vi="Nữ hoặc Nam (female, male).",
        help_en="female (Nữ) or male (Nam).",
        choices=tuple(GENDER_LABELS),
        example="female",
        aliases=exported("gender"),
    ),
    Column(
        "birth_year",
        "Năm sinh",
        "Birth year",
        whole,
        help_vi="Năm sinh (1978).",
        help_en="Year of birth (1978).",
        example="1978",
        aliases=exported("birth_year"),
    ),
    Column(
        "ethnicity",
        "Dân tộc",
        "Ethnicity",
        text,
        help_vi="Dân tộc.",
        help_en="Ethnic group.",
        example="Tày",
        aliases=exported("ethnicity"),
    ),
    Column(
        "occupation",
        "Nghề nghiệp, chức vụ",
        "Occupation or position",
        text,
        help_vi="Nghề nghiệp, chức vụ, nơi công tác.",
        help_en="Occupation, position or organisation.",
        example="Nông dân",
        aliases=exported("occupation"),
    ),
    Column(
        "contact",
        "Liên hệ",
        "Contact",
        text,
        help_vi="Số điện thoại hoặc địa chỉ (thông tin cá nhân: chỉ người quản lý Ban được xem).",
        help_en="Phone or address (personal data: shown only to those who manage the committee).",
        aliases=exported("contact"),
    ),
    Column(
        "represented_unit_code",
        "Mã thôn, tổ dân phố đại diện",
        "Represented village code",
        text,
        help_vi="Mã của thôn, tổ dân phố trực thuộc xã của Ban mà thành viên đại diện.",
        help_en="The code of the village or residential group of the committee's commune the member represents.",
        aliases=exported("represented_unit.code"),
    ),
    Column(
        "constituency",
        "Thành phần",
        "Constituency",
        choice(CONSTITUENCY_LABELS),
        help_vi="Ban Giám sát đầu tư: Mặt trận, Ban Thanh tra nhân dân hoặc Người dân "
        "(front, people_inspection, resident).",
        help_en="A supervision board's member comes from: front, people_inspection or resident.",
        choices=tuple(CONSTITUENCY_LABELS),
        aliases=exported("constituency"),
    ),
    Column(
        "joined_by",
        "Hình thức tham gia",
        "Joined by",
        choice(JOINED_BY_LABELS),
        required=True,
        help_vi="Bầu tại hội nghị thôn, tổ dân phố; Bầu bổ sung; hoặc Cử, chỉ định "
        "(village_meeting_election, by_election, appointment).",
        help_en="village_meeting_election, by_election or appointment.",
        choices=tuple(JOINED_BY_LABELS),
        example="village_meeting_election",
        aliases=exported("joined_by"),
    ),
    Column(
        "meeting_on",
        "Ngày hội nghị bầu",
        "Meeting on",
        day,
        help_vi="Ngày hội nghị bầu (bắt buộc khi được bầu), không sau ngày tham gia.",
        help_en="The electing meeting's date (required for an election), on or before joining.",
        example="10/03/2024",
        aliases=exported("meeting_on"),
    ),
    Column(
        "votes_for",
        "Số phiếu bầu",
        "Votes for",
        whole,
        help_vi="Số phiếu bầu cho thành viên.",
        help_en="Votes for the member.",
        aliases=exported("votes_for"),
    ),
    Column(
        "voters",
        "Số phiếu hợp lệ",
        "Votes cast",
        whole,
        help_vi="Tổng số phiếu bầu.",
        help_en="Votes cast.",
        aliases=exported("voters"),
    ),
    Column(
        "joined_on",
        "Ngày tham gia",
        "Joined on",
        day,
        required=True,
        help_vi="Ngày bắt đầu làm thành viên (dd/mm/yyyy): thành viên thuộc nhiệm kỳ của Ban đang có hiệu lực "
        "ngày đó.",
        help_en="First day on the committee (dd/mm/yyyy): the member sits in the committee's term in force "
        "that day.",
        example="15/03/2024",
        aliases=exported("joined_on"),
    ),
    Column(
        "left_on",
        "Ngày thôi tham gia",
        "Left on",
        day,
        help_vi="Ngày đầu tiên không còn là thành viên (không tính ngày này).",
        help_en="First day no longer on it (exclusive).",
        aliases=exported("left_on"),
    ),
    Column(
        "leaving_reason",
        "Lý do thôi",
        "Leaving reason",
        choice(LEAVING_LABELS),
        help_vi="Hết nhiệm kỳ, Xin thôi, Bãi nhiệm, Từ trần, Chuyển nơi ở "
        "(term_end, resignation, dismissal, death, moved).",
        help_en="term_end, resignation, dismissal, death or moved.",
        choices=tuple(LEAVING_LABELS),
        aliases=exported("leaving_reason"),
    ),
    Column(
        "holds_commune_post",
        "Giữ chức vụ ở xã",
        "Holds a commune post",
        boolean,
        help_vi="Có nếu đồng thời là cán bộ, công chức, người hoạt động không chuyên trách cấp xã, thôn "
        "(Luật 10/2022, Điều 37): bị từ chối.",
        help_en="Yes if also a commune official, civil servant or non-specialised worker (Law 10/2022, "
        "Art. 37): refused.",
        choices=("Có", "Không"),
        example="Không",
        aliases=exported("holds_commune_post"),
    ),
    Column(
        "related_to_project_party",
        "Liên quan chủ đầu tư, nhà thầu",
        "Related to a project party",
        boolean,
        help_vi="Ban Giám sát đầu tư: Có nếu có quan hệ với chủ đầu tư, nhà thầu, tư vấn giám sát (Điều 42): "
        "bị từ chối.",
        help_en="A supervision board's member related to the investor, contractor or consultant (Art. 42): "
        "refused.",
        choices=("Có", "Không"),
        aliases=exported("related_to_project_party"),
    ),
    *external_columns("BTTND-01273-TV01"),
)
_MEMBER_FIELDS = (
    "full_name",
    "gender",
    "birth_year",
    "ethnicity",
    "occupation",
    "contact",
    "role",
    "constituency",
    "joined_by",
    "meeting_on",
    "votes_for",
    "voters",
    "joined_on",
    "left_on",
    "leaving_reason",
    "holds_commune_post",
    "related_to_project_party",
)


class MemberMapping(_Fields):
    resource = "committee_members"
    permission = Permission.COMMITTEES_WRITE
    columns = MEMBER_COLUMNS
    fields = {
        "term_id": "joined_on",
        "represented_unit_id": "represented_unit_code",
        "external_ref": "external_id",
    }

    async def _committee(self, by: Importer, values: dict[str, Any]) -> Committee:
        """The committee named by its reference, or by its id (as the members list's export names
        it); both given must name the same committee."""
        repo = CommitteeRepository(by.session, by.principal)
        by_id: Committee | None = None
        if "committee_id" in values:
            by_id = await repo.find(values["committee_id"])
            if by_id is None:
                raise CellError(
                    "committee_not_found",
                    f"Không tìm thấy Ban {values['committee_id']} trong phạm vi quản lý của bạn.",
                    f"No committee {values['committee_id']} in your jurisdiction.",
                    self.header_of("committee_id"),
                )
        if "committee_ref" not in values:
            if by_id is None:
                raise CellError(
                    "missing_value",
                    "Thiếu Ban: ghi «Mã Ban ở hệ thống nguồn» hoặc «Mã định danh Ban».",
                    "No committee: give the committee's external ID or its ID.",
                    self.header_of("committee_ref"),
                )
            return by_id
        source = values.get("committee_source", values["external_source"])
        found = await repo.with_external_ref(source, values["committee_ref"])
        if found is None:
            raise CellError(
                "committee_not_found",
                f"Không tìm thấy Ban có mã {source}/{values['committee_ref']} trong phạm vi quản lý của bạn.",
                f"No committee with reference {source}/{values['committee_ref']} in your jurisdiction.",
                self.header_of("committee_ref"),
            )
        if by_id is not None and by_id.id != found.id:
            raise CellError(
                "reference_mismatch",
                "Mã định danh Ban và mã Ban ở hệ thống nguồn chỉ hai Ban khác nhau.",
                "The committee's ID and its external ID name different committees.",
                self.header_of("committee_id"),
            )
        return found

    async def _represented(self, by: Importer, committee: Committee, code: str) -> uuid.UUID:
        found = await UnitRepository(by.session, by.principal).live_with_code(code, ["village"])
        # The service refuses a village of another commune: one of this committee's is preferred.
        found.sort(key=lambda unit: unit.parent_id != committee.unit_id)
        if not found:
            raise CellError(
                "unit_not_found",
                f"Không tìm thấy thôn, tổ dân phố mã {code} trong phạm vi quản lý của bạn.",
                f"No live village or residential group of code {code} in your jurisdiction.",
                self.header_of("represented_unit_code"),
            )
        return found[0].id

    async def apply(self, by: Importer, values: dict[str, Any]) -> Outcome:
        session, principal = by.session, by.principal
        committee = await self._committee(by, values)
        given: dict[str, Any] = {key: _json(values[key]) for key in _MEMBER_FIELDS if key in values}
        given["external_ref"] = _ref(values)
        existing = await MemberRepository(session, principal).with_external_ref(
            values["external_source"], values["external_id"]
        )
        if "represented_unit_code" in values:
            code = values["represented_unit_code"]
            kept = existing.represented_unit if existing is not None else None
            # The village a member represents keeps its code after it is merged away (retired).
            unit_id = (
                kept.id
                if kept is not None and kept.code == code
                else await self._represented(by, committee, code)
            )
            given["represented_unit_id"] = str(unit_id)
        if existing is None:
            term = await TermRepository(session, principal).on(committee.id, values["joined_on"])
            if term is None:
                raise CellError(
                    "term_not_found",
                    f"Ban không có nhiệm kỳ nào có hiệu lực ngày {values['joined_on']:%d/%m/%Y}.",
                    f"The committee has no term in force on {values['joined_on'].isoformat()}, the day the "
                    "member joined.",
                    self.header_of("joined_on"),
                )
            data = CommitteeMemberCreate.model_validate({**given, "term_id": str(term.id)})
            await service.create_member(session, principal, committee, data)
            return Outcome.CREATED
        if existing.committee_id != committee.id:
            header = self.header_of("committee_ref" if "committee_ref" in values else "committee_id")
            raise CellError(
                "committee_cannot_change",
                "Thành viên với mã tham chiếu này thuộc một Ban khác: không chuyển Ban được.",
                "The member with this reference sits on another committee; a member never changes committee.",
                header,
            )
        update = CommitteeMemberUpdate.model_validate(given)
        changes = {
            name: _json(getattr(update, name))
            for name in (*_MEMBER_FIELDS, "represented_unit_id")
            if name in update.model_fields_set and getattr(update, name) != getattr(existing, name)
        }
        if not changes:
            return Outcome.UNCHANGED
        await service.update_member(
            session, principal, committee, existing, CommitteeMemberUpdate.model_validate(changes), None
        )
        return Outcome.UPDATED


MAPPINGS = (CommitteeMapping(), MemberMapping())
