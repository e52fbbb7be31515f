"""The contract of the {{resource}} resource."""

from datetime import datetime
from typing import Annotated, Self
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, model_validator

# The types a field can have, as the API checks them{{#db_postgres}} (table.py's columns match){{/db_postgres}}.
String = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(max_length=10_000)]
Int = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]  # what a PostgreSQL bigint holds
Number = Annotated[float, Field(allow_inf_nan=False)]  # JSON has no NaN or Infinity
Timestamp = AwareDatetime  # with its offset: a time without one is ambiguous


class {{resource_singular_pascal}}(BaseModel):
    model_config = ConfigDict(extra="forbid", from_attributes=True)

    id: UUID
{{#fields}}
    {{name}}: {{#type_string}}String{{/type_string}}{{#type_text}}Text{{/type_text}}{{#type_int}}Int{{/type_int}}{{#type_number}}Number{{/type_number}}{{#type_bool}}bool{{/type_bool}}{{#type_datetime}}Timestamp{{/type_datetime}}{{#type_uuid}}UUID{{/type_uuid}}{{#nullable}} | None{{/nullable}}
{{/fields}}
    created_at: datetime
    updated_at: datetime


class {{resource_singular_pascal}}Create(BaseModel):
    model_config = ConfigDict(extra="forbid")

{{#fields}}
    {{name}}: {{#type_string}}String{{/type_string}}{{#type_text}}Text{{/type_text}}{{#type_int}}Int{{/type_int}}{{#type_number}}Number{{/type_number}}{{#type_bool}}bool{{/type_bool}}{{#type_datetime}}Timestamp{{/type_datetime}}{{#type_uuid}}UUID{{/type_uuid}}{{#nullable}} | None = None{{/nullable}}
{{/fields}}


class {{resource_singular_pascal}}Update(BaseModel):
    """A partial update: only the fields given change."""

    model_config = ConfigDict(extra="forbid")

{{#fields}}
    {{name}}: {{#type_string}}String{{/type_string}}{{#type_text}}Text{{/type_text}}{{#type_int}}Int{{/type_int}}{{#type_number}}Number{{/type_number}}{{#type_bool}}bool{{/type_bool}}{{#type_datetime}}Timestamp{{/type_datetime}}{{#type_uuid}}UUID{{/type_uuid}} | None = None
{{/fields}}

    @model_validator(mode="after")
    def not_empty(self) -> Self:
        if not self.model_fields_set:
            raise ValueError("at least one field is required")
        # A field a create requires cannot be null; a nullable one may be set to null.
        create_fields = {{resource_singular_pascal}}Create.model_fields
        nulled = {name for name in self.model_fields_set if getattr(self, name) is None}
        if refused := sorted(name for name in nulled if create_fields[name].is_required()):
            raise ValueError(f"{', '.join(refused)} cannot be null")
        return self


class {{resource_singular_pascal}}List(BaseModel):
    model_config = ConfigDict(extra="forbid")

    {{resource_snake}}: list[{{resource_singular_pascal}}]
    next_offset: int | None = Field(ge=0)
