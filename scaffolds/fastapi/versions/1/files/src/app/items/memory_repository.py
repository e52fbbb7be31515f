"""Items kept in the process's memory: this service has no database. Every instance
has its own items and they vanish on restart; fine for an example resource, not for
data that matters."""

from datetime import UTC, datetime
from uuid import UUID, uuid4

from app.models.items import CreateItem, Item, UpdateItem


class MemoryItemRepository:
    def __init__(self) -> None:
        self._items: dict[UUID, Item] = {}

    async def list(self, limit: int, offset: int) -> list[Item]:
        ordered = sorted(self._items.values(), key=lambda item: (item.created_at, item.id))
        return ordered[offset : offset + limit]

    async def get(self, item_id: UUID) -> Item | None:
        return self._items.get(item_id)

    async def create(self, data: CreateItem) -> Item:
        now = datetime.now(UTC)
        item = Item(id=uuid4(), created_at=now, updated_at=now, **data.model_dump())
        self._items[item.id] = item
        return item

    async def update(self, item_id: UUID, patch: UpdateItem) -> Item | None:
        item = self._items.get(item_id)
        if item is None:
            return None
        changes = patch.model_dump(exclude_unset=True)
        updated = item.model_copy(update={**changes, "updated_at": datetime.now(UTC)})
        self._items[item_id] = updated
        return updated

    async def delete(self, item_id: UUID) -> bool:
        return self._items.pop(item_id, None) is not None
