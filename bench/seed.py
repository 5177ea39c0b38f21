"""The benchmark database (`qcdc_bench`, or `QCDC_BENCH_DATABASE_NAME`): the official units and ~100,000
synthetic villages."""

import os
import random
import re
import secrets
import subprocess
import sys
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg  # type: ignore[import-untyped]

from api.auth.service import create_admin
from api.core.db import Database, connections_per_worker, create_engine
from api.core.security import create_access_token
from api.core.settings import Settings
from api.core.text import fold
from api.units import official, rules
from api.units.models import UnitKind

ROOT = Path(__file__).resolve().parents[1]
# Another checkout's `make bench` recreates `qcdc_bench`: a development run names its own database.
DEFAULT_DATABASE = "qcdc_bench"
DEFAULT_SERVER_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
SEED = 2025
CREATED_AT = datetime(2025, 7, 1, tzinfo=UTC)

# Tày, Nùng and Thái place names of the northern uplands, and Kinh ones everywhere else.
UPLAND_PROVINCES = frozenset({"04", "08", "11", "12", "14", "15", "19", "20"})
# fmt: off
UPLAND_FIRST: tuple[str, ...] = (
    "Nà", "Khuổi", "Pác", "Lũng", "Cốc", "Nặm", "Phja", "Pò", "Kéo", "Bản", "Phiêng", "Co",
)
UPLAND_SECOND: tuple[str, ...] = (
    "Lẹng", "Khon", "Bó", "Rị", "Giốc", "Đén", "Pù", "Phường", "Tuồng", "Mòn", "Sliểng", "Cáy",
)
KINH_FIRST: tuple[str, ...] = (
    "Đông", "Tây", "Nam", "Bắc", "Thượng", "Hạ", "Trung", "Tân", "Phú", "Hòa", "Yên", "An", "Vĩnh", "Long",
    "Mỹ", "Đồng", "Bình", "Thạnh", "Hưng", "Quảng", "Xuân", "Thanh", "Phước", "Lộc",
)
KINH_SECOND: tuple[str, ...] = (
    "Sơn", "Hòa", "Lợi", "Hưng", "Thịnh", "Phú", "An", "Lộc", "Bình", "Thành", "Tiến", "Mỹ", "Lạc", "Quang",
    "Minh", "Thuận", "Khánh", "Hải", "Điền", "Phong", "Hiệp", "Nghĩa", "Đức", "Thọ",
)
COPY_COLUMNS = (
    "id", "code", "code_family", "code_system", "electronic_id", "name", "name_key", "search_text", "kind",
    "parent_id", "path", "depth", "status", "valid_from", "valid_to", "remote_area", "latitude",
    "longitude", "external_source", "external_id", "version", "created_at", "updated_at",
)
# fmt: on


def driver_url(url: str) -> str:
    """The asyncpg (libpq-style) form of a SQLAlchemy URL."""
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def server_url() -> str:
    """`QCDC_BENCH_DATABASE_URL` (any database on the server; only its server is used) or the local one."""
    configured = os.environ.get("QCDC_BENCH_DATABASE_URL")
    if configured:
        return configured.replace("postgresql://", "postgresql+asyncpg://", 1)
    subprocess.run(["bash", str(ROOT / "scripts" / "ensure_postgres.sh")], check=True)
    return DEFAULT_SERVER_URL


def database_name() -> str:
    """`QCDC_BENCH_DATABASE_NAME`, read when a database is made (each benchmark sets its default
    after importing this module: read at import, the imports and exports benchmarks recreated
    `qcdc_bench`, the main benchmark's database)."""
    return os.environ.get("QCDC_BENCH_DATABASE_NAME", DEFAULT_DATABASE)


async def recreate_database(url: str) -> str:
    name = database_name()
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
        raise ValueError(f"QCDC_BENCH_DATABASE_NAME={name!r}: lower-case letters, digits and _ only")
    connection = await asyncpg.connect(driver_url(url))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return _with_database(url, name)


def app_env(url: str, secret_key: str, pool_size: int | None = None) -> dict[str, str]:
    """The environment of a production deployment on the benchmark database."""
    env = {
        **os.environ,
        "QCDC_ENVIRONMENT": "production",
        "QCDC_SECRET_KEY": secret_key,
        "QCDC_DATABASE_URL": url,
        "QCDC_LOG_LEVEL": "WARNING",
    }
    if pool_size is not None:
        env["QCDC_DATABASE_POOL_SIZE"] = str(pool_size)
    return env


@dataclass(frozen=True)
class Connections:
    max_connections: int
    in_use: int
    pool_size: int


async def pool_size(url: str, workers: int, others: int) -> Connections:
    """The app's pool size per worker (its default where it fits) such that `workers` full pools
    (as api.core.db counts them), `others` connections of the
    bench's own and those already open stay within the server's `max_connections`."""
    default: int = Settings.model_fields["database_pool_size"].default
    connection = await asyncpg.connect(driver_url(url))
    try:
        limit = int(await connection.fetchval("SHOW max_connections"))
        reserved = int(await connection.fetchval("SHOW superuser_reserved_connections"))
        in_use = await connection.fetchval(
            "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
        )
    finally:
        await connection.close()
    # A margin for the sessions of others that connect while the bench runs.
    free = limit - reserved - in_use - others - 10
    size = default
    while size and workers * connections_per_worker(Settings.model_construct(database_pool_size=size)) > free:
        size -= 1
    if size < 1:
        raise RuntimeError(
            f"{in_use} of the server's {limit} connections are in use: no room for {workers} pools "
            f"and {others} direct connections"
        )
    return Connections(limit, in_use, size)


def migrate(url: str, secret_key: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "api.cli", "migrate"],
        cwd=ROOT,
        env=app_env(url, secret_key),
        check=True,
        stdout=subprocess.DEVNULL,
    )


async def load_official(url: str, secret_key: str) -> None:
    settings = Settings(
        environment="production", database_url=url, secret_key=secret_key, log_level="WARNING"
    )
    db = Database(create_engine(settings))
    try:
        async with db.session() as session:
            await official.load(session, "2025", None, with_lineage=True)
    finally:
        await db.dispose()


async def bench_token(url: str, secret_key: str) -> str:
    """A nationwide administrator and an access token that outlives the run."""
    settings = Settings(
        environment="production", database_url=url, secret_key=secret_key, log_level="WARNING"
    )
    db = Database(create_engine(settings))
    try:
        async with db.session() as session:
            user = await create_admin(session, "bench-admin", secrets.token_urlsafe(16), "Benchmark")
    finally:
        await db.dispose()
    token, _ = create_access_token(secret_key, user.id, timedelta(hours=3))
    return token


def _village_name(rng: random.Random, province_code: str, kind: UnitKind, number: int) -> str:
    if kind is UnitKind.RESIDENTIAL_GROUP:
        if rng.random() < 0.8:
            return f"{'Khu phố' if province_code >= '70' else 'Tổ dân phố'} {number}"
        return f"Tổ dân phố {rng.choice(KINH_FIRST)} {rng.choice(KINH_SECOND)}"
    upland = province_code in UPLAND_PROVINCES
    if upland:
        prefix, first, second = rng.choice(("Thôn", "Bản")), UPLAND_FIRST, UPLAND_SECOND
    else:
        prefix, first, second = (
            ("Ấp" if province_code >= "70" else rng.choice(("Thôn", "Xóm"))),
            KINH_FIRST,
            KINH_SECOND,
        )
    name = f"{prefix} {rng.choice(first)} {rng.choice(second)}"
    # Villages split over the years keep the old name with a number: "Thôn Nà Lẹng 3".
    return f"{name} {rng.randint(1, 9)}" if rng.random() < 0.3 else name


