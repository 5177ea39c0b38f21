"""The application factory: `create_app()` wires the core and every domain's routes."""

import asyncio
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import FileResponse, Response

from api.auth.authenticator import authenticate_credential, credential_scope
from api.core import audit, clock
from api.core.db import Database, create_engine
from api.core.health import router as health_router
from api.core.logging import configure_logging
from api.core.metrics import router as metrics_router
from api.core.middleware import BodySizeLimitMiddleware, RequestContextMiddleware, SecurityHeadersMiddleware
from api.core.openapi import install_openapi
from api.core.pagination import CursorCodec
from api.core.problems import install_api_fallback, install_exception_handlers
from api.core.routing import ResourceRoutes, flattened
from api.core.settings import PROJECT_ROOT, Settings, get_settings
from api.core.shared_cache import ProcessCache
from api.core.storage import local_storage
from api.domains import DOMAINS

API_PREFIX = "/api/v1"
SPA_DIST = PROJECT_ROOT / "frontend" / "dist"


def api_routes(app: FastAPI) -> ResourceRoutes:
    """Every domain's routes under the API prefix, found by their resource (api/core/routing.py)."""
    return ResourceRoutes(
        API_PREFIX,
        (
            route
            for domain in DOMAINS
            for domain_router in domain.api_routers()
            for route in flattened(domain_router, API_PREFIX, app)
        ),
    )


class HashedAssets(StaticFiles):
    """The build's assets carry a content hash in their names: a browser may keep them forever."""

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response


def _mount_spa(app: FastAPI, dist: Path) -> None:
    """Serve the built SPA at / with client-side routes falling back to index.html.

    Assets go out gzipped (a third of their size) and cached for good; index.html is revalidated
    on every load so a new build is picked up at once. The API's own answers are not compressed
    here: they are small, and compressing secrets beside reflected input invites BREACH."""
    assets = GZipMiddleware(HashedAssets(directory=dist / "assets"), minimum_size=1024)
    app.mount("/assets", assets, name="spa-assets")
    # The build's files, listed once: a request can only ever name one of them (no traversal).
    files = {p.relative_to(dist).as_posix(): p for p in dist.rglob("*") if p.is_file()}
    index = dist / "index.html"

    @app.get("/{spa_path:path}", include_in_schema=False)
    async def spa(spa_path: str) -> FileResponse:
        # API paths never get here (install_api_fallback answers them), so never the app's HTML.
        path = files.get(spa_path, index)
        return FileResponse(path, headers={"Cache-Control": "no-cache"} if path == index else None)


def create_app(
    settings: Settings | None = None, database: Database | None = None, spa_dist: Path | None = SPA_DIST
) -> FastAPI:
    settings = settings or get_settings()
    if settings.today is not None:
        clock.pin(settings.today)
    configure_logging(settings.log_level, settings.log_json)
    owns_database = database is None
    replica = settings.database_replica_url
    db = database or Database(
        create_engine(settings), replica=create_engine(settings, replica) if replica else None
    )

    cache = ProcessCache()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # A worker keeps principals and reference data only where PostgreSQL can say when they
        # change, and never on a database bound to one outer transaction (the tests'), whose
        # NOTIFYs never commit.
        if settings.environment != "test":
            # Everything loaded so far (the framework, the models, the routes: most of the heap)
            # lives as long as the worker: the cyclic collector stops scanning it. Its full
            # collections scanned it all every few requests, 100-200 ms inside whichever request
            # triggered one (measured on the coverage report, whose slowest tenth they made).
            gc.freeze()
        listener = None
        if db.dialect == "postgresql" and not db.bound:
            listener = asyncio.create_task(cache.listen(db.engine))
        # Each worker seals the audit events of every worker (they take turns on the chain's head);
        # a database bound to the tests' transaction is sealed by the tests themselves.
        async with audit.sealing(db, 0 if db.bound else settings.audit_seal_seconds):
            yield
        if listener is not None:
            listener.cancel()
            with suppress(asyncio.CancelledError):
                await listener
        if owns_database:
            await db.dispose()

    app = FastAPI(
        title="QCDC API",
        version="1.0.0",
        lifespan=lifespan,
        docs_url="/docs",
        redoc_url=None,
        openapi_url=f"{API_PREFIX}/openapi.json",
    )
    app.state.settings = settings
    app.state.database = db
    app.state.cursor_codec = CursorCodec(settings.resolved_secret_key)
    app.state.authenticator = authenticate_credential
    app.state.cache = cache
    app.state.idempotency_scope = credential_scope
    app.state.storage = local_storage(settings.data_dir)
    install_exception_handlers(app)
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        allowances=[
            (API_PREFIX + path, domain.upload_limit(settings))
            for domain in DOMAINS
            for path in domain.upload_paths()
        ],
    )
    app.add_middleware(SecurityHeadersMiddleware)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PATCH", "DELETE"],
            allow_headers=[
                "Authorization",
                "Content-Type",
                "If-Match",
                "Idempotency-Key",
                "X-API-Key",
                "X-Request-ID",
            ],
            expose_headers=["ETag", "Location", "X-Request-ID", "Retry-After", "Idempotent-Replayed"],
        )
    app.add_middleware(RequestContextMiddleware)
    app.include_router(health_router)
    app.include_router(metrics_router)
    app.router.routes.append(api_routes(app))
    install_api_fallback(app, API_PREFIX)
    install_openapi(app, [tag for domain in DOMAINS for tag in domain.tags.items()])
    # Last: the SPA's catch-all answers only what no API route does.
    if spa_dist is not None and (spa_dist / "index.html").is_file():
        _mount_spa(app, spa_dist)
    return app
