"""What the routes need from {{resource_singular_title}} storage; the implementation is chosen at
start-up (app/deps.py)."""

from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

from app.items.idempotency import IdempotencyKey
from app.models.{{resource_snake}} import (
    {{resource_singular_pascal}},
    {{resource_singular_pascal}}Create,
    {{resource_singular_pascal}}Update,
)


@dataclass(frozen=True)
class Created:
    """A create's outcome, and whether it is the replay of an earlier request with the
    same idempotency key (nothing new was stored)."""

    {{resource_singular_snake}}: {{resource_singular_pascal}}
    replayed: bool = False


class {{resource_singular_pascal}}Repository(Protocol):
    def list(self, limit: int, offset: int) -> list[{{resource_singular_pascal}}]: ...

    def get(self, {{resource_singular_snake}}_id: UUID) -> {{resource_singular_pascal}} | None: ...

    def create(
        self,
        data: {{resource_singular_pascal}}Create,
        idempotency: IdempotencyKey | None = None,
    ) -> Created:
        """Raises Conflict when the idempotency key came with another body."""
        ...

    def update(
        self,
        {{resource_singular_snake}}_id: UUID,
        data: {{resource_singular_pascal}}Update,
    ) -> {{resource_singular_pascal}} | None: ...

    def delete(self, {{resource_singular_snake}}_id: UUID) -> bool: ...
