"""Typed errors the service raises on purpose, and the handlers that turn every error
into the API's error shape.

The message of a typed error is written for the client. Anything else that reaches
the handlers is answered as `internal` with a generic message; only the log gets
the exception, under the request's trace id.
"""

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.log import get_logger
from app.models.errors import ErrorCode, error_body

log = get_logger(__name__)


class AppError(Exception):
    status: int = 500
    code: ErrorCode = "internal"

    def __init__(self, message: str, details: Any | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def headers(self) -> dict[str, str] | None:
        return None


class BadRequestError(AppError):
    status, code = 400, "bad_request"


class UnauthorizedError(AppError):
    status, code = 401, "unauthorized"

    def __init__(self, message: str = "authentication required") -> None:
        super().__init__(message)

    def headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": "Bearer"}


class ForbiddenError(AppError):
    status, code = 403, "forbidden"

    def __init__(self, permission: str) -> None:
        super().__init__(f"missing permission {permission}", {"permission": permission})


class NotFoundError(AppError):
    status, code = 404, "not_found"

    def __init__(self, what: str = "resource") -> None:
        super().__init__(f"{what} not found")


class ConflictError(AppError):
    status, code = 409, "conflict"


class RateLimitedError(AppError):
    status, code = 429, "rate_limited"

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(
            "too many requests, retry later", {"retry_after_seconds": retry_after_seconds}
        )
        self.retry_after_seconds = retry_after_seconds

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after_seconds)}


# Framework errors (no route, wrong method, unreadable body): the status is kept, the
# text is replaced by a fixed one per code.
STATUS_CODES: dict[int, ErrorCode] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    429: "rate_limited",
}


async def handle_app_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    if exc.status >= 500:
        log.error("request failed", exc_info=exc)
    body = error_body(exc.code, exc.message, exc.details)
    return JSONResponse(body, status_code=exc.status, headers=exc.headers())


async def handle_http_exception(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = STATUS_CODES.get(exc.status_code)
    if code is None:
        return await handle_unexpected(request, exc)
    message = code.replace("_", " ")
    if exc.status_code == 404:
        message = f"no route for {request.method} {request.url.path}"
    return JSONResponse(error_body(code, message), status_code=exc.status_code, headers=exc.headers)


async def handle_validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    issues = [
        {"path": ".".join(str(part) for part in issue["loc"]), "message": issue["msg"]}
        for issue in exc.errors()
    ]
    body = error_body("validation_failed", "the request is not valid", issues)
    return JSONResponse(body, status_code=422)


async def handle_unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.error("unhandled error", exc_info=exc)
    return JSONResponse(error_body("internal", "internal server error"), status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, handle_app_error)
    app.add_exception_handler(StarletteHTTPException, handle_http_exception)
    app.add_exception_handler(RequestValidationError, handle_validation_error)
    app.add_exception_handler(Exception, handle_unexpected)
