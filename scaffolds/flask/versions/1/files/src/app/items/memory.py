"""Items kept in the process's memory: the service has no database. Each gunicorn
worker has its own copy, and everything is lost on restart; replace it with real
storage before relying on it."""

import threading
from datetime import UTC, datetime
from uuid import UUID, uuid4

from app.models.items import Item, ItemCreate, ItemUpdate


class MemoryItemRepository:
    def __init__(self) -> None:
        self._items: dict[UUID, Item] = {}
        self._lock = threading.Lock()

    def list(self, limit: int, offset: int) -> list[Item]:
        with self._lock:
            ordered = sorted(self._items.values(), key=lambda i: (i.created_at, str(i.id)))
        return ordered[offset : offset + limit]

    def get(self, item_id: UUID) -> Item | None:
        with self._lock:
            return self._items.get(item_id)

    def create(self, data: ItemCreate) -> Item:
        now = datetime.now(UTC)
        item = Item(id=uuid4(), created_at=now, updated_at=now, **data.model_dump())
        with self._lock:
            self._items[item.id] = item
        return item

    def update(self, item_id: UUID, data: ItemUpdate) -> Item | None:
        with self._lock:
            current = self._items.get(item_id)
            if current is None:
                return None
            changes = data.model_dump(exclude_unset=True)
            updated = current.model_copy(update={**changes, "updated_at": datetime.now(UTC)})
            self._items[item_id] = updated
            return updated

    def delete(self, item_id: UUID) -> bool:
        with self._lock:
            return self._items.pop(item_id, None) is not None
