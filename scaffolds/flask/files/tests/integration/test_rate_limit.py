from flask.testing import FlaskClient

from integration.conftest import RATE_LIMIT


def test_429_with_retry_after_once_the_bucket_is_empty(
    client: FlaskClient, auth: dict[str, str]
) -> None:
    statuses = [client.get("/v1/items", headers=auth).status_code for _ in range(RATE_LIMIT)]
    assert statuses == [200] * RATE_LIMIT
    refused = client.get("/v1/items", headers=auth)
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) >= 1
    assert refused.get_json()["error"]["code"] == "rate_limited"


def test_health_is_never_limited(client: FlaskClient) -> None:
    for _ in range(RATE_LIMIT * 2):
        assert client.get("/health").status_code == 200
