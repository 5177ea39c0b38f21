"""Request and response shapes of /api/v1/committees/composition-rules."""

from datetime import date
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from api.committees.models import CommitteeKind, Enforcement, RuleCheck
from api.core.legal_rules import LegalBasis, LegalRuleFields, LegalRuleQuery, LegalRuleUpdate
from api.core.schemas import Schema

CODE_EXAMPLE = "pic-one-per-village"
RuleCode = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{1,63}$")]
Regime = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{1,63}$")]
Value = Annotated[int, Field(ge=0, le=1000)]
Villages = Annotated[int, Field(ge=1, le=10_000)]

REQUIREMENT_DESCRIPTION = (
    "What the rule requires of the members sitting on a day: `min_members`, `max_members`, `max_heads`, "
    "`max_deputy_heads`, `max_resident_members` (CISB members from the residents) count up to `value`; "
    "`one_per_village`: every village and residential group of the unit has a representative; "
    "`max_term_years`: the term's planned length is at most `value` years; `no_commune_post` and "
    "`not_related_to_project` are eligibility rules on each member's declaration."
)


class CompositionRuleCreate(LegalRuleFields):
    id: RuleCode = Field(
        description="Stable identifier of the rule, chosen when it is added (lower-case letters, digits and "
        "hyphens); compliance answers and refusals name it.",
        examples=["pic-max-deputy-heads-2027"],
    )
    committee_kind: CommitteeKind = Field(
        description="The kind of committee it concerns.", examples=["people_inspection"]
    )
    requirement: RuleCheck = Field(description=REQUIREMENT_DESCRIPTION, examples=["max_deputy_heads"])
    value: Value | None = Field(
        None, description="The number, for the rules that count (null for the others).", examples=[2]
    )
    applies_below_villages: Villages | None = Field(
        None,
        description="The rule applies only where the unit has fewer villages and residential groups than this.",
        examples=[None],
    )
    enforcement: Enforcement = Field(
        description="`refuse`: a change breaking it is refused (only the `max_…` and eligibility rules can be); "
        "`report`: the committee is accepted and reported non-compliant.",
        examples=["report"],
    )
    regime: Regime = Field(
        description="The legal regime it belongs to; a term records the regime of the rules in force on its first day.",
        examples=["law-10-2022"],
    )
    legal_basis: LegalBasis = Field(
        description="The article and law or decree the rule comes from.",
        examples=["Nghị định 59/2023/NĐ-CP, Điều 13"],
    )


class CompositionRuleUpdate(LegalRuleUpdate):
    """A correction of a rule; omitted fields stay, `null` clears `note`, `valid_to`, `value` and
    `applies_below_villages`. Its id, kind and requirement never change: another is a new rule."""

    legal_basis: LegalBasis | None = Field(None, examples=["Nghị định 59/2023/NĐ-CP, Điều 13"])
    valid_from: date | None = Field(None, examples=["2023-07-01"])
    valid_to: date | None = Field(None, examples=["2027-01-01"])
    value: Value | None = Field(None, examples=[3])
    applies_below_villages: Villages | None = Field(None, examples=[None])
    enforcement: Enforcement | None = Field(None, examples=["report"])
    regime: Regime | None = Field(None, examples=["law-10-2022"])

    @model_validator(mode="after")
    def _not_null(self) -> "CompositionRuleUpdate":
        for name in ("legal_basis", "valid_from", "enforcement", "regime"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class CompositionRuleRead(Schema):
    has_etag = True

    id: str = Field(description="Stable identifier of the rule.", examples=[CODE_EXAMPLE])
    committee_kind: CommitteeKind = Field(examples=["people_inspection"])
    requirement: RuleCheck = Field(description=REQUIREMENT_DESCRIPTION, examples=["one_per_village"])
    value: int | None = Field(examples=[None])
    applies_below_villages: int | None = Field(examples=[None])
    enforcement: Enforcement = Field(examples=["report"])
    regime: str = Field(examples=["law-10-2022"])
    valid_from: date = Field(description="First day the rule applies.", examples=["2023-07-01"])
    valid_to: date | None = Field(
        description="First day it no longer applies (exclusive end); null while in force.", examples=[None]
    )
    legal_basis: str = Field(
        examples=["Luật 10/2022/QH15, Điều 36 khoản 1; Nghị định 59/2023/NĐ-CP, Điều 13"]
    )
    note: str | None = Field(examples=["One member per village or residential group as the principle."])


class CompositionRuleQuery(LegalRuleQuery):
    committee_kind: CommitteeKind | None = Field(
        None, description="Only the rules of this kind of committee."
    )
