"""The one error shape of every error response."""

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict

ErrorCode = Literal[
    "bad_request",
    "validation_failed",
    "unauthorized",
    "forbidden",
    "not_found",
    "method_not_allowed",
    "conflict",
    "rate_limited",
    "internal",
    "unavailable",
]

# Documented in docs/errors.md; a unit test keeps the two lists equal.
ERROR_CODES: tuple[str, ...] = get_args(ErrorCode)


class ErrorDetail(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: ErrorCode
    message: str
    details: Any | None = None


class ErrorResponse(BaseModel):
    """`{"error": {"code", "message", "details"?}}`"""

    model_config = ConfigDict(extra="forbid")

    error: ErrorDetail


def error_body(code: ErrorCode, message: str, details: Any | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        error["details"] = details
    return {"error": error}


# Error responses every /v1 route may give, for the OpenAPI document.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": description}
    for status, description in {
        400: "The request cannot be read",
        401: "No valid bearer token",
        403: "The token lacks the endpoint's permission",
        404: "No such resource",
        422: "A parameter or the body does not match the schema",
        429: "Too many requests; see Retry-After",
        500: "Unexpected failure",
    }.items()
}
