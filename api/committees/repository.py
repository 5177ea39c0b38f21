"""Every query on committees, their terms and their members.

A committee is visible through its unit; its terms and members carry that unit too (copied: a
committee never changes unit), so each repository keeps them inside the principal's jurisdiction
and a sub-resource is reached through the committee the route loaded.
"""

import uuid
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, and_, exists, func, or_
from sqlalchemy.orm import selectinload

from api.committees.compliance.service import compliance_of_committees
from api.committees.models import Committee, CommitteeKind, CommitteeMember, CommitteeStatus, CommitteeTerm
from api.committees.schemas import MEMBER_SORTING, SORTING, ComplianceState
from api.core import clock
from api.core.external_ref import filter_external_ref
from api.core.jurisdiction import Jurisdiction
from api.core.text import escape_like, search_terms
from api.core.written import written_list
from api.units.models import Unit
from api.units.repository import UnitRepository
from api.units.rules import VILLAGE_LEVEL
from api.units.scope import UnitScopedRepository, in_jurisdiction

if TYPE_CHECKING:
    from api.committees.schemas import CommitteeListQuery, CommitteeMemberListQuery, MemberPageQuery


def term_in_force(day: date) -> Any:
    """SQL: a term in force on `day` (its end exclusive: the actual end, else the planned one)."""
    end = func.coalesce(CommitteeTerm.ended_on, CommitteeTerm.planned_end_on)
    return and_(CommitteeTerm.starts_on <= day, end > day)


class CommitteeRepository(UnitScopedRepository[Committee, "CommitteeListQuery"]):
    """Committees of units inside the principal's jurisdiction."""

    model = Committee
    sorting = SORTING
    not_found_code = "committee_not_found"
    noun = "Committee"
    unit_columns = (Committee.unit_id,)

    def select(self) -> Select[Any]:
        return super().select().options(selectinload(Committee.unit), selectinload(Committee.project))

    async def listed(self, query: "CommitteeListQuery", named: Mapping[str, Any]) -> tuple[Select[Any], Any]:
        """The filtered committees; by `compliance`, those the subtree's rules judge so on the day (the
        compliance report's judgement, `api/committees/compliance/service.py`)."""
        stmt, entity = await super().listed(query, named)
        if query.compliance is None:
            return stmt, entity
        scope = Jurisdiction(named["within_unit_id"].path) if "within_unit_id" in named else self.jurisdiction
        standing, compliant = await compliance_of_committees(
            self.session, scope, query.in_term_on or clock.today()
        )
        kept = compliant if query.compliance == ComplianceState.COMPLIANT else standing - compliant
        return stmt.where(Committee.id.in_(written_list(sorted(kept)))), entity

    def filter(
        self, stmt: Select[Any], query: "CommitteeListQuery", named: Mapping[str, Unit]
    ) -> Select[Any]:
        if "within_unit_id" in named:
            stmt = stmt.where(in_jurisdiction(Jurisdiction(named["within_unit_id"].path), Committee.unit_id))
        if query.unit_id is not None:
            stmt = stmt.where(Committee.unit_id == query.unit_id)
        if query.kind:
            stmt = stmt.where(Committee.kind.in_(list(query.kind)))
        if query.status is not None:
            stmt = stmt.where(Committee.status == query.status)
        if query.in_term_on is not None:
            stmt = stmt.where(
                exists().where(CommitteeTerm.committee_id == Committee.id, term_in_force(query.in_term_on))
            )
        stmt = filter_external_ref(stmt, Committee, query)
        if query.q:
            for term in search_terms(query.q):
                stmt = stmt.where(Committee.search_text.like(f"%{escape_like(term)}%", escape="\\"))
        return stmt

    async def with_external_ref(self, source: str, external_id: str) -> Committee | None:
        """The committee holding an integrator's reference, in the jurisdiction (how an import upserts)."""
        found: Committee | None = await self.session.scalar(
            self.select().where(Committee.external_source == source, Committee.external_id == external_id)
        )
        return found

    async def active_of_kind(
        self, unit_id: uuid.UUID, kind: CommitteeKind, other_than: uuid.UUID | None = None
    ) -> Committee | None:
        """An active committee of this kind at the unit (a commune or an agency has one PIC)."""
        stmt = self.select().where(
            Committee.unit_id == unit_id, Committee.kind == kind, Committee.status == CommitteeStatus.ACTIVE
        )
        if other_than is not None:
            stmt = stmt.where(Committee.id != other_than)
        found: Committee | None = await self.session.scalar(stmt.limit(1))
        return found

    async def villages_on(self, unit_id: uuid.UUID, day: date) -> list[Unit]:
        """The villages and residential groups directly under the unit that exist on `day`, by name."""
        units = UnitRepository(self.session, self.principal)
        stmt = units.select().where(Unit.parent_id == unit_id, Unit.kind.in_(VILLAGE_LEVEL))
        return list(
            await self.session.scalars(units.alive(stmt, day, False).order_by(Unit.name_key, Unit.id))
        )


