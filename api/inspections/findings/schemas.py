"""Request and response shapes of /api/v1/inspections/teams/{team_id}/findings."""

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from api.core.schemas import Input, Schema
from api.inspections.models import FindingSeverity
from api.inspections.plans.schemas import TopicCode

FINDING_ID_EXAMPLE = "3a5c7e9b-1d2f-4a6c-8e0b-2d4f6a8c0e1b"
TARGET_ID_EXAMPLE = "2f4a6c8e-0b1d-4e3f-a5b7-c9d1e3f5a7b9"
PETITION_ID_EXAMPLE = "8d0f2b4c-6e8a-4c1d-9f3b-5d7e9a1c3e5f"
DESCRIPTION_EXAMPLE = "Chưa niêm yết công khai dự toán ngân sách xã năm 2026 tại trụ sở UBND"

Description = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10000)]
# A finding rests on a few petitions; a hundred is a data entry error.
MAX_PETITIONS = 100


class FindingCreate(Input):
    target_id: uuid.UUID = Field(
        description="The target (a visited unit of this team, `targets[].id`) the finding is about.",
        examples=[TARGET_ID_EXAMPLE],
    )
    topic: TopicCode = Field(
        description="The topic (`GET /inspections/topics`) the finding concerns; active.",
        examples=["publicity_of_information"],
    )
    description: Description = Field(examples=[DESCRIPTION_EXAMPLE])
    severity: FindingSeverity = Field(description="`minor`, `moderate` or `serious`.", examples=["moderate"])
    petition_ids: list[uuid.UUID] = Field(
        default_factory=list,
        max_length=MAX_PETITIONS,
        description="Petitions the finding rests on, each one you can see.",
        examples=[[PETITION_ID_EXAMPLE]],
    )


class FindingUpdate(Input):
    """Fields to change; omitted fields stay as they are. `petition_ids` replaces the list."""

    target_id: uuid.UUID | None = Field(None, examples=[TARGET_ID_EXAMPLE])
    topic: TopicCode | None = Field(None, examples=["village_conventions"])
    description: Description | None = Field(None, examples=[DESCRIPTION_EXAMPLE])
    severity: FindingSeverity | None = Field(None, examples=["serious"])
    petition_ids: list[uuid.UUID] | None = Field(
        None, max_length=MAX_PETITIONS, examples=[[PETITION_ID_EXAMPLE]]
    )

    @model_validator(mode="after")
    def _not_null(self) -> "FindingUpdate":
        for name in ("target_id", "topic", "description", "severity", "petition_ids"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class FindingRead(Schema):
    """A finding; its `ETag` is its team's: a finding is part of the team."""

    has_etag = True

    id: uuid.UUID = Field(examples=[FINDING_ID_EXAMPLE])
    team_id: uuid.UUID = Field(examples=["9c2e4b1a-7d3f-4a5e-8b6c-0d1e2f3a4b5c"])
    target_id: uuid.UUID = Field(examples=[TARGET_ID_EXAMPLE])
    unit_id: uuid.UUID = Field(
        description="The target's unit.", examples=["7e1d2c3b-4a5f-4e6d-9c8b-1a2f3e4d5c6b"]
    )
    topic: str = Field(examples=["publicity_of_information"])
    description: str = Field(examples=[DESCRIPTION_EXAMPLE])
    severity: FindingSeverity = Field(examples=["moderate"])
    petition_ids: list[uuid.UUID] = Field(examples=[[PETITION_ID_EXAMPLE]])
    created_at: datetime = Field(examples=["2026-09-09T10:00:00Z"])
    updated_at: datetime = Field(examples=["2026-09-09T10:00:00Z"])
