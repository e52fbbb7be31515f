"""The request and response models of /v1/{{resource}}: the contract."""

from datetime import datetime
from typing import Annotated, TypeVar
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic.json_schema import SkipJsonSchema

# What a client may send for each field type. Numbers are finite (JSON has no NaN), integers
# fit PostgreSQL's bigint, and times carry their offset (a naive time is ambiguous).
String = Annotated[str, Field(min_length=1, max_length=200)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
Int = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]
Number = Annotated[float, Field(allow_inf_nan=False)]
Bool = bool
Time = AwareDatetime
Id = UUID

T = TypeVar("T")


def _not_null(value: T | None) -> T:
    if value is None:
        raise ValueError("may be left out, but not null")
    return value


# In an update, a field that is never null may be left out but not set to null: None stands
# only for "left out", the schema has no null, and the validator refuses it.
NotNull = Annotated[T | SkipJsonSchema[None], BeforeValidator(_not_null)]


class {{resource_singular_pascal}}Create(BaseModel):
    model_config = ConfigDict(extra="forbid")

{{#fields}}
    {{name}}: {{#type_string}}String{{/type_string}}{{#type_text}}Text{{/type_text}}{{#type_int}}Int{{/type_int}}{{#type_number}}Number{{/type_number}}{{#type_bool}}Bool{{/type_bool}}{{#type_datetime}}Time{{/type_datetime}}{{#type_uuid}}Id{{/type_uuid}}{{#nullable}} | None = None{{/nullable}}
{{/fields}}


class {{resource_singular_pascal}}Update(BaseModel):
    """A partial update: only the fields given change. A field that is never null may
    be left out but not set to null; a nullable one given as null is cleared."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"minProperties": 1})

{{#fields}}
{{#required}}
    {{name}}: NotNull[{{#type_string}}String{{/type_string}}{{#type_text}}Text{{/type_text}}{{#type_int}}Int{{/type_int}}{{#type_number}}Number{{/type_number}}{{#type_bool}}Bool{{/type_bool}}{{#type_datetime}}Time{{/type_datetime}}{{#type_uuid}}Id{{/type_uuid}}] = None
{{/required}}
{{#nullable}}
    {{name}}: {{#type_string}}String{{/type_string}}{{#type_text}}Text{{/type_text}}{{#type_int}}Int{{/type_int}}{{#type_number}}Number{{/type_number}}{{#type_bool}}Bool{{/type_bool}}{{#type_datetime}}Time{{/type_datetime}}{{#type_uuid}}Id{{/type_uuid}} | None = None
{{/nullable}}
{{/fields}}

    @model_validator(mode="after")
    def _something_to_update(self) -> "{{resource_singular_pascal}}Update":
        if not self.model_fields_set:
            raise ValueError("nothing to update: give at least one field")
        return self


class {{resource_singular_pascal}}(BaseModel):
    model_config = ConfigDict(extra="forbid", from_attributes=True)

    id: UUID
{{#fields}}
    {{name}}: {{#type_string}}str{{/type_string}}{{#type_text}}str{{/type_text}}{{#type_int}}int{{/type_int}}{{#type_number}}float{{/type_number}}{{#type_bool}}bool{{/type_bool}}{{#type_datetime}}datetime{{/type_datetime}}{{#type_uuid}}UUID{{/type_uuid}}{{#nullable}} | None{{/nullable}}
{{/fields}}
    created_at: datetime
    updated_at: datetime


class {{resource_singular_pascal}}List(BaseModel):
    """One page; `next_offset` is the offset of the next page, null on the last one."""

    model_config = ConfigDict(extra="forbid")

    items: list[{{resource_singular_pascal}}]
    next_offset: int | None


class {{resource_singular_pascal}}Path(BaseModel):
    {{resource_singular_snake}}_id: UUID


class {{resource_singular_pascal}}Query(BaseModel):
    limit: int = Field(default=20, ge=1, le=100)
    offset: int = Field(default=0, ge=0)
