"""The one repository base every domain derives from (polar's `kit/repository` is the model).

A domain's repository names its model, how the principal's jurisdiction narrows it (`scope`),
how a list query filters it (`filter`) and the sort fields its lists accept (`sorting`). The
base gives every domain the same `select()` (always scoped), `get()` (404 with the domain's own
code), `get_many()` and `page()`: the one list path from a query schema to a page. SQL lives in
repositories and nowhere else.

Routes reach them through two dependencies: `repository(Cls)` builds one for the request's
session and principal, and `current(Cls, "x_id")` loads the resource a path names (scoped, 404
otherwise), so an endpoint reads: parse → one service call → schema. Nationwide reference data
(the calendar, legal rules, categories) derives from `ReferenceRepository`, which refuses a change
by anyone but a principal of the whole country before anything is looked up.
"""

import inspect
import uuid
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Annotated, Any, ClassVar, Generic, TypeVar

from fastapi import Depends
from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.core import clock
from api.core.access import Principal, established_principal, require_nationwide
from api.core.errors import NotFound
from api.core.jurisdiction import Jurisdiction
from api.core.pagination import CursorCodec, PageQuery, Slice, Sorting, paginate
from api.core.unit_of_work import get_session

M = TypeVar("M")
Q = TypeVar("Q", bound=PageQuery)
R = TypeVar("R", bound="Repository[Any, Any]")


class Repository(Generic[M, Q]):
    model: ClassVar[type[Any]]
    # Sort fields of its lists; None for a repository without a list.
    sorting: ClassVar[Sorting | None] = None
    # What a missing (or invisible) row is called in a 404: "unit_not_found", "Unit".
    not_found_code: ClassVar[str]
    noun: ClassVar[str]

    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        self.session = session
        self.principal = principal

    @property
    def jurisdiction(self) -> Jurisdiction:
        return self.principal.jurisdiction

    @property
    def dialect(self) -> str:
        bind = self.session.bind
        return bind.dialect.name if bind is not None else ""

    def scope(self, stmt: Select[Any]) -> Select[Any]:
        """Narrow a statement over `model` to what the principal may see (everything by default)."""
        return stmt

    def select(self) -> Select[Any]:
        """Every query of this repository starts here, inside the principal's jurisdiction."""
        return self.scope(select(self.model))

    def not_found(self, key: object) -> NotFound:
        return NotFound(f"{self.noun} {key} does not exist.", code=self.not_found_code)

    async def find(self, key: Any) -> M | None:
        found: M | None = await self.session.scalar(self.select().where(self.model.id == key))
        return found

    async def get(self, key: Any) -> M:
        found = await self.find(key)
        if found is None:
            raise self.not_found(key)
        return found

    async def get_for_update(self, key: Any) -> M:
        """The resource a write names: visible, and changeable by the principal (override to narrow)."""
        return await self.get(key)

    async def get_many(self, keys: Iterable[Any]) -> dict[Any, M]:
        wanted = set(keys)
        if not wanted:
            return {}
        rows: Iterable[Any] = await self.session.scalars(self.select().where(self.model.id.in_(wanted)))
        return {row.id: row for row in rows}

    async def named_in(self, query: Q) -> Mapping[str, Any]:
        """The objects a list query's filters name (units, by field), resolved inside the
        jurisdiction so that a foreign one is a 404; none by default."""
        return {}

    def filter(self, stmt: Select[Any], query: Q, named: Mapping[str, Any]) -> Select[Any]:
        """Apply a list query's filters to `stmt` (override per domain)."""
        return stmt

    async def listed(self, query: Q, named: Mapping[str, Any]) -> tuple[Select[Any], Any]:
        """The statement a page is cut from, and the entity it selects (override to read through a
        CTE); by default the scoped select narrowed by the query's filters."""
        return self.filter(self.select(), query, named), self.model

    async def listed_once(self, query: Q, named: Mapping[str, Any]) -> tuple[Select[Any], Any]:
        """`listed()`, built once per worker for the same filters, jurisdiction and day and then
        reused: building a list's statement (its filters, CTEs and their column collections) cost
        a busy list more CPU than running it (1.5 ms of a commune's page). A statement is
        immutable, so one built for an earlier request is as good as a new one."""
        key = (
            type(self),
            self.dialect,
            self.jurisdiction,
            clock.today(),  # a filter may compare with today (a case's deadline state)
            _filters_key(query),
            tuple(
                sorted(
                    (name, getattr(obj, "id", None), getattr(obj, "path", None))
                    for name, obj in named.items()
                )
            ),
        )
        found = _STATEMENTS.get(key)
        if found is None:
            found = await self.listed(query, named)
            _STATEMENTS[key] = found
            if len(_STATEMENTS) > _STATEMENTS_KEPT:
                _STATEMENTS.popitem(last=False)
        else:
            _STATEMENTS.move_to_end(key)
        return found

    async def page(self, query: Q, codec: CursorCodec, named: Mapping[str, Any] | None = None) -> Slice[M]:
        """One page of the list `query` describes, in the sort it asks for. `named`: the objects its
        filters name when the caller has already loaded them (a sub-resource's parent)."""
        assert self.sorting is not None, f"{type(self).__name__} declares no sorting"
        stmt, entity = await self.listed(query, await self.named_in(query) if named is None else named)
        return await paginate(self.session, stmt, self.sorting, query, codec, entity=entity)


