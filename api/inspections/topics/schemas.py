"""Request and response shapes of /api/v1/inspections/topics."""

from typing import Annotated

from pydantic import Field, StringConstraints

from api.core.schemas import Input, Schema

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class InspectionTopicRead(Schema):
    has_etag = True

    code: str = Field(examples=["publicity_of_information"])
    name_vi: str = Field(examples=["Công khai thông tin"])
    name_en: str = Field(examples=["Publicity of information"])
    position: int = Field(examples=[1])
    active: bool = Field(
        description="Inactive topics stay on the plans and teams that name them.", examples=[True]
    )


class InspectionTopicWrite(Input):
    code: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,63}$")] = Field(
        examples=["grassroots_mediation"]
    )
    name_vi: Name = Field(examples=["Hòa giải ở cơ sở"])
    name_en: Name = Field(examples=["Grassroots mediation"])
    position: int = Field(0, examples=[10])
    active: bool = Field(True, examples=[True])
