"""What the routes need from {{resource_singular_title}} storage; the implementation is chosen at
start-up (app/deps.py)."""

from typing import Protocol
from uuid import UUID

from app.items.idempotency import IdempotencyKey
from app.items.repository import Created
from app.models.{{resource_snake}} import (
    {{resource_singular_pascal}},
    {{resource_singular_pascal}}Create,
    {{resource_singular_pascal}}Update,
)


class {{resource_singular_pascal}}Repository(Protocol):
    def list(self, limit: int, offset: int) -> list[{{resource_singular_pascal}}]: ...

    def get(self, {{resource_singular_snake}}_id: UUID) -> {{resource_singular_pascal}} | None: ...

    def create(
        self,
        data: {{resource_singular_pascal}}Create,
        idempotency: IdempotencyKey | None = None,
    ) -> Created[{{resource_singular_pascal}}]:
        """Raises Conflict when the idempotency key came with another body."""
        ...

    def update(
        self,
        {{resource_singular_snake}}_id: UUID,
        data: {{resource_singular_pascal}}Update,
    ) -> {{resource_singular_pascal}} | None: ...

    def delete(self, {{resource_singular_snake}}_id: UUID) -> bool: ...
