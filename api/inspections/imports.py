"""Importing inspections: plans, teams, the units a team visits, and its conclusion's
recommendations (docs/imports.md).

Plans, teams and recommendations are the record of `external_ref` (source and id, both required):
a row whose reference names a record the importer may change updates it where the file differs
and changes nothing where it does not, so a second run of one file is a no-op. A target is the
record of its team (named by the team's reference) and its unit (named by official code). Every
row goes through the services the routes call, with the importer's principal: the same rules,
jurisdiction (a record organised elsewhere is `not_organiser` or `duplicate_external_ref`, never
a write) and audit as the API. Units are named by their official code, never by name.
"""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from api.core.etag import etag_of
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
from api.core.repository import Repository
from api.core.storage import local_storage
from api.core.unit_of_work import Deferred
from api.inspections import service as teams_service
from api.inspections.models import (
    InspectionIssuer,
    InspectionPlan,
    InspectionPlanKind,
    InspectionRecommendation,
    InspectionTeam,
    InspectionTeamKind,
    TargetRating,
    TargetStatus,
    TeamMemberRole,
)
from api.inspections.plans import service as plans_service
from api.inspections.plans.repository import PlanRepository
from api.inspections.plans.schemas import PlanCreate, PlanUpdate
from api.inspections.recommendations import service as recommendations_service
from api.inspections.recommendations.repository import RecommendationRepository
from api.inspections.recommendations.schemas import RecommendationCreate, RecommendationUpdate
from api.inspections.repository import TeamRepository
from api.inspections.schemas import InspectionTargetUpdate, TeamCreate, TeamUpdate
from api.units.imports import unit_by_code
from api.units.models import Unit

PLAN_KIND_LABELS: dict[str, tuple[str, ...]] = {
    InspectionPlanKind.ANNUAL: ("Hằng năm", "Kế hoạch hằng năm"),
    InspectionPlanKind.THEMATIC: ("Chuyên đề", "Kế hoạch chuyên đề"),
}
ISSUER_LABELS: dict[str, tuple[str, ...]] = {
    InspectionIssuer.PROVINCIAL_STEERING_COMMITTEE: ("Ban Chỉ đạo tỉnh", "Ban Chỉ đạo QCDC tỉnh"),
    InspectionIssuer.COMMUNE_STEERING_COMMITTEE: ("Ban Chỉ đạo xã", "Ban Chỉ đạo QCDC xã"),
    InspectionIssuer.PARTY_COMMITTEE: ("Cấp ủy",),
    InspectionIssuer.PEOPLE_COMMITTEE: ("Ủy ban nhân dân", "UBND"),
    InspectionIssuer.FATHERLAND_FRONT: ("Ủy ban Mặt trận Tổ quốc", "Mặt trận Tổ quốc", "MTTQ"),
}
TEAM_KIND_LABELS: dict[str, tuple[str, ...]] = {
    InspectionTeamKind.INSPECTION: ("Kiểm tra", "Đoàn kiểm tra"),
    InspectionTeamKind.SUPERVISION: ("Giám sát", "Đoàn giám sát"),
    InspectionTeamKind.THEMATIC_SURVEY: ("Khảo sát", "Khảo sát chuyên đề", "Đoàn khảo sát"),
}
TARGET_STATUS_LABELS: dict[str, tuple[str, ...]] = {
    TargetStatus.PLANNED: ("Dự kiến", "Theo kế hoạch"),
    TargetStatus.NOTIFIED: ("Đã thông báo",),
    TargetStatus.IN_PROGRESS: ("Đang kiểm tra", "Đang thực hiện"),
    TargetStatus.DONE: ("Đã kiểm tra", "Hoàn thành"),
    TargetStatus.CANCELLED: ("Hủy", "Đã hủy"),
}
RATING_LABELS: dict[str, tuple[str, ...]] = {
    TargetRating.GOOD: ("Tốt",),
    TargetRating.FAIR: ("Khá",),
    TargetRating.AVERAGE: ("Trung bình",),
    TargetRating.WEAK: ("Yếu", "Kém"),
}

# What separates the items of a list in one cell (topics, members): an export joins them with "; ".
LIST_SEPARATOR = ";"
# What separates a member's name, office and body: " - " with spaces, so that a hyphenated name
# stays whole; the body takes the rest ("Tổ chức chính trị - xã hội").
MEMBER_SEPARATOR = " - "


