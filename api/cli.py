"""The `qcdc` command line: migrate, first-start set-up, official data, demo data, serve, contract,
and the scripts' commands (import, export, jobs) locally or against a remote server."""

import asyncio
import secrets
import signal
import subprocess
import sys
from collections.abc import Coroutine
from contextlib import AbstractAsyncContextManager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from alembic import command
from alembic.config import Config
from rich.console import Console
from sqlalchemy import select

from api.core import clock
from api.core.db import Database, connection_budget_problem, create_engine
from api.core.logging import configure_logging
from api.core.settings import PROJECT_ROOT, Settings, get_settings

if TYPE_CHECKING:
    from api.client import QcdcClient

app = typer.Typer(help="QCDC: grassroots democracy platform.", no_args_is_help=True)
units_app = typer.Typer(help="The administrative units registry.", no_args_is_help=True)
users_app = typer.Typer(help="People who sign in.", no_args_is_help=True)
app.add_typer(units_app, name="units")
audit_app = typer.Typer(help="The audit log.", no_args_is_help=True)
app.add_typer(users_app, name="users")
app.add_typer(audit_app, name="audit")
console = Console(stderr=True)


class EditionOption(StrEnum):
    LEGACY = "legacy"
    CURRENT = "2025"


@app.callback()
def _settings_first() -> None:
    """Every command works on the configured legal day (QCDC_TODAY pins it)."""
    clock.pin(get_settings().today)


def _database() -> Database:
    return Database(create_engine(get_settings()))


@app.command()
def migrate() -> None:
    """Apply database migrations up to the newest."""
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    command.upgrade(config, "head")
    console.print("[green]✓[/] database schema is current")


async def _bootstrap() -> None:
    from api import demo
    from api.auth.models import User
    from api.auth.service import create_admin
    from api.units import official
    from api.units.models import Unit

    settings = get_settings()
    database = _database()
    try:
        async with database.session() as session:
            has_units = (await session.scalar(select(Unit.id).limit(1))) is not None
            if settings.load_official_units and not has_units:
                with console.status(
                    "Loading the official administrative units (both editions, 2025 reform lineage)…"
                ):
                    report = await official.load(session, "2025", None, with_lineage=True)
                console.print(
                    f"[green]✓[/] official units: {report.created} created, "
                    f"{report.lineage_edges_created} lineage links ({report.source})"
                )
            if not await session.scalar(select(User.id).limit(1)):
                password = settings.bootstrap_admin_password or secrets.token_urlsafe(12)
                await create_admin(session, "admin", password, "Quản trị hệ thống")
                shown = (
                    "from QCDC_BOOTSTRAP_ADMIN_PASSWORD" if settings.bootstrap_admin_password else password
                )
                console.print(
                    f"[green]✓[/] administrator [bold]admin[/] created; password: [bold]{shown}[/]"
                    + ("" if settings.bootstrap_admin_password else "  (shown once: note it now)")
                )
            if settings.demo and not await demo.is_loaded(session):
                counts = await demo.load(session)
                console.print(f"[green]✓[/] demo dataset loaded (labelled 'demo'): {counts}")
    finally:
        await database.dispose()


@app.command()
def bootstrap() -> None:
    """First-start data: the official units when the registry is empty, the demo set when QCDC_DEMO is on."""
    asyncio.run(_bootstrap())


def _check_connection_budget() -> None:
    """Refuse to start workers whose pools together could exhaust the database's connections."""

    async def problem() -> str | None:
        database = _database()
        try:
            return await connection_budget_problem(database.engine, get_settings())
        finally:
            await database.dispose()

    found = asyncio.run(problem())
    if found:
        console.print(f"[red]✗[/] too many database connections: {found}")
        raise typer.Exit(1)


@app.command()
def serve(
    reload: Annotated[bool, typer.Option(help="Restart on code changes (development).")] = False,
) -> None:
    """Migrate, load first-start data, and serve the API (and the SPA when built)."""
    import uvicorn

    settings = get_settings()
    migrate()
    bootstrap()
    _check_connection_budget()
    console.print(f"[bold]QCDC[/] on http://{settings.host}:{settings.port}  (API docs: /docs)")
    worker = _start_embedded_worker(settings)
    try:
        uvicorn.run(
            "api.main:create_app",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=None if reload else settings.workers,
            reload=reload,
            log_config=None,
            proxy_headers=True,
        )
    finally:
        if worker is not None:
            _stop(worker)


