"""{{resource_title}} in PostgreSQL. Unlike items, a create enqueues no job: when one is
needed, write its outbox row in the create's transaction, as app.db.items_repository
does."""

from uuid import UUID

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import ConflictError
from app.items.idempotency import KEY_LIFETIME
from app.items.repository import Idempotency
from app.resources.{{resource_snake}}.models import (
    {{resource_singular_pascal}},
    {{resource_singular_pascal}}Create,
    {{resource_singular_pascal}}Update,
)
from app.resources.{{resource_snake}}.repository import Created
from app.resources.{{resource_snake}}.table import {{resource_singular_pascal}}Row as Row


class Sql{{resource_singular_pascal}}Repository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def list(self, limit: int, offset: int) -> list[{{resource_singular_pascal}}]:
        query = select(Row).order_by(Row.created_at, Row.id).limit(limit).offset(offset)
        rows = await self._session.scalars(query)
        return [{{resource_singular_pascal}}.model_validate(row) for row in rows]

    async def get(self, {{resource_singular_snake}}_id: UUID) -> {{resource_singular_pascal}} | None:
        row = await self._session.get(Row, {{resource_singular_snake}}_id)
        return {{resource_singular_pascal}}.model_validate(row) if row else None

    async def create(
        self,
        data: {{resource_singular_pascal}}Create,
        idempotency: Idempotency | None = None,
    ) -> Created:
        if idempotency and (earlier := await self._created_with(idempotency)):
            return earlier
        row = Row(
            **data.model_dump(),
            idempotency_key=idempotency.key if idempotency else None,
            request_hash=idempotency.request_hash if idempotency else None,
        )
        self._session.add(row)
        try:
            await self._session.flush()
            await self._session.refresh(row)
            created = {{resource_singular_pascal}}.model_validate(row)
            await self._session.commit()
        except IntegrityError:
            # The same key, committed by a concurrent request since the lookup above.
            await self._session.rollback()
            if idempotency and (earlier := await self._created_with(idempotency)):
                return earlier
            raise
        return Created(created)

    async def _created_with(self, idempotency: Idempotency) -> Created | None:
        # A key older than its lifetime is released: it may be used afresh.
        release = (
            update(Row)
            .where(
                Row.idempotency_key == idempotency.key,
                Row.created_at < func.now() - KEY_LIFETIME,
            )
            .values(idempotency_key=None, request_hash=None)
        )
        await self._session.execute(release)
        query = select(Row).where(Row.idempotency_key == idempotency.key)
        row = (await self._session.scalars(query)).one_or_none()
        if row is None:
            return None
        if row.request_hash != idempotency.request_hash:
            raise ConflictError("the Idempotency-Key was used with another body")
        return Created({{resource_singular_pascal}}.model_validate(row), replayed=True)

    async def update(
        self,
        {{resource_singular_snake}}_id: UUID,
        patch: {{resource_singular_pascal}}Update,
    ) -> {{resource_singular_pascal}} | None:
        changes = patch.model_dump(exclude_unset=True)
        query = (
            update(Row)
            .where(Row.id == {{resource_singular_snake}}_id)
            .values(**changes, updated_at=func.now())
            .returning(Row)
        )
        row = (await self._session.scalars(query)).one_or_none()
        updated = {{resource_singular_pascal}}.model_validate(row) if row else None
        await self._session.commit()
        return updated

    async def delete(self, {{resource_singular_snake}}_id: UUID) -> bool:
        query = delete(Row).where(Row.id == {{resource_singular_snake}}_id)
        result = await self._session.execute(query)
        await self._session.commit()
        return result.rowcount > 0
