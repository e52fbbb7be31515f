"""{{resource_title}} kept in the process's memory: this service has no database. Every
instance has its own and they vanish on restart, as the example items do. Idempotency
keys live as long as their {{resource_singular_title}}, in this instance."""

from datetime import UTC, datetime
from uuid import UUID, uuid4

from app.errors import ConflictError
from app.items.idempotency import KEY_LIFETIME
from app.items.repository import Idempotency
from app.resources.{{resource_snake}}.models import (
    {{resource_singular_pascal}},
    {{resource_singular_pascal}}Create,
    {{resource_singular_pascal}}Update,
)
from app.resources.{{resource_snake}}.repository import Created


class Memory{{resource_singular_pascal}}Repository:
    def __init__(self) -> None:
        self._rows: dict[UUID, {{resource_singular_pascal}}] = {}
        self._keys: dict[str, tuple[str, UUID]] = {}  # key -> (request hash, id)

    async def list(self, limit: int, offset: int) -> list[{{resource_singular_pascal}}]:
        ordered = sorted(self._rows.values(), key=lambda row: (row.created_at, row.id))
        return ordered[offset : offset + limit]

    async def get(self, {{resource_singular_snake}}_id: UUID) -> {{resource_singular_pascal}} | None:
        return self._rows.get({{resource_singular_snake}}_id)

    async def create(
        self,
        data: {{resource_singular_pascal}}Create,
        idempotency: Idempotency | None = None,
    ) -> Created:
        if idempotency and idempotency.key in self._keys:
            request_hash, row_id = self._keys[idempotency.key]
            if self._rows[row_id].created_at < datetime.now(UTC) - KEY_LIFETIME:
                del self._keys[idempotency.key]  # expired: the key starts afresh
                return await self.create(data, idempotency)
            if request_hash != idempotency.request_hash:
                raise ConflictError("the Idempotency-Key was used with another body")
            return Created(self._rows[row_id], replayed=True)
        now = datetime.now(UTC)
        values = {**data.model_dump(), "id": uuid4(), "created_at": now, "updated_at": now}
        row = {{resource_singular_pascal}}(**values)
        self._rows[row.id] = row
        if idempotency:
            self._keys[idempotency.key] = (idempotency.request_hash, row.id)
        return Created(row)

    async def update(
        self,
        {{resource_singular_snake}}_id: UUID,
        patch: {{resource_singular_pascal}}Update,
    ) -> {{resource_singular_pascal}} | None:
        row = self._rows.get({{resource_singular_snake}}_id)
        if row is None:
            return None
        changes = patch.model_dump(exclude_unset=True)
        updated = row.model_copy(update={**changes, "updated_at": datetime.now(UTC)})
        self._rows[row.id] = updated
        return updated

    async def delete(self, {{resource_singular_snake}}_id: UUID) -> bool:
        self._keys = {k: v for k, v in self._keys.items() if v[1] != {{resource_singular_snake}}_id}
        return self._rows.pop({{resource_singular_snake}}_id, None) is not None
