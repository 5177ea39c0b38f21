"""ASGI middleware: request ids, access log and metrics, and the request body limit.

Written as plain ASGI (not BaseHTTPMiddleware) because they wrap every request, including
streamed ones, and must cost next to nothing.
"""

import re
import time
import uuid
from collections.abc import Sequence

import structlog
from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.core.metrics import observe

log = structlog.get_logger("qcdc.access")
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def route_template(scope: Scope) -> str:
    """The matched route with its parameters as placeholders (`/api/v1/units/{unit_id}`), so
    metric labels stay few; 'unmatched' for a 404 on no route."""
    if scope.get("route") is None:
        return "unmatched"
    path = str(scope["path"])
    for name, value in sorted(scope.get("path_params", {}).items(), key=lambda kv: -len(str(kv[1]))):
        value = str(value)
        if value and (path.endswith("/" + value) or f"/{value}/" in path):
            path = (
                path.replace(f"/{value}/", f"/{{{name}}}/")
                if f"/{value}/" in path
                else path[: -len(value)] + f"{{{name}}}"
            )
    return path


class RequestContextMiddleware:
    """Accepts a sane `X-Request-ID` or makes one, echoes it, and logs and counts the request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = message.setdefault("headers", [])
                if not any(name.lower() == b"x-request-id" for name, _ in headers):
                    headers.append((b"x-request-id", request_id.encode()))
            await send(message)

        structlog.contextvars.bind_contextvars(request_id=request_id)
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route = route_template(scope)
            observe(scope["method"], route, status, elapsed)
            log.info(
                "request",
                method=scope["method"],
                path=scope["path"],
                route=route,
                status=status,
                duration_ms=round(elapsed * 1000, 2),
            )
            structlog.contextvars.unbind_contextvars("request_id")


class BodySizeLimitMiddleware:
    """Refuses bodies over the limit with 413, whether announced by Content-Length or streamed.

    Starlette's own limiter answers in plain text; ours raises the HTTP 413 that the problem
    handler renders, and FastAPI lets an HTTPException raised while reading the body through.
    `allowances` give the few paths that take files (path pattern, limit) a limit of their own,
    so the rest of the API keeps the small one."""

    def __init__(self, app: ASGIApp, max_bytes: int, allowances: Sequence[tuple[str, int]] = ()) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.allowances = [(re.compile(pattern), limit) for pattern, limit in allowances]

    def _limit(self, path: str) -> int:
        return next((limit for pattern, limit in self.allowances if pattern.fullmatch(path)), self.max_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope["path"])
        declared = dict(scope["headers"]).get(b"content-length", b"")
        too_large = declared.isdigit() and int(declared) > limit
        received = 0

        def refusal() -> HTTPException:
            return HTTPException(413, f"The request body exceeds the limit of {limit} bytes.")

        async def limited_receive() -> Message:
            nonlocal received
            if too_large:
                raise refusal()
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise refusal()
            return message

        await self.app(scope, limited_receive, send)


# The SPA loads only its own scripts and styles and talks only to this origin; the API's JSON is
# never framed. `style-src 'unsafe-inline'` is for the component library's runtime styles.
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        b"font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    ),
]


class SecurityHeadersMiddleware:
    """The same protective headers on every response, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                present = {name.lower() for name, _ in headers}
                # Swagger UI at /docs loads its assets from a CDN; it keeps its own page policy.
                docs = scope["path"] in ("/docs", "/docs/oauth2-redirect")
                headers.extend(
                    (name, value)
                    for name, value in SECURITY_HEADERS
                    if name not in present and not (docs and name == b"content-security-policy")
                )
            await send(message)

        await self.app(scope, receive, send_with_headers)
