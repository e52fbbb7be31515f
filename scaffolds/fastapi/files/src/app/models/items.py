"""The contract of the items resource."""

from datetime import datetime
from typing import Annotated, Self
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Description = Annotated[str, StringConstraints(max_length=2000)]


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid", from_attributes=True)

    id: UUID = Field(examples=["3f0c2a55-41b1-4b3e-9a53-2d0f1e8f6a10"])
    name: Name = Field(examples=["Blue widget"])
    description: Description | None = Field(examples=["A widget, in blue"])
    created_at: datetime
    updated_at: datetime


class CreateItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    description: Description | None = None


class UpdateItem(BaseModel):
    """A partial update: only the fields given change."""

    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    description: Description | None = None

    @model_validator(mode="after")
    def not_empty(self) -> Self:
        if not self.model_fields_set:
            raise ValueError("at least one field is required")
        if "name" in self.model_fields_set and self.name is None:
            raise ValueError("name cannot be null")
        return self


class ItemList(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: list[Item]
    next_offset: int | None = Field(ge=0)
