"""Bearer tokens from the internal IdP, verified against its JWKS."""

from functools import cache

import jwt
from flask import current_app, g, request

from reports.errors import AppError


@cache
def _jwks(url: str) -> jwt.PyJWKClient:
    return jwt.PyJWKClient(url, cache_keys=True, lifespan=600)


def authenticate() -> None:
    """before_request hook for protected blueprints."""
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        raise AppError(401, "unauthorized", "A valid bearer token is required")
    token = header.removeprefix("Bearer ")
    settings = current_app.config["SETTINGS"]
    try:
        key = _jwks(settings.jwks_url).get_signing_key_from_jwt(token)
        claims = jwt.decode(
            token,
            key.key,
            algorithms=["RS256", "ES256"],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options={"require": ["exp", "iat", "sub"]},
        )
    except jwt.PyJWTError as exc:
        raise AppError(401, "unauthorized", "Invalid or expired token") from exc
    g.user_id = claims["sub"]
    g.scopes = frozenset(claims.get("scope", "").split())


def require_scope(scope: str) -> None:
    if scope not in g.get("scopes", frozenset()):
        raise AppError(403, "forbidden", f"Missing scope {scope}")
