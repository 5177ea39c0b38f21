"""One transaction per request, committed before the response leaves.

Every API route is a `UnitOfWorkRoute`: it opens the session the endpoint's dependencies use,
lets the endpoint run, stores the answer under the request's `Idempotency-Key` (if any), and
commits. Any exception rolls everything back, so a client never sees success for a write that
was not kept, nor a half-applied one. Services and repositories only flush.
"""

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request, Response
from fastapi.routing import APIRoute
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.db import Database
from api.core.idempotency import IdempotencyKey, IdempotentReplay, remember

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class UnitOfWorkRoute(APIRoute):
    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        if "POST" in (kwargs.get("methods") or ()):
            # Every POST honours Idempotency-Key, and the contract documents it, without each
            # endpoint having to remember.
            kwargs["dependencies"] = [IdempotencyKey, *(kwargs.get("dependencies") or [])]
        super().__init__(path, endpoint, **kwargs)

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def unit_of_work(request: Request) -> Response:
            database: Database = request.app.state.database
            write = request.method not in SAFE_METHODS
            async with database.session_factory(write=write)() as session:
                request.state.session = session
                try:
                    response = await handler(request)
                except IdempotentReplay as replay:
                    await session.rollback()
                    return replay.response
                except BaseException:
                    await session.rollback()
                    raise
                if write and response.status_code < 400:
                    pending = getattr(request.state, "idempotency", None)
                    if pending is not None:
                        remember(pending, response)
                    await session.commit()
                else:
                    await session.rollback()
                return response

        return unit_of_work


# async: a plain `def` dependency would be sent through the thread pool on every request.
async def get_session(request: Request) -> AsyncSession:
    session: AsyncSession = request.state.session
    return session


Session = Annotated[AsyncSession, Depends(get_session)]
