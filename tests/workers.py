"""Real `qcdc worker` processes for the tests that need one (the job queue's fault test, an import
run by a worker): settings fast enough for a test of seconds, the processes started and stopped
(or killed) by the test, and a wait on what another process changes. Registered as a plugin in
tests/conftest.py, so its fixtures serve every test directory."""

import asyncio
import json
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from api.core.db import Database
from api.core.settings import PROJECT_ROOT, Settings
from api.jobs.models import Job
from tests.conftest import Backend

# Small enough for a test of seconds: a lost job is seen after a second without a heartbeat.
FAST = {
    "job_stale_seconds": 1.0,
    "job_heartbeat_seconds": 0.2,
    "job_retry_seconds": 0,
    "job_max_attempts": 3,
}


def _environment(settings: Settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QCDC_")}
    env.update(
        {
            "QCDC_ENVIRONMENT": "test",
            "QCDC_DATABASE_URL": settings.resolved_database_url,
            "QCDC_DATA_DIR": str(settings.data_dir),
            "QCDC_SECRET_KEY": settings.resolved_secret_key,
            "QCDC_LOG_LEVEL": "WARNING",
            "QCDC_JOB_MODULES": json.dumps(["tests.jobs.handlers"]),
            **{f"QCDC_{name.upper()}": str(getattr(settings, name)) for name in FAST},
        }
    )
    return env


class Workers:
    """`qcdc worker` processes started by a test, each stopped (or killed) by it."""

    def __init__(self, settings: Settings, log: Path) -> None:
        self.settings = settings
        self.log = log
        self.running: list[subprocess.Popen[bytes]] = []

    def start(self) -> subprocess.Popen[bytes]:
        with self.log.open("ab") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "api.cli", "worker"],
                cwd=PROJECT_ROOT,
                env=_environment(self.settings),
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        self.running.append(process)
        return process

    def stop_all(self) -> None:
        for process in self.running:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()

    async def wait_for(self, what: str, check: Callable[[], Awaitable[bool]], seconds: float) -> None:
        """Until `check()` holds; else fail with what the workers said."""
        try:
            async with asyncio.timeout(seconds):
                # Another process changes what is watched: nothing here could set an Event.
                while not await check():  # noqa: ASYNC110
                    await asyncio.sleep(0.05)
        except TimeoutError:
            said = await asyncio.to_thread(self.log.read_text)
            raise AssertionError(f"{what} within {seconds} s; the workers said:\n{said[-4000:]}") from None


async def job_row(database: Database, job_id: uuid.UUID) -> Job:
    async with database.session(write=False) as session:
        job = await session.scalar(select(Job).where(Job.id == job_id))
        assert job is not None
        return job


@pytest.fixture
def worker_settings(backend: Backend, tmp_path: Path) -> Settings:
    """The test database's settings, fast job timings and a data folder of the test's own."""
    return backend.settings.model_copy(update={**FAST, "data_dir": tmp_path})


@pytest.fixture
def workers(worker_settings: Settings, tmp_path: Path) -> Iterator[Workers]:
    started = Workers(worker_settings, tmp_path / "workers.log")
    yield started
    started.stop_all()
