"""Coded lists of nationwide reference data (petition categories, inspection topics): rows keyed by
a stable `code`, with names, a position and an `active` flag; read by everyone, changed only by a
nationwide principal, deactivated rather than removed (records name them). One repository and one
replace operation serve every such list; a domain names its model, cache key and words.

A coded row has no version: its tag is a digest of what it says (the domain's `etag`)."""

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel
from sqlalchemy import select

from api.core.errors import FieldError, NotFound, ValidationFailed
from api.core.etag import check_tag
from api.core.repository import ReferenceRepository
from api.core.shared_cache import cached

C = TypeVar("C")


class CodedRepository(ReferenceRepository[C, Any]):
    """Rows found by their code, which is their key."""

    # What the worker's cache keeps the active codes under (the model's `cache_keys` names it).
    cache_key: ClassVar[str]
    # How a 404 names one: "No <described> 'x'."
    described: ClassVar[str]

    def not_found(self, key: object) -> NotFound:
        return NotFound(f"No {self.described} '{key}'.", code=self.not_found_code)

    async def find(self, key: Any) -> C | None:
        found: C | None = await self.session.scalar(self.select().where(self.model.code == key))
        return found

    async def in_order(self) -> list[C]:
        stmt = self.select().order_by(self.model.position, self.model.code)
        return list(await self.session.scalars(stmt))

    async def active_codes(self) -> frozenset[str]:
        """The codes a record may name, as the worker keeps them (read again on a change)."""

        async def read() -> frozenset[str]:
            return frozenset(await self.session.scalars(select(self.model.code).where(self.model.active)))

        return await cached(self.session, self.cache_key, read)


async def put_coded(
    repo: CodedRepository[C], code: str, body: BaseModel, if_match: str | None, etag: Callable[[C], str]
) -> C:
    """Create or replace the row `code` names with `body`; with `if_match`, only the row as last
    read is replaced (412 otherwise, and for a new code)."""
    repo.check_may_change()
    if getattr(body, "code", None) != code:
        raise ValidationFailed(
            "The body's code must match the path's.",
            code="code_mismatch",
            errors=[FieldError(field="code", code="code_mismatch", message="differs from the path")],
        )
    row = await repo.find(code)
    check_tag(if_match, None if row is None else etag(row))
    if row is None:
        row = repo.model(code=code)
        repo.session.add(row)
    for name, value in body.model_dump().items():
        setattr(row, name, value)
    await repo.session.flush()
    return row
