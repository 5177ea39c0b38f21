"""The pydantic base every request and response schema derives from, and the shared shapes."""

from typing import Any, Generic, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field


class Schema(BaseModel):
    # Unknown fields are refused, not silently dropped: a misspelt field must not lose data.
    model_config = ConfigDict(extra="forbid", from_attributes=True, populate_by_name=True)

    @classmethod
    def from_model(cls, obj: object, **derived: Any) -> Self:
        """The schema read off a model's attributes, with the values a model does not hold
        (derived ones: names of related units, what the reader may do) given by name."""
        data = {
            name: derived[name] if name in derived else getattr(obj, name)
            for name in cls.model_fields
            if name in derived or hasattr(obj, name)
        }
        return cls.model_validate(data)


T = TypeVar("T")


class Page(Schema, Generic[T]):
    items: list[T] = Field(description="This page's items, in the requested order.")
    next_cursor: str | None = Field(
        description="Opaque cursor for the next page; `null` on the last page.", examples=[None]
    )
    total: int | None = Field(
        None, description="Exact number of matching items, only when `include_total=true` was asked."
    )


class ProblemFieldError(Schema):
    in_: str = Field(
        alias="in", description="Where the field was: body, query, path or header.", examples=["body"]
    )
    field: str = Field(description="Dotted name of the offending field.", examples=["parent_id"])
    pointer: str | None = Field(
        None, description="RFC 6901 JSON pointer for body fields.", examples=["#/parent_id"]
    )
    code: str = Field(description="Stable machine code of what is wrong.", examples=["missing"])
    message: str = Field(description="Human-readable explanation (English).", examples=["Field required"])


class Problem(Schema):
    """RFC 9457 problem details, returned with `Content-Type: application/problem+json`."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(description="URI naming the problem type.", examples=["urn:qcdc:problem:not_found"])
    title: str = Field(description="Short summary of the problem type.", examples=["Not found"])
    status: int = Field(description="HTTP status code.", examples=[404])
    detail: str = Field(
        description="Explanation of this occurrence.", examples=["Unit 3f2c… does not exist."]
    )
    code: str = Field(description="Stable machine code; see docs/errors.md.", examples=["not_found"])
    instance: str | None = Field(None, description="The request path.", examples=["/api/v1/units/3f2c…"])
    request_id: str | None = Field(
        None, description="Quote it when reporting a problem.", examples=["b1946ac9"]
    )
    errors: list[ProblemFieldError] | None = Field(
        None, description="The offending fields, when fields were at fault."
    )
