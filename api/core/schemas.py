"""The pydantic bases of every schema: `Schema` for answers, `Input` for what clients send, and
the shared shapes.

Input is read as strictly as the contract states it. pydantic's lax mode would take `0` for a
date (1970-01-01), `"106.2"` for a number in a JSON body, `"yes"` for a boolean or
`"2025-07-01"` for a date-time; a client generated from the contract never sends those, and a
server that takes them accepts requests its schema forbids. So every `Input` refuses, before
pydantic converts anything, a value whose JSON type or string form is not the one its field's
JSON schema names. JSON bodies give numbers and booleans as such; query strings and forms
(`Params`) give everything as text, which must then be written the way JSON would write it.

Answers are built by the server from its own typed values, so they skip that check: it is a
Python call per field, and a page of fifty cases would spend a fifth of its time in it.
tests/core/test_strict_input.py proves every operation's parameters and body are `Input`.
"""

import json
import math
import re
import types
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, ClassVar, Generic, Literal, Self, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, GetJsonSchemaHandler, ValidationInfo, field_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

Scalar = Literal["date", "datetime", "int", "float", "bool"]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# RFC 3339 `date-time`: seconds and an offset are not optional.
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
_INTEGER = re.compile(r"^-?(0|[1-9]\d*)$")
_NUMBER = re.compile(r"^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$")

_MESSAGES: dict[Scalar, tuple[str, str]] = {
    "date": ("date_type", "Input should be a date written YYYY-MM-DD"),
    "datetime": (
        "datetime_type",
        "Input should be an RFC 3339 date-time with an offset (2025-07-01T08:00:00Z)",
    ),
    "int": ("int_type", "Input should be an integer"),
    "float": ("float_type", "Input should be a finite number"),
    "bool": ("bool_type", "Input should be true or false"),
}


def _scalar_of(annotation: Any) -> tuple[Scalar, bool] | None:
    """The scalar a field holds (and whether it holds a list of them), through `Annotated`,
    `X | None` and `list[X]`; None for anything else, which pydantic already reads strictly."""
    if get_origin(annotation) is Annotated:
        return _scalar_of(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        return _scalar_of(options[0]) if len(options) == 1 else None
    if get_origin(annotation) is list:
        inner = _scalar_of(get_args(annotation)[0])
        return (inner[0], True) if inner and not inner[1] else None
    kind: dict[Any, Scalar] = {datetime: "datetime", date: "date", bool: "bool", int: "int", float: "float"}
    return (kind[annotation], False) if annotation in kind else None


def _native(kind: Scalar, value: Any) -> bool:
    """A value of the right JSON (or Python) type."""
    match kind:
        case "bool":
            return isinstance(value, bool)
        case "int":
            return (isinstance(value, int) and not isinstance(value, bool)) or (
                isinstance(value, float) and value.is_integer()
            )
        case "float":
            return (
                isinstance(value, int | float | Decimal)
                and not isinstance(value, bool)
                and math.isfinite(value)
            )
        case "date":
            return (isinstance(value, date) and not isinstance(value, datetime)) or (
                isinstance(value, str) and bool(_DATE.match(value))
            )
        case "datetime":
            return isinstance(value, datetime) or (isinstance(value, str) and bool(_DATETIME.match(value)))


def _text(kind: Scalar, value: str) -> bool:
    """A query-string or form value written as JSON would write the value."""
    match kind:
        case "bool":
            return value in ("true", "false")
        case "int":
            return bool(_INTEGER.match(value))
        case "float":
            return bool(_NUMBER.match(value))
        case "date":
            return bool(_DATE.match(value))
        case "datetime":
            return bool(_DATETIME.match(value))


def check_scalar(kind: Scalar, value: Any, *, encoded: bool) -> Any:
    """`value` unchanged if it is a `kind` as the contract writes one, else a validation error."""
    if value is None:
        return value
    if _native(kind, value) or (encoded and isinstance(value, str) and _text(kind, value)):
        return value
    code, message = _MESSAGES[kind]
    raise PydanticCustomError(code, message)


@cache
def _scalars(model: type[BaseModel]) -> dict[str, tuple[Scalar, bool]]:
    return {
        name: found
        for name, field in model.model_fields.items()
        if (found := _scalar_of(field.annotation)) is not None
    }


class Schema(BaseModel):
    # Unknown fields are refused, not silently dropped: a misspelt field must not lose data.
    # An answer always carries every field, defaulted or not: response schemas say so (`required`).
    model_config = ConfigDict(
        extra="forbid",
        from_attributes=True,
        populate_by_name=True,
        json_schema_serialization_defaults_required=True,
    )

    # Answered with an `ETag` (the route that returns it sets it; the contract declares it).
    has_etag: ClassVar[bool] = False

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """In a request, a field the server defaults is optional, and says its default in words:
        generators (openapi-typescript) read a component property's `default` as "always
        present", which is true of answers and false of requests."""
        json_schema = handler(core_schema)
        target = handler.resolve_ref_schema(json_schema)
        required = set(target.get("required", []))
        for name, prop in target.get("properties", {}).items():
            if handler.mode == "serialization":
                if name not in required:
                    # Left out of the answer when it has no value (a problem's `instance`).
                    prop.pop("default", None)
                continue
            if "default" in prop:
                default = prop.pop("default")
                if default is not None:
                    said = f"Default: `{json.dumps(default, ensure_ascii=False)}`."
                    prop["description"] = f"{prop['description']} {said}" if "description" in prop else said
        return json_schema

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


class Input(Schema):
    """The base of request bodies and of everything nested in one: read strictly (see above)."""

    # Query strings and forms carry text; see `Params`.
    encoded: ClassVar[bool] = False

    @field_validator("*", mode="before")
    @classmethod
    def _strict_scalars(cls, value: Any, info: ValidationInfo) -> Any:
        found = _scalars(cls).get(info.field_name or "")
        if found is None:
            return value
        kind, many = found
        if many and isinstance(value, list):
            for item in value:
                check_scalar(kind, item, encoded=cls.encoded)
            return value
        return check_scalar(kind, value, encoded=cls.encoded)


class Params(Input):
    """The base of query-parameter and form models: every value arrives as text, and a number,
    boolean or date must be written as JSON writes it (`5`, `true`, `2025-07-01`)."""

    encoded: ClassVar[bool] = True


T = TypeVar("T")


class Page(Schema, Generic[T]):
    items: list[T] = Field(description="This page's items, in the requested order.")
    next_cursor: str | None = Field(
        description="Opaque cursor for the next page; `null` on the last page.", examples=[None]
    )
    total: int | None = Field(
        None, description="Exact number of matching items, only when `include_total=true` was asked."
    )

    @classmethod
    def model_parametrized_name(cls, params: tuple[Any, ...]) -> str:
        # `UnitReadPage` in the contract rather than pydantic's `Page_UnitRead_`.
        return "".join(getattr(p, "__name__", str(p)) for p in params) + "Page"


class ProblemFieldError(Schema):
    # `pointer` is only there for body fields.
    model_config = ConfigDict(json_schema_serialization_defaults_required=False)

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

    # Members without a value (`instance`, `request_id`, `errors`) are left out, not null.
    model_config = ConfigDict(extra="allow", json_schema_serialization_defaults_required=False)

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