# The statements lists were built from, by what they depend on (`Repository.listed_once`).
_STATEMENTS: OrderedDict[tuple[Any, ...], tuple[Select[Any], Any]] = OrderedDict()
_STATEMENTS_KEPT = 1024
_PAGING = frozenset(PageQuery.model_fields)


def _filters_key(query: PageQuery) -> tuple[Any, ...]:
    """A list query's filters (not its paging), hashable."""
    return tuple(
        (name, tuple(value) if isinstance(value, list) else value)
        for name, value in query
        if name not in _PAGING
    )


class ReferenceRepository(Repository[M, Q]):
    """Nationwide reference data: the same for every reader, changed only by a principal of the
    whole country. The refusal comes before any lookup (`get_for_update`, and `check_may_change`
    in a create), so a commune's administrator learns nothing about which rows exist."""

    # What a change does, as the refusal says it: "Only a nationwide administrator <changes>."
    changes: ClassVar[str]

    def check_may_change(self) -> None:
        require_nationwide(self.principal, self.changes)

    async def get_for_update(self, key: Any) -> M:
        self.check_may_change()
        return await self.get(key)


def repository(cls: type[R]) -> Any:
    """A route parameter: a `cls` for this request's session and principal."""

    async def build(
        session: Annotated[AsyncSession, Depends(get_session)],
        principal: Annotated[Principal, Depends(established_principal)],
    ) -> R:
        return cls(session, principal)

    build.__name__ = f"{cls.__name__}_dependency"
    return Depends(build)


def current(cls: type["Repository[M, Any]"], path_param: str, *, for_update: bool = False) -> Any:
    """A route parameter: the resource the path's `path_param` names, inside the principal's
    jurisdiction (404 otherwise); `for_update` also asks that the principal may change it."""

    async def load(session: AsyncSession, principal: Principal, **path: uuid.UUID) -> M:
        repo = cls(session, principal)
        key = path[path_param]
        return await (repo.get_for_update(key) if for_update else repo.get(key))

    # FastAPI reads the signature: the session, the principal and the path parameter by its name.
    load.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter(
                "session",
                inspect.Parameter.KEYWORD_ONLY,
                annotation=Annotated[AsyncSession, Depends(get_session)],
            ),
            inspect.Parameter(
                "principal",
                inspect.Parameter.KEYWORD_ONLY,
                annotation=Annotated[Principal, Depends(established_principal)],
            ),
            inspect.Parameter(path_param, inspect.Parameter.KEYWORD_ONLY, annotation=uuid.UUID),
        ]
    )
    load.__name__ = f"current_{cls.__name__}"
    loader: Callable[..., Awaitable[M]] = load
    return Depends(loader)
