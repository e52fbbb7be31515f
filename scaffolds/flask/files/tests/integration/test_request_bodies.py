"""A body is checked for size, media type and JSON before the schema: each failure has
its own code and status (docs/errors.md)."""

import io

import pytest
from flask.testing import FlaskClient


@pytest.mark.parametrize(
    ("data", "content_type", "status", "code"),
    [
        ('{"name": "' + "x" * (1024 * 1024) + '"}', "application/json", 413, "payload_too_large"),
        ('{"name": ', "application/json", 400, "bad_request"),
        ("name=widget", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
        ('{"name": 7}', "application/json", 422, "validation_failed"),
        ('{"name": "x", "colour": "red"}', "application/json", 422, "validation_failed"),
    ],
)
def test_each_kind_of_bad_body_has_its_status(
    client: FlaskClient,
    auth: dict[str, str],
    data: str,
    content_type: str,
    status: int,
    code: str,
) -> None:
    response = client.post("/v1/items", data=data, content_type=content_type, headers=auth)
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code


def test_a_bad_query_is_422(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.get("/v1/items?limit=0", headers=auth)
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "validation_failed"


def test_a_chunked_body_over_the_limit_is_413(client: FlaskClient, auth: dict[str, str]) -> None:
    """No Content-Length to check first: the limit applies while the body is read (as
    gunicorn hands it over, wsgi.input_terminated)."""
    body = b'{"name": "' + b"x" * (1024 * 1024) + b'"}'
    response = client.post(
        "/v1/items",
        input_stream=io.BytesIO(body),
        headers={**auth, "Transfer-Encoding": "chunked", "Content-Type": "application/json"},
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "payload_too_large"
