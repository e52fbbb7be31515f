"""What the routes need from item storage; the implementation is chosen at start-up."""

from typing import Protocol
from uuid import UUID

from app.models.items import Item, ItemCreate, ItemUpdate


class ItemRepository(Protocol):
    def list(self, limit: int, offset: int) -> list[Item]: ...

    def get(self, item_id: UUID) -> Item | None: ...

    def create(self, data: ItemCreate) -> Item: ...

    def update(self, item_id: UUID, data: ItemUpdate) -> Item | None: ...

    def delete(self, item_id: UUID) -> bool: ...