def codes(value: Any) -> list[str]:
    """A list of codes in one cell, separated by ";"."""
    return [part.strip() for part in text(value).split(LIST_SEPARATOR) if part.strip()]


def year(value: Any) -> int:
    found = number(value)
    if not found.is_integer():
        raise CellError("invalid_number", "Năm phải là số nguyên.", "A year is a whole number.")
    return int(found)


def member(value: str, role: TeamMemberRole) -> dict[str, Any]:
    """One member as an official types it: "Họ tên - chức vụ - cơ quan" (office and body optional)."""
    parts = [part.strip() for part in value.split(MEMBER_SEPARATOR, 2)]
    parts += [""] * (3 - len(parts))
    return {
        "full_name": parts[0],
        "position": parts[1] or None,
        "organisation": parts[2] or None,
        "role": role.value,
        "user_id": None,
    }


def leader(value: Any) -> list[dict[str, Any]]:
    return [member(text(value), TeamMemberRole.LEADER)]


def members(value: Any) -> list[dict[str, Any]]:
    return [member(part, TeamMemberRole.MEMBER) for part in text(value).split(LIST_SEPARATOR) if part.strip()]


def _json(value: Any) -> Any:
    """A value as a request's JSON body carries it: the schemas read input strictly."""
    if isinstance(value, uuid.UUID):
        return str(value)
    return value.isoformat() if hasattr(value, "isoformat") else value


def _reference(source: str, id_: str) -> dict[str, str]:
    return {"source": source, "id": id_}


def _external_columns(what_vi: str, what_en: str) -> tuple[Column, Column]:
    """The record's own reference: its upsert key, both halves required."""
    return (
        Column(
            "external_source",
            "Hệ thống nguồn",
            "External source",
            text,
            required=True,
            help_vi=f"Hệ thống giữ bản gốc của {what_vi} (đi cùng «Mã ở hệ thống nguồn»).",
            help_en=f"The system holding the original {what_en} (with 'External ID').",
            example="kh-bcd-caobang",
            aliases=("external_ref.source",),
        ),
        Column(
            "external_id",
            "Mã ở hệ thống nguồn",
            "External ID",
            text,
            required=True,
            help_vi=f"Mã của {what_vi} trong hệ thống nguồn; dòng có mã đã nhập thì cập nhật bản ghi đó.",
            help_en=f"The {what_en}'s id in that system; a row whose id was imported before updates that record.",
            example="KH-2026-01",
            aliases=("external_ref.id", "Mã hệ thống nguồn / Mã định danh"),
        ),
    )


def _topics_column() -> Column:
    return Column(
        "topics",
        "Chủ đề",
        "Topics",
        codes,
        help_vi="Mã các nội dung kiểm tra, cách nhau bởi dấu chấm phẩy: "
        "publicity_of_information; people_supervise (GET /inspections/topics).",
        help_en="Codes of the topics checked, separated by ';' (GET /inspections/topics).",
        example="publicity_of_information; people_supervise",
    )


async def _unit(by: Importer, code: str, column: str | None) -> Unit:
    return await unit_by_code(by, code, column)


async def _by_reference(repo: Repository[Any, Any], model: Any, source: str, id_: str) -> Any | None:
    """The record of this reference the importer may change; None where the jurisdiction holds
    none (a create then meets `duplicate_external_ref` if it lies elsewhere). A record seen but
    organised elsewhere is refused by `get_for_update` (403 `not_organiser`)."""
    stmt = repo.scope(select(model.id)).where(model.external_source == source, model.external_id == id_)
    found = await repo.session.scalar(stmt)
    return None if found is None else await repo.get_for_update(found)


# Vietnamese messages of the codes this domain's services raise (api/core/importing.py).
MESSAGES_VI: dict[str, str] = {
    "plan_not_found": "Không tìm thấy kế hoạch trong phạm vi quản lý của bạn.",
    "plan_of_another_organiser": "Kế hoạch do đơn vị khác (không phải đơn vị tổ chức hay cấp trên của nó) ban hành.",
    "multiple_leaders": "Đoàn chỉ có một trưởng đoàn.",
    "leader_required": "Đoàn đã thành lập phải có đúng một trưởng đoàn.",
    "target_outside_organiser": "Đơn vị được kiểm tra không thuộc đơn vị tổ chức đoàn.",
    "owner_outside_organiser": "Đơn vị thực hiện không thuộc đơn vị tổ chức đoàn.",
    "not_organiser": "Bản ghi do đơn vị ngoài phạm vi quản lý của bạn tổ chức; chỉ đơn vị đó được sửa.",
    "team_closed": "Đoàn đã kết thúc hoặc đã hủy: hồ sơ không còn thay đổi.",
    "team_not_found": "Không tìm thấy đoàn trong phạm vi quản lý của bạn.",
    "team_not_concluded": "Đoàn chưa có kết luận: kiến nghị được ban hành cùng kết luận.",
    "due_before_conclusion": "Hạn thực hiện trước ngày kết luận.",
    "recommendation_closed": "Kiến nghị đã được xác nhận hoàn thành: hồ sơ không còn thay đổi.",
    "invalid_self_assessment": "Chỉ có ngày nhận báo cáo tự kiểm tra khi đã nhận.",
}


