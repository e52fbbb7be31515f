"""Authentication: short-lived JWTs signed by the identity provider, verified on every
request against its JWKS (public keys only: no shared secret), and a permission check
per endpoint on top.

Failed authentications drain a small bucket per client address: once it is empty the
caller gets 429 before any token is looked at, which stops token guessing early.
"""

import functools
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ParamSpec, Protocol, TypeVar

import jwt
from flask import g, request
from redis.exceptions import RedisError

from app.errors import Forbidden, RateLimited, Unauthorized, Unavailable
from app.log import get_logger
from app.rate_limit.limiter import RateLimiter
from app.settings import Settings

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


class SigningKeys(Protocol):
    def get_signing_key_from_jwt(self, token: str) -> jwt.PyJWK: ...


def fetch_jwks(url: str) -> dict[str, Any]:
    """The JWKS document at `url`; PyJWKClientConnectionError when it cannot be read."""
    try:
        jwks: dict[str, Any] = jwt.PyJWKClient(url, cache_jwk_set=False, timeout=2).fetch_data()
    except (jwt.PyJWKClientError, ValueError) as error:
        raise jwt.PyJWKClientConnectionError(str(error)) from None
    return jwks


class JwksKeys:
    """The provider's public keys, cached by `kid`.

    An unknown `kid` (the provider rotated its keys) refetches the JWKS, but at most once
    per `refetch_cooldown` seconds: tokens with made-up kids cannot turn every request
    into a call to the provider. The lock makes concurrent requests wait for one fetch
    instead of each starting their own.
    """

    def __init__(
        self,
        url: str,
        refetch_cooldown: float = 30,
        max_age: float = 300,
        fetch: Callable[[], dict[str, Any]] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._fetch = fetch or functools.partial(fetch_jwks, url)
        self._cooldown = refetch_cooldown
        self._max_age = max_age
        self._clock = clock
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at: float | None = None
        self._unreachable = False
        self._lock = threading.Lock()

    def get_signing_key_from_jwt(self, token: str) -> jwt.PyJWK:
        kid = jwt.get_unverified_header(token).get("kid")
        with self._lock:
            now = self._clock()
            age = None if self._fetched_at is None else now - self._fetched_at
            unknown = kid not in self._keys
            if age is None or age >= self._max_age or (unknown and age >= self._cooldown):
                self._refresh(now)
            key = self._keys.get(kid) if isinstance(kid, str) else None
            if key is None and self._unreachable:
                raise jwt.PyJWKClientConnectionError("the JWKS could not be fetched")
        if key is None:
            raise jwt.PyJWKClientError("no key for the token's kid")
        return key

    def _refresh(self, now: float) -> None:
        self._fetched_at = now  # a failed fetch waits out the cooldown too
        try:
            jwks = jwt.PyJWKSet.from_dict(self._fetch())
        except jwt.PyJWKClientConnectionError:
            # The keys already known stay usable while the provider is unreachable.
            self._unreachable = True
            log.warning("JWKS unreachable, keeping the keys already known")
            return
        self._keys = {key.key_id: key for key in jwks.keys if key.key_id}
        self._unreachable = False


def _type_of(header_typ: object) -> str:
    """`application/at+jwt` and `at+JWT` are the same media type as `at+jwt`."""
    text = header_typ.lower() if isinstance(header_typ, str) else ""
    return text.removeprefix("application/")


class TokenVerifier:
    def __init__(
        self,
        keys: SigningKeys,
        issuer: str,
        audience: str,
        token_type: str = "at+jwt",  # noqa: S107 (a media type, not a secret)
        leeway_seconds: int = 30,
    ) -> None:
        self._keys = keys
        self._issuer = issuer
        self._audience = audience
        self._token_type = None if token_type.lower() == "any" else _type_of(token_type)
        self._leeway = leeway_seconds

    @classmethod
    def from_settings(cls, settings: Settings) -> "TokenVerifier":
        keys = JwksKeys(settings.jwks_url, settings.jwks_refetch_cooldown_seconds)
        return cls(
            keys,
            settings.jwt_issuer,
            settings.jwt_audience,
            settings.jwt_token_type,
            settings.jwt_clock_skew_seconds,
        )

    def verify(self, token: str) -> Principal:
        try:
            # An ID token (typ JWT) is signed by the same keys: only its type tells it apart.
            typ = jwt.get_unverified_header(token).get("typ")
            if self._token_type is not None and _type_of(typ) != self._token_type:
                raise Unauthorized("not an access token")
            signing_key = self._keys.get_signing_key_from_jwt(token)
            claims = jwt.decode(
                token,
                signing_key.key,
                algorithms=ALGORITHMS,
                issuer=self._issuer,
                audience=self._audience,
                leeway=self._leeway,
                options={"require": ["sub", "exp", "iat", "iss", "aud"]},
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
