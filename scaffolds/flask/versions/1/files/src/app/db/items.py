"""Items in PostgreSQL."""

from uuid import UUID

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.orm import Session

from app.db.tables import ItemRow
from app.models.items import Item, ItemCreate, ItemUpdate


class SqlItemRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def list(self, limit: int, offset: int) -> list[Item]:
        query = select(ItemRow).order_by(ItemRow.created_at, ItemRow.id).limit(limit).offset(offset)
        with Session(self._engine) as session:
            return [Item.model_validate(row) for row in session.scalars(query)]

    def get(self, item_id: UUID) -> Item | None:
        with Session(self._engine) as session:
            row = session.get(ItemRow, item_id)
            return Item.model_validate(row) if row else None

    def create(self, data: ItemCreate) -> Item:
        with Session(self._engine) as session, session.begin():
            row = ItemRow(**data.model_dump())
            session.add(row)
            session.flush()
            session.refresh(row)
            return Item.model_validate(row)

    def update(self, item_id: UUID, data: ItemUpdate) -> Item | None:
        changes = data.model_dump(exclude_unset=True)
        query = (
            update(ItemRow)
            .where(ItemRow.id == item_id)
            .values(**changes, updated_at=func.now())
            .returning(ItemRow)
        )
        with Session(self._engine) as session, session.begin():
            row = session.scalars(query).one_or_none()
            return Item.model_validate(row) if row else None

    def delete(self, item_id: UUID) -> bool:
        with Session(self._engine) as session, session.begin():
            return session.execute(delete(ItemRow).where(ItemRow.id == item_id)).rowcount > 0
