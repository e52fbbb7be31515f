"""Request and response models (Pydantic v2)."""

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Metric = Literal["gross_revenue", "net_revenue", "order_count"]


class DefinitionIn(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    metric: Metric
    currency: Literal["EUR", "USD", "GBP"]


class DefinitionOut(DefinitionIn):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    created_by: str
    created_at: datetime


class DateRange(BaseModel):
    start: date = Field(alias="from")
    end: date = Field(alias="to")

    @model_validator(mode="after")
    def ordered_and_bounded(self) -> "DateRange":
        if self.end < self.start:
            raise ValueError("'to' must not be before 'from'")
        if (self.end - self.start).days > 366:
            raise ValueError("a report covers at most 366 days")
        return self


class ReportRow(BaseModel):
    day: date
    value: int
