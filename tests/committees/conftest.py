"""Committee fixtures: communes with villages, clients signed in as principals of a unit, and the
bodies the routes take."""

from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from api.units.models import Unit
from tests.factories import create_unit
from tests.inspections.conftest import SignIn, signed_in

__all__ = ["COMMITTEES", "SignIn", "signed_in"]

COMMITTEES = "/api/v1/committees"


class Commune:
    """A commune of a province with its villages (xóm), in name order."""

    def __init__(self, province: Unit, commune: Unit, villages: list[Unit]) -> None:
        self.province, self.unit, self.villages = province, commune, villages


async def create_commune(session: AsyncSession, villages: int, name: str = "Xã Hòa An") -> Commune:
    province = await create_unit(session, name="Tỉnh Cao Bằng Thử", kind="province")
    commune = await create_unit(session, name=name, kind="commune", parent_id=province.id)
    made = [
        await create_unit(session, name=f"Xóm Nà {n:02d}", kind="village", parent_id=commune.id)
        for n in range(1, villages + 1)
    ]
    return Commune(province, commune, made)


@pytest.fixture
async def commune(session: AsyncSession) -> Commune:
    """A commune with 7 villages."""
    return await create_commune(session, 7)


def committee_body(unit: Unit, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "people_inspection",
        "unit_id": str(unit.id),
        "name": "Ban Thanh tra nhân dân xã Hòa An",
        "established_document": "12/QĐ-MTTQ",
        "established_on": "2024-03-15",
        "established_by": "Ủy ban MTTQ Việt Nam xã Hòa An",
    }
    data.update(overrides)
    return data


def member_body(term_id: str, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "term_id": term_id,
        "full_name": "Hoàng Thị Lan",
        "gender": "female",
        "birth_year": 1978,
        "ethnicity": "Tày",
        "occupation": "Nông dân",
        "contact": "0912 345 678",
        "role": "member",
        "joined_by": "village_meeting_election",
        "meeting_on": "2024-03-10",
        "votes_for": 86,
        "voters": 102,
        "joined_on": "2024-03-15",
    }
    data.update(overrides)
    return data


async def new_committee(client: httpx.AsyncClient, unit: Unit, **overrides: Any) -> dict[str, Any]:
    response = await client.post(COMMITTEES, json=committee_body(unit, **overrides))
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def new_term(
    client: httpx.AsyncClient, committee_id: str, starts_on: date, planned_end_on: date, **overrides: Any
) -> dict[str, Any]:
    body = {"starts_on": starts_on.isoformat(), "planned_end_on": planned_end_on.isoformat(), **overrides}
    response = await client.post(f"{COMMITTEES}/{committee_id}/terms", json=body)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def new_member(
    client: httpx.AsyncClient, committee_id: str, term_id: str, **overrides: Any
) -> dict[str, Any]:
    response = await client.post(
        f"{COMMITTEES}/{committee_id}/members", json=member_body(term_id, **overrides)
    )
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created
