"""Items in PostgreSQL{{^queue_none}}, with the outbox row of their job written in the same
transaction{{/queue_none}}."""

from uuid import UUID

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.tables import ItemRow{{^queue_none}}, OutboxRow{{/queue_none}}
from app.errors import ConflictError
from app.items.idempotency import KEY_LIFETIME
from app.items.repository import Created, Idempotency{{^queue_none}}
from app.jobs.producer import ITEM_CREATED, item_created_job_id, item_created_payload{{/queue_none}}
from app.models.items import CreateItem, Item, UpdateItem


class SqlItemRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def list(self, limit: int, offset: int) -> list[Item]:
        query = select(ItemRow).order_by(ItemRow.created_at, ItemRow.id).limit(limit).offset(offset)
        rows = await self._session.scalars(query)
        return [Item.model_validate(row) for row in rows]

    async def get(self, item_id: UUID) -> Item | None:
        row = await self._session.get(ItemRow, item_id)
        return Item.model_validate(row) if row else None

    async def create(self, data: CreateItem, idempotency: Idempotency | None = None) -> Created:
        if idempotency and (earlier := await self._created_with(idempotency)):
            return earlier
        row = ItemRow(
            name=data.name,
            description=data.description,
            idempotency_key=idempotency.key if idempotency else None,
            request_hash=idempotency.request_hash if idempotency else None,
        )
        self._session.add(row)
        try:
            await self._session.flush()
            await self._session.refresh(row)
            item = Item.model_validate(row){{^queue_none}}
            # The job is written with the item, in one transaction: it cannot be lost
            # between the commit and the enqueue, whatever happens to Redis or this
            # process (the worker's sweep enqueues rows left behind).
            outbox = OutboxRow(
                id=item_created_job_id(item), job=ITEM_CREATED, payload=item_created_payload(item)
            )
            self._session.add(outbox){{/queue_none}}
            await self._session.commit()
        except IntegrityError:
            # The same key, committed by a concurrent request since the lookup above.
            await self._session.rollback()
            if idempotency and (earlier := await self._created_with(idempotency)):
                return earlier
            raise
        return Created(item)

    async def _created_with(self, idempotency: Idempotency) -> Created | None:
        # A key older than its lifetime is released: it may be used afresh.
        release = (
            update(ItemRow)
            .where(
                ItemRow.idempotency_key == idempotency.key,
                ItemRow.created_at < func.now() - KEY_LIFETIME,
            )
            .values(idempotency_key=None, request_hash=None)
        )
        await self._session.execute(release)
        query = select(ItemRow).where(ItemRow.idempotency_key == idempotency.key)
        row = (await self._session.scalars(query)).one_or_none()
        if row is None:
            return None
        if row.request_hash != idempotency.request_hash:
            raise ConflictError("the Idempotency-Key was used with another body")
        return Created(Item.model_validate(row), replayed=True){{^queue_none}}

    async def mark_enqueued(self, job_id: str) -> None:
        query = update(OutboxRow).where(OutboxRow.id == job_id).values(enqueued_at=func.now())
        await self._session.execute(query)
        await self._session.commit(){{/queue_none}}

    async def update(self, item_id: UUID, patch: UpdateItem) -> Item | None:
        changes = patch.model_dump(exclude_unset=True)
        query = (
            update(ItemRow)
            .where(ItemRow.id == item_id)
            .values(**changes, updated_at=func.now())
            .returning(ItemRow)
        )
        row = (await self._session.scalars(query)).one_or_none()
        item = Item.model_validate(row) if row else None
        await self._session.commit()
        return item

    async def delete(self, item_id: UUID) -> bool:
        result = await self._session.execute(delete(ItemRow).where(ItemRow.id == item_id))
        await self._session.commit()
        return result.rowcount > 0
