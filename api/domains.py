"""The domains of the product, in dependency order: the one list a new domain is added to.

The app mounts their routers in this order (and the contract lists their tags), Alembic sees
their models, and the demo dataset loads their parts, all from here. Permissions (api/core/
permissions.py and the role matrix) and the SPA's route and menu entry are the other places a
domain is named; docs/adding-a-domain.md has the whole checklist.
"""

import importlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from types import ModuleType

from fastapi import APIRouter
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.files import upload_body_limit
from api.core.settings import Settings

DemoLoader = Callable[[AsyncSession], Awaitable[int]]


@dataclass(frozen=True)
class Domain:
    """A package under api/: its name, its tags (name and description) in the contract, whether it
    holds models and a demo part (`models.py`, `demo.py` exporting `load`)."""

    package: str
    tags: dict[str, str]
    has_models: bool = True
    has_demo: bool = False

    def module(self, name: str) -> ModuleType:
        return importlib.import_module(f"api.{self.package}.{name}")

    def api_routers(self) -> list[APIRouter]:
        """The domain's one router: its endpoints.py includes its sub-resources' routers."""
        return [self.module("endpoints").router]

    def upload_paths(self) -> tuple[str, ...]:
        """The path patterns of its routes that take a file (`UPLOAD_PATHS` in its endpoints.py):
        the body-size limit lets them carry one (`api.core.files.upload_body_limit`)."""
        paths: tuple[str, ...] = getattr(self.module("endpoints"), "UPLOAD_PATHS", ())
        return paths

    def upload_limit(self, settings: Settings) -> int:
        """The body limit of its routes that take a file: `upload_limit(settings)` in its
        endpoints.py where it has its own (imports), else an attachment's."""
        limit: Callable[[Settings], int] | None = getattr(self.module("endpoints"), "upload_limit", None)
        return limit(settings) if limit is not None else upload_body_limit(settings)

    def demo_loader(self) -> DemoLoader | None:
        if not self.has_demo:
            return None
        loader: DemoLoader = self.module("demo").load
        return loader


DOMAINS: tuple[Domain, ...] = (
    Domain(
        "auth",
        {
            "auth": "Signing in and out, refreshing sessions, the principal and its permissions.",
            "users": "People who sign in: their unit (jurisdiction), roles and grants.",
            "api-keys": "Keys for integrated systems, with a jurisdiction and explicit scopes.",
        },
    ),
    Domain("audit", {"audit": "The append-only, hash-chained log of every write."}, has_models=False),
    Domain(
        "jobs",
        {
            "jobs": "Long work done by the job worker (the daily purge, imports, large exports): state, "
            "progress, result or error, and progress as Server-Sent Events."
        },
    ),
    Domain(
        "units",
        {
            "units": "Administrative units, agencies and bodies: the registry and its hierarchy.",
            "reorganizations": "Merges, splits, renames and changes of kind, with lineage.",
        },
        has_demo=True,
    ),
    Domain(
        "receptions",
        {
            "receptions": "Citizen reception sessions and dialogues held by heads of units, and compliance "
            "with the reception quotas of Law 42/2013, Law 136/2025 and Regulation 11-QĐi/TW."
        },
        has_demo=True,
    ),
    Domain(
        "petitions",
        {
            "petitions": "Complaints, denunciations, petitions and reflections: their workflows, legal time "
            "limits and the denouncer's confidentiality."
        },
        has_demo=True,
    ),
    Domain("calendar", {"calendar": "Days off and worked weekend days that working-day limits skip."}),
    Domain(
        "inspections",
        {
            "inspections": "Inspection and supervision of grassroots democracy: the topics checked, the plans "
            "steering committees issue, the teams formed under them with their members, target units, "
            "workflow, findings and conclusion, and the conclusion's recommendations followed up until "
            "verified closed."
        },
        has_demo=True,
    ),
    Domain(
        "committees",
        {
            "committees": "People's Inspection Committees (of communes and of agencies) and Community Investment "
            "Supervision Boards: their terms, members and compliance with the composition and eligibility rules "
            "of Law 10/2022, Decree 59/2023 and, before 1 July 2023, Decree 159/2016."
        },
        has_demo=True,
    ),
    Domain(
        "imports",
        {
            "imports": "Bulk imports of XLSX, CSV and NDJSON files (villages and other units first), run as jobs "
            "with the importer's rights: dry run, all-or-nothing or valid rows only, upsert by code."
        },
        has_models=False,
    ),
    Domain(
        "exports",
        {
            "exports": "Lists too large to answer as a file in the request, exported by a job as the asker, "
            "with the filters and sort of their page; every list exports itself up to that size."
        },
        has_models=False,
    ),
)
