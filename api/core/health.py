"""Liveness and readiness for load balancers and orchestrators."""

import structlog
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import Field
from sqlalchemy import text

from api.core.db import Database
from api.core.errors import ServiceUnavailable, database_unavailable
from api.core.responses import problems
from api.core.schemas import Schema

log = structlog.get_logger(__name__)
router = APIRouter(tags=["operations"])


class Health(Schema):
    status: str = Field(description="`ok` (live) or `ready` (the database answers).", examples=["ok"])


@router.get("/healthz", operation_id="healthz-get", summary="Liveness", response_model=Health)
async def healthz() -> Health:
    """The process is up and serving; says nothing of the database."""
    return Health(status="ok")


@router.get(
    "/readyz",
    operation_id="readyz-get",
    summary="Readiness",
    response_model=Health,
    responses={
        200: {"content": {"application/json": {"example": {"status": "ready"}}}},
        **problems(503, codes={503: ["database_unavailable"]}),
    },
)
async def readyz(request: Request) -> Health | JSONResponse:
    """The process can reach its database and should receive traffic."""
    database: Database = request.app.state.database
    try:
        async with database.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
    except ServiceUnavailable:
        raise  # the connection could not be opened: logged there (api/core/db.py)
    except Exception as exc:
        log.warning("readyz_database_unreachable", error=str(exc)[:300])
        raise database_unavailable("The database cannot be reached.") from exc
    return Health(status="ready")
