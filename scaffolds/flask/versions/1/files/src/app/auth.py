"""Authentication: short-lived JWTs signed by the identity provider, verified on every
request against its JWKS (public keys only: no shared secret), and a permission check
per endpoint on top.

Failed authentications drain a small bucket per client address: once it is empty the
caller gets 429 before any token is looked at, which stops token guessing early.
"""

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

import jwt
from flask import g, request
from redis.exceptions import RedisError

from app.errors import Forbidden, RateLimited, Unauthorized, Unavailable
from app.log import get_logger
from app.rate_limit.limiter import RateLimiter

log = get_logger(__name__)

# Tokens issued for longer than this are refused, even before they expire.
MAX_TOKEN_LIFETIME_SECONDS = 15 * 60
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "EdDSA"]
_BEARER = re.compile(r"Bearer\s+(\S+)", re.IGNORECASE)

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Principal:
    """Who is calling, as the verified token says."""

    user_id: str
    permissions: frozenset[str]


def permissions_of(claims: dict[str, Any]) -> frozenset[str]:
    """Grants as a `permissions` array (Auth0 RBAC), an OAuth `scope` string or `scp`."""
    granted: set[str] = set()
    for key in ("permissions", "scp"):
        if isinstance(claims.get(key), list):
            granted.update(p for p in claims[key] if isinstance(p, str))
    if isinstance(claims.get("scope"), str):
        granted.update(claims["scope"].split())
    return frozenset(granted)


class TokenVerifier:
    def __init__(
        self,
        jwks_url: str,
        issuer: str | None = None,
        audience: str | None = None,
        keys: jwt.PyJWKClient | None = None,
    ) -> None:
        # Keys are fetched once and cached; an unknown `kid` triggers one refetch.
        self._keys = keys or jwt.PyJWKClient(jwks_url, cache_keys=True, lifespan=300, timeout=2)
        self._issuer = issuer
        self._audience = audience

    def verify(self, token: str) -> Principal:
        try:
            signing_key = self._keys.get_signing_key_from_jwt(token)
            claims = jwt.decode(
                token,
                signing_key.key,
                algorithms=ALGORITHMS,
                issuer=self._issuer,
                audience=self._audience,
                options={
                    "require": ["sub", "exp", "iat"],
                    "verify_aud": self._audience is not None,
                },
            )
        except jwt.PyJWKClientConnectionError as error:
            log.warning("JWKS unreachable", error=type(error).__name__)
            raise Unavailable("the identity provider's keys cannot be fetched") from None
        except jwt.ExpiredSignatureError:
            raise Unauthorized("token expired") from None
        except jwt.PyJWTError:
            raise Unauthorized("invalid token") from None
        if claims["exp"] - claims["iat"] > MAX_TOKEN_LIFETIME_SECONDS:
            raise Unauthorized("token lifetime exceeds 15 minutes")
        return Principal(user_id=str(claims["sub"]), permissions=permissions_of(claims))


def authenticate(verifier: TokenVerifier, failures: RateLimiter) -> None:
    """A before_request hook for /v1: sets g.user or raises 401 (429 after many failures)."""
    bucket = f"auth-failures:{request.remote_addr}"
    try:
        standing = failures.take(bucket, cost=0)
    except RedisError:
        standing = None  # Redis down: authentication still works, only the limit is off.
    if standing and not standing.allowed:
        raise RateLimited(standing.retry_after_seconds)
    match = _BEARER.fullmatch(request.headers.get("Authorization", ""))
    try:
        if not match:
            raise Unauthorized("bearer token required")
        g.user = verifier.verify(match.group(1))
    except Unauthorized as error:
        try:
            after = failures.take(bucket)
        except RedisError:
            after = None
        if after and not after.allowed:
            raise RateLimited(after.retry_after_seconds) from None
        log.info("authentication failed", reason=error.message)
        raise


def require_permission(permission: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Checked per endpoint: a valid token is not a licence for every route."""

    def decorate(view: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(view)
        def checked(*args: P.args, **kwargs: P.kwargs) -> R:
            user: Principal | None = g.get("user")
            if user is None:
                raise Unauthorized()
            if permission not in user.permissions:
                raise Forbidden(details={"permission": permission})
            return view(*args, **kwargs)

        return checked

    return decorate
