"""Configuration: every setting is a `QCDC_*` environment variable (or a line in `.env`).

The defaults make `make run` work on a fresh machine: an SQLite file under `var/` and a secret
key generated once into `var/`. Production refuses to start with either of those.
"""

import secrets
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="QCDC_", env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = Field(
        "development", description="`production` refuses the embedded database and a generated secret key."
    )
    data_dir: Path = Field(
        PROJECT_ROOT / "var",
        description="Where the SQLite file, the generated secret key and attachments (`attachments/`) live.",
    )
    database_url: str | None = Field(
        None,
        description="SQLAlchemy URL. Default: SQLite at `<data_dir>/qcdc.sqlite3`. "
        "PostgreSQL: `postgresql+asyncpg://user:pass@host/db`.",
    )
    database_replica_url: str | None = Field(
        None,
        description="A read replica of the PostgreSQL database (a streaming standby): report operations "
        "read it, everything else the primary. Unset: reports read the primary too.",
    )
    database_pool_size: int = Field(
        20, ge=1, description="Connections per worker (PostgreSQL), opened as needed and then kept."
    )
    secret_key: str | None = Field(
        None,
        min_length=32,
        description="Signs pagination cursors. Generated into `<data_dir>` in development.",
    )
    demo: bool = Field(False, description="Load the labelled demo dataset on first start.")
    load_official_units: bool = Field(
        True,
        description="Load the official administrative units (both editions, with lineage) on first start.",
    )
    max_body_bytes: int = Field(
        1_048_576, ge=1024, description="Largest request body accepted; larger is 413."
    )
    attachment_max_bytes: int = Field(
        20 * 1024 * 1024,
        ge=1024,
        description="Largest file attached (a petition's scan, a finding's evidence, a progress report's proof); "
        "larger is 413.",
    )
    idempotency_ttl_hours: int = Field(24, ge=1, description="How long an `Idempotency-Key` is remembered.")
    access_token_minutes: int = Field(15, ge=1, le=1440, description="Lifetime of an access token (JWT).")
    refresh_token_days: int = Field(14, ge=1, le=365, description="Lifetime of a refresh token (a session).")
    sign_in_failures_per_account: int = Field(
        5,
        ge=1,
        description="Failed sign-ins one account may have in 15 minutes before it is throttled (429).",
    )
    sign_in_attempts_per_address: int = Field(
        30, ge=1, description="Sign-in attempts one client address may make in 15 minutes (429 beyond)."
    )
    bootstrap_admin_password: str | None = Field(
        None,
        min_length=12,
        description="Password of the `admin` account `qcdc bootstrap` creates on first start; "
        "without it a random one is generated and printed once.",
    )
    cors_origins: list[str] = Field(
        default_factory=list,
        description='Origins allowed to call the API from a browser (JSON list, e.g. ["https://qcdc.caobang.gov.vn"]).',
    )
    log_level: str = Field("INFO", description="Python log level name.")
    log_json: bool = Field(True, description="JSON log lines (false: human-readable console output).")
    host: str = Field("127.0.0.1", description="Address `qcdc serve` binds to.")
    port: int = Field(8000, description="Port `qcdc serve` binds to.")
    workers: int = Field(1, ge=1, description="Worker processes `qcdc serve` starts.")
    audit_seal_seconds: float = Field(
        1.0,
        ge=0,
        description="How often each worker's sealer chains new audit events; 0 leaves it to "
        "`qcdc audit seal` (cron).",
    )
    job_max_attempts: int = Field(
        3,
        ge=1,
        description="Runs a job gets (a failure or a lost worker each costs one) before it is `failed`.",
    )
    job_retry_seconds: int = Field(10, ge=0, description="Wait before a failed job's next attempt.")
    job_heartbeat_seconds: float = Field(
        5.0, gt=0, description="How often a running job writes its heartbeat (and its progress at most)."
    )
    job_stale_seconds: float = Field(
        60.0,
        gt=0,
        description="A job whose heartbeat is older than this was lost with its worker (a `kill -9`, a "
        "crash): the worker's sweep hands it to the queue again.",
    )
    job_worker_in_serve: bool = Field(
        True,
        description="On SQLite, `qcdc serve` starts the job worker (`qcdc worker`) beside itself; on "
        "PostgreSQL run `qcdc worker` as its own service.",
    )
    job_modules: list[str] = Field(
        default_factory=list,
        description="Extra modules the worker imports for their job handlers (tests register theirs so).",
    )
    export_sync_max_rows: int = Field(
        100_000,
        ge=1,
        description="Most rows a list answers as a file (`format=csv|xlsx|ndjson`) in the request itself; "
        "more is 422 `export_too_large`: export it through a job (`POST /api/v1/exports`).",
    )
    export_job_max_rows: int = Field(
        5_000_000,
        ge=1,
        description="Most rows an export job writes (its file is streamed, in constant memory).",
    )
    job_file_retention_hours: float = Field(
        72,
        gt=0,
        description="How long a finished job's file is kept (an import's upload, for its error report; an "
        "export's file, to download): the daily purge deletes it then. Short, since an uploaded petitions file "
        "may name denouncers outside the confidential store.",
    )
    import_max_bytes: int = Field(
        100 * 1024 * 1024,
        ge=1024,
        description="Largest file an import takes (XLSX, CSV, NDJSON); larger is 413.",
    )
    import_max_rows: int = Field(
        1_000_000,
        ge=1,
        description="Most data rows one import reads; a longer file fails with `too_many_rows`.",
    )
    import_max_unpacked_bytes: int = Field(
        512 * 1024 * 1024,
        ge=1024,
        description="Most bytes an XLSX (a zip) may unpack to; more, or a member packed over 1000:1, is refused "
        "as a zip bomb.",
    )
    today: date | None = Field(
        None,
        description="Pin the legal day (YYYY-MM-DD) instead of today's date in Vietnam, for tests, "
        "demonstrations and training; refused in production.",
    )

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite+aiosqlite:///{self.data_dir / 'qcdc.sqlite3'}"

    @property
    def is_sqlite(self) -> bool:
        return self.resolved_database_url.startswith("sqlite")

    @property
    def resolved_secret_key(self) -> str:
        if self.secret_key:
            return self.secret_key
        key_file = self.data_dir / "secret_key"
        if not key_file.exists():
            key_file.parent.mkdir(parents=True, exist_ok=True)
            key_file.write_text(secrets.token_urlsafe(48))
            key_file.chmod(0o600)
        return key_file.read_text().strip()

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> "Settings":
        if self.environment == "production":
            if not self.secret_key:
                raise ValueError("QCDC_SECRET_KEY must be set in production")
            if self.database_url is None:
                raise ValueError(
                    "QCDC_DATABASE_URL must be set in production (the embedded SQLite is for one machine)"
                )
            if self.today is not None:
                raise ValueError("QCDC_TODAY pins the legal day: never in production")
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
