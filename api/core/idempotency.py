"""`Idempotency-Key` on POST: a retry returns the first answer instead of writing twice.

The record is written in the same transaction as the change it guards, so a failed request
leaves no key behind and a successful one can never lose its key. Two concurrent requests
with one key meet at the primary key: the second waits for the first to commit, then replays
its answer. Records live in the database, so every worker behind a load balancer shares them.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import Depends, Header, Request, Response
from sqlalchemy import LargeBinary, String, delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column
from starlette.datastructures import UploadFile

from api.core.db import Base, utcnow
from api.core.errors import FieldError, ValidationFailed

REPLAY_HEADER = "Idempotent-Replayed"
_KEPT_HEADERS = ("content-type", "location", "etag")


class IdempotencyRecord(Base):
    __tablename__ = "idempotency_records"

    scope: Mapped[str] = mapped_column(String(200), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int | None]
    headers: Mapped[str | None] = mapped_column(String(2000))
    body: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)


class IdempotentReplay(Exception):
    """Raised to short-circuit the endpoint: the stored answer is sent instead."""

    def __init__(self, response: Response) -> None:
        self.response = response


@dataclass
class PendingKey:
    record: IdempotencyRecord


def _fingerprint(request: Request, body: bytes) -> str:
    digest = hashlib.sha256()
    digest.update(request.method.encode() + b" " + request.url.path.encode() + b"\n")
    try:
        # The same JSON with other whitespace or key order is the same request.
        digest.update(json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode())
    except ValueError:
        digest.update(body)
    return digest.hexdigest()


async def _content(request: Request) -> bytes:
    """What the request says. A multipart form (an upload) is encoded again, with a new boundary,
    on every retry, so its fields and files are digested rather than its bytes; the form is the
    one the route has already parsed, and each file is rewound for it."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        return await request.body()
    digest = hashlib.sha256()
    for name, value in (await request.form()).multi_items():
        if isinstance(value, UploadFile):
            part = hashlib.sha256()
            while chunk := await value.read(1 << 20):
                part.update(chunk)
            await value.seek(0)
            item = [name, value.filename, part.hexdigest()]
        else:
            item = [name, value]
        digest.update(json.dumps(item).encode() + b"\n")
    return digest.hexdigest().encode()


def _replay(record: IdempotencyRecord) -> Response:
    headers = json.loads(record.headers or "{}")
    headers[REPLAY_HEADER] = "true"
    return Response(content=record.body, status_code=record.status_code or 200, headers=headers)


def _reused(key: str) -> ValidationFailed:
    return ValidationFailed(
        f"Idempotency-Key '{key}' was already used for a different request.",
        code="idempotency_key_reused",
        errors=[
            FieldError(
                field="Idempotency-Key", code="reused", message="used with another body", location="header"
            )
        ],
    )


async def _existing(session: AsyncSession, scope: str, key: str) -> IdempotencyRecord | None:
    record = await session.get(IdempotencyRecord, (scope, key), populate_existing=True)
    if record is not None and record.expires_at <= utcnow():
        await session.execute(
            delete(IdempotencyRecord).where(IdempotencyRecord.scope == scope, IdempotencyRecord.key == key)
        )
        return None
    return record


async def claim(session: AsyncSession, request: Request, scope: str, key: str, ttl: timedelta) -> PendingKey:
    """Claim `key` for this request, or raise `IdempotentReplay` / a 422 if it was used before."""
    fingerprint = _fingerprint(request, await _content(request))
    for _ in range(2):
        record = await _existing(session, scope, key)
        if record is not None:
            if record.fingerprint != fingerprint:
                raise _reused(key)
            raise IdempotentReplay(_replay(record))
        record = IdempotencyRecord(scope=scope, key=key, fingerprint=fingerprint, expires_at=utcnow() + ttl)
        try:
            async with session.begin_nested():
                session.add(record)
        except IntegrityError:
            # Another request with this key committed while we looked: read its answer.
            continue
        return PendingKey(record)
    raise RuntimeError("idempotency record vanished twice")  # pragma: no cover


def remember(pending: PendingKey, response: Response) -> None:
    """Store the answer on the claimed record; it commits with the change itself."""
    record = pending.record
    record.status_code = response.status_code
    record.headers = json.dumps({k: v for k, v in response.headers.items() if k.lower() in _KEPT_HEADERS})
    record.body = bytes(response.body)


async def purge_expired(session: AsyncSession) -> int:
    """Drop records past their time to live (`qcdc purge-expired`)."""
    result = await session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.expires_at <= utcnow()))
    return int(getattr(result, "rowcount", 0) or 0)


def idempotency_scope(request: Request) -> str:
    """Whose keys these are: the caller's identity as the auth layer reads it off the credential
    (`app.state.idempotency_scope`), so keys are never shared between principals. Read without a
    database round trip, before the route's own authorisation runs; a forged credential is
    refused by that authorisation anyway."""
    scope_of = getattr(request.app.state, "idempotency_scope", None)
    return str(scope_of(request)) if scope_of else "public"


async def idempotency_key(
    request: Request,
    key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            min_length=1,
            max_length=200,
            description="Any unique string (a UUID is best). Retrying with the same key and body returns the "
            "first answer without writing again; the same key with another body is refused (422). "
            "Kept for 24 hours.",
            examples=["6f1c2b9e-2f4c-4b0e-9d53-0c6a1f0f9e21"],
        ),
    ] = None,
) -> None:
    if key is None:
        return
    session: AsyncSession = request.state.session
    settings = request.app.state.settings
    scope = idempotency_scope(request)
    request.state.idempotency = await claim(
        session, request, scope, key, timedelta(hours=settings.idempotency_ttl_hours)
    )


IdempotencyKey = Depends(idempotency_key)
