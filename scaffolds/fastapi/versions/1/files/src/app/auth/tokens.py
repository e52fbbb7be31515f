"""Bearer tokens verified against the identity provider's JWKS with PyJWT's
PyJWKClient (public keys, fetched and cached). No shared secret anywhere."""

import asyncio

import jwt
from jwt import PyJWKClient

from app.auth.principal import Principal, permissions_of
from app.errors import UnauthorizedError

# Tokens issued for longer than this are refused, even when they have not expired yet.
MAX_TOKEN_LIFETIME_SECONDS = 15 * 60

ASYMMETRIC_ALGORITHMS = [
    "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA",
]  # fmt: skip


class TokenVerifier:
    def __init__(self, jwks_url: str, issuer: str | None = None, audience: str | None = None):
        # Keys are cached for 5 minutes; an unknown `kid` refetches (key rotation).
        self._keys = PyJWKClient(jwks_url, cache_keys=True, lifespan=300, timeout=2)
        self._issuer = issuer
        self._audience = audience

    async def verify(self, token: str) -> Principal:
        # PyJWKClient fetches with blocking urllib: keep it off the event loop.
        return await asyncio.to_thread(self.verify_sync, token)

    def verify_sync(self, token: str) -> Principal:
        try:
            key = self._keys.get_signing_key_from_jwt(token)
            claims = jwt.decode(
                token,
                key.key,
                algorithms=ASYMMETRIC_ALGORITHMS,
                issuer=self._issuer,
                audience=self._audience,
                options={
                    "require": ["sub", "exp", "iat"],
                    "verify_aud": self._audience is not None,
                },
            )
        except jwt.ExpiredSignatureError:
            raise UnauthorizedError("token expired") from None
        except jwt.PyJWTError:
            raise UnauthorizedError("invalid token") from None
        if claims["exp"] - claims["iat"] > MAX_TOKEN_LIFETIME_SECONDS:
            raise UnauthorizedError("token lifetime exceeds 15 minutes")
        return Principal(user_id=str(claims["sub"]), permissions=permissions_of(claims))
