"""Rate limits whose counters live in the database, so every worker behind a load balancer
counts the same requests (a per-process counter would multiply the limit by the workers).

Fixed windows: one row per (bucket, window start), incremented atomically with an upsert. A
counter is written in its own short transaction, so it survives the request's rollback: a
refused or failed request still counts (that is the point, for sign-in attempts).
"""

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fastapi import Request
from sqlalchemy import Integer, String, delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from api.core.db import Base, Database, utcnow
from api.core.errors import TooManyRequests


class RateLimitCounter(Base):
    __tablename__ = "rate_limit_counters"

    bucket: Mapped[str] = mapped_column(String(200), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(primary_key=True, index=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


@dataclass(frozen=True)
class RateLimit:
    """At most `limit` hits per `window` for one bucket (e.g. one client address on one route)."""

    name: str
    limit: int
    window: timedelta

    def window_start(self, now: datetime) -> datetime:
        seconds = int(self.window.total_seconds())
        epoch = int(now.timestamp())
        return datetime.fromtimestamp(epoch - epoch % seconds, UTC)

    async def hit(self, database: Database, key: str) -> None:
        """Count one hit; raise 429 with `Retry-After` once the window's limit is passed."""
        now = utcnow()
        start = self.window_start(now)
        bucket = f"{self.name}:{key}"[:200]
        insert = pg_insert if database.dialect == "postgresql" else sqlite_insert
        upsert = (
            insert(RateLimitCounter)
            .values(bucket=bucket, window_start=start, count=1)
            .on_conflict_do_update(
                index_elements=["bucket", "window_start"], set_={"count": RateLimitCounter.count + 1}
            )
            .returning(RateLimitCounter.count)
        )
        async with database.session() as session:
            count = int((await session.execute(upsert)).scalar_one())
        if count > self.limit:
            retry_after = max(1, math.ceil((start + self.window - now).total_seconds()))
            raise TooManyRequests(
                f"Too many requests for {self.name}: at most {self.limit} per {int(self.window.total_seconds())} s.",
                code="rate_limited",
                headers={"Retry-After": str(retry_after)},
                extra={"retry_after": retry_after},
            )

    async def __call__(self, request: Request) -> None:
        """As a route dependency: one bucket per client address."""
        client = request.client.host if request.client else "unknown"
        await self.hit(request.app.state.database, client)


async def purge_expired(session: AsyncSession, older_than: timedelta = timedelta(days=1)) -> int:
    """Drop counters of windows long past (`qcdc purge-expired`)."""
    result = await session.execute(
        delete(RateLimitCounter).where(RateLimitCounter.window_start < utcnow() - older_than)
    )
    return int(getattr(result, "rowcount", 0) or 0)
