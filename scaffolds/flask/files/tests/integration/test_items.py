from flask.testing import FlaskClient
from werkzeug.test import TestResponse
{{#auth_jwks}}

from support.tokens import LocalIssuer
{{/auth_jwks}}

VALIDATION_STATUS = 422


def _listed_ids(client: FlaskClient, auth: dict[str, str]) -> list[str]:
    """Ids on the first pages of the list (oldest first; the database may hold others)."""
    ids: list[str] = []
    offset: int | None = 0
    for _ in range(4):  # within the tests' rate limit
        if offset is None:
            break
        page = client.get(f"/v1/items?limit=100&offset={offset}", headers=auth).get_json()
        ids += [i["id"] for i in page["items"]]
        offset = page["next_offset"]
    return ids


def test_create_get_update_list_delete(client: FlaskClient, auth: dict[str, str]) -> None:
    created = client.post("/v1/items", json={"name": "widget"}, headers=auth)
    assert created.status_code == 201
    item = created.get_json()
    url = f"/v1/items/{item['id']}"

    assert client.get(url, headers=auth).get_json() == item
    updated = client.patch(url, json={"description": "blue"}, headers=auth)
    assert updated.status_code == 200
    assert updated.get_json()["description"] == "blue"
    assert item["id"] in _listed_ids(client, auth)

    assert client.delete(url, headers=auth).status_code == 204
    missing = client.get(url, headers=auth)
    assert missing.status_code == 404
    assert missing.get_json()["error"]["code"] == "not_found"


def test_invalid_body_is_a_validation_error(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.post("/v1/items", json={"name": ""}, headers=auth)
    assert response.status_code == VALIDATION_STATUS
    error = response.get_json()["error"]
    assert error["code"] == "validation_failed"
    assert error["details"][0]["path"].endswith("name")


def test_unknown_route_is_shaped(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.get("/v1/nothing-here", headers=auth)
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"
{{#auth_jwks}}


def test_requests_without_a_valid_token_are_refused(
    client: FlaskClient, issuer: LocalIssuer
) -> None:
    assert client.get("/v1/items").get_json()["error"]["code"] == "unauthorized"
    long_lived = issuer.token("tester", ["items:read"], lifetime=24 * 3600)
    response = client.get("/v1/items", headers={"Authorization": f"Bearer {long_lived}"})
    assert response.status_code == 401


def test_permissions_are_checked_per_endpoint(client: FlaskClient, issuer: LocalIssuer) -> None:
    reader = {"Authorization": f"Bearer {issuer.token('reader', ['items:read'])}"}
    assert client.get("/v1/items", headers=reader).status_code == 200
    response = client.post("/v1/items", json={"name": "x"}, headers=reader)
    assert response.status_code == 403
    assert response.get_json()["error"]["details"] == {"permission": "items:write"}
{{/auth_jwks}}


def _patch(client: FlaskClient, auth: dict[str, str], body: object) -> tuple[str, TestResponse]:
    created = client.post("/v1/items", json={"name": "patched", "description": "d"}, headers=auth)
    return created.get_json()["id"], client.patch(
        f"/v1/items/{created.get_json()['id']}", json=body, headers=auth
    )


def test_a_null_name_is_a_validation_error(client: FlaskClient, auth: dict[str, str]) -> None:
    _, response = _patch(client, auth, {"name": None})
    assert response.status_code == VALIDATION_STATUS
    error = response.get_json()["error"]
    assert error["code"] == "validation_failed"
    assert error["details"][0]["path"].endswith("name")


def test_an_empty_update_is_a_validation_error(client: FlaskClient, auth: dict[str, str]) -> None:
    _, response = _patch(client, auth, {})
    assert response.status_code == VALIDATION_STATUS
    assert response.get_json()["error"]["code"] == "validation_failed"


def test_a_null_description_clears_it(client: FlaskClient, auth: dict[str, str]) -> None:
    item_id, response = _patch(client, auth, {"description": None})
    assert response.status_code == 200
    assert response.get_json()["description"] is None
    assert client.get(f"/v1/items/{item_id}", headers=auth).get_json()["description"] is None


def test_the_list_pages_with_next_offset(client: FlaskClient, auth: dict[str, str]) -> None:
    for name in ("page-a", "page-b"):
        client.post("/v1/items", json={"name": name}, headers=auth)
    first = client.get("/v1/items?limit=1", headers=auth).get_json()
    assert (len(first["items"]), first["next_offset"]) == (1, 1)
    beyond = client.get("/v1/items?limit=100&offset=1000000", headers=auth).get_json()
    assert beyond == {"items": [], "next_offset": None}
    too_many = client.get("/v1/items?limit=101", headers=auth)
    assert too_many.status_code == VALIDATION_STATUS
