"""The outbox: jobs written in the same transaction as the change they announce, then
enqueued. After a create the request enqueues its job at once; when Redis is down it
still answers, and the worker's sweep (app.jobs.outbox_sweep) enqueues what is left."""

from datetime import timedelta
from typing import Any, Protocol

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.orm import Session

from app.db.tables import IdempotencyKeyRow, OutboxRow
from app.items.idempotency import REMEMBERED_FOR
from app.jobs.producer import item_created_job_id
from app.log import get_logger
from app.models.items import Item

log = get_logger(__name__)


class Sender(Protocol):
    def send(self, job_id: str, payload: dict[str, Any]) -> None: ...


def item_created_message(item: Item) -> OutboxRow:
    # The job id is the outbox id: enqueued twice (request and sweep), it runs once.
    return OutboxRow(
        id=item_created_job_id(item),
        topic="item.created",
        payload={"item_id": str(item.id), "name": item.name},
    )


class Outbox:
    def __init__(self, engine: Engine, sender: Sender) -> None:
        self._engine = engine
        self._sender = sender

    def send(self, job_id: str) -> bool:
        """Enqueues one message now; False (logged) when the queue cannot take it."""
        with Session(self._engine) as session:
            row = session.get(OutboxRow, job_id)
            if row is None or row.enqueued_at is not None:
                return row is not None
            payload = row.payload
        try:
            self._sender.send(job_id, payload)
        except Exception as error:
            log.warning("job not enqueued, the sweep retries", job_id=job_id, error=repr(error))
            return False
        with Session(self._engine) as session, session.begin():
            session.execute(
                update(OutboxRow)
                .where(OutboxRow.id == job_id, OutboxRow.enqueued_at.is_(None))
                .values(enqueued_at=func.now())
            )
        return True

    def sweep(self, min_age: timedelta = timedelta(seconds=5), batch: int = 100) -> int:
        """Enqueues messages still pending after `min_age` (their request could not);
        SKIP LOCKED lets several workers sweep at once. Returns how many were sent."""
        sent = 0
        with Session(self._engine) as session, session.begin():
            rows = session.scalars(
                select(OutboxRow)
                .where(OutboxRow.enqueued_at.is_(None), OutboxRow.created_at < func.now() - min_age)
                .order_by(OutboxRow.created_at)
                .limit(batch)
                .with_for_update(skip_locked=True)
            ).all()
            for row in rows:
                try:
                    self._sender.send(row.id, row.payload)
                except Exception as error:
                    log.warning("outbox sweep: the queue is unavailable", error=repr(error))
                    break
                row.enqueued_at = func.now()
                sent += 1
        if sent:
            log.info("outbox sweep: jobs enqueued", count=sent)
        return sent

    def prune(self, kept: timedelta = timedelta(days=7)) -> None:
        """Deletes messages sent more than `kept` ago and idempotency keys past their
        24 hours, so that neither table grows without end."""
        with Session(self._engine) as session, session.begin():
            session.execute(delete(OutboxRow).where(OutboxRow.enqueued_at < func.now() - kept))
            session.execute(
                delete(IdempotencyKeyRow).where(
                    IdempotencyKeyRow.created_at < func.now() - REMEMBERED_FOR
                )
            )

    def pending(self) -> int:
        with Session(self._engine) as session:
            count = session.scalar(
                select(func.count()).select_from(OutboxRow).where(OutboxRow.enqueued_at.is_(None))
            )
            return int(count or 0)
