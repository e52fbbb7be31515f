"""FastAPI dependencies: settings, the database session, the item repository, the
current user and the per-endpoint checks (permission, rate limit).

Connections are opened once per process by the lifespan (app.main) and kept on
`app.state`; these functions hand them to the routes.
"""{{#db_postgres}}

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession{{/db_postgres}}{{^db_postgres}}{{#auth_jwks}}

from typing import Annotated

from fastapi import Depends, Request{{/auth_jwks}}{{^auth_jwks}}

from fastapi import Request{{/auth_jwks}}{{/db_postgres}}

{{#auth_jwks}}
from app.auth.principal import Principal
{{/auth_jwks}}from app.client_ip import client_ip
{{#db_postgres}}
from app.db.items_repository import SqlItemRepository
{{/db_postgres}}{{#auth_jwks}}
from app.errors import ForbiddenError, RateLimitedError, UnauthorizedError
{{/auth_jwks}}{{^auth_jwks}}
from app.errors import RateLimitedError
{{/auth_jwks}}from app.items.repository import ItemRepository
from app.log import get_logger
from app.settings import Settings

log = get_logger(__name__)


def get_settings(request: Request) -> Settings:
    return request.app.state.settings{{#db_postgres}}


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.sessions() as session:
        yield session


def get_items(session: Annotated[AsyncSession, Depends(get_session)]) -> ItemRepository:
    return SqlItemRepository(session){{/db_postgres}}{{^db_postgres}}


def get_items(request: Request) -> ItemRepository:
    return request.app.state.items{{/db_postgres}}{{#auth_jwks}}


def bearer_token(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


async def current_user(request: Request) -> Principal:
    """Verifies the bearer token on every request. Failed authentications drain a small
    bucket per client address: once it is empty the caller gets 429 before any token is
    looked at, which stops token guessing early."""
    state = request.app.state
    bucket = f"ip:{client_ip(request, state.settings.trust_proxy)}"
    try:
        standing = await state.auth_failures.take(bucket, cost=0)
    except Exception:  # Redis down: authentication still works, only the limit is off.
        standing = None
    if standing and not standing.allowed:
        raise RateLimitedError(standing.retry_after_seconds)
    try:
        token = bearer_token(request)
        if token is None:
            raise UnauthorizedError("bearer token required")
        user = await state.verifier.verify(token)
    except UnauthorizedError as err:
        after = None
        try:
            after = await state.auth_failures.take(bucket)
        except Exception:  # noqa: S110 - Redis down: the failure is not counted
            pass
        if after and not after.allowed:
            raise RateLimitedError(after.retry_after_seconds) from None
        log.info("authentication failed", reason=err.message)
        raise
    request.state.user_id = user.user_id
    return user


def require_permission(permission: str):
    """Checked per endpoint, on top of authentication: a valid token is not a licence
    for every route."""

    async def check(user: Annotated[Principal, Depends(current_user)]) -> Principal:
        if permission not in user.permissions:
            raise ForbiddenError(permission)
        return user

    return Depends(check)


# Token bucket per caller and endpoint (the route's pattern, `/v1/items/{item_id}`, not
# the raw path). A refused request gets 429 with Retry-After.
async def rate_limit(request: Request, user: Annotated[Principal, Depends(current_user)]) -> None:
    who = f"user:{user.user_id}"{{/auth_jwks}}{{^auth_jwks}}


# Token bucket per client address and endpoint (the route's pattern,
# `/v1/items/{item_id}`, not the raw path). A refused request gets 429 with Retry-After.
async def rate_limit(request: Request) -> None:
    who = f"ip:{client_ip(request, request.app.state.settings.trust_proxy)}"{{/auth_jwks}}
    route = request.scope.get("route")
    endpoint = f"{request.method} {getattr(route, 'path', request.url.path)}"
    try:
        result = await request.app.state.limiter.take(f"{endpoint}:{who}")
    except Exception:
        # Redis unavailable: serve rather than fail every request; /health reports it.
        log.warning("rate limiter unavailable, request let through", exc_info=True)
        return
    if not result.allowed:
        raise RateLimitedError(result.retry_after_seconds)
