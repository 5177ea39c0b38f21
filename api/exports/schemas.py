from typing import Literal

from pydantic import Field

from api.core.schemas import Schema


class ExportCreate(Schema):
    list: str = Field(
        min_length=1,
        max_length=4000,
        pattern=r"^/api/v1/[^\s#]*$",
        description="The list to export, as its path and query on this API, with the filters and sort "
        "its page would have (`/api/v1/petitions?status=received&sort=-received_on`); `limit`, "
        "`cursor`, `include_total` and `format` in it are ignored.",
        examples=["/api/v1/petitions?kind=complaint&received_from=2026-01-01"],
    )
    format: Literal["csv", "xlsx", "ndjson"] = Field(
        description="The file's format: as a list's `format=` (docs/exports.md).", examples=["xlsx"]
    )
