"""A stand-in identity provider: a fresh RSA key, its JWKS served on 127.0.0.1, and
RS256 tokens signed with it. The service under test only ever sees the JWKS URL."""

import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm


class LocalIdentityProvider:
    def __init__(self) -> None:
        self.kid = uuid.uuid4().hex
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        jwk = RSAAlgorithm.to_jwk(self._key.public_key(), as_dict=True)
        body = json.dumps({"keys": [{**jwk, "kid": self.kid, "alg": "RS256", "use": "sig"}]})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(body.encode()))
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        port = self._server.server_address[1]
        self.jwks_url = f"http://127.0.0.1:{port}/.well-known/jwks.json"

    def token(
        self,
        subject: str = "user-1",
        permissions: tuple[str, ...] = ("items:read", "items:write"),
        lifetime: int = 10 * 60,
        issued_ago: int = 0,
        **claims: object,
    ) -> str:
        iat = int(time.time()) - issued_ago
        payload = {
            "sub": subject,
            "iat": iat,
            "exp": iat + lifetime,
            "permissions": list(permissions),
        }
        payload.update(claims)
        return jwt.encode(payload, self._key, algorithm="RS256", headers={"kid": self.kid})

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def _handler(body: bytes) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler
