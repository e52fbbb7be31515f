from datetime import date, timedelta

from sqlalchemy import text


def _seed_revenue(app) -> None:
    engine = app.extensions["db_engine"]
    with engine.begin() as conn:
        conn.execute(text("TRUNCATE daily_revenue"))
        for i in range(5):
            conn.execute(
                text(
                    "INSERT INTO daily_revenue (day, currency, gross_cents, refunds_cents, order_count) "
                    "VALUES (:day, 'EUR', :gross, :refunds, :count)"
                ),
                {"day": date(2026, 1, 1) + timedelta(days=i), "gross": 10_000 * (i + 1), "refunds": 500, "count": 3 + i},
            )


def _definition(client, metric="net_revenue"):
    res = client.post("/v1/reports/definitions", json={"name": "Net EUR", "metric": metric, "currency": "EUR"})
    assert res.status_code == 201
    return res.get_json()


def test_report_data(app, client):
    _seed_revenue(app)
    definition = _definition(client)
    res = client.get(f"/v1/reports/definitions/{definition['id']}/data?from=2026-01-02&to=2026-01-03")
    assert res.status_code == 200
    assert [row["value"] for row in res.get_json()["data"]] == [19_500, 29_500]


def test_export_csv(app, client):
    _seed_revenue(app)
    definition = _definition(client, metric="order_count")
    res = client.get(f"/v1/reports/definitions/{definition['id']}/export.csv?from=2026-01-01&to=2026-01-05")
    assert res.status_code == 200
    assert res.mimetype == "text/csv"
    assert res.get_data(as_text=True).splitlines()[1:] == [f"2026-01-0{i + 1},{3 + i}" for i in range(5)]


def test_range_is_validated(client):
    definition = _definition(client)
    res = client.get(f"/v1/reports/definitions/{definition['id']}/data?from=2026-02-01&to=2026-01-01")
    assert res.status_code == 422
    assert res.get_json()["error"]["code"] == "validation_failed"


def test_unknown_report_uses_error_shape(client):
    res = client.get("/v1/reports/definitions/00000000-0000-4000-8000-000000000000/data?from=2026-01-01&to=2026-01-02")
    assert res.status_code == 404
    assert res.get_json() == {"error": {"code": "not_found", "message": res.get_json()["error"]["message"]}}
