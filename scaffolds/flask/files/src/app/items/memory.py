"""Items kept in the process's memory: the service has no database. Each gunicorn
worker has its own copy, and everything is lost on restart; replace it with real
storage before relying on it."""

import threading
from datetime import UTC, datetime
from uuid import UUID, uuid4

from app.errors import Conflict
from app.items.idempotency import REMEMBERED_FOR, IdempotencyKey
from app.items.repository import Created
from app.models.items import Item, ItemCreate, ItemUpdate


class MemoryItemRepository:
    def __init__(self) -> None:
        self._items: dict[UUID, Item] = {}
        # (caller, key) -> (request hash, the item as first answered, when)
        self._keys: dict[tuple[str, str], tuple[str, Item, datetime]] = {}
        self._lock = threading.Lock()

    def list(self, limit: int, offset: int) -> list[Item]:
        with self._lock:
            ordered = sorted(self._items.values(), key=lambda i: (i.created_at, str(i.id)))
        return ordered[offset : offset + limit]

    def get(self, item_id: UUID) -> Item | None:
        with self._lock:
            return self._items.get(item_id)

    def create(self, data: ItemCreate, idempotency: IdempotencyKey | None = None) -> Created:
        now = datetime.now(UTC)
        item = Item(id=uuid4(), created_at=now, updated_at=now, **data.model_dump())
        with self._lock:
            if idempotency:
                slot = (idempotency.caller, idempotency.key)
                seen = self._keys.get(slot)
                if seen and now - seen[2] < REMEMBERED_FOR:
                    if seen[0] != idempotency.request_hash:
                        raise Conflict("the Idempotency-Key was used with another body")
                    return Created(seen[1], replayed=True)
                self._keys[slot] = (idempotency.request_hash, item, now)
            self._items[item.id] = item
        return Created(item)

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
        """Removes the item and the idempotency keys that created it (a create undone
        because its job could not be enqueued can then be retried with its key)."""
        with self._lock:
            for slot in [s for s, seen in self._keys.items() if seen[1].id == item_id]:
                del self._keys[slot]
            return self._items.pop(item_id, None) is not None
