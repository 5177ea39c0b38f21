"""Legal rules as data: one shape for every rule family (deadlines, reception quotas, committee
composition, ...).

A rule row names its legal basis and the days it is in force (`valid_to` exclusive, like a unit's
life), so a change in law is a new row — the old one closed the day before — not a code edit, and
a fact keeps the rule in force on its own date. Each family's table mixes in `LegalRuleColumns`;
its schemas derive from `LegalRuleFields`/`LegalRuleUpdate`; its routes (list with `as_of`, create
and update by a nationwide holder of `reference_data:manage`) follow petitions' deadline rules.
Shipped rows are written by a migration (a change of shipped data is a new revision). A family
whose rows are found by a stable `code` (their public id: reception quotas, committee composition)
reads them through a `CodedRuleRepository`, answers with `rule_read` and corrects them with
`correct_rule`.
"""

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Annotated, Any, TypeVar

from fastapi import Response
from pydantic import BaseModel, Field, StringConstraints
from sqlalchemy import ColumnElement, String, and_, or_
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from api.core.errors import FieldError, ValidationFailed
from api.core.etag import check_if_match, set_etag
from api.core.repository import ReferenceRepository
from api.core.schemas import Input, Params, Schema

LegalBasis = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]


class LegalRuleColumns:
    legal_basis: Mapped[str] = mapped_column(String(255))
    note: Mapped[str | None] = mapped_column(String(500))
    valid_from: Mapped[date]
    # First day the rule no longer applies; None while it is in force.
    valid_to: Mapped[date | None]
    version: Mapped[int] = mapped_column(default=1)

    # The version is the rule's ETag: every UPDATE bumps it and checks it, so two administrators
    # correcting one rule cannot both win.
    @declared_attr.directive
    @classmethod
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]

    def in_force(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)


def in_force_on(model: Any, day: date) -> ColumnElement[bool]:
    """SQL: the rows of a rule table in force on `day`."""
    return and_(model.valid_from <= day, or_(model.valid_to.is_(None), model.valid_to > day))


def check_validity(valid_from: date, valid_to: date | None) -> None:
    """A rule must be in force for at least a day: `valid_to` after `valid_from` (422 otherwise)."""
    if valid_to is not None and valid_to <= valid_from:
        raise ValidationFailed(
            "valid_to must be after valid_from.",
            code="invalid_validity",
            errors=[FieldError(field="valid_to", code="invalid_validity", message="not after valid_from")],
        )


class LegalRuleFields(Input):
    """What every rule carries besides its family's own fields (services call `check_validity`)."""

    legal_basis: LegalBasis = Field(
        description="The article and law or decree the rule comes from.",
        examples=["Luật Khiếu nại 2011, Điều 28"],
    )
    note: Note | None = Field(None, description="Anything a reader should know.", examples=[None])
    valid_from: date = Field(description="First day the rule applies.", examples=["2026-07-01"])
    valid_to: date | None = Field(
        None,
        description="First day it no longer applies (exclusive end); null while in force.",
        examples=[None],
    )


class LegalRuleUpdate(Input):
    """A correction of a rule's common fields; omitted fields stay (a new law is a new rule)."""

    legal_basis: LegalBasis | None = Field(None, examples=[None])
    note: Note | None = Field(None, examples=[None])
    valid_from: date | None = Field(None, examples=[None])
    valid_to: date | None = Field(None, examples=["2026-07-01"])


class LegalRuleQuery(Params):
    as_of: date | None = Field(None, description="Only the rules in force on this day.")


R = TypeVar("R", bound=LegalRuleColumns)
S = TypeVar("S", bound=Schema)


class CodedRuleRepository(ReferenceRepository[R, Any]):
    """A rule family whose rows are found by their stable `code` (the public id), not the row's UUID."""

    async def find(self, key: Any) -> R | None:
        found: R | None = await self.session.scalar(self.select().where(self.model.code == key))
        return found


def rule_read(schema: type[S], rule: Any, response: Response | None = None) -> S:
    """A coded rule's answer, its code as its `id`; with `response`, its `ETag` set."""
    if response is not None:
        set_etag(response, rule.version)
    return schema.from_model(rule, id=rule.code)


async def correct_rule(
    repo: CodedRuleRepository[R],
    code: str,
    data: BaseModel,
    if_match: str | None,
    check: Callable[[R], Awaitable[None]],
) -> R:
    """Apply a correction to the rule `code` names: refused (403) before the lookup for whoever is not
    nationwide, as last read (`If-Match`), the given fields only, then checked by the family's `check`."""
    rule = await repo.get_for_update(code)
    check_if_match(if_match, rule.version)
    for name, value in data.model_dump(exclude_unset=True).items():
        setattr(rule, name, value)
    await check(rule)
    await repo.session.flush()
    return rule
