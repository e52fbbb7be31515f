"""Typed errors and the handlers that answer every failure in the one error shape.

Route code raises these; nothing else writes an error body. Unexpected exceptions are
logged in full and answered with a generic `internal` error: no exception text,
stack or SQL ever reaches a client. The codes are documented in docs/errors.md.
"""

from typing import Any

from flask import Flask, Response, jsonify
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException

from app.log import get_logger

log = get_logger(__name__)

# Every code the API answers with, and its HTTP status.
ERROR_CODES: dict[str, int] = {
    "bad_request": 400,
    "validation_failed": 400,
    "unauthorized": 401,
    "forbidden": 403,
    "not_found": 404,
    "method_not_allowed": 405,
    "conflict": 409,
    "payload_too_large": 413,
    "unsupported_media_type": 415,
    "rate_limited": 429,
    "internal": 500,
    "unavailable": 503,
}

# werkzeug's HTTP errors (a bad route, a malformed body...) mapped to our codes.
_HTTP_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
}


class AppError(Exception):
    """An error the service raises on purpose; its message is safe to show."""

    code = "internal"
    message = "internal error"

    def __init__(self, message: str | None = None, details: Any = None) -> None:
        super().__init__(message or self.message)
        self.message = message or self.message
        self.details = details

    @property
    def status(self) -> int:
        return ERROR_CODES[self.code]


class Unauthorized(AppError):
    code = "unauthorized"
    message = "authentication required"


class Forbidden(AppError):
    code = "forbidden"
    message = "permission denied"


class NotFound(AppError):
    code = "not_found"
    message = "not found"


class Conflict(AppError):
    code = "conflict"
    message = "conflict"


class RateLimited(AppError):
    code = "rate_limited"
    message = "too many requests, retry later"

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(details={"retry_after_seconds": retry_after_seconds})
        self.retry_after_seconds = retry_after_seconds


class Unavailable(AppError):
    code = "unavailable"
    message = "a dependency is unavailable, retry later"


def error_response(code: str, message: str, details: Any = None) -> Response:
    body: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        body["details"] = details
    response = jsonify(error=body)
    response.status_code = ERROR_CODES[code]
    return response


def validation_failed(error: ValidationError) -> Response:
    """flask-openapi3's callback for a request that does not match its models."""
    details = [
        {"path": ".".join(str(p) for p in issue["loc"]), "message": issue["msg"]}
        for issue in error.errors(include_url=False, include_input=False)
    ]
    return error_response("validation_failed", "the request does not match the schema", details)


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(AppError)
    def app_error(error: AppError) -> Response:
        response = error_response(error.code, error.message, error.details)
        if isinstance(error, RateLimited):
            response.headers["Retry-After"] = str(error.retry_after_seconds)
        return response

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[dict[str, Any], int]:
        status = error.code or 500
        code = _HTTP_CODES.get(status, "bad_request" if status < 500 else "internal")
        return {"error": {"code": code, "message": error.name.lower()}}, status

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> tuple[dict[str, Any], int]:
        log.exception("unhandled error")
        return {"error": {"code": "internal", "message": "internal error"}}, 500
