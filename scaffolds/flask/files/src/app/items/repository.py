"""What the routes need from item storage; the implementation is chosen at start-up."""

from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar
from uuid import UUID

from app.items.idempotency import IdempotencyKey
from app.models.items import Item, ItemCreate, ItemUpdate

T = TypeVar("T")


@dataclass(frozen=True)
class Created(Generic[T]):
    """A create's outcome: the item (an Item, or a resource added later), and whether it
    is the replay of an earlier request with the same idempotency key (nothing new was
    stored)."""

    item: T
    replayed: bool = False


class ItemRepository(Protocol):
    def list(self, limit: int, offset: int) -> list[Item]: ...

    def get(self, item_id: UUID) -> Item | None: ...

    def create(self, data: ItemCreate, idempotency: IdempotencyKey | None = None) -> Created:
        """Raises Conflict when the idempotency key came with another body."""
        ...

    def update(self, item_id: UUID, data: ItemUpdate) -> Item | None: ...

    def delete(self, item_id: UUID) -> bool: ...
