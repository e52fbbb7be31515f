"""What the routes need from the storage of {{resource}} ({{#db_postgres}}sql_repository{{/db_postgres}}{{^db_postgres}}memory_repository{{/db_postgres}}).
The Idempotency-Key of a create works as it does for items (app.items.idempotency)."""

from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

from app.items.repository import Idempotency
from app.resources.{{resource_snake}}.models import (
    {{resource_singular_pascal}},
    {{resource_singular_pascal}}Create,
    {{resource_singular_pascal}}Update,
)


@dataclass(frozen=True)
class Created:
    row: {{resource_singular_pascal}}
    # True when the key had been used with the same body: nothing new was created.
    replayed: bool = False


class {{resource_singular_pascal}}Repository(Protocol):
    async def list(self, limit: int, offset: int) -> list[{{resource_singular_pascal}}]: ...

    async def get(
        self,
        {{resource_singular_snake}}_id: UUID,
    ) -> {{resource_singular_pascal}} | None: ...

    async def create(
        self,
        data: {{resource_singular_pascal}}Create,
        idempotency: Idempotency | None = None,
    ) -> Created:
        """Raises ConflictError when the key was used with another body."""
        ...

    async def update(
        self,
        {{resource_singular_snake}}_id: UUID,
        patch: {{resource_singular_pascal}}Update,
    ) -> {{resource_singular_pascal}} | None: ...

    async def delete(self, {{resource_singular_snake}}_id: UUID) -> bool: ...
