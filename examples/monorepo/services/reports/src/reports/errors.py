"""Error responses, always shaped {"error": {"code", "message", "details"?}}."""

from typing import Any

import structlog
from flask import Flask, jsonify
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException

log = structlog.get_logger(__name__)


class AppError(Exception):
    def __init__(self, status: int, code: str, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        error["details"] = details
    return {"error": error}


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(AppError)
    def app_error(exc: AppError):
        return jsonify(error_body(exc.code, exc.message, exc.details)), exc.status

    @app.errorhandler(ValidationError)
    def validation_error(exc: ValidationError):
        details = [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors(include_url=False)]
        return jsonify(error_body("validation_failed", "Request validation failed", details)), 422

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        code = (exc.name or "http_error").lower().replace(" ", "_")
        return jsonify(error_body(code, exc.description or exc.name)), exc.code or 500

    @app.errorhandler(Exception)
    def unhandled(exc: Exception):
        # Logged in full; the client only sees a code.
        log.error("unhandled_error", exc_info=exc)
        return jsonify(error_body("internal", "Internal server error")), 500
