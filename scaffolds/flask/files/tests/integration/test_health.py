from flask.testing import FlaskClient


def test_health_checks_every_dependency(client: FlaskClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["checks"]["redis"] == "ok"
{{#db_postgres}}
    assert body["checks"]["db"] == "ok"
{{/db_postgres}}


def test_openapi_document_lists_v1_paths(client: FlaskClient) -> None:
    document = client.get("/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    assert "/v1/items" in document["paths"]
