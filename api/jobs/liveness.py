"""Whether a job is still being worked on, on the embedded SQLite default, where a heartbeat cannot
tell (docs/jobs.md).

A long import holds SQLite's one write lock for its whole transaction, so the heartbeat's UPDATE
waits behind it and looks stale: the sweep would hand the job out again, and it would run twice
(the rows are upserts, so a second run changes nothing, but it is wasted and its report is the
second's). SQLite runs on one machine, so there the worker says it is alive the way processes do
on one machine: it holds an exclusive `flock` on `<data_dir>/jobs-running/<job id>` while the
handler runs. The kernel releases it when the process ends however it ends (`kill -9` included),
so a dead worker's job is free to sweep as soon as it died, and a live one's never is. On
PostgreSQL the heartbeat is written beside the work and tells.
"""

import fcntl
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from api.core.settings import Settings


def _path(settings: Settings, job_id: uuid.UUID) -> Path:
    return settings.data_dir / "jobs-running" / str(job_id)


@contextmanager
def working_on(settings: Settings, job_id: uuid.UUID) -> Iterator[None]:
    """Hold the job's mark while the block runs (SQLite only; nothing on PostgreSQL)."""
    if not settings.is_sqlite:
        yield
        return
    path = _path(settings, job_id)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        path.unlink(missing_ok=True)
        os.close(fd)


def is_worked_on(settings: Settings, job_id: uuid.UUID) -> bool:
    """Whether a process on this machine holds the job's mark (always False on PostgreSQL)."""
    if not settings.is_sqlite:
        return False
    try:
        fd = os.open(_path(settings, job_id), os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)
