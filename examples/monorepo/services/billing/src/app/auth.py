"""Bearer tokens from the internal IdP, verified against its JWKS."""

from dataclasses import dataclass

import jwt
from fastapi import Request
from fastapi.concurrency import run_in_threadpool

from app.config import get_settings
from app.errors import AppError


@dataclass(frozen=True)
class Principal:
    subject: str
    scopes: frozenset[str]


_jwks_client: jwt.PyJWKClient | None = None


def _jwks() -> jwt.PyJWKClient:
    global _jwks_client
    if _jwks_client is None:
        _jwks_client = jwt.PyJWKClient(get_settings().jwks_url, cache_keys=True, lifespan=600)
    return _jwks_client


def _verify(token: str) -> Principal:
    settings = get_settings()
    signing_key = _jwks().get_signing_key_from_jwt(token)
    claims = jwt.decode(
        token,
        signing_key.key,
        algorithms=["RS256", "ES256"],
        audience=settings.jwt_audience,
        issuer=settings.jwt_issuer,
        options={"require": ["exp", "iat", "sub"]},
    )
    return Principal(subject=claims["sub"], scopes=frozenset(claims.get("scope", "").split()))


async def require_principal(request: Request) -> Principal:
    header = request.headers.get("authorization", "")
    if not header.startswith("Bearer "):
        raise AppError(401, "unauthorized", "A valid bearer token is required")
    try:
        principal = await run_in_threadpool(_verify, header.removeprefix("Bearer "))
    except jwt.PyJWTError as exc:
        raise AppError(401, "unauthorized", "Invalid or expired token") from exc
    request.state.user_id = principal.subject
    return principal


def require_scope(principal: Principal, scope: str) -> None:
    if scope not in principal.scopes:
        raise AppError(403, "forbidden", f"Missing scope {scope}")
