"""Request and response shapes of /api/v1/auth, /api/v1/users and /api/v1/api-keys."""

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints

from api.auth.models import ApiKey, User
from api.auth.permissions import Role
from api.core.pagination import PageQuery, SortField, Sorting, sort_parameter
from api.core.permissions import Permission
from api.core.schemas import Input, Params, Schema
from api.units.schemas import UnitSummary

API_KEY_SORTING = Sorting(
    entity=ApiKey,
    fields={"name": SortField("name", "name"), "created_at": SortField("created_at", "created_at", datetime)},
    default="-created_at",
    tiebreak=SortField("id", "id", uuid.UUID),
)

USER_SORTING = Sorting(
    entity=User,
    fields={
        "username": SortField("username", "username"),
        "created_at": SortField("created_at", "created_at", datetime),
    },
    default="username",
    tiebreak=SortField("id", "id", uuid.UUID),
)


Username = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, to_lower=True, min_length=3, max_length=64, pattern=r"^[A-Za-z0-9._-]+$"
    ),
]
Password = Annotated[str, StringConstraints(min_length=12, max_length=256)]
USER_ID_EXAMPLE = "3b2a9c1e-7f4d-4e8a-9b0c-1d2e3f4a5b6c"
UNIT_ID_EXAMPLE = "0b9d4c38-5d1e-4bde-9d0e-5a7f5f0d2b11"


class AuthTokenForm(Params):
    """The OAuth2 password grant's form; its other fields (`grant_type`, `scope`, `client_id`) are
    accepted and ignored, as OAuth2 clients send them."""

    model_config = ConfigDict(extra="ignore")

    username: str = Field(max_length=64, examples=["admin"])
    password: str = Field(max_length=256, examples=["mật-khẩu-đủ-dài-2026"])


class TokenPair(Schema):
    access_token: str = Field(
        description="Send as `Authorization: Bearer …`.", examples=["eyJhbGciOiJIUzI1NiJ9.e30.sig"]
    )
    token_type: str = Field(description="Always `bearer`.", examples=["bearer"])
    expires_in: int = Field(description="Seconds until the access token expires.", examples=[900])
    refresh_token: str = Field(
        description="Exchange at /auth/refresh for a new pair; single use.",
        examples=["bq3k2YpX0v8mT1rN5wQz7uJc9aE4sH6dL2fG8iO0pR4"],
    )
    refresh_expires_in: int = Field(
        description="Seconds until the refresh token expires.", examples=[1209600]
    )


class RefreshRequest(Input):
    refresh_token: str = Field(
        min_length=10, max_length=200, examples=["bq3k2YpX0v8mT1rN5wQz7uJc9aE4sH6dL2fG8iO0pR4"]
    )


class Me(Schema):
    kind: str = Field(description="`user` or `api_key`.", examples=["user"])
    id: uuid.UUID = Field(examples=[USER_ID_EXAMPLE])
    name: str = Field(description="Username, or the API key's prefix.", examples=["canbo.thucphan"])
    full_name: str | None = Field(examples=["Nguyễn Thị Lan"])
    roles: list[str] = Field(examples=[["officer"]])
    permissions: list[Permission] = Field(
        description="Everything this principal may do.", examples=[["units:read"]]
    )
    unit: UnitSummary | None = Field(description="The jurisdiction's root; null for the whole country.")


class RoleRead(Schema):
    role: Role = Field(examples=["officer"])
    permissions: list[Permission] = Field(examples=[["units:read", "petitions:read", "petitions:write"]])


class PermissionMatrix(Schema):
    roles: list[RoleRead]
    grantable: list[Permission] = Field(
        description="Held only when granted to a person explicitly.",
        examples=[["petitions:confidential", "users:grant_confidential"]],
    )