def _start_embedded_worker(settings: Settings) -> "subprocess.Popen[bytes] | None":
    """On SQLite (one machine, `make run`), the job worker runs beside the server as a child
    process, `qcdc worker`: a process of its own because huey's consumer wants the main thread
    (its signal handlers) and a job's CPU must not stall the API's event loop; a child so that
    one command still starts everything and stops it. On PostgreSQL the workers are a service of
    their own (`qcdc worker`, as many as wanted), never tied to an API process."""
    if not (settings.is_sqlite and settings.job_worker_in_serve):
        return None
    console.print("[green]✓[/] job worker started beside the server (qcdc worker)")
    return subprocess.Popen([sys.executable, "-m", "api.cli", "worker"])


def _stop(process: "subprocess.Popen[bytes]") -> None:
    """SIGINT: both libraries let the running job finish (huey stops at once on SIGTERM)."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@app.command()
def worker() -> None:
    """Run the job worker until stopped: procrastinate on PostgreSQL (run as many as wanted), huey
    on SQLite (one, which `qcdc serve` starts by itself). Lost jobs are recovered as it starts."""
    from api.jobs.worker import run_worker

    settings = get_settings()
    configure_logging(settings.log_level, settings.log_json)
    run_worker(settings)


@app.command("purge-expired")
def purge_expired(
    enqueue: Annotated[
        bool, typer.Option("--enqueue", help="Hand the job to the worker instead of running it here.")
    ] = False,
) -> None:
    """Delete expired idempotency records and old rate-limit counters now. The worker already does it
    daily (a periodic job); this runs the same job at once, here, recorded in the jobs table like the
    worker's (or, with --enqueue, hands it to the worker)."""
    from api.core.access import SYSTEM
    from api.jobs import registry, runner, service
    from api.jobs.kinds import PURGE_EXPIRED

    settings = get_settings()
    registry.load_handlers(settings)

    async def run() -> "Job":
        database = _database()
        try:
            if enqueue:
                return await service.submit_and_enqueue(database, settings, SYSTEM, PURGE_EXPIRED)
            async with database.session() as session:
                job = await service.submit(session, SYSTEM, PURGE_EXPIRED)
            await runner.run(database, settings, job.id)
            async with database.session(write=False) as session:
                found = await session.get(Job, job.id)
                assert found is not None
                return found
        finally:
            await database.dispose()

    from api.jobs.models import Job

    job = asyncio.run(run())
    if enqueue:
        console.print(f"[green]✓[/] job {job.id} queued for the worker")
        return
    if job.state != "succeeded":
        console.print(f"[red]✗[/] job {job.id} {job.state}: {job.error_code} {job.error_message}")
        raise typer.Exit(1)
    result = job.result or {}
    console.print(
        f"[green]✓[/] purged {result.get('idempotency_records', 0)} idempotency records and "
        f"{result.get('rate_limit_counters', 0)} rate-limit counters (job {job.id})"
    )


@audit_app.command("seal")
def audit_seal() -> None:
    """Chain the audit events not yet sealed (each worker does it every second; this is for cron)."""
    from api.core import audit

    async def run() -> int:
        database = _database()
        try:
            return await audit.seal_pending(database)
        finally:
            await database.dispose()

    console.print(f"[green]✓[/] sealed {asyncio.run(run())} audit events")


