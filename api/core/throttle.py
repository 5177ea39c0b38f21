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
from sqlalchemy import Integer, String, delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from api.core.db import Base, Database, dialect_insert, utcnow
from api.core.errors import RateLimited
from api.core.unit_of_work import AfterTransaction


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
        """Count one hit, in a transaction of its own (run it after the request's, see
        `AfterTransaction`)."""
        start = self.window_start(utcnow())
        upsert = (
            dialect_insert(database.dialect)(RateLimitCounter)
            .values(bucket=self._bucket(key), window_start=start, count=1)
            .on_conflict_do_update(
                index_elements=["bucket", "window_start"], set_={"count": RateLimitCounter.count + 1}
            )
        )
        async with database.session() as session:
            await session.execute(upsert)

    def _bucket(self, key: str) -> str:
        return f"{self.name}:{key}"[:200]

    def _refusal(self, start: datetime, now: datetime) -> RateLimited:
        retry_after = max(1, math.ceil((start + self.window - now).total_seconds()))
        return RateLimited(
            f"Too many requests for {self.name}: at most {self.limit} per {int(self.window.total_seconds())} s.",
            headers={"Retry-After": str(retry_after)},
            extra={"retry_after": retry_after},
        )

    async def check(self, database: Database, key: str) -> None:
        """Refuse (429) when the window's limit is already reached, without counting a hit."""
        now = utcnow()
        start = self.window_start(now)
        async with database.session(write=False) as session:
            count = await session.scalar(
                select(RateLimitCounter.count).where(
                    RateLimitCounter.bucket == self._bucket(key), RateLimitCounter.window_start == start
                )
            )
        if count is not None and count >= self.limit:
            raise self._refusal(start, now)

    async def __call__(self, request: Request, after_transaction: AfterTransaction) -> None:
        """As a route dependency: one bucket per client address; every request counts."""
        client = request.client.host if request.client else "unknown"
        database: Database = request.app.state.database
        await self.check(database, client)
        after_transaction(lambda: self.hit(database, client))


async def purge_expired(session: AsyncSession, older_than: timedelta = timedelta(days=1)) -> int:
    """Drop counters of windows long past (`qcdc purge-expired`)."""
    result = await session.execute(
        delete(RateLimitCounter).where(RateLimitCounter.window_start < utcnow() - older_than)
    )
    return int(getattr(result, "rowcount", 0) or 0)