class UserCreate(Input):
    username: Username = Field(examples=["canbo.thucphan"])
    full_name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] = Field(
        examples=["Nguyễn Thị Lan"]
    )
    email: Annotated[str, StringConstraints(max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")] | None = Field(
        None, examples=["lan.nt@caobang.gov.vn"]
    )
    password: Password = Field(description="At least 12 characters.", examples=["mật-khẩu-đủ-dài-2026"])
    unit_id: uuid.UUID | None = Field(
        description="The jurisdiction: this unit's subtree.", examples=[UNIT_ID_EXAMPLE]
    )
    roles: list[Role] = Field(min_length=1, examples=[["officer"]])
    grants: list[Permission] = Field(
        default_factory=list,
        description="Explicit grants (petitions:confidential, users:grant_confidential), given only by a "
        "holder of users:grant_confidential.",
        examples=[[]],
    )


class UserUpdate(Input):
    full_name: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] | None
    ) = Field(None, examples=["Nguyễn Thị Lan"])
    email: Annotated[str, StringConstraints(max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")] | None = Field(
        None, examples=["lan.nt@caobang.gov.vn"]
    )
    password: Password | None = Field(None, examples=["mật-khẩu-mới-đủ-dài"])
    unit_id: uuid.UUID | None = Field(None, examples=[UNIT_ID_EXAMPLE])
    roles: list[Role] | None = Field(None, min_length=1, examples=[["viewer"]])
    grants: list[Permission] | None = Field(None, examples=[[]])
    is_active: bool | None = Field(
        None, description="false disables sign-in and every token at once.", examples=[False]
    )


class UserRead(Schema):
    has_etag = True

    id: uuid.UUID = Field(examples=[USER_ID_EXAMPLE])
    username: str = Field(examples=["canbo.thucphan"])
    full_name: str = Field(examples=["Nguyễn Thị Lan"])
    email: str | None = Field(examples=["lan.nt@caobang.gov.vn"])
    unit_id: uuid.UUID | None = Field(examples=[UNIT_ID_EXAMPLE])
    roles: list[Role] = Field(examples=[["officer"]])
    grants: list[Permission] = Field(examples=[[]])
    is_active: bool = Field(examples=[True])
    last_login_at: datetime | None = Field(examples=["2026-11-20T01:02:03Z"])
    created_at: datetime = Field(examples=["2026-11-01T01:02:03Z"])


class UserListQuery(PageQuery):
    sort: str | None = sort_parameter(USER_SORTING)
    q: str | None = Field(None, max_length=100, description="Words in the username, name or email.")
    role: Role | None = Field(None, description="Only users with this role.")
    is_active: bool | None = Field(None, description="Only active (true) or disabled (false) users.")


GrantablePermission = Literal["petitions:confidential", "users:grant_confidential"]


class HolderListQuery(PageQuery):
    sort: str | None = sort_parameter(USER_SORTING)
    permission: GrantablePermission = Field(
        "petitions:confidential", description="Holders of this explicit grant."
    )
    is_active: bool | None = Field(None, description="Only active (true) or disabled (false) users.")


class ApiKeyCreate(Input):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] = Field(
        examples=["Cổng dịch vụ công Cao Bằng"]
    )
    unit_id: uuid.UUID | None = Field(description="The key's jurisdiction.", examples=[UNIT_ID_EXAMPLE])
    scopes: list[Permission] = Field(min_length=1, examples=[["units:read", "petitions:write"]])
    expires_at: datetime | None = Field(
        None, description="After this the key is refused.", examples=["2027-12-31T17:00:00Z"]
    )


class ApiKeyRead(Schema):
    id: uuid.UUID = Field(examples=["9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"])
    name: str = Field(examples=["Cổng dịch vụ công Cao Bằng"])
    prefix: str = Field(description="Visible start of the key, to recognise it.", examples=["k3x9q2"])
    unit_id: uuid.UUID | None = Field(examples=[UNIT_ID_EXAMPLE])
    scopes: list[Permission] = Field(examples=[["units:read"]])
    expires_at: datetime | None = Field(examples=[None])
    last_used_at: datetime | None = Field(examples=[None])
    revoked_at: datetime | None = Field(examples=[None])
    created_at: datetime = Field(examples=["2026-11-01T01:02:03Z"])


class ApiKeyCreated(ApiKeyRead):
    key: str = Field(
        description="The key itself, shown only this once.",
        examples=["qcdc_k3x9q2_bq3k2YpX0v8mT1rN5wQz7uJc9aE4sH6dL2fG8iO0pR4"],
    )


class ApiKeyListQuery(PageQuery):
    sort: str | None = sort_parameter(API_KEY_SORTING)
    include_revoked: bool = Field(False, description="Also list revoked keys.")
