import uuid

CUSTOMER = str(uuid.uuid4())


def _invoice(**overrides):
    body = {
        "customer_id": CUSTOMER,
        "order_id": str(uuid.uuid4()),
        "currency": "EUR",
        "due_on": "2026-02-28",
        "lines": [
            {"description": "Pro plan, January", "quantity": 1, "unit_price_cents": 4900},
            {"description": "Extra seats", "quantity": 3, "unit_price_cents": 900},
        ],
    }
    body.update(overrides)
    return body


async def test_create_and_fetch_invoice(client):
    created = await client.post("/v1/invoices", json=_invoice())
    assert created.status_code == 201
    invoice = created.json()
    assert invoice["total_cents"] == 7600
    assert [line["position"] for line in invoice["lines"]] == [1, 2]

    fetched = await client.get(f"/v1/invoices/{invoice['id']}")
    assert fetched.status_code == 200
    assert fetched.json()["number"] == invoice["number"]


async def test_one_invoice_per_order(client):
    body = _invoice()
    assert (await client.post("/v1/invoices", json=body)).status_code == 201
    second = await client.post("/v1/invoices", json=body)
    assert second.status_code == 409
    assert second.json()["error"]["code"] == "conflict"


async def test_void_invoice(client):
    invoice = (await client.post("/v1/invoices", json=_invoice())).json()
    voided = await client.post(f"/v1/invoices/{invoice['id']}/void")
    assert voided.status_code == 200
    assert voided.json()["status"] == "void"


async def test_unknown_invoice_uses_error_shape(client):
    res = await client.get(f"/v1/invoices/{uuid.uuid4()}")
    assert res.status_code == 404
    assert set(res.json()["error"]) == {"code", "message"}


async def test_validation_errors_are_shaped(client):
    res = await client.post("/v1/invoices", json={"currency": "XYZ"})
    assert res.status_code == 422
    assert res.json()["error"]["code"] == "validation_failed"


async def test_health_pings_database(client):
    res = await client.get("/health")
    assert res.status_code == 200
    assert res.json()["checks"]["database"] == "ok"
