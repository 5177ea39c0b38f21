"""What the import tests share: submitting a file to POST /imports and running its job here."""

import uuid
from typing import Any

import httpx

from api.core.db import Database
from api.core.settings import Settings
from api.jobs import runner


async def submit(
    client: httpx.AsyncClient, data: bytes, name: str = "thon.xlsx", *, resource: str = "units", **form: Any
) -> httpx.Response:
    fields = {"resource": resource, **{key: str(value).lower() for key, value in form.items()}}
    return await client.post("/api/v1/imports", files={"file": (name, data)}, data=fields)


async def imported(
    client: httpx.AsyncClient,
    database: Database,
    settings: Settings,
    data: bytes,
    *,
    resource: str = "units",
    **form: Any,
) -> dict[str, Any]:
    """Submit, run the job, and answer the job as GET /jobs/{id} shows it."""
    submitted = await submit(client, data, resource=resource, **form)
    assert submitted.status_code == 202, submitted.text
    job_id = submitted.json()["id"]
    assert submitted.headers["Location"] == f"/api/v1/jobs/{job_id}"
    await runner.run(database, settings, uuid.UUID(job_id))
    seen = await client.get(f"/api/v1/jobs/{job_id}")
    assert seen.status_code == 200
    job: dict[str, Any] = seen.json()
    return job