class TermRepository(UnitScopedRepository[CommitteeTerm, Any]):
    model = CommitteeTerm
    not_found_code = "term_not_found"
    noun = "Term"
    unit_columns = (CommitteeTerm.unit_id,)

    async def of(self, committee: Committee, term_id: uuid.UUID) -> CommitteeTerm:
        """A term of the committee the route loaded (404 for another committee's)."""
        found: CommitteeTerm | None = await self.session.scalar(
            self.select().where(CommitteeTerm.committee_id == committee.id, CommitteeTerm.id == term_id)
        )
        if found is None:
            raise self.not_found(term_id)
        return found

    async def of_committee(self, committee_id: uuid.UUID) -> list[CommitteeTerm]:
        stmt = self.select().where(CommitteeTerm.committee_id == committee_id)
        return list(await self.session.scalars(stmt.order_by(CommitteeTerm.starts_on, CommitteeTerm.id)))

    async def on(self, committee_id: uuid.UUID, day: date) -> CommitteeTerm | None:
        """The committee's term in force on `day` (terms never overlap)."""
        found: CommitteeTerm | None = await self.session.scalar(
            self.select().where(CommitteeTerm.committee_id == committee_id, term_in_force(day)).limit(1)
        )
        return found

    async def overlapping(
        self, committee_id: uuid.UUID, starts_on: date, end: date, other_than: uuid.UUID | None
    ) -> CommitteeTerm | None:
        """Another term of the committee in force on some day of [starts_on, end)."""
        term_end = func.coalesce(CommitteeTerm.ended_on, CommitteeTerm.planned_end_on)
        stmt = self.select().where(
            CommitteeTerm.committee_id == committee_id, CommitteeTerm.starts_on < end, term_end > starts_on
        )
        if other_than is not None:
            stmt = stmt.where(CommitteeTerm.id != other_than)
        found: CommitteeTerm | None = await self.session.scalar(
            stmt.order_by(CommitteeTerm.starts_on).limit(1)
        )
        return found


class MemberRepository(UnitScopedRepository[CommitteeMember, "MemberPageQuery"]):
    model = CommitteeMember
    sorting = MEMBER_SORTING
    not_found_code = "member_not_found"
    noun = "Member"
    unit_columns = (CommitteeMember.unit_id,)

    def filter(self, stmt: Select[Any], query: "MemberPageQuery", named: Mapping[str, Unit]) -> Select[Any]:
        if "within_unit_id" in named:
            stmt = stmt.where(
                in_jurisdiction(Jurisdiction(named["within_unit_id"].path), CommitteeMember.unit_id)
            )
        if query.committee_id is not None:
            stmt = stmt.where(CommitteeMember.committee_id == query.committee_id)
        if query.on is not None:
            stmt = stmt.where(
                CommitteeMember.joined_on <= query.on,
                or_(CommitteeMember.left_on.is_(None), CommitteeMember.left_on > query.on),
            )
        if query.role:
            stmt = stmt.where(CommitteeMember.role.in_(list(query.role)))
        return filter_external_ref(stmt, CommitteeMember, query)

    def select(self) -> Select[Any]:
        return super().select().options(selectinload(CommitteeMember.represented_unit))

    @staticmethod
    def ordered(stmt: Select[Any]) -> Select[Any]:
        return stmt.order_by(
            CommitteeMember.term_id,
            CommitteeMember.joined_on,
            CommitteeMember.full_name,
            CommitteeMember.id,
        )

    async def of(self, committee: Committee, member_id: uuid.UUID) -> CommitteeMember:
        """A member of the committee the route loaded (404 for another committee's)."""
        found: CommitteeMember | None = await self.session.scalar(
            self.select().where(CommitteeMember.committee_id == committee.id, CommitteeMember.id == member_id)
        )
        if found is None:
            raise self.not_found(member_id)
        return found

    async def of_committee(
        self, committee_id: uuid.UUID, query: "CommitteeMemberListQuery"
    ) -> list[CommitteeMember]:
        stmt = self.select().where(CommitteeMember.committee_id == committee_id)
        if query.term_id is not None:
            stmt = stmt.where(CommitteeMember.term_id == query.term_id)
        if query.on is not None:
            stmt = stmt.where(
                CommitteeMember.joined_on <= query.on,
                or_(CommitteeMember.left_on.is_(None), CommitteeMember.left_on > query.on),
            )
        if query.role:
            stmt = stmt.where(CommitteeMember.role.in_(list(query.role)))
        return list(await self.session.scalars(self.ordered(stmt)))

    async def with_external_ref(self, source: str, external_id: str) -> CommitteeMember | None:
        """The member holding an integrator's reference, in the jurisdiction (how an import upserts)."""
        found: CommitteeMember | None = await self.session.scalar(
            self.select().where(
                CommitteeMember.external_source == source, CommitteeMember.external_id == external_id
            )
        )
        return found

    async def of_term(self, term_id: uuid.UUID) -> list[CommitteeMember]:
        stmt = self.select().where(CommitteeMember.term_id == term_id)
        return list(await self.session.scalars(self.ordered(stmt)))
