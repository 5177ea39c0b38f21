"""Petition fixtures: a small world, principals with and without the confidential grant, and a
helper that records a case over the API."""

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager
from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import User
from api.core.db import Database
from api.units.models import Unit
from tests.conftest import Backend, app_client
from tests.factories import access_token, create_tree, create_user


@pytest.fixture
async def tree(session: AsyncSession) -> dict[str, Unit]:
    return await create_tree(session)


def _client_for(
    backend: Backend, database: Database, user: User
) -> AbstractAsyncContextManager[httpx.AsyncClient]:
    headers = {"Authorization": f"Bearer {access_token(backend.settings, user)}"}
    return app_client(backend.settings, database, headers)


@pytest.fixture
async def officer(session: AsyncSession, tree: dict[str, Unit]) -> User:
    return await create_user(session, username="officer-cb", roles=["officer"], unit_id=tree["province"].id)


@pytest.fixture
async def officer_client(
    backend: Backend, database: Database, officer: User
) -> AsyncIterator[httpx.AsyncClient]:
    async with _client_for(backend, database, officer) as c:
        yield c


@pytest.fixture
async def inspector_client(
    backend: Backend, database: Database, session: AsyncSession, tree: dict[str, Unit]
) -> AsyncIterator[httpx.AsyncClient]:
    """An officer granted `petitions:confidential`, who may read denouncers."""
    user = await create_user(
        session,
        username="inspector-cb",
        roles=["officer"],
        grants=["petitions:confidential"],
        unit_id=tree["province"].id,
    )
    async with _client_for(backend, database, user) as c:
        yield c


def case(unit: Unit, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "complaint",
        "channel": "mail",
        "received_on": "2026-03-02",
        "receiving_unit_id": str(unit.id),
        "subject": "Khiếu nại quyết định thu hồi đất",
        "content": "Ông An khiếu nại Quyết định số 12/QĐ-UBND về việc thu hồi đất nông nghiệp tại xóm Nà Cạn.",
        "category": "land",
        "petitioners": [{"full_name": "Nguyễn Văn An", "identity_number": "004090001234"}],
    }
    body.update(overrides)
    return body


async def receive(client: httpx.AsyncClient, unit: Unit, **overrides: Any) -> dict[str, Any]:
    r = await client.post("/api/v1/petitions", json=case(unit, **overrides))
    assert r.status_code == 201, r.text
    return dict(r.json())


async def suggestions(client: httpx.AsyncClient, petition: dict[str, Any]) -> list[dict[str, Any]]:
    """A case's likely duplicates, as its screen asks for them once it is recorded."""
    r = await client.get(f"/api/v1/petitions/{petition['id']}/duplicate-suggestions")
    assert r.status_code == 200, r.text
    return list(r.json())


async def move(
    client: httpx.AsyncClient, petition_id: str, action: str, on: date | str | None = None, **data: Any
) -> httpx.Response:
    body: dict[str, Any] = {"action": action, **data}
    if on is not None:
        body["effective_on"] = str(on)
    return await client.post(f"/api/v1/petitions/{petition_id}/transitions", json=body)


def due(petition: dict[str, Any], stage: str) -> str:
    clocks = [d for d in petition["deadlines"] if d["stage"] == stage]
    assert clocks, f"no {stage} limit in {petition['deadlines']}"
    return str(clocks[-1]["due_on"])