@audit_app.command("verify")
def audit_verify(
    max_unsealed_age: Annotated[
        float, typer.Option(help="Exit 2 when an event has waited longer than this (seconds) to be sealed.")
    ] = 300,
) -> None:
    """Walk the audit chain; exit 1 naming the first altered, removed or reordered event, 2 if sealing lags."""
    from api.core import audit

    async def run() -> audit.Verification:
        database = _database()
        try:
            async with database.session(write=False) as session:
                return await audit.verify(session)
        finally:
            await database.dispose()

    result = asyncio.run(run())
    age = (clock.now() - result.oldest_unsealed_at).total_seconds() if result.oldest_unsealed_at else 0.0
    unsealed = f"{result.unsealed} unsealed" + (f", the oldest {age:.0f} s old" if result.unsealed else "")
    if not result.intact:
        where = f"at event {result.broken_at}: " if result.broken_at is not None else ": "
        console.print(
            f"[red]✗[/] audit chain broken {where}{result.reason} "
            f"({result.checked} events before it are intact; {unsealed})"
        )
        raise typer.Exit(1)
    console.print(f"[green]✓[/] audit chain intact: {result.checked} events ({unsealed})")
    if age > max_unsealed_age:
        console.print(
            f"[yellow]![/] events have waited {age:.0f} s to be sealed: is a worker or "
            "`qcdc audit seal` running?"
        )
        raise typer.Exit(2)


@users_app.command("create-admin")
def create_admin_command(
    username: Annotated[str, typer.Option(help="Sign-in name.")] = "admin",
    full_name: Annotated[str, typer.Option(help="Shown in the app.")] = "Quản trị hệ thống",
) -> None:
    """Create a nationwide administrator; the password is asked for (or read from QCDC_ADMIN_PASSWORD)."""
    import os

    from api.auth.service import create_admin

    password = os.environ.get("QCDC_ADMIN_PASSWORD") or typer.prompt(
        "Password", hide_input=True, confirmation_prompt=True
    )
    if len(password) < 12:
        raise typer.BadParameter("the password needs at least 12 characters")

    async def run() -> None:
        database = _database()
        try:
            async with database.session() as session:
                await create_admin(session, username, password, full_name)
        finally:
            await database.dispose()

    asyncio.run(run())
    console.print(f"[green]✓[/] administrator {username} created")


def _operator_grant(username: str, permission: str, grant: bool) -> None:
    from api.auth.service import GrantRefused, operator_grant

    async def run() -> None:
        database = _database()
        try:
            async with database.session() as session:
                await operator_grant(session, username, permission, grant=grant)
        finally:
            await database.dispose()

    try:
        asyncio.run(run())
    except GrantRefused as refused:
        raise typer.BadParameter(str(refused)) from None


@users_app.command("grant")
def grant_command(
    username: Annotated[str, typer.Argument(help="Who receives it.")],
    permission: Annotated[
        str, typer.Argument(help="petitions:confidential or users:grant_confidential.")
    ] = "users:grant_confidential",
) -> None:
    """Grant a confidential permission from the server itself, to appoint the first grantor (the
    bootstrap administrator holds neither); audited as `user.grant` by `qcdc users grant`."""
    _operator_grant(username, permission, grant=True)
    console.print(f"[green]✓[/] {username} holds {permission}")


@users_app.command("revoke")
def revoke_command(
    username: Annotated[str, typer.Argument(help="Who loses it.")],
    permission: Annotated[
        str, typer.Argument(help="petitions:confidential or users:grant_confidential.")
    ] = "users:grant_confidential",
) -> None:
    """Take a confidential permission back from the server itself; audited as `user.revoke`."""
    _operator_grant(username, permission, grant=False)
    console.print(f"[green]✓[/] {username} no longer holds {permission}")


@units_app.command("load-official")
def load_official(
    edition: Annotated[
        EditionOption, typer.Option(help="legacy (63 provinces with districts) or 2025 (34 provinces).")
    ] = EditionOption.CURRENT,
    province: Annotated[str | None, typer.Option(help="Only this province code, e.g. 04.")] = None,
    with_lineage: Annotated[
        bool, typer.Option(help="Load both editions and record the 2025 reform.")
    ] = False,
) -> None:
    """Load the official administrative units from the vietnamadminunits package; safe to repeat."""
    from api.units import official

    async def run() -> None:
        database = _database()
        try:
            async with database.session() as session:
                report = await official.load(session, edition.value, province, with_lineage)
        finally:
            await database.dispose()
        console.print(report.model_dump())

    asyncio.run(run())


