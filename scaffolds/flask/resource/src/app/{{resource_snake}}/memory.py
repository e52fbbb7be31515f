"""{{resource_title}} kept in the process's memory: the service has no database. Each
gunicorn worker has its own copy, and everything is lost on restart; replace it with
real storage before relying on it."""

import threading
from datetime import UTC, datetime
from uuid import UUID, uuid4

from app.errors import Conflict
from app.items.idempotency import REMEMBERED_FOR, IdempotencyKey
from app.items.repository import Created
from app.models.{{resource_snake}} import (
    {{resource_singular_pascal}},
    {{resource_singular_pascal}}Create,
    {{resource_singular_pascal}}Update,
)


class Memory{{resource_singular_pascal}}Repository:
    def __init__(self) -> None:
        self._rows: dict[UUID, {{resource_singular_pascal}}] = {}
        # (caller, key) -> (request hash, the {{resource_singular_title}} as first answered, when)
        self._keys: dict[tuple[str, str], tuple[str, {{resource_singular_pascal}}, datetime]] = {}
        self._lock = threading.Lock()

    def list(self, limit: int, offset: int) -> list[{{resource_singular_pascal}}]:
        with self._lock:
            ordered = sorted(self._rows.values(), key=lambda r: (r.created_at, str(r.id)))
        return ordered[offset : offset + limit]

    def get(self, {{resource_singular_snake}}_id: UUID) -> {{resource_singular_pascal}} | None:
        with self._lock:
            return self._rows.get({{resource_singular_snake}}_id)

    def create(
        self,
        data: {{resource_singular_pascal}}Create,
        idempotency: IdempotencyKey | None = None,
    ) -> Created[{{resource_singular_pascal}}]:
        now = datetime.now(UTC)
        stored = {"id": uuid4(), "created_at": now, "updated_at": now}
        row = {{resource_singular_pascal}}(**stored, **data.model_dump())
        with self._lock:
            if idempotency:
                slot = (idempotency.caller, idempotency.key)
                seen = self._keys.get(slot)
                if seen and now - seen[2] < REMEMBERED_FOR:
                    if seen[0] != idempotency.request_hash:
                        raise Conflict("the Idempotency-Key was used with another body")
                    return Created(seen[1], replayed=True)
                self._keys[slot] = (idempotency.request_hash, row, now)
            self._rows[row.id] = row
        return Created(row)

    def update(
        self,
        {{resource_singular_snake}}_id: UUID,
        data: {{resource_singular_pascal}}Update,
    ) -> {{resource_singular_pascal}} | None:
        with self._lock:
            current = self._rows.get({{resource_singular_snake}}_id)
            if current is None:
                return None
            changes = data.model_dump(exclude_unset=True)
            updated = current.model_copy(update={**changes, "updated_at": datetime.now(UTC)})
            self._rows[{{resource_singular_snake}}_id] = updated
            return updated

    def delete(self, {{resource_singular_snake}}_id: UUID) -> bool:
        with self._lock:
            return self._rows.pop({{resource_singular_snake}}_id, None) is not None
