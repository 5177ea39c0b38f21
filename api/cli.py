"""The `qcdc` command line: migrate, first-start set-up, official data, demo data, serve, contract."""

import asyncio
import secrets
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from alembic import command
from alembic.config import Config
from rich.console import Console
from sqlalchemy import select

from api.core import clock
from api.core.db import Database, connection_budget_problem, create_engine
from api.core.settings import PROJECT_ROOT, get_settings

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


@app.command("purge-expired")
def purge_expired() -> None:
    """Delete expired idempotency records and old rate-limit counters (run it daily, e.g. from cron)."""
    from api.core import idempotency, throttle

    async def run() -> tuple[int, int]:
        database = _database()
        try:
            async with database.session() as session:
                return await idempotency.purge_expired(session), await throttle.purge_expired(session)
        finally:
            await database.dispose()

    records, counters = asyncio.run(run())
    console.print(f"[green]✓[/] purged {records} idempotency records and {counters} rate-limit counters")


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
