"""Pydantic models: the API contract, exported through the generated OpenAPI document."""

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Currency = Literal["EUR", "USD", "GBP"]
InvoiceStatus = Literal["open", "paid", "void"]


class InvoiceLineIn(BaseModel):
    description: str = Field(min_length=1, max_length=200)
    quantity: int = Field(gt=0, le=10_000)
    unit_price_cents: int = Field(ge=0)


class InvoiceCreate(BaseModel):
    customer_id: uuid.UUID
    order_id: uuid.UUID | None = None
    currency: Currency
    due_on: date
    lines: list[InvoiceLineIn] = Field(min_length=1, max_length=200)


class InvoiceLineOut(InvoiceLineIn):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    position: int


class InvoiceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    number: str
    customer_id: uuid.UUID
    order_id: uuid.UUID | None
    currency: Currency
    status: InvoiceStatus
    total_cents: int
    due_on: date
    created_at: datetime
    voided_at: datetime | None
    lines: list[InvoiceLineOut]


class InvoicePage(BaseModel):
    data: list[InvoiceOut]
    next_cursor: datetime | None