def _village_rows(communes: list[asyncpg.Record], total: int) -> list[tuple[object, ...]]:
    rng = random.Random(SEED)
    weights = [rng.uniform(0.3, 1.7) for _ in communes]
    scale = total / sum(weights)
    rows: list[tuple[object, ...]] = []
    for commune, weight in zip(communes, weights, strict=True):
        kind = UnitKind.RESIDENTIAL_GROUP if commune["kind"] == UnitKind.WARD.value else UnitKind.VILLAGE
        province_code = commune["province_code"]
        for number in range(1, round(weight * scale) + 1):
            unit_id = uuid.UUID(int=rng.getrandbits(128), version=4)
            name = _village_name(rng, province_code, kind, number)
            code = f"{commune['code']}.{number:03d}"
            lat, lon = commune["latitude"], commune["longitude"]
            values = {
                "id": unit_id,
                "code": code,
                "code_family": rules.code_family(kind),
                "name": name,
                "name_key": fold(name),
                "search_text": fold(f"{name} {code}"),
                "kind": kind.value,
                "parent_id": commune["id"],
                "path": f"{commune['path']}{unit_id.hex}/",
                "depth": commune["depth"] + 1,
                "status": "active",
                "remote_area": rng.random() < 0.05,
                "latitude": None if lat is None else lat + rng.uniform(-0.03, 0.03),
                "longitude": None if lon is None else lon + rng.uniform(-0.03, 0.03),
                "version": 1,
                "created_at": CREATED_AT,
                "updated_at": CREATED_AT,
            }
            rows.append(tuple(values.get(column) for column in COPY_COLUMNS))
    return rows


async def add_villages(url: str, total: int) -> int:
    connection = await asyncpg.connect(driver_url(url))
    try:
        communes = await connection.fetch(
            """SELECT c.id, c.code, c.kind, c.path, c.depth, c.latitude, c.longitude, p.code AS province_code
               FROM units c JOIN units p ON p.id = c.parent_id
               WHERE c.code_system = 'decision_19_2025' AND c.status = 'active'
                 AND c.kind IN ('commune', 'ward', 'special_zone')
               ORDER BY c.code"""
        )
        rows = _village_rows(list(communes), total)
        await connection.copy_records_to_table("units", records=rows, columns=COPY_COLUMNS)
        await connection.execute("VACUUM (ANALYZE)")
    finally:
        await connection.close()
    return len(rows)


@dataclass(frozen=True)
class Targets:
    units: int
    province_id: uuid.UUID
    province_name: str
    province_subtree: int
    unit_id: uuid.UUID
    unit_name: str


async def pick_targets(url: str) -> Targets:
    """The 2025 province with the largest subtree (so that 40 pages deep exists) and one of its communes."""
    connection = await asyncpg.connect(driver_url(url))
    try:
        province = await connection.fetchrow(
            """SELECT p.id, p.name, count(*) AS size FROM units p
               JOIN units d ON d.path >= p.path AND d.path < left(p.path, -1) || '0' AND d.status = 'active'
               WHERE p.kind = 'province' AND p.status = 'active'
               GROUP BY p.id, p.name ORDER BY size DESC, p.name LIMIT 1"""
        )
        assert province is not None
        unit = await connection.fetchrow(
            "SELECT id, name FROM units WHERE parent_id = $1 AND status = 'active' ORDER BY code LIMIT 1",
            province["id"],
        )
        assert unit is not None
        total = await connection.fetchval("SELECT count(*) FROM units")
        misplaced = await connection.fetchval(
            """SELECT count(*) FROM units c LEFT JOIN units p ON p.id = c.parent_id
               WHERE c.path <> coalesce(p.path, '/') || replace(c.id::text, '-', '') || '/'
                  OR c.depth <> coalesce(p.depth + 1, 0)"""
        )
        if misplaced:
            raise RuntimeError(f"{misplaced} units have a path or depth that disagrees with their parent's")
    finally:
        await connection.close()
    return Targets(
        units=total,
        province_id=province["id"],
        province_name=province["name"],
        province_subtree=province["size"],
        unit_id=unit["id"],
        unit_name=unit["name"],
    )
