"""HTTP routes of /api/v1/auth, /api/v1/users and /api/v1/api-keys."""

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request, Response, status

from api.auth import service, sessions
from api.auth.models import ApiKey, User
from api.auth.permissions import GRANTABLE, ROLE_PERMISSIONS
from api.auth.repository import ApiKeyRepository, GrantHolderRepository, UserRepository
from api.auth.schemas import (
    ApiKeyCreate,
    ApiKeyCreated,
    ApiKeyListQuery,
    ApiKeyRead,
    AuthTokenForm,
    HolderListQuery,
    Me,
    PermissionMatrix,
    RefreshRequest,
    RoleRead,
    TokenPair,
    UserCreate,
    UserListQuery,
    UserRead,
    UserUpdate,
)
from api.core.access import Authenticated, Authorize, Principal
from api.core.etag import IfMatch, set_etag
from api.core.exports import exportable
from api.core.pagination import Cursors
from api.core.permissions import Permission
from api.core.repository import current, repository
from api.core.responses import problems
from api.core.schemas import Page
from api.core.unit_of_work import AfterTransaction, Public, Session, UnitOfWorkRoute, request_actor

auth_router = APIRouter(prefix="/auth", tags=["auth"], route_class=UnitOfWorkRoute)
users_router = APIRouter(prefix="/users", tags=["users"], route_class=UnitOfWorkRoute)
api_keys_router = APIRouter(prefix="/api-keys", tags=["api-keys"], route_class=UnitOfWorkRoute)

Users = Annotated[UserRepository, repository(UserRepository)]
GrantHolders = Annotated[GrantHolderRepository, repository(GrantHolderRepository)]
ApiKeys = Annotated[ApiKeyRepository, repository(ApiKeyRepository)]
CurrentUser = Annotated[User, current(UserRepository, "user_id")]
CurrentApiKey = Annotated[ApiKey, current(ApiKeyRepository, "key_id")]
# Granting or revoking the confidential permissions (api/auth/service.py).
GRANT_ERRORS = ["permission_denied", "cannot_grant_self", "nationwide_only"]
UNAUTHORIZED = problems(
    401, codes={401: ["unauthorized", "invalid_token", "invalid_api_key", "account_disabled"]}
)


@auth_router.post(
    "/token",
    operation_id="auth-token-create",
    summary="Sign in",
    response_model=TokenPair,
    responses=problems(
        401, 422, 429, codes={401: ["invalid_credentials", "account_disabled"], 429: ["rate_limited"]}
    ),
)
async def sign_in(
    request: Request,
    session: Session,
    after_transaction: AfterTransaction,
    form: Annotated[AuthTokenForm, Form()],
    _: None = Public(),
) -> TokenPair:
    """OAuth2 password flow: a short-lived access token and a single-use refresh token.
    The answer to a wrong password is the same whether or not the account exists."""
    state = request.app.state
    return await sessions.sign_in(
        session,
        state.database,
        after_transaction,
        state.settings,
        form.username,
        form.password,
        request_actor(request),
    )


@auth_router.post(
    "/refresh",
    operation_id="auth-refresh",
    summary="Refresh a session",
    response_model=TokenPair,
    responses=problems(
        401, 422, codes={401: ["invalid_refresh_token", "refresh_token_reused", "account_disabled"]}
    ),
)
async def refresh(
    request: Request,
    session: Session,
    after_transaction: AfterTransaction,
    body: RefreshRequest,
    _: None = Public(),
) -> TokenPair:
    """Exchange a refresh token for a new pair; a token used twice closes its whole session."""
    state = request.app.state
    return await sessions.refresh(
        session, state.database, after_transaction, state.settings, body.refresh_token
    )


@auth_router.post(
    "/logout",
    operation_id="auth-logout",
    summary="Sign out",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=problems(422),
)
async def logout(session: Session, body: RefreshRequest, _: None = Public()) -> Response:
    """Close the session the refresh token belongs to; its access tokens expire on their own."""
    await sessions.sign_out(session, body.refresh_token)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@auth_router.get(
    "/me", operation_id="auth-me-get", summary="Who am I", response_model=Me, responses=UNAUTHORIZED
)
async def me(session: Session, principal: Principal = Authenticated()) -> Me:
    """The principal, its roles, permissions and jurisdiction, so a client can shape its menus."""
    return await service.me(session, principal)


@auth_router.get(
    "/permissions",
    operation_id="auth-permissions-get",
    summary="The permission matrix",
    response_model=PermissionMatrix,
    responses=UNAUTHORIZED,
)
async def permission_matrix(_: Principal = Authenticated()) -> PermissionMatrix:
    """What each role may do, and what can only be granted to a person explicitly."""
    return PermissionMatrix(
        roles=[RoleRead(role=r, permissions=sorted(p)) for r, p in ROLE_PERMISSIONS.items()],
        grantable=sorted(GRANTABLE),
    )


def _user(user: User, response: Response) -> UserRead:
    set_etag(response, user.version)
    return UserRead.model_validate(user)


@users_router.get(
    "",
    operation_id="users-list",
    summary="List users",
    response_model=Page[UserRead],
    responses=problems(422),
)
@exportable
async def list_users(
    users: Users,
    cursors: Cursors,
    query: Annotated[UserListQuery, Query()],
    _: Principal = Authorize(Permission.USERS_READ),
) -> Page[UserRead]:
    """Users of the jurisdiction."""
    return Page[UserRead].model_validate(await users.page(query, cursors))


