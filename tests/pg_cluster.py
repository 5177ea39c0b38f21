"""A throwaway PostgreSQL server of a test's own, to stop and restart at will.

The shared server (127.0.0.1:5432) serves other tests and the benchmark and must never be
restarted; a fault test gets a cluster of its own instead: `initdb` into a temporary directory,
`pg_ctl` on a free loopback port, trust authentication, and the whole directory removed at the
end. `initdb` refuses to run as root, so as root the cluster belongs to the `postgres` account
(Debian's packages create it) and every command runs as that account.
"""

import asyncio
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# A server that takes longer than this to stop or start is a failure, not a slow machine.
_PG_CTL_TIMEOUT = "15"


def _bindir() -> Path | None:
    """Where initdb and pg_ctl live: Debian keeps them off PATH, one directory per major version."""
    versions = [p for p in Path("/usr/lib/postgresql").glob("*/bin") if p.parent.name.isdigit()]
    for bindir in sorted(versions, key=lambda p: -int(p.parent.name)):
        if (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file():
            return bindir
    found = shutil.which("initdb")
    return Path(found).parent if found and shutil.which("pg_ctl") else None


def _owner() -> str | None:
    """The account the cluster runs as when we are root (PostgreSQL refuses to run as root)."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres").pw_name
    except KeyError:
        return None


def unavailable_reason() -> str | None:
    """Why no throwaway cluster can be made here, or None when one can."""
    if _bindir() is None:
        return "the PostgreSQL server binaries (initdb, pg_ctl) are not installed"
    if os.geteuid() == 0 and (_owner() is None or shutil.which("runuser") is None):
        return "running as root needs a 'postgres' account and runuser to own a throwaway cluster"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    def __init__(self, bindir: Path, root: Path, port: int) -> None:
        self.bindir = bindir
        self.root = root
        self.data = root / "data"
        self.log = root / "server.log"
        self.port = port

    def url(self, database: str, port: int | None = None) -> str:
        """The database's URL, or its URL through something listening on `port` (a proxy)."""
        return f"postgresql+asyncpg://postgres@127.0.0.1:{port or self.port}/{database}"

    def _command(self, tool: str, *args: str) -> list[str]:
        command = [str(self.bindir / tool), *args]
        owner = _owner()
        return ["runuser", "-u", owner, "--", *command] if owner else command

    def _pg_ctl(self, *args: str) -> list[str]:
        return self._command(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-t", _PG_CTL_TIMEOUT, *args
        )

    def _run(self, command: list[str]) -> None:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(
                f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}\n{self.server_log()}"
            )

    def initdb(self) -> None:
        # No fsync of the initial files: the cluster lives for seconds. The server itself keeps
        # fsync on, so a commit it acknowledged is as durable as in production.
        self._run(
            self._command(
                "initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"
            )
        )
        # In its own configuration, not on pg_ctl's command line: every start and restart then
        # uses them, and none can fall back to the default port (the shared server's).
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.root}'\nmax_connections = 100\n"
            )

    def start(self) -> None:
        self._run(self._pg_ctl("-w", "start"))

    async def restart(self, *, mode: str = "fast", down_for: float = 0.0) -> None:
        """Restart the server without blocking the event loop, so requests keep coming meanwhile.
        `down_for` > 0 stops it, keeps it down that long (connections are refused), then starts it."""
        if down_for <= 0:
            await self._run_async(self._pg_ctl("-w", "-m", mode, "restart"))
            return
        await self._run_async(self._pg_ctl("-w", "-m", mode, "stop"))
        await asyncio.sleep(down_for)
        await self._run_async(self._pg_ctl("-w", "start"))

    async def _run_async(self, command: list[str]) -> None:
        process = await asyncio.create_subprocess_exec(
            *command, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
        )
        output, _ = await process.communicate()
        if process.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{output.decode()}\n{self.server_log()}")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            subprocess.run(self._pg_ctl("-m", "immediate", "stop"), capture_output=True, check=False)

    def server_log(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-4000:]
        except OSError:
            return ""


@contextmanager
def throwaway_cluster() -> Iterator[Cluster]:
    """A started cluster, stopped and deleted on the way out whatever happened inside."""
    bindir = _bindir()
    assert bindir is not None, unavailable_reason()
    root = Path(tempfile.mkdtemp(prefix="qcdcfault"))
    owner = _owner()
    if owner:
        shutil.chown(root, user=owner)
    cluster = Cluster(bindir, root, _free_port())
    try:
        cluster.initdb()
        cluster.start()
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)
