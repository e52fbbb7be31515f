"""{{resource_title}} in PostgreSQL: the table's mapping and the queries. The table is
created by its migration (migrations/versions/{{migration_number}}_{{resource_snake}}.py)."""

import uuid
from datetime import UTC, datetime
from typing import Annotated

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Double,
    Engine,
    String,
    Text,
    Uuid,
    delete,
    func,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.db.tables import Base, IdempotencyKeyRow
from app.errors import Conflict
from app.items.idempotency import REMEMBERED_FOR, IdempotencyKey
from app.items.repository import Created
from app.models.{{resource_snake}} import (
    {{resource_singular_pascal}},
    {{resource_singular_pascal}}Create,
    {{resource_singular_pascal}}Update,
)

# The column of each field type, as the migration creates it; `X | None` is nullable.
ShortText = Annotated[str, mapped_column(String(200))]
LongText = Annotated[str, mapped_column(Text)]
BigInt = Annotated[int, mapped_column(BigInteger)]
Float = Annotated[float, mapped_column(Double)]
Flag = Annotated[bool, mapped_column(Boolean)]
Timestamp = Annotated[datetime, mapped_column(DateTime(timezone=True))]
Id = Annotated[uuid.UUID, mapped_column(Uuid)]


class {{resource_singular_pascal}}Row(Base):
    __tablename__ = "{{resource_snake}}"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
{{#fields}}
    {{name}}: Mapped[{{#type_string}}ShortText{{/type_string}}{{#type_text}}LongText{{/type_text}}{{#type_int}}BigInt{{/type_int}}{{#type_number}}Float{{/type_number}}{{#type_bool}}Flag{{/type_bool}}{{#type_datetime}}Timestamp{{/type_datetime}}{{#type_uuid}}Id{{/type_uuid}}{{#nullable}} | None{{/nullable}}]
{{/fields}}
    created_at: Mapped[Timestamp] = mapped_column(server_default=func.now())
    updated_at: Mapped[Timestamp] = mapped_column(server_default=func.now())


class Sql{{resource_singular_pascal}}Repository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def list(self, limit: int, offset: int) -> list[{{resource_singular_pascal}}]:
        table = {{resource_singular_pascal}}Row
        query = select(table).order_by(table.created_at, table.id).limit(limit).offset(offset)
        with Session(self._engine) as session:
            return [{{resource_singular_pascal}}.model_validate(row) for row in session.scalars(query)]

    def get(self, {{resource_singular_snake}}_id: uuid.UUID) -> {{resource_singular_pascal}} | None:
        with Session(self._engine) as session:
            row = session.get({{resource_singular_pascal}}Row, {{resource_singular_snake}}_id)
            return {{resource_singular_pascal}}.model_validate(row) if row else None

    def create(
        self,
        data: {{resource_singular_pascal}}Create,
        idempotency: IdempotencyKey | None = None,
    ) -> Created[{{resource_singular_pascal}}]:
        try:
            return self._create(data, idempotency)
        except IntegrityError:
            if idempotency is None:
                raise
            # A concurrent request with the same key committed first: answer as its replay.
            return self._create(data, idempotency)

    def _create(
        self,
        data: {{resource_singular_pascal}}Create,
        idempotency: IdempotencyKey | None,
    ) -> Created[{{resource_singular_pascal}}]:
        """The {{resource_singular_title}} and the idempotency key: one transaction."""
        with Session(self._engine) as session, session.begin():
            if idempotency:
                slot = (idempotency.caller, idempotency.key)
                earlier = session.get(IdempotencyKeyRow, slot, with_for_update=True)
                if earlier and earlier.created_at > datetime.now(UTC) - REMEMBERED_FOR:
                    if earlier.request_hash != idempotency.request_hash:
                        raise Conflict("the Idempotency-Key was used with another body")
                    replay = {{resource_singular_pascal}}.model_validate(earlier.response)
                    return Created(replay, replayed=True)
                if earlier:
                    session.delete(earlier)
                    session.flush()
            row = {{resource_singular_pascal}}Row(**data.model_dump())
            session.add(row)
            session.flush()
            session.refresh(row)
            stored = {{resource_singular_pascal}}.model_validate(row)
            if idempotency:
                session.add(
                    IdempotencyKeyRow(
                        caller=idempotency.caller,
                        key=idempotency.key,
                        request_hash=idempotency.request_hash,
                        response=stored.model_dump(mode="json"),
                    )
                )
            return Created(stored)

    def update(
        self,
        {{resource_singular_snake}}_id: uuid.UUID,
        data: {{resource_singular_pascal}}Update,
    ) -> {{resource_singular_pascal}} | None:
        table = {{resource_singular_pascal}}Row
        changes = data.model_dump(exclude_unset=True)
        query = (
            update(table)
            .where(table.id == {{resource_singular_snake}}_id)
            .values(**changes, updated_at=func.now())
            .returning(table)
        )
        with Session(self._engine) as session, session.begin():
            row = session.scalars(query).one_or_none()
            return {{resource_singular_pascal}}.model_validate(row) if row else None

    def delete(self, {{resource_singular_snake}}_id: uuid.UUID) -> bool:
        table = {{resource_singular_pascal}}Row
        query = delete(table).where(table.id == {{resource_singular_snake}}_id)
        with Session(self._engine) as session, session.begin():
            return session.execute(query).rowcount > 0
