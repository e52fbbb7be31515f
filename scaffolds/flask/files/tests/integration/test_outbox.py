"""The outbox and the idempotency keys do not grow without end: the worker prunes them."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.tables import IdempotencyKeyRow, OutboxRow
from app.deps import Deps


def test_prune_keeps_what_is_pending_and_recent(deps: Deps) -> None:
    old, pending_id = datetime.now(UTC) - timedelta(days=8), f"pending-{uuid4()}"
    with Session(deps.engine) as session, session.begin():
        session.add(OutboxRow(id=f"old-{uuid4()}", topic="t", payload={}, enqueued_at=old))
        session.add(OutboxRow(id=pending_id, topic="t", payload={}, created_at=old))
        session.add(
            IdempotencyKeyRow(
                caller="c", key=f"old-{uuid4()}", request_hash="h", response={}, created_at=old
            )
        )
    deps.outbox.prune()
    with Session(deps.engine) as session, session.begin():
        assert session.scalar(select(func.count()).where(OutboxRow.id.like("old-%"))) == 0
        assert session.scalar(select(func.count()).where(IdempotencyKeyRow.key.like("old-%"))) == 0
        pending = session.get(OutboxRow, pending_id)
        assert pending is not None  # never sent: kept however old
        session.delete(pending)
