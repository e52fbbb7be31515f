"""What the routes need from item storage{{#db_postgres}} (app.db.items_repository){{/db_postgres}}{{^db_postgres}} (app.items.memory_repository){{/db_postgres}}."""

from typing import Protocol
from uuid import UUID

from app.models.items import CreateItem, Item, UpdateItem


class ItemRepository(Protocol):
    async def list(self, limit: int, offset: int) -> list[Item]: ...

    async def get(self, item_id: UUID) -> Item | None: ...

    async def create(self, data: CreateItem) -> Item: ...

    async def update(self, item_id: UUID, patch: UpdateItem) -> Item | None: ...

    async def delete(self, item_id: UUID) -> bool: ...
