"""The built SPA is served at / with client-side routes falling back to index.html, while the
API keeps its own answers: a mistyped API path is a problem+json 404, never the app's HTML."""

from pathlib import Path

import httpx

from api.main import create_app
from tests.conftest import Backend
from tests.core.test_errors import assert_unknown_routes_and_methods


async def test_spa_routes_fall_back_to_index_but_api_paths_do_not(backend: Backend, tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>QCDC</title>", encoding="utf-8")
    script = "console.log('QCDC');\n" * 200
    (tmp_path / "assets" / "app-3f2a.js").write_text(script, encoding="utf-8")
    app = create_app(backend.settings, spa_dist=tmp_path)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as c:
        for path in ("/", "/units", "/admin/users?tab=1"):
            r = await c.get(path)
            assert r.status_code == 200 and "<title>QCDC</title>" in r.text, path
        asset = await c.get("/assets/app-3f2a.js", headers={"Accept-Encoding": "gzip"})
        assert asset.text == script
        assert asset.headers["content-encoding"] == "gzip"
        assert "immutable" in asset.headers["cache-control"]
        assert (await c.get("/units")).headers["cache-control"] == "no-cache"
        await assert_unknown_routes_and_methods(c)