class InspectionMapping(Mapping):
    """A mapping whose service errors name schema fields (`organising_unit_id`) that are other
    columns in the file (the unit's code): `fields` says which."""

    messages_vi = MESSAGES_VI

    fields: dict[str, str] = {}

    def header_of(self, key: str) -> str | None:
        return super().header_of(self.fields.get(key, key))

    def _missing(self, key: str, why_vi: str, why_en: str) -> CellError:
        return CellError("missing_value", why_vi, why_en, self.header_of(key))


def _changes(current: Any, wanted: dict[str, Any], names: Sequence[str]) -> dict[str, Any]:
    return {name: wanted[name] for name in names if name in wanted and wanted[name] != getattr(current, name)}


# Plans -------------------------------------------------------------------------------------------

PLAN_COLUMNS = (
    *_external_columns("kế hoạch", "plan"),
    Column(
        "year",
        "Năm",
        "Year",
        year,
        required=True,
        help_vi="Năm của kế hoạch.",
        help_en="The year covered.",
        example="2026",
    ),
    Column(
        "title",
        "Tên kế hoạch",
        "Title",
        text,
        required=True,
        help_vi="Trích yếu của kế hoạch.",
        help_en="The plan's title.",
        example="Kế hoạch kiểm tra, giám sát thực hiện dân chủ ở cơ sở năm 2026",
        aliases=("Tiêu đề",),
    ),
    Column(
        "kind",
        "Loại kế hoạch",
        "Kind",
        choice(PLAN_KIND_LABELS),
        required=True,
        help_vi="Hằng năm hoặc Chuyên đề (annual, thematic).",
        help_en="annual (Hằng năm) or thematic (Chuyên đề).",
        choices=tuple(PLAN_KIND_LABELS),
        example="annual",
        aliases=("Loại",),
    ),
    Column(
        "issuer",
        "Cơ quan ban hành",
        "Issuer",
        choice(ISSUER_LABELS),
        required=True,
        help_vi="Cơ quan ban hành: Ban Chỉ đạo tỉnh, Ban Chỉ đạo xã, Cấp ủy, Ủy ban nhân dân, Mặt trận Tổ quốc "
        "(hoặc mã tiếng Anh).",
        help_en="The issuing body: provincial_steering_committee, commune_steering_committee, party_committee, "
        "people_committee, fatherland_front (or its Vietnamese name).",
        choices=tuple(ISSUER_LABELS),
        example="provincial_steering_committee",
    ),
    Column(
        "document_number",
        "Số văn bản",
        "Document number",
        text,
        required=True,
        help_vi="Số, ký hiệu của kế hoạch.",
        help_en="The plan's document number.",
        example="15/KH-BCĐ",
    ),
    Column(
        "issued_on",
        "Ngày ban hành",
        "Issued on",
        day,
        required=True,
        help_vi="Ngày ban hành (dd/mm/yyyy), không sau hôm nay.",
        help_en="The document's date (dd/mm/yyyy or YYYY-MM-DD), today or earlier.",
        example="15/01/2026",
    ),
    Column(
        "organising_unit_code",
        "Mã đơn vị tổ chức",
        "Organising unit code",
        text,
        required=True,
        help_vi="Mã chính thức của đơn vị có cơ quan ban hành kế hoạch, trong phạm vi quản lý của bạn.",
        help_en="The official code of the unit whose body organises the plan, within your jurisdiction.",
        example="04",
        aliases=("organising_unit.code", "Đơn vị tổ chức / Mã"),
    ),
    _topics_column(),
    Column("notes", "Ghi chú", "Notes", text, help_vi="Ghi chú.", help_en="Notes."),
)