@users_router.get(
    "/confidential-holders",
    operation_id="users-confidential-holders-list",
    summary="List who may read denouncers' identities",
    response_model=Page[UserRead],
    responses=problems(400, 401, 403, 422),
)
@exportable
async def list_confidential_holders(
    holders: GrantHolders,
    cursors: Cursors,
    query: Annotated[HolderListQuery, Query()],
    _: Principal = Authorize(Permission.USERS_READ),
) -> Page[UserRead]:
    """People of the jurisdiction holding `petitions:confidential` (or, with `permission`,
    `users:grant_confidential`), disabled ones included unless `is_active` says otherwise, for the
    steering committee that answers for the secret. Who granted it: `GET /audit-events?action=user.grant`."""
    return Page[UserRead].model_validate(await holders.page(query, cursors))


@users_router.post(
    "",
    operation_id="users-create",
    summary="Create a user",
    status_code=status.HTTP_201_CREATED,
    response_model=UserRead,
    responses=problems(
        403,
        409,
        422,
        codes={
            403: GRANT_ERRORS,
            409: ["duplicate_username"],
            422: ["unit_not_found", "unit_outside_jurisdiction", "not_grantable"],
        },
    ),
)
async def create_user(
    session: Session,
    body: UserCreate,
    response: Response,
    principal: Principal = Authorize(Permission.USERS_MANAGE),
) -> UserRead:
    """A person who signs in, with a unit (its jurisdiction) and roles. Explicit `grants` (the
    confidential permissions) are given only by a holder of `users:grant_confidential`."""
    user = await service.create_user(session, principal, body)
    response.headers["Location"] = f"/api/v1/users/{user.id}"
    return _user(user, response)


@users_router.get(
    "/{user_id:uuid}",
    operation_id="users-get",
    summary="Get a user",
    response_model=UserRead,
    responses=problems(404, codes={404: ["user_not_found"]}),
)
async def get_user(
    user: CurrentUser, response: Response, _: Principal = Authorize(Permission.USERS_READ)
) -> UserRead:
    """One user of the jurisdiction."""
    return _user(user, response)


@users_router.patch(
    "/{user_id:uuid}",
    operation_id="users-update",
    summary="Update a user",
    response_model=UserRead,
    responses=problems(
        403,
        404,
        412,
        422,
        codes={
            403: GRANT_ERRORS,
            404: ["user_not_found"],
            422: ["cannot_demote_self", "not_grantable", "unit_not_found", "unit_outside_jurisdiction"],
        },
    ),
)
async def update_user(
    session: Session,
    user: CurrentUser,
    body: UserUpdate,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.USERS_MANAGE),
) -> UserRead:
    """Change roles, unit, grants or password; `is_active: false` disables the account at once.
    Only a holder of `users:grant_confidential` changes `grants`, never its own; only a nationwide
    one gives or takes `users:grant_confidential`. Each grant and revocation is an audit event
    (`user.grant`, `user.revoke`)."""
    return _user(await service.update_user(session, principal, user, body, if_match), response)


@api_keys_router.get(
    "",
    operation_id="api-keys-list",
    summary="List API keys",
    response_model=Page[ApiKeyRead],
    responses=problems(422),
)
@exportable
async def list_api_keys(
    api_keys: ApiKeys,
    cursors: Cursors,
    query: Annotated[ApiKeyListQuery, Query()],
    _: Principal = Authorize(Permission.API_KEYS_MANAGE),
) -> Page[ApiKeyRead]:
    """Keys of the jurisdiction, newest first; the secrets themselves are never shown again."""
    return Page[ApiKeyRead].model_validate(await api_keys.page(query, cursors))


@api_keys_router.post(
    "",
    operation_id="api-keys-create",
    summary="Create an API key",
    status_code=status.HTTP_201_CREATED,
    response_model=ApiKeyCreated,
    responses=problems(
        422,
        codes={
            422: [
                "scope_exceeds_creator",
                "personal_permission",
                "unit_not_found",
                "unit_outside_jurisdiction",
                "date_in_past",
            ]
        },
    ),
)
async def create_api_key(
    session: Session,
    body: ApiKeyCreate,
    response: Response,
    principal: Principal = Authorize(Permission.API_KEYS_MANAGE),
) -> ApiKeyCreated:
    """A key for a system, with a jurisdiction and explicit scopes; `key` is shown this once only."""
    key, secret = await service.create_api_key(session, principal, body)
    response.headers["Location"] = f"/api/v1/api-keys/{key.id}"
    return ApiKeyCreated(**ApiKeyRead.model_validate(key).model_dump(), key=secret)


@api_keys_router.get(
    "/{key_id:uuid}",
    operation_id="api-keys-get",
    summary="Get an API key",
    response_model=ApiKeyRead,
    responses=problems(404, codes={404: ["api_key_not_found"]}),
)
async def get_api_key(key: CurrentApiKey, _: Principal = Authorize(Permission.API_KEYS_MANAGE)) -> ApiKeyRead:
    """One key (without its secret)."""
    return ApiKeyRead.model_validate(key)


@api_keys_router.post(
    "/{key_id:uuid}/revoke",
    operation_id="api-keys-revoke",
    summary="Revoke an API key",
    response_model=ApiKeyRead,
    responses=problems(404, codes={404: ["api_key_not_found"]}),
)
async def revoke_api_key(
    session: Session, key: CurrentApiKey, principal: Principal = Authorize(Permission.API_KEYS_MANAGE)
) -> ApiKeyRead:
    """Refuse the key from now on; revoking twice changes nothing."""
    return ApiKeyRead.model_validate(await service.revoke_api_key(session, principal, key))


router = APIRouter()
for _router in (auth_router, users_router, api_keys_router):
    router.include_router(_router)
