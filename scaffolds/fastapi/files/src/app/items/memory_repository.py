"""Items kept in the process's memory: this service has no database. Every instance
has its own items and they vanish on restart; fine for an example resource, not for
data that matters. Idempotency keys live as long as their item, in this instance."""

from datetime import UTC, datetime
from uuid import UUID, uuid4

from app.errors import ConflictError
from app.items.idempotency import KEY_LIFETIME
from app.items.repository import Created, Idempotency
from app.models.items import CreateItem, Item, UpdateItem


class MemoryItemRepository:
    def __init__(self) -> None:
        self._items: dict[UUID, Item] = {}
        self._keys: dict[str, tuple[str, UUID]] = {}  # key -> (request hash, item id)

    async def list(self, limit: int, offset: int) -> list[Item]:
        ordered = sorted(self._items.values(), key=lambda item: (item.created_at, item.id))
        return ordered[offset : offset + limit]

    async def get(self, item_id: UUID) -> Item | None:
        return self._items.get(item_id)

    async def create(self, data: CreateItem, idempotency: Idempotency | None = None) -> Created:
        if idempotency and idempotency.key in self._keys:
            request_hash, item_id = self._keys[idempotency.key]
            if self._items[item_id].created_at < datetime.now(UTC) - KEY_LIFETIME:
                del self._keys[idempotency.key]  # expired: the key starts afresh
                return await self.create(data, idempotency)
            if request_hash != idempotency.request_hash:
                raise ConflictError("the Idempotency-Key was used with another body")
            return Created(self._items[item_id], replayed=True)
        now = datetime.now(UTC)
        item = Item(id=uuid4(), created_at=now, updated_at=now, **data.model_dump())
        self._items[item.id] = item
        if idempotency:
            self._keys[idempotency.key] = (idempotency.request_hash, item.id)
        return Created(item)

    async def update(self, item_id: UUID, patch: UpdateItem) -> Item | None:
        item = self._items.get(item_id)
        if item is None:
            return None
        changes = patch.model_dump(exclude_unset=True)
        updated = item.model_copy(update={**changes, "updated_at": datetime.now(UTC)})
        self._items[item_id] = updated
        return updated

    async def delete(self, item_id: UUID) -> bool:
        self._keys = {k: v for k, v in self._keys.items() if v[1] != item_id}
        return self._items.pop(item_id, None) is not None
