"""Request and response shapes of /api/v1/petitions/categories."""

from typing import Annotated

from pydantic import Field, StringConstraints

from api.core.schemas import Input, Schema


class CategoryRead(Schema):
    has_etag = True

    code: str = Field(examples=["land"])
    name_vi: str = Field(examples=["Đất đai"])
    name_en: str = Field(examples=["Land"])
    position: int = Field(examples=[1])
    active: bool = Field(examples=[True])


class CategoryWrite(Input):
    code: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,63}$")] = Field(
        examples=["water_supply"]
    )
    name_vi: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] = Field(
        examples=["Cấp nước"]
    )
    name_en: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] = Field(
        examples=["Water supply"]
    )
    position: int = Field(0, examples=[10])
    active: bool = Field(True, examples=[True])
