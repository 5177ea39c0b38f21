"""Finding a request's route at a cost that does not grow with the number of routes.

FastAPI tries routes one after the other, and an included router is matched twice per level
(once to find it, once more inside it to pick the route): a profile of the live server measured
80 to 250 µs per request for routes late in the table, more than a whole bare request, and every
new domain would have added to it. So the API's routes are held flat, grouped by their resource
(the first segment after `/api/v1`: `units`, `petitions`, `auth`…): a request tries only the few
routes of its own resource, looked up in a dict. Domains still write ordinary `APIRouter`s with
prefixes and sub-routers; `flattened` turns them into plain routes once, at start-up.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from fastapi import APIRouter
from fastapi.routing import APIRoute, iter_route_contexts
from starlette._utils import get_route_path
from starlette.routing import BaseRoute, Match, NoMatchFound
from starlette.types import Receive, Scope, Send


def flattened(router: APIRouter, prefix: str, overrides_provider: Any) -> list[APIRoute]:
    """`router`'s routes (and its sub-routers'), each rebuilt as one route of its full path, with
    what the routers including it add (prefixes, tags, dependencies, responses)."""
    holder = APIRouter()
    holder.include_router(router, prefix=prefix)
    routes = []
    for context in iter_route_contexts(holder.routes):
        route, path = context.original_route, context.path
        if not isinstance(route, APIRoute) or path is None:
            raise TypeError(f"{path}: only API routes belong under {prefix}")
        routes.append(
            type(route)(
                path,
                route.endpoint,
                response_model=route.response_model,
                status_code=route.status_code,
                tags=list(context.tags),
                dependencies=list(context.dependencies),
                summary=route.summary,
                description=route.description,
                response_description=route.response_description,
                responses=dict(context.responses),
                deprecated=context.deprecated,
                name=route.name,
                methods=route.methods,
                operation_id=route.operation_id,
                response_model_include=route.response_model_include,
                response_model_exclude=route.response_model_exclude,
                response_model_by_alias=route.response_model_by_alias,
                response_model_exclude_unset=route.response_model_exclude_unset,
                response_model_exclude_defaults=route.response_model_exclude_defaults,
                response_model_exclude_none=route.response_model_exclude_none,
                include_in_schema=context.include_in_schema,
                response_class=context.response_class,
                dependency_overrides_provider=overrides_provider,
                callbacks=context.callbacks,
                openapi_extra=route.openapi_extra,
                generate_unique_id_function=context.generate_unique_id_function,
                strict_content_type=context.strict_content_type,
            )
        )
    return routes


class ResourceRoutes(BaseRoute):
    """The routes under `prefix`, found through their resource: one dict lookup, then only that
    resource's routes in the order they were added (the first full match wins, as in Starlette;
    a path matched with another method is a partial match, which leaves the 405 or 404 to the
    routes after this one, i.e. the API's fallback)."""

    def __init__(self, prefix: str, routes: Iterable[APIRoute] = ()) -> None:
        self.prefix = prefix.rstrip("/")
        self.routes: list[APIRoute] = []
        self._by_resource: dict[str, list[APIRoute]] = defaultdict(list)
        for route in routes:
            self.add(route)

    def add(self, route: APIRoute) -> None:
        resource = self._resource_of(route.path)
        if resource is None or "{" in resource:
            raise ValueError(f"{route.path}: a route under {self.prefix} starts with its resource's name")
        self.routes.append(route)
        self._by_resource[resource].append(route)

    def _resource_of(self, path: str) -> str | None:
        rest = path.removeprefix(self.prefix)
        if rest == path or not rest.startswith("/"):
            return None
        return rest[1:].partition("/")[0]

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] != "http":
            return Match.NONE, {}
        resource = self._resource_of(get_route_path(scope))
        partial: Scope | None = None
        for route in self._by_resource.get(resource, ()) if resource is not None else ():
            match, child_scope = route.matches(scope)
            if match is Match.FULL:
                return match, child_scope
            if match is Match.PARTIAL and partial is None:
                partial = child_scope
        if partial is not None:
            return Match.PARTIAL, partial
        return Match.NONE, {}

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        # The matched route is in the scope: APIRoute.matches puts itself there.
        route: APIRoute = scope["route"]
        await route.handle(scope, receive, send)

    def url_path_for(self, name: str, /, **path_params: Any) -> Any:
        for route in self.routes:
            try:
                return route.url_path_for(name, **path_params)
            except NoMatchFound:
                continue
        raise NoMatchFound(name, path_params)


def expanded(routes: Iterable[BaseRoute]) -> Iterator[BaseRoute]:
    """`routes` with the routes each `ResourceRoutes` holds in its place: what the contract lists."""
    for route in routes:
        if isinstance(route, ResourceRoutes):
            yield from route.routes
        else:
            yield route
