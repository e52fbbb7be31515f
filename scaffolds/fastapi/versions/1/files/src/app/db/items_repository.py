"""Items in PostgreSQL."""

from uuid import UUID

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.tables import ItemRow
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

    async def create(self, data: CreateItem) -> Item:
        row = ItemRow(name=data.name, description=data.description)
        self._session.add(row)
        await self._session.commit()
        await self._session.refresh(row)
        return Item.model_validate(row)

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
