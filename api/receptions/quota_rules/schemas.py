"""Request and response shapes of /api/v1/receptions/quota-rules."""

from datetime import date
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from api.core.legal_rules import LegalBasis, LegalRuleFields, LegalRuleQuery, LegalRuleUpdate
from api.core.schemas import Schema
from api.receptions.models import HostRole, Level, Per

CODE_EXAMPLE = "commune-pc-chairman-monthly"
QuotaRuleCode = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{1,63}$")]
Days = Annotated[int, Field(ge=1, le=31)]


class QuotaRuleCreate(LegalRuleFields):
    id: QuotaRuleCode = Field(
        description="Stable identifier of the rule, chosen when it is added (lower-case letters, digits "
        "and hyphens); the compliance report's requirements name it.",
        examples=["commune-pc-chairman-monthly-2027"],
    )
    level: Level = Field(
        description="province, district or commune level (wards, towns and special zones are commune level).",
        examples=["commune"],
    )
    host_role: HostRole = Field(description="Whose own reception days it counts.", examples=["pc_chairman"])
    days: Days = Field(description="Days of reception owed per slot (at most 7 a week).", examples=[2])
    per: Per = Field(
        description="The slot: an ISO week (Monday-Sunday) or a calendar month.", examples=["month"]
    )


class QuotaRuleUpdate(LegalRuleUpdate):
    """A correction of a rule; omitted fields stay, `null` clears `note` and `valid_to` (the others
    cannot be null). Its id, level and host role never change: another level or role is a new rule."""

    legal_basis: LegalBasis | None = Field(
        None, examples=["Luật 136/2025/QH15 sửa đổi Luật Tiếp công dân, Điều 15"]
    )
    valid_from: date | None = Field(None, examples=["2026-07-01"])
    valid_to: date | None = Field(None, examples=["2027-01-01"])
    days: Days | None = Field(None, examples=[2])
    per: Per | None = Field(None, examples=["month"])

    @model_validator(mode="after")
    def _not_null(self) -> "QuotaRuleUpdate":
        for name in ("legal_basis", "valid_from", "days", "per"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class QuotaRuleRead(Schema):
    has_etag = True

    id: str = Field(description="Stable identifier of the rule.", examples=[CODE_EXAMPLE])
    level: Level = Field(
        description="province, district or commune level (wards, towns and special zones are commune level).",
        examples=["commune"],
    )
    host_role: HostRole = Field(examples=["pc_chairman"])
    days: int = Field(description="Days of reception owed per slot.", examples=[2])
    per: Per = Field(
        description="The slot: an ISO week (Monday-Sunday) or a calendar month.", examples=["month"]
    )
    valid_from: date = Field(description="First day the rule applies.", examples=["2026-07-01"])
    valid_to: date | None = Field(
        description="First day it no longer applies (exclusive end); null while in force.", examples=[None]
    )
    legal_basis: str = Field(examples=["Luật 136/2025/QH15 sửa đổi Luật Tiếp công dân, Điều 15"])
    note: str | None = Field(examples=["At least two days a month at the commune reception place."])


class QuotaRuleQuery(LegalRuleQuery):
    pass
