"""A stand-in identity provider for tests: a fresh RSA key, its JWKS, and RS256
tokens signed with it. Nothing leaves the process."""

import time
import uuid
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa


class LocalKeys:
    """What TokenVerifier needs from a JWKS client, served from a local JWKS."""

    def __init__(self, jwks: dict[str, Any]) -> None:
        self._keys = jwt.PyJWKSet.from_dict(jwks)

    def get_signing_key_from_jwt(self, token: str) -> jwt.PyJWK:
        kid = jwt.get_unverified_header(token).get("kid")
        for key in self._keys.keys:
            if key.key_id == kid:
                return key
        raise jwt.PyJWKClientError(f"no key {kid}")


class LocalIssuer:
    def __init__(self) -> None:
        self.kid = uuid.uuid4().hex
        self._private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        public = jwt.algorithms.RSAAlgorithm.to_jwk(self._private.public_key(), as_dict=True)
        self.jwks = {"keys": [{**public, "kid": self.kid, "alg": "RS256", "use": "sig"}]}

    def keys(self) -> LocalKeys:
        return LocalKeys(self.jwks)

    def token(self, subject: str, permissions: list[str], lifetime: int = 600, age: int = 0) -> str:
        issued = int(time.time()) - age
        claims = {
            "sub": subject,
            "iat": issued,
            "exp": issued + lifetime,
            "permissions": permissions,
        }
        return jwt.encode(claims, self._private, algorithm="RS256", headers={"kid": self.kid})
