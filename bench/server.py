"""The real app plus one bare route, served by uvicorn with `--factory` as the benchmark's baseline."""

from fastapi import FastAPI

from api.main import create_app

BARE_PATH = "/bench/bare"


async def bare() -> dict[str, str]:
    return {"status": "ok"}


def create() -> FastAPI:
    app = create_app()
    app.add_api_route(BARE_PATH, bare, methods=["GET"], include_in_schema=False)
    # First in line: when the SPA is built, its catch-all route would otherwise answer this path.
    app.router.routes.insert(0, app.router.routes.pop())
    return app
