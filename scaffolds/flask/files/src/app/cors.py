"""CORS for browser clients on other origins (CORS_ORIGINS). Unset: no CORS header is
ever sent, and browsers keep other origins out."""

from flask import Flask, Response, request

ALLOWED_METHODS = "GET, POST, PATCH, DELETE"
ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key, traceparent"
# What a browser client may read from an answer besides the basic headers.
EXPOSED_HEADERS = (
    "Retry-After, RateLimit-Limit, RateLimit-Remaining, X-Request-Id, Idempotent-Replayed"
)


def origins_of(setting: str) -> frozenset[str]:
    return frozenset(o.strip().rstrip("/") for o in setting.split(",") if o.strip())


def install_cors(app: Flask, origins: frozenset[str]) -> None:
    """Registered before authentication: a preflight carries no token and is answered
    here; with `*`, any origin may call (never with credentials: tokens go in headers)."""
    if not origins:
        return
    any_origin = "*" in origins

    @app.before_request
    def _preflight() -> Response | None:
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            return app.make_default_options_response()
        return None

    @app.after_request
    def _cors_headers(response: Response) -> Response:
        origin = request.headers.get("Origin")
        response.vary.add("Origin")
        if origin is None or not (any_origin or origin in origins):
            return response
        response.headers["Access-Control-Allow-Origin"] = "*" if any_origin else origin
        response.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response.headers["Access-Control-Max-Age"] = "600"
        return response