_PLAN_COMPARED = (
    "year",
    "title",
    "kind",
    "issuer",
    "document_number",
    "issued_on",
    "organising_unit_id",
    "topics",
    "notes",
)


class PlanMapping(InspectionMapping):
    resource = "inspection_plans"
    permission = Permission.INSPECTIONS_WRITE
    columns = PLAN_COLUMNS
    fields = {"organising_unit_id": "organising_unit_code", "external_ref": "external_id"}

    async def apply(self, by: Importer, values: dict[str, Any]) -> Outcome:
        session, principal = by.session, by.principal
        unit = await _unit(by, values["organising_unit_code"], self.header_of("organising_unit_code"))
        payload = {
            key: _json(value)
            for key, value in values.items()
            if key not in ("organising_unit_code", "external_source", "external_id")
        }
        payload["organising_unit_id"] = str(unit.id)
        payload["external_ref"] = _reference(values["external_source"], values["external_id"])
        data = PlanCreate.model_validate(payload)
        repo = PlanRepository(session, principal)
        plan: InspectionPlan | None = await _by_reference(
            repo, InspectionPlan, values["external_source"], values["external_id"]
        )
        if plan is None:
            await plans_service.create_plan(session, principal, data)
            return Outcome.CREATED
        wanted = data.model_dump(include=data.model_fields_set | {"organising_unit_id"})
        if "topics" in wanted:
            wanted["topics"] = list(dict.fromkeys(wanted["topics"]))
        changes = _changes(plan, wanted, _PLAN_COMPARED)
        if not changes:
            return Outcome.UNCHANGED
        update = PlanUpdate.model_validate({key: _json(value) for key, value in changes.items()})
        await plans_service.update_plan(session, principal, plan, update, etag_of(plan.version))
        return Outcome.UPDATED


# Teams -------------------------------------------------------------------------------------------

TEAM_COLUMNS = (
    *_external_columns("đoàn", "team"),
    Column(
        "plan_external_id",
        "Mã kế hoạch ở hệ thống nguồn",
        "Plan external ID",
        text,
        help_vi="Mã ở hệ thống nguồn của kế hoạch mà đoàn thực hiện (đã nhập trước); bỏ trống: đoàn đột xuất.",
        help_en="The external id of the plan the team carries out (imported before); blank for an ad hoc team.",
        example="KH-2026-01",
    ),
    Column(
        "plan_external_source",
        "Hệ thống nguồn của kế hoạch",
        "Plan external source",
        text,
        help_vi="Hệ thống nguồn của kế hoạch, khi khác «Hệ thống nguồn» của đoàn.",
        help_en="The plan's source system, where it differs from the team's 'External source'.",
    ),
    Column(
        "kind",
        "Loại đoàn",
        "Kind",
        choice(TEAM_KIND_LABELS),
        required=True,
        help_vi="Kiểm tra, Giám sát hoặc Khảo sát (inspection, supervision, thematic_survey).",
        help_en="inspection (Kiểm tra), supervision (Giám sát) or thematic_survey (Khảo sát).",
        choices=tuple(TEAM_KIND_LABELS),
        example="inspection",
        aliases=("Loại",),
    ),
    Column(
        "title",
        "Tên đoàn",
        "Title",
        text,
        required=True,
        help_vi="Tên đoàn.",
        help_en="The team's title.",
        example="Đoàn kiểm tra thực hiện QCDC tại xã Hòa An năm 2026",
        aliases=("Tiêu đề",),
    ),
    Column(
        "organising_unit_code",
        "Mã đơn vị tổ chức",
        "Organising unit code",
        text,
        required=True,
        help_vi="Mã chính thức của đơn vị thành lập đoàn, trong phạm vi quản lý của bạn.",
        help_en="The official code of the unit that forms the team, within your jurisdiction.",
        example="04",
        aliases=("organising_unit.code", "Đơn vị tổ chức / Mã"),
    ),
    Column(
        "decision_number",
        "Số quyết định",
        "Decision number",
        text,
        help_vi="Số quyết định thành lập đoàn, nếu đã có. Ngày quyết định là ngày của bước «thành lập» "
        "(không nhập ở đây).",
        help_en="The establishing decision's number, if known. Its date is that of the 'establish' act (not imported).",
        example="25/QĐ-BCĐ",
    ),
    Column(
        "decision_signer",
        "Người ký quyết định",
        "Decision signer",
        text,
        help_vi="Người ký quyết định thành lập đoàn.",
        help_en="Who signed the establishing decision.",
    ),
    Column(
        "planned_start",
        "Ngày bắt đầu dự kiến",
        "Planned start",
        day,
        required=True,
        help_vi="Ngày bắt đầu theo kế hoạch (dd/mm/yyyy).",
        help_en="First day planned (dd/mm/yyyy or YYYY-MM-DD).",
        example="07/09/2026",
    ),
    Column(
        "planned_end",
        "Ngày kết thúc dự kiến",
        "Planned end",
        day,
        required=True,
        help_vi="Ngày kết thúc theo kế hoạch, không trước ngày bắt đầu.",
        help_en="Last day planned, not before the first.",
        example="18/09/2026",
    ),
    _topics_column(),
    Column(
        "leader",
        "Trưởng đoàn",
        "Leader",
        leader,
        help_vi="Trưởng đoàn: «Họ tên - chức vụ - cơ quan» (chức vụ, cơ quan có thể bỏ trống).",
        help_en="The leader: 'Full name - office - body' (office and body optional).",
        example="Hoàng Thị Lan - Phó Trưởng ban Dân vận Tỉnh ủy - Ban Dân vận Tỉnh ủy",
    ),
    Column(
        "members",
        "Thành viên",
        "Members",
        members,
        help_vi="Các thành viên khác, cách nhau bởi dấu chấm phẩy, mỗi người «Họ tên - chức vụ - cơ quan». "
        "Có cột Trưởng đoàn hoặc Thành viên thì danh sách đoàn được thay bằng danh sách trong tệp.",
        help_en="The other members, separated by ';', each 'Full name - office - body'. With either the "
        "Leader or the Members column, the team's members become the file's.",
        example="Nông Văn Hải - Phó Chủ tịch - Ủy ban MTTQ tỉnh; Lý Thị Mai - Chuyên viên - Sở Nội vụ",
    ),
)

_TEAM_COMPARED = (
    "plan_id",
    "kind",
    "title",
    "organising_unit_id",
    "decision_number",
    "decision_signer",
    "planned_start",
    "planned_end",
    "topics",
    "members",
)


def _without_user(one: dict[str, Any]) -> tuple[str, str | None, str | None, str]:
    return (one["full_name"], one["position"], one["organisation"], one["role"])


def _members_kept(team: InspectionTeam | None, wanted: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The file's members, each keeping the account (`user_id`) the team already links to them:
    a spreadsheet does not name accounts."""
    accounts = {
        (m["full_name"], m["role"]): m.get("user_id") for m in (team.members if team is not None else [])
    }
    return [{**m, "user_id": accounts.get((m["full_name"], m["role"]))} for m in wanted]


def _never_called(_: Deferred) -> None:
    # An import adds and changes, never removes a target: no finding's file is ever deleted.
    raise RuntimeError("an import removes no target")


class TeamMapping(InspectionMapping):
    resource = "inspection_teams"
    permission = Permission.INSPECTIONS_WRITE
    columns = TEAM_COLUMNS
    fields = {
        "organising_unit_id": "organising_unit_code",
        "plan_id": "plan_external_id",
        "members": "members",
        "external_ref": "external_id",
    }

    async def _plan_id(self, by: Importer, values: dict[str, Any]) -> uuid.UUID | None:
        if "plan_external_id" not in values:
            if "plan_external_source" in values:
                raise self._missing(
                    "plan_external_id",
                    "Có hệ thống nguồn của kế hoạch nhưng thiếu mã kế hoạch.",
                    "A plan's source without the plan's id.",
                )
            return None
        source = values.get("plan_external_source", values["external_source"])
        repo = PlanRepository(by.session, by.principal)
        stmt = repo.scope(select(InspectionPlan.id)).where(
            InspectionPlan.external_source == source, InspectionPlan.external_id == values["plan_external_id"]
        )
        found: uuid.UUID | None = await by.session.scalar(stmt)
        if found is None:
            raise CellError(
                "plan_not_found",
                f"Không tìm thấy kế hoạch {source}/{values['plan_external_id']} trong phạm vi quản lý của bạn.",
                f"No plan {source}/{values['plan_external_id']} in your jurisdiction.",
                self.header_of("plan_external_id"),
            )
        return found

    async def apply(self, by: Importer, values: dict[str, Any]) -> Outcome:
        session, principal = by.session, by.principal
        unit = await _unit(by, values["organising_unit_code"], self.header_of("organising_unit_code"))
        plan_id = await self._plan_id(by, values)
        repo = TeamRepository(session, principal)
        team: InspectionTeam | None = await _by_reference(
            repo, InspectionTeam, values["external_source"], values["external_id"]
        )
        payload = {
            key: _json(value)
            for key, value in values.items()
            if key
            in (
                "kind",
                "title",
                "decision_number",
                "decision_signer",
                "planned_start",
                "planned_end",
                "topics",
            )
        }
        payload["organising_unit_id"] = str(unit.id)
        if plan_id is not None:
            payload["plan_id"] = str(plan_id)
        if "leader" in values or "members" in values:
            payload["members"] = _members_kept(team, [*values.get("leader", []), *values.get("members", [])])
        payload["external_ref"] = _reference(values["external_source"], values["external_id"])
        data = TeamCreate.model_validate(payload)
        if team is None:
            await teams_service.create_team(session, principal, data)
            return Outcome.CREATED
        wanted = data.model_dump(mode="json", include=data.model_fields_set | {"organising_unit_id"})
        current = {name: _json(getattr(team, name)) for name in _TEAM_COMPARED}
        if "topics" in wanted:
            wanted["topics"] = list(dict.fromkeys(wanted["topics"]))
        changes = {
            name: wanted[name] for name in _TEAM_COMPARED if name in wanted and wanted[name] != current[name]
        }
        if not changes:
            return Outcome.UNCHANGED
        await teams_service.update_team(
            session,
            principal,
            local_storage(by.settings.data_dir),
            _never_called,
            team,
            TeamUpdate.model_validate(changes),
            etag_of(team.version),
        )
        return Outcome.UPDATED


# Targets -----------------------------------------------------------------------------------------


def _team_reference_columns(required_source: bool, required_id: bool = True) -> tuple[Column, Column]:
    return (
        Column(
            "team_external_source",
            "Hệ thống nguồn của đoàn",
            "Team external source",
            text,
            required=required_source,
            help_vi="Hệ thống nguồn của đoàn (như khi nhập đoàn).",
            help_en="The team's source system (as its import gave it).",
            example="kh-bcd-caobang",
        ),
        Column(
            "team_external_id",
            "Mã đoàn ở hệ thống nguồn",
            "Team external ID",
            text,
            required=required_id,
            help_vi="Mã của đoàn ở hệ thống nguồn (đoàn đã nhập trước).",
            help_en="The team's id in its source system (a team imported before).",
            example="DKT-2026-01",
        ),
    )


TARGET_COLUMNS = (
    *_team_reference_columns(required_source=True),
    Column(
        "unit_code",
        "Mã đơn vị được kiểm tra",
        "Target unit code",
        text,
        required=True,
        help_vi="Mã chính thức của đơn vị đoàn đến: đơn vị tổ chức hoặc đơn vị trực thuộc.",
        help_en="The official code of the unit visited: the organising unit or one below it.",
        example="01273",
        aliases=("unit.code",),
    ),
    Column(
        "status",
        "Trạng thái",
        "Status",
        choice(TARGET_STATUS_LABELS),
        help_vi="Dự kiến, Đã thông báo, Đang kiểm tra, Đã kiểm tra, Hủy (hoặc mã tiếng Anh).",
        help_en="planned, notified, in_progress, done, cancelled (or the Vietnamese label).",
        choices=tuple(TARGET_STATUS_LABELS),
        example="done",
    ),
    Column(
        "visited_from",
        "Từ ngày",
        "Visited from",
        day,
        help_vi="Ngày bắt đầu làm việc tại đơn vị (dd/mm/yyyy), không sau hôm nay.",
        help_en="First day of the visit, today or earlier.",
        example="08/09/2026",
    ),
    Column(
        "visited_to",
        "Đến ngày",
        "Visited to",
        day,
        help_vi="Ngày kết thúc làm việc, không trước «Từ ngày».",
        help_en="Last day of the visit, not before the first.",
        example="09/09/2026",
    ),
    Column(
        "self_assessment_received",
        "Đã nhận báo cáo tự kiểm tra",
        "Self-assessment received",
        boolean,
        help_vi="Có nếu đã nhận báo cáo tự kiểm tra của đơn vị.",
        help_en="Yes once the unit's self-assessment reached the team.",
        choices=("Có", "Không"),
        example="Có",
    ),
    Column(
        "self_assessment_received_on",
        "Ngày nhận báo cáo tự kiểm tra",
        "Self-assessment received on",
        day,
        help_vi="Ngày nhận (chỉ khi đã nhận).",
        help_en="The day it was received (only once received).",
        example="01/09/2026",
    ),
    Column(
        "rating",
        "Xếp loại",
        "Rating",
        choice(RATING_LABELS),
        help_vi="Tốt, Khá, Trung bình, Yếu.",
        help_en="good, fair, average, weak.",
        choices=tuple(RATING_LABELS),
        example="fair",
    ),
    Column("notes", "Ghi chú", "Notes", text, help_vi="Ghi chú.", help_en="Notes."),
    Column(
        "conclusion",
        "Kết luận về đơn vị",
        "Conclusion",
        text,
        help_vi="Điều kết luận của đoàn nói riêng về đơn vị này.",
        help_en="What the team's conclusion says of this unit.",
    ),
)

_VISIT_FIELDS = (
    "status",
    "visited_from",
    "visited_to",
    "self_assessment_received",
    "self_assessment_received_on",
    "rating",
    "notes",
    "conclusion",
)


async def _team(by: Importer, source: str, id_: str, column: str | None) -> InspectionTeam:
    """The team of this reference, which the importer may change (403 `not_organiser` otherwise)."""
    team: InspectionTeam | None = await _by_reference(
        TeamRepository(by.session, by.principal), InspectionTeam, source, id_
    )
    if team is None:
        raise CellError(
            "team_not_found",
            f"Không tìm thấy đoàn {source}/{id_} trong phạm vi quản lý của bạn.",
            f"No team {source}/{id_} in your jurisdiction.",
            column,
        )
    return team


class TargetMapping(InspectionMapping):
    resource = "inspection_targets"
    permission = Permission.INSPECTIONS_WRITE
    columns = TARGET_COLUMNS
    fields = {"target_unit_ids": "unit_code"}

    async def apply(self, by: Importer, values: dict[str, Any]) -> Outcome:
        session, principal = by.session, by.principal
        team = await _team(
            by, values["team_external_source"], values["team_external_id"], self.header_of("team_external_id")
        )
        unit = await _unit(by, values["unit_code"], self.header_of("unit_code"))
        visit = InspectionTargetUpdate.model_validate(
            {key: _json(value) for key, value in values.items() if key in _VISIT_FIELDS}
        )
        target = next((t for t in team.targets if t.unit_id == unit.id), None)
        outcome = Outcome.UPDATED
        if target is None:
            wanted = [*(t.unit_id for t in team.targets), unit.id]
            team = await teams_service.update_team(
                session,
                principal,
                local_storage(by.settings.data_dir),
                _never_called,
                team,
                TeamUpdate.model_validate({"target_unit_ids": [str(u) for u in wanted]}),
                etag_of(team.version),
            )
            target = next(t for t in team.targets if t.unit_id == unit.id)
            outcome = Outcome.CREATED
        changes = _changes(target, visit.model_dump(exclude_unset=True), _VISIT_FIELDS)
        if changes:
            await teams_service.update_target(
                session,
                principal,
                team,
                target.id,
                InspectionTargetUpdate.model_validate({k: _json(v) for k, v in changes.items()}),
                etag_of(team.version),
            )
        elif outcome is Outcome.UPDATED:
            return Outcome.UNCHANGED
        return outcome


# Recommendations ---------------------------------------------------------------------------------


def _uuid(value: Any) -> uuid.UUID:
    try:
        return uuid.UUID(text(value).strip())
    except ValueError:
        raise CellError(
            "invalid_value", f"«{text(value)[:40]}» không phải mã định danh.", "Not an id (a UUID)."
        ) from None


RECOMMENDATION_COLUMNS = (
    *_external_columns("kiến nghị", "recommendation"),
    *_team_reference_columns(required_source=False, required_id=False),
    Column(
        "team_id",
        "Mã định danh đoàn",
        "Team ID",
        _uuid,
        help_vi="Mã định danh QCDC của đoàn (cột team_id của tệp xuất danh sách kiến nghị): thay cho mã đoàn "
        "ở hệ thống nguồn; có cả hai thì phải chỉ cùng một đoàn.",
        help_en="The team's QCDC id (the `team_id` a recommendations list export writes): instead of the "
        "team's external ID; given both, they must name the same team.",
    ),
    Column(
        "owner_unit_code",
        "Mã đơn vị thực hiện",
        "Owner unit code",
        text,
        required=True,
        help_vi="Mã chính thức của đơn vị phải thực hiện kiến nghị: đơn vị tổ chức hoặc đơn vị trực thuộc.",
        help_en="The official code of the unit that must act: the organising unit or one below it.",
        example="01273",
        aliases=("owner_unit.code", "Đơn vị thực hiện / Mã"),
    ),
    Column(
        "content",
        "Nội dung",
        "Content",
        text,
        required=True,
        help_vi="Nội dung kiến nghị.",
        help_en="What the unit is asked to do.",
        example="Niêm yết công khai dự toán ngân sách xã năm 2026 tại trụ sở UBND",
    ),
    Column(
        "due_on",
        "Hạn thực hiện",
        "Due on",
        day,
        required=True,
        help_vi="Hạn thực hiện (dd/mm/yyyy), không trước ngày kết luận.",
        help_en="The due date (dd/mm/yyyy or YYYY-MM-DD), not before the conclusion's date.",
        example="29/05/2026",
        aliases=("Hạn xử lý",),
    ),
)


class RecommendationMapping(InspectionMapping):
    resource = "inspection_recommendations"
    permission = Permission.INSPECTIONS_WRITE
    columns = RECOMMENDATION_COLUMNS
    fields = {"owner_unit_id": "owner_unit_code", "external_ref": "external_id"}

    async def _team(self, by: Importer, values: dict[str, Any]) -> InspectionTeam:
        """The team named by its external reference, or by its id (as the list's export names it);
        both given must name the same team."""
        by_id: InspectionTeam | None = None
        if "team_id" in values:
            repo = TeamRepository(by.session, by.principal)
            found = await by.session.scalar(
                repo.scope(select(InspectionTeam.id)).where(InspectionTeam.id == values["team_id"])
            )
            if found is None:
                raise CellError(
                    "team_not_found",
                    f"Không tìm thấy đoàn {values['team_id']} trong phạm vi quản lý của bạn.",
                    f"No team {values['team_id']} in your jurisdiction.",
                    self.header_of("team_id"),
                )
            by_id = await repo.get_for_update(found)
        if "team_external_id" not in values:
            if by_id is None:
                raise self._missing(
                    "team_external_id",
                    "Thiếu đoàn: ghi «Mã đoàn ở hệ thống nguồn» hoặc «Mã định danh đoàn».",
                    "No team: give the team's external ID or its ID.",
                )
            return by_id
        team = await _team(
            by,
            values.get("team_external_source", values["external_source"]),
            values["team_external_id"],
            self.header_of("team_external_id"),
        )
        if by_id is not None and by_id.id != team.id:
            raise CellError(
                "reference_mismatch",
                "Mã định danh đoàn và mã đoàn ở hệ thống nguồn chỉ hai đoàn khác nhau.",
                "The team's ID and its external ID name different teams.",
                self.header_of("team_id"),
            )
        return team

    async def apply(self, by: Importer, values: dict[str, Any]) -> Outcome:
        session, principal = by.session, by.principal
        team = await self._team(by, values)
        owner = await _unit(by, values["owner_unit_code"], self.header_of("owner_unit_code"))
        payload = {
            "owner_unit_id": str(owner.id),
            "content": values["content"],
            "due_on": _json(values["due_on"]),
            "external_ref": _reference(values["external_source"], values["external_id"]),
        }
        data = RecommendationCreate.model_validate(payload)
        found: InspectionRecommendation | None = await _by_reference(
            RecommendationRepository(session, principal),
            InspectionRecommendation,
            values["external_source"],
            values["external_id"],
        )
        if found is None:
            await recommendations_service.create(session, principal, team, data)
            return Outcome.CREATED
        if found.team_id != team.id:
            raise CellError(
                "recommendation_of_another_team",
                "Kiến nghị này thuộc một đoàn khác; không thể chuyển sang đoàn trong tệp.",
                "This recommendation belongs to another team; it cannot move to the file's.",
                self.header_of("team_external_id" if "team_external_id" in values else "team_id"),
            )
        changes = _changes(found, data.model_dump(), ("owner_unit_id", "content", "due_on"))
        if not changes:
            return Outcome.UNCHANGED
        update = RecommendationUpdate.model_validate({k: _json(v) for k, v in changes.items()})
        await recommendations_service.update(session, principal, found, update, etag_of(found.version))
        return Outcome.UPDATED


MAPPINGS = (PlanMapping(), TeamMapping(), TargetMapping(), RecommendationMapping())