@app.command()
def openapi(
    output: Annotated[Path, typer.Option(help="Where to write the contract.")] = PROJECT_ROOT
    / "openapi.yaml",
) -> None:
    """Write the OpenAPI contract generated from the app."""
    from api.core.openapi import to_yaml
    from api.main import create_app

    output.write_text(to_yaml(create_app().openapi()))
    console.print(f"[green]✓[/] wrote {output}")


if __name__ == "__main__":
    app()


# -- Scripts: imports, exports and jobs, locally or against a remote server -------------------------

ApiUrl = Annotated[
    str | None,
    typer.Option("--api", envvar="QCDC_API_URL", help="A remote server's root URL (https://…)."),
]
ApiKey = Annotated[str | None, typer.Option("--api-key", envvar="QCDC_API_KEY", help="Its API key.")]
AsUser = Annotated[
    str | None,
    typer.Option("--as", help="Locally, on this server's database: act as this user, with their rights."),
]


class ImportMode(StrEnum):
    ALL = "all"
    VALID = "valid"


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    NDJSON = "ndjson"


def _client(
    api: str | None, api_key: str | None, as_user: str | None
) -> "AbstractAsyncContextManager[QcdcClient]":
    from api.client import QcdcClient

    if api:
        if not api_key:
            raise typer.BadParameter(
                "a remote server needs --api-key (or QCDC_API_KEY)", param_hint="--api-key"
            )
        return QcdcClient.remote(api, api_key)
    if as_user:
        return QcdcClient.local(as_user)
    raise typer.BadParameter(
        "say where: --api URL --api-key KEY for a remote server, or --as USERNAME on this server",
        param_hint="--api / --as",
    )


def _scripted(body: "Coroutine[Any, Any, int]") -> None:
    """Run a script command; a refusal by the service is shown as its problem, exit code 1."""
    from api.client import ApiProblem

    try:
        code = asyncio.run(body)
    except ApiProblem as refused:
        console.print(f"[red]✗[/] {refused.status} {refused.code}: {refused.problem.get('detail', '')}")
        for error in refused.problem.get("errors") or []:
            console.print(f"  • {'.'.join(map(str, error.get('loc', [])))}: {error.get('msg', error)}")
        raise typer.Exit(1) from None
    if code:
        raise typer.Exit(code)


def _job_summary(job: dict[str, Any]) -> None:
    """A finished job's outcome: its figures as a table, then its first errors."""
    from rich.table import Table

    state = job["state"]
    mark = "[green]✓[/]" if state == "succeeded" else "[red]✗[/]"
    console.print(f"{mark} job {job['id']} {state}")
    if job.get("error"):
        console.print(f"  {job['error'].get('code')}: {job['error'].get('message')}")
    result = job.get("result") or {}
    figures = Table(show_header=False, box=None)
    for key, value in result.items():
        if not isinstance(value, (list, dict)):
            figures.add_row(key, f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value))
    if figures.row_count:
        console.print(figures)
    errors = result.get("errors")
    if isinstance(errors, list) and errors:
        table = Table(
            title=f"errors (first {min(len(errors), 20)} of {result.get('error_total', len(errors))})"
        )
        columns = list(dict.fromkeys(k for e in errors[:20] if isinstance(e, dict) for k in e))
        for column in columns:
            table.add_column(column)
        for error in errors[:20]:
            table.add_row(*(str(error.get(c, "")) for c in columns))
        console.print(table)


