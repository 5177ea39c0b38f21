"""Inspection fixtures: the test tree, and clients signed in as principals of one of its units."""

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.db import Database
from api.units.models import Unit
from tests.conftest import Backend, app_client
from tests.factories import access_token, create_tree, create_user

TEAMS = "/api/v1/inspections/teams"
PLANS = "/api/v1/inspections/plans"
TOPICS = "/api/v1/inspections/topics"
RECOMMENDATIONS = "/api/v1/inspections/recommendations"

SignIn = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
async def tree(session: AsyncSession) -> dict[str, Unit]:
    return await create_tree(session)


@pytest.fixture
def signed_in(backend: Backend, database: Database, session: AsyncSession) -> SignIn:
    """`async with signed_in(unit, roles=[...]) as c`: a client of a new user of that unit (None: the
    whole country), a steering committee's by default."""

    @asynccontextmanager
    async def open_client(
        unit: Unit | None, roles: list[str] | None = None
    ) -> AsyncIterator[httpx.AsyncClient]:
        user = await create_user(
            session, roles=roles or ["steering_committee"], unit_id=unit.id if unit is not None else None
        )
        headers = {"Authorization": f"Bearer {access_token(backend.settings, user)}"}
        async with app_client(backend.settings, database, headers) as client:
            yield client

    return open_client


def team_body(organiser: Unit, targets: list[Unit], **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "inspection",
        "title": "Đoàn kiểm tra thực hiện dân chủ ở cơ sở tại xã Hòa An",
        "organising_unit_id": str(organiser.id),
        "planned_start": "2026-09-07",
        "planned_end": "2026-09-18",
        "topics": ["publicity_of_information", "village_conventions"],
        "members": [
            {"full_name": "Hoàng Thị Lan", "position": "Phó Trưởng ban Dân vận", "role": "leader"},
            {"full_name": "Nông Văn Hải", "organisation": "Ủy ban MTTQ tỉnh", "role": "member"},
        ],
        "target_unit_ids": [str(t.id) for t in targets],
    }
    data.update(overrides)
    return data


def plan_body(organiser: Unit, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "year": 2026,
        "title": "Kế hoạch kiểm tra, giám sát thực hiện dân chủ ở cơ sở năm 2026",
        "kind": "annual",
        "issuer": "provincial_steering_committee",
        "document_number": "15/KH-BCĐ",
        "issued_on": "2026-01-15",
        "organising_unit_id": str(organiser.id),
        "topics": ["publicity_of_information", "people_supervise"],
        "notes": "Tập trung vào các xã mới sáp nhập",
    }
    data.update(overrides)
    return data
