"""Every error becomes `{"error": {"code", "message", "details"?}}`, internals never
reach the client, and every code is documented in docs/errors.md."""

import re
from pathlib import Path

import httpx
import pytest
from fastapi import Depends, FastAPI, HTTPException
from pydantic import BaseModel
from structlog.contextvars import merge_contextvars
from structlog.testing import capture_logs

from app.errors import NotFoundError, RateLimitedError, install_error_handlers
from app.json_body import require_json_body
from app.middleware.body_limit import BodyLimitMiddleware
from app.middleware.request_log import RequestLogMiddleware
from app.models.errors import ERROR_CODES, ErrorResponse

DOCS = Path(__file__).parents[2] / "docs" / "errors.md"
MAX_BODY_BYTES = 64


class Body(BaseModel):
    name: str


def make_app() -> FastAPI:
    """Error handling as app.main.create_app installs it."""
    app = FastAPI()
    install_error_handlers(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(RequestLogMiddleware)

    @app.get("/missing")
    async def missing() -> None:
        raise NotFoundError("item")

    @app.get("/limited")
    async def limited() -> None:
        raise RateLimitedError(7)

    @app.get("/framework")
    async def framework() -> None:
        raise HTTPException(status_code=409, detail="internal detail")

    @app.get("/crash")
    async def crash() -> None:
        raise RuntimeError("password=hunter2 at db.internal:5432")

    @app.post("/body", dependencies=[Depends(require_json_body)])
    async def body(data: Body) -> Body:
        return data

    return app


@pytest.fixture
async def client():
    transport = httpx.ASGITransport(app=make_app(), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


def shaped(res: httpx.Response, status: int, code: str) -> dict:
    assert res.status_code == status
    body = ErrorResponse.model_validate(res.json())
    assert body.error.code == code
    return res.json()["error"]


async def test_typed_errors(client: httpx.AsyncClient) -> None:
    assert shaped(await client.get("/missing"), 404, "not_found")["message"] == "item not found"
    res = await client.get("/limited")
    assert shaped(res, 429, "rate_limited")["details"] == {"retry_after_seconds": 7}
    assert res.headers["Retry-After"] == "7"


async def test_framework_errors_keep_status_and_lose_text(client: httpx.AsyncClient) -> None:
    error = shaped(await client.get("/framework"), 409, "conflict")
    assert "internal detail" not in error["message"]
    shaped(await client.get("/no-such-route"), 404, "not_found")
    shaped(await client.delete("/missing"), 405, "method_not_allowed")


async def test_validation_errors_list_each_problem(client: httpx.AsyncClient) -> None:
    error = shaped(await client.post("/body", json={"name": 3}), 422, "validation_failed")
    assert error["details"][0]["path"] == "body.name"


async def test_malformed_json_is_400_not_422(client: httpx.AsyncClient) -> None:
    headers = {"content-type": "application/json"}
    res = await client.post("/body", content=b'{"name": ', headers=headers)
    shaped(res, 400, "bad_request")


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
async def test_a_body_that_is_not_json_is_415(client: httpx.AsyncClient, content_type) -> None:
    res = await client.post("/body", content=b"name=x", headers={"content-type": content_type})
    shaped(res, 415, "unsupported_media_type")


async def test_a_declared_large_body_is_413(client: httpx.AsyncClient) -> None:
    res = await client.post("/body", json={"name": "x" * MAX_BODY_BYTES})
    shaped(res, 413, "payload_too_large")
    assert "x-request-id" in res.headers


async def test_a_large_chunked_body_is_413(client: httpx.AsyncClient) -> None:
    async def chunks():  # no Content-Length: counted while read
        yield b'{"name": "'
        for _ in range(10):
            yield b"x" * 16
        yield b'"}'

    headers = {"content-type": "application/json"}
    res = await client.post("/body", content=chunks(), headers=headers)
    assert "content-length" not in res.request.headers
    shaped(res, 413, "payload_too_large")
    small = await client.post("/body", json={"name": "x"})
    assert small.status_code == 200


async def test_unexpected_errors_hide_internals(client: httpx.AsyncClient) -> None:
    res = await client.get("/crash")
    error = shaped(res, 500, "internal")
    assert "hunter2" not in res.text
    assert error["message"] == "internal server error"


async def test_an_unexpected_error_is_logged_once_under_the_trace_id(
    client: httpx.AsyncClient,
) -> None:
    with capture_logs(processors=[merge_contextvars]) as logs:
        res = await client.get("/crash", headers={"x-request-id": "trace-500"})
    assert res.status_code == 500
    assert res.headers["x-request-id"] == "trace-500"
    tracebacks = [line for line in logs if line.get("exc_info")]
    assert len(tracebacks) == 1
    assert tracebacks[0]["trace_id"] == "trace-500"
    request_line = next(line for line in logs if line.get("event") == "request")
    assert (request_line["status"], request_line["trace_id"]) == (500, "trace-500")


def test_every_code_is_documented() -> None:
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", DOCS.read_text(), re.MULTILINE))
    assert documented == set(ERROR_CODES)