@app.command("import")
def import_command(
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="XLSX, CSV or NDJSON.")
    ],
    resource: Annotated[str, typer.Option("--resource", "-r", help="What the rows are: units, petitions, …")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check every row, write nothing.")] = False,
    mode: Annotated[
        ImportMode, typer.Option(help="all: nothing is written if a row is wrong; valid: the good rows are.")
    ] = ImportMode.ALL,
    api: ApiUrl = None,
    api_key: ApiKey = None,
    as_user: AsUser = None,
) -> None:
    """Import a file as a job, with a progress bar and a summary: exit code 0 when every row was
    good, 2 when some were refused (listed), 1 when the file or the job failed."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    async def body() -> int:
        async with _client(api, api_key, as_user) as client:
            job = await client.submit_import(file, resource, mode=mode.value, dry_run=dry_run)
            with Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
            ) as progress:
                rows = progress.add_task(f"{file.name} → {resource}", total=None)

                def show(seen: dict[str, Any]) -> None:
                    done = seen.get("progress") or {}
                    progress.update(rows, completed=done.get("done") or 0, total=done.get("total"))

                finished = await client.follow(job["id"], show)
        _job_summary(finished)
        if finished["state"] != "succeeded":
            return 1
        result = finished.get("result") or {}
        return 2 if result.get("failed") or result.get("error_total") else 0

    _scripted(body())


@app.command("export")
def export_command(
    resource: Annotated[
        str,
        typer.Argument(
            help="The list to export, as named in the API: units, petitions, inspections-plans, …"
        ),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", dir_okay=False, help="The file to write.")],
    fmt: Annotated[
        ExportFormat | None,
        typer.Option("--format", help="csv, xlsx or ndjson (default: from the file's extension)."),
    ] = None,
    filters: Annotated[
        list[str] | None,
        typer.Option("--filter", "-f", help="A list filter as key=value (repeatable), e.g. -f status=open."),
    ] = None,
    api: ApiUrl = None,
    api_key: ApiKey = None,
    as_user: AsUser = None,
) -> None:
    """Export every row of a list matching the filters, streamed to a file."""
    from rich.progress import DownloadColumn, Progress, TextColumn, TimeElapsedColumn, TransferSpeedColumn

    chosen = fmt or next((f for f in ExportFormat if output.suffix.lower() == f".{f.value}"), None)
    if chosen is None:
        raise typer.BadParameter("say --format csv|xlsx|ndjson, or name the file .csv, .xlsx or .ndjson")
    named: dict[str, list[str]] = {}
    for given in filters or []:
        key, sep, value = given.partition("=")
        if not sep or not key:
            raise typer.BadParameter(f"{given!r} is not key=value", param_hint="--filter")
        named.setdefault(key, []).append(value)

    async def body() -> int:
        async with _client(api, api_key, as_user) as client:
            with Progress(
                TextColumn("{task.description}"),
                DownloadColumn(),
                TransferSpeedColumn(),
                TimeElapsedColumn(),
                console=console,
            ) as progress:
                task = progress.add_task(f"{resource} → {output.name}", total=None)

                def on_job(job: dict[str, Any]) -> None:
                    done, total = job["progress"]["done"], job["progress"]["total"]
                    progress.update(task, description=f"{resource}: {done:,}/{total or '?'} rows (job)")

                size = await client.export(
                    resource,
                    named,
                    chosen.value,
                    output,
                    lambda n: progress.update(task, completed=n, description=f"{resource} → {output.name}"),
                    on_job,
                )
        console.print(f"[green]✓[/] {output} ({size:,} bytes)".replace(",", "."))
        return 0

    _scripted(body())


@app.command("jobs")
def jobs_command(
    job_id: Annotated[
        str | None, typer.Argument(help="One job, in full; without it, your latest jobs.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=200, help="How many of the latest.")] = 20,
    api: ApiUrl = None,
    api_key: ApiKey = None,
    as_user: AsUser = None,
) -> None:
    """Your jobs (imports, exports…), newest first, or one job with its result."""
    from rich.table import Table

    async def body() -> int:
        async with _client(api, api_key, as_user) as client:
            if job_id:
                _job_summary(await client.job(job_id))
                return 0
            jobs = await client.jobs(limit)
        table = Table("id", "kind", "state", "progress", "created", "finished")
        for job in jobs:
            done = job.get("progress") or {}
            shown = (
                f"{done.get('done', 0)}/{done['total']}" if done.get("total") else str(done.get("done") or "")
            )
            table.add_row(
                job["id"],
                job["kind"],
                job["state"],
                shown,
                job.get("created_at") or "",
                job.get("finished_at") or "",
            )
        Console().print(table)
        return 0

    _scripted(body())
