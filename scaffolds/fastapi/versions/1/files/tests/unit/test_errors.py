"""Every error becomes `{"error": {"code", "message", "details"?}}`, internals never
reach the client, and every code is documented in docs/errors.md."""

import re
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

from app.errors import NotFoundError, RateLimitedError, install_error_handlers
from app.models.errors import ERROR_CODES, ErrorResponse

DOCS = Path(__file__).parents[2] / "docs" / "errors.md"


class Body(BaseModel):
    name: str


def make_app() -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)

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

    @app.post("/body")
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


async def test_unexpected_errors_hide_internals(client: httpx.AsyncClient) -> None:
    res = await client.get("/crash")
    error = shaped(res, 500, "internal")
    assert "hunter2" not in res.text
    assert error["message"] == "internal server error"


def test_every_code_is_documented() -> None:
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", DOCS.read_text(), re.MULTILINE))
    assert documented == set(ERROR_CODES)
