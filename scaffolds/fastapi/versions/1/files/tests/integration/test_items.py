"""/v1/items end to end through the app, against the real {{#db_postgres}}database{{/db_postgres}}{{^db_postgres}}in-memory store{{/db_postgres}} and Redis."""

import httpx
import pytest{{#auth_jwks}}

from tests.support.tokens import LocalIdentityProvider{{/auth_jwks}}

pytestmark = pytest.mark.integration


{{#auth_jwks}}
@pytest.fixture
def auth(idp: LocalIdentityProvider) -> dict[str, str]:
    return {"Authorization": f"Bearer {idp.token()}"}


{{/auth_jwks}}{{^auth_jwks}}
@pytest.fixture
def auth() -> dict[str, str]:
    return {}


{{/auth_jwks}}async def test_create_get_list_update_delete(client: httpx.AsyncClient, auth) -> None:
    res = await client.post("/v1/items", json={"name": " Blue widget "}, headers=auth)
    assert res.status_code == 201, res.text
    item = res.json()
    assert item["name"] == "Blue widget"
    assert item["description"] is None

    got = await client.get(f"/v1/items/{item['id']}", headers=auth)
    assert got.json() == item

    listed = await client.get("/v1/items", params={"limit": 100}, headers=auth)
    assert listed.status_code == 200
    assert item["id"] in [i["id"] for i in listed.json()["items"]]

    res = await client.patch(
        f"/v1/items/{item['id']}", json={"description": "in blue"}, headers=auth
    )
    assert res.status_code == 200
    assert res.json()["description"] == "in blue"
    assert res.json()["name"] == "Blue widget"

    assert (await client.delete(f"/v1/items/{item['id']}", headers=auth)).status_code == 204
    missing = await client.get(f"/v1/items/{item['id']}", headers=auth)
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


async def test_invalid_bodies_get_the_error_shape(client: httpx.AsyncClient, auth) -> None:
    res = await client.post("/v1/items", json={"name": "", "colour": "red"}, headers=auth)
    assert res.status_code == 422
    error = res.json()["error"]
    assert error["code"] == "validation_failed"
    assert {d["path"] for d in error["details"]} >= {"body.name", "body.colour"}
    res = await client.get("/v1/items/not-a-uuid", headers=auth)
    assert res.status_code == 422


async def test_pages(client: httpx.AsyncClient, auth) -> None:
    for n in range(3):
        await client.post("/v1/items", json={"name": f"page {n}"}, headers=auth)
    page = (await client.get("/v1/items", params={"limit": 2}, headers=auth)).json()
    assert len(page["items"]) == 2
    assert page["next_offset"] == 2{{#auth_jwks}}


async def test_no_token_is_401(client: httpx.AsyncClient) -> None:
    res = await client.get("/v1/items")
    assert res.status_code == 401
    assert res.json() == {"error": {"code": "unauthorized", "message": "bearer token required"}}


async def test_a_missing_permission_is_403(client: httpx.AsyncClient, idp) -> None:
    reader = {"Authorization": f"Bearer {idp.token(permissions=('items:read',))}"}
    assert (await client.get("/v1/items", headers=reader)).status_code == 200
    res = await client.post("/v1/items", json={"name": "x"}, headers=reader)
    assert res.status_code == 403
    assert res.json()["error"]["details"] == {"permission": "items:write"}{{/auth_jwks}}
