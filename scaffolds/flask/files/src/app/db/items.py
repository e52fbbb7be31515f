"""Items in PostgreSQL."""

from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

{{^queue_none}}
from app.db.outbox import item_created_message
{{/queue_none}}
from app.db.tables import IdempotencyKeyRow, ItemRow
from app.errors import Conflict
from app.items.idempotency import REMEMBERED_FOR, IdempotencyKey
from app.items.repository import Created
from app.models.items import Item, ItemCreate, ItemUpdate


class SqlItemRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def list(self, limit: int, offset: int) -> list[Item]:
        query = select(ItemRow).order_by(ItemRow.created_at, ItemRow.id).limit(limit).offset(offset)
        with Session(self._engine) as session:
            return [Item.model_validate(row) for row in session.scalars(query)]

    def get(self, item_id: UUID) -> Item | None:
        with Session(self._engine) as session:
            row = session.get(ItemRow, item_id)
            return Item.model_validate(row) if row else None

    def create(self, data: ItemCreate, idempotency: IdempotencyKey | None = None) -> Created:
        try:
            return self._create(data, idempotency)
        except IntegrityError:
            if idempotency is None:
                raise
            # A concurrent request with the same key committed first: answer as its replay.
            return self._create(data, idempotency)

    def _create(self, data: ItemCreate, idempotency: IdempotencyKey | None) -> Created:
        """The item{{^queue_none}}, its job in the outbox{{/queue_none}} and the idempotency key: one transaction."""
        with Session(self._engine) as session, session.begin():
            if idempotency:
                slot = (idempotency.caller, idempotency.key)
                earlier = session.get(IdempotencyKeyRow, slot, with_for_update=True)
                if earlier and earlier.created_at > datetime.now(UTC) - REMEMBERED_FOR:
                    if earlier.request_hash != idempotency.request_hash:
                        raise Conflict("the Idempotency-Key was used with another body")
                    return Created(Item.model_validate(earlier.response), replayed=True)
                if earlier:
                    session.delete(earlier)
                    session.flush()
            row = ItemRow(**data.model_dump())
            session.add(row)
            session.flush()
            session.refresh(row)
            item = Item.model_validate(row)
{{^queue_none}}
            session.add(item_created_message(item))
{{/queue_none}}
            if idempotency:
                session.add(
                    IdempotencyKeyRow(
                        caller=idempotency.caller,
                        key=idempotency.key,
                        request_hash=idempotency.request_hash,
                        response=item.model_dump(mode="json"),
                    )
                )
            return Created(item)

    def update(self, item_id: UUID, data: ItemUpdate) -> Item | None:
        changes = data.model_dump(exclude_unset=True)
        query = (
            update(ItemRow)
            .where(ItemRow.id == item_id)
            .values(**changes, updated_at=func.now())
            .returning(ItemRow)
        )
        with Session(self._engine) as session, session.begin():
            row = session.scalars(query).one_or_none()
            return Item.model_validate(row) if row else None

    def delete(self, item_id: UUID) -> bool:
        with Session(self._engine) as session, session.begin():
            return session.execute(delete(ItemRow).where(ItemRow.id == item_id)).rowcount > 0
