"""The example resource: an item with a name and an optional description."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema


class ItemCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=2000)


class ItemUpdate(BaseModel):
    """A partial update: only the fields given change. `name` may be left out but not
    set to null (an item always has one); `description: null` clears the description."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"minProperties": 1})

    # None only stands for "left out": the schema has no null, and the validator refuses it.
    name: Annotated[str, Field(min_length=1, max_length=200)] | SkipJsonSchema[None] = None
    description: str | None = Field(default=None, max_length=2000)

    @field_validator("name")
    @classmethod
    def _name_not_null(cls, value: str | None) -> str:
        if value is None:
            raise ValueError("may be left out, but not null")
        return value

    @model_validator(mode="after")
    def _something_to_update(self) -> "ItemUpdate":
        if not self.model_fields_set:
            raise ValueError("nothing to update: give at least one field")
        return self


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid", from_attributes=True)

    id: UUID
    name: str
    description: str | None
    created_at: datetime
    updated_at: datetime


class ItemList(BaseModel):
    """One page; `next_offset` is the offset of the next page, null on the last one."""

    model_config = ConfigDict(extra="forbid")

    items: list[Item]
    next_offset: int | None


class ItemPath(BaseModel):
    item_id: UUID


class ItemQuery(BaseModel):
    limit: int = Field(default=20, ge=1, le=100)
    offset: int = Field(default=0, ge=0)


class CreateHeaders(BaseModel):
    """`Idempotency-Key`: a client-chosen key that makes retrying a create safe. The same
    key with the same body within 24 hours answers the first result again (header
    `Idempotent-Replayed: true`); with another body, 409 conflict."""

    idempotency_key: str | None = Field(
        default=None, alias="Idempotency-Key", min_length=1, max_length=255, pattern=r"^[ -~]+$"
    )
