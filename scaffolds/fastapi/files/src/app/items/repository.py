"""What the routes need from item storage{{#db_postgres}} (app.db.items_repository){{/db_postgres}}{{^db_postgres}} (app.items.memory_repository){{/db_postgres}}."""

from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

from app.models.items import CreateItem, Item, UpdateItem


@dataclass(frozen=True)
class Idempotency:
    """The client's Idempotency-Key and the hash of the body it came with."""

    key: str
    request_hash: str


@dataclass(frozen=True)
class Created:
    item: Item
    # True when the key had been used with the same body: nothing new was created.
    replayed: bool = False


class ItemRepository(Protocol):
    async def list(self, limit: int, offset: int) -> list[Item]: ...

    async def get(self, item_id: UUID) -> Item | None: ...

    async def create(self, data: CreateItem, idempotency: Idempotency | None = None) -> Created:
        """Raises ConflictError when the key was used with another body."""
        ...

    async def update(self, item_id: UUID, patch: UpdateItem) -> Item | None: ...

    async def delete(self, item_id: UUID) -> bool: ...
