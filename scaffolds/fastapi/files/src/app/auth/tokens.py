"""Bearer tokens verified against the identity provider's JWKS (app.auth.jwks) with
PyJWT: public keys only, no shared secret anywhere.

A token passes when it is an access token (header `typ`, RFC 9068), signed by a key of
the JWKS with an asymmetric algorithm, issued by JWT_ISSUER for JWT_AUDIENCE, within
its validity (give or take JWT_CLOCK_SKEW_SECONDS) and lives at most 15 minutes.
"""

import jwt

from app.auth.jwks import JwksCache, JwksUnavailable
from app.auth.principal import Principal, permissions_of
from app.errors import UnauthorizedError, UnavailableError

# Tokens issued for longer than this are refused, even when they have not expired yet.
MAX_TOKEN_LIFETIME_SECONDS = 15 * 60

ASYMMETRIC_ALGORITHMS = [
    "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA",
]  # fmt: skip

ANY_TYPE = "any"


def media_type(typ: str) -> str:
    """`application/at+jwt` and `AT+JWT` both mean `at+jwt` (RFC 7515, 4.1.9)."""
    typ = typ.strip().lower()
    return typ.removeprefix("application/")


class TokenVerifier:
    def __init__(
        self,
        jwks_url: str,
        issuer: str,
        audience: str,
        token_type: str = "at+jwt",  # noqa: S107 - a token type, not a secret
        clock_skew_seconds: int = 30,
        refetch_cooldown_seconds: float = 30,
    ) -> None:
        self.keys = JwksCache(jwks_url, refetch_cooldown_seconds)
        self._issuer = issuer
        self._audience = audience
        self._type = None if media_type(token_type) == ANY_TYPE else media_type(token_type)
        self._leeway = clock_skew_seconds

    async def verify(self, token: str) -> Principal:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise UnauthorizedError("invalid token") from None
        typ = header.get("typ")
        if self._type is not None and (not isinstance(typ, str) or media_type(typ) != self._type):
            # An ID token (typ JWT) proves a login to a client, not a grant to this API.
            raise UnauthorizedError("not an access token")
        kid = header.get("kid")
        if not isinstance(kid, str):
            raise UnauthorizedError("invalid token")
        try:
            key = await self.keys.key(kid)
        except JwksUnavailable:
            raise UnavailableError("the identity provider's keys cannot be fetched") from None
        if key is None:
            raise UnauthorizedError("invalid token")
        try:
            claims = jwt.decode(
                token,
                key.key,
                algorithms=ASYMMETRIC_ALGORITHMS,
                issuer=self._issuer,
                audience=self._audience,
                leeway=self._leeway,
                options={"require": ["sub", "exp", "iat", "iss", "aud"]},
            )
        except jwt.ExpiredSignatureError:
            raise UnauthorizedError("token expired") from None
        except jwt.PyJWTError:
            raise UnauthorizedError("invalid token") from None
        if claims["exp"] - claims["iat"] > MAX_TOKEN_LIFETIME_SECONDS:
            raise UnauthorizedError("token lifetime exceeds 15 minutes")
        return Principal(user_id=str(claims["sub"]), permissions=permissions_of(claims))
