from flask.testing import FlaskClient
{{#auth_jwks}}

from support.tokens import LocalIssuer
{{/auth_jwks}}


def test_create_get_update_list_delete(client: FlaskClient, auth: dict[str, str]) -> None:
    created = client.post("/v1/items", json={"name": "widget"}, headers=auth)
    assert created.status_code == 201
    item = created.get_json()
    url = f"/v1/items/{item['id']}"

    assert client.get(url, headers=auth).get_json() == item
    updated = client.patch(url, json={"description": "blue"}, headers=auth)
    assert updated.status_code == 200
    assert updated.get_json()["description"] == "blue"
    listed = client.get("/v1/items", headers=auth).get_json()
    assert item["id"] in [i["id"] for i in listed["items"]]

    assert client.delete(url, headers=auth).status_code == 204
    missing = client.get(url, headers=auth)
    assert missing.status_code == 404
    assert missing.get_json()["error"]["code"] == "not_found"


def test_invalid_body_is_a_validation_error(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.post("/v1/items", json={"name": ""}, headers=auth)
    assert response.status_code == 400
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
