"""GET /jobs, /jobs/{id} and its events: a principal sees its own jobs, a nationwide
administrator every job, anyone else a 404; the event stream follows a job to its end."""

import asyncio
import json
import uuid

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import User
from api.core.db import Database
from api.jobs import runner
from api.jobs.models import JobState
from tests.conftest import Backend
from tests.factories import access_token, create_job, create_unit, create_user
from tests.jobs import handlers
from tests.jobs.handlers import forget_test_jobs


def _as(client: httpx.AsyncClient, backend: Backend, user: User) -> httpx.AsyncClient:
    client.headers["Authorization"] = f"Bearer {access_token(backend.settings, user)}"
    return client


@pytest.fixture
async def people(session: AsyncSession) -> dict[str, User]:
    province = await create_unit(session, name="Tỉnh Việc")
    commune = await create_unit(session, name="Xã Việc", kind="commune", parent_id=province.id)
    return {
        "owner": await create_user(session, roles=["officer"], unit_id=commune.id),
        "colleague": await create_user(session, roles=["officer"], unit_id=commune.id),
        "province_admin": await create_user(session, roles=["admin"], unit_id=province.id),
        "nationwide_admin": await create_user(session, roles=["admin"], unit_id=None),
        "nationwide_viewer": await create_user(session, roles=["viewer"], unit_id=None),
    }


async def test_a_job_is_seen_by_its_owner_and_nationwide_administrators_only(
    anonymous: httpx.AsyncClient, backend: Backend, session: AsyncSession, people: dict[str, User]
) -> None:
    job = await create_job(session, people["owner"], kind=handlers.COUNT, done=2, total=5)
    seen = await _as(anonymous, backend, people["owner"]).get(f"/api/v1/jobs/{job.id}")
    assert seen.status_code == 200, seen.text
    body = seen.json()
    assert (body["state"], body["progress"], body["attempts"]) == ("queued", {"done": 2, "total": 5}, 0)
    assert (body["principal_kind"], body["principal_id"]) == ("user", str(people["owner"].id))
    assert body["result"] is None and body["error"] is None
    assert (
        await _as(anonymous, backend, people["nationwide_admin"]).get(f"/api/v1/jobs/{job.id}")
    ).status_code == 200
    for who in ("colleague", "province_admin", "nationwide_viewer"):
        refused = await _as(anonymous, backend, people[who]).get(f"/api/v1/jobs/{job.id}")
        assert refused.status_code == 404, who
        assert refused.json()["code"] == "job_not_found"
        assert (await anonymous.get(f"/api/v1/jobs/{job.id}/events")).status_code == 404
    missing = await _as(anonymous, backend, people["nationwide_admin"]).get(f"/api/v1/jobs/{uuid.uuid4()}")
    assert missing.status_code == 404


async def test_the_list_shows_ones_own_jobs_filtered(
    anonymous: httpx.AsyncClient, backend: Backend, session: AsyncSession, people: dict[str, User]
) -> None:
    mine = [
        await create_job(session, people["owner"], kind=handlers.COUNT),
        await create_job(session, people["owner"], kind=handlers.FAIL, state=JobState.FAILED, error_code="x"),
        await create_job(session, people["owner"], kind=handlers.COUNT, state=JobState.SUCCEEDED),
    ]
    theirs = await create_job(session, people["colleague"], kind=handlers.COUNT)
    client = _as(anonymous, backend, people["owner"])
    listed = (await client.get("/api/v1/jobs", params={"limit": 2, "include_total": "true"})).json()
    assert listed["total"] == 3 and len(listed["items"]) == 2 and listed["next_cursor"]
    rest = (await client.get("/api/v1/jobs", params={"limit": 2, "cursor": listed["next_cursor"]})).json()
    ids = [item["id"] for item in listed["items"] + rest["items"]]
    assert sorted(ids) == sorted(str(job.id) for job in mine)
    assert str(theirs.id) not in ids
    failed = (await client.get("/api/v1/jobs", params={"state": "failed"})).json()["items"]
    assert [item["id"] for item in failed] == [str(mine[1].id)]
    assert failed[0]["error"] == {"code": "x", "message": ""}
    counts = (
        await client.get("/api/v1/jobs", params={"kind": handlers.COUNT, "state": ["queued", "succeeded"]})
    ).json()
    assert {item["id"] for item in counts["items"]} == {str(mine[0].id), str(mine[2].id)}
    everyone = (await _as(anonymous, backend, people["nationwide_admin"]).get("/api/v1/jobs")).json()["items"]
    assert {str(theirs.id), str(mine[0].id)} <= {item["id"] for item in everyone}
    wrong = await client.get("/api/v1/jobs", params={"state": "lost"})
    assert wrong.status_code == 422


async def test_the_event_stream_follows_a_job_to_its_end(
    committing_client: httpx.AsyncClient, backend: Backend
) -> None:
    """Through real commits: the stream's reads and the worker's writes are separate transactions."""
    database = Database(backend.engine)
    settings = backend.settings.model_copy(update={"job_heartbeat_seconds": 0.01})
    async with database.session() as session:
        job = await create_job(session, kind=handlers.COUNT, params={"rows": 3, "pause": 0.7})
    try:
        stream = asyncio.create_task(committing_client.get(f"/api/v1/jobs/{job.id}/events"))
        await asyncio.sleep(0.3)
        assert await runner.run(database, settings, job.id) == JobState.SUCCEEDED
        response = await asyncio.wait_for(stream, timeout=10)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        events = [
            json.loads(line.removeprefix("data:").strip())
            for line in response.text.splitlines()
            if line.startswith("data:")
        ]
        states = [event["state"] for event in events]
        assert states[0] == "queued" and states[-1] == "succeeded"
        assert "running" in states
        done = [event["progress"]["done"] for event in events]
        assert done == sorted(done) and done[-1] == 3
        assert len(events) >= 4  # queued, running at several steps, succeeded
        assert events[-1]["result"] == {"rows": 3}
    finally:
        await forget_test_jobs(backend)
        await database.dispose()
