"""The outbox sweep, in the worker process: every few seconds, the outbox rows the API
wrote but could not enqueue (Redis was down, the API crashed between its commit and
the enqueue) are enqueued, under the job id they were written with.

Rows are taken with FOR UPDATE SKIP LOCKED, so several workers sweep side by side
without sending a row twice at once; a row sent twice anyway (the API's enqueue and a
sweep racing) is one job id, which the queue and the worker's processed check
collapse. It runs on a thread of its own, beside the queue library's loop.
"""

import asyncio
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from app.db.engine import create_engine
from app.db.tables import OutboxRow
from app.log import get_logger

log = get_logger(__name__)

Send = Callable[[str, str, dict[str, Any]], None]  # (job, job id, payload)

SWEEP_EVERY_SECONDS = 5.0
# Younger rows are left to the API, which is likely enqueueing them right now.
PENDING_AFTER_SECONDS = 5.0
BATCH = 100


async def sweep_once(
    engine: AsyncEngine, send: Send, pending_after: float = PENDING_AFTER_SECONDS
) -> int:
    """Enqueues the pending rows of one batch; returns how many."""
    async with engine.begin() as connection:
        query = (
            select(OutboxRow.id, OutboxRow.job, OutboxRow.payload)
            .where(
                OutboxRow.enqueued_at.is_(None),
                OutboxRow.created_at < func.now() - timedelta(seconds=pending_after),
            )
            .order_by(OutboxRow.created_at)
            .limit(BATCH)
            .with_for_update(skip_locked=True)
        )
        rows = (await connection.execute(query)).all()
        for row in rows:
            send(row.job, row.id, row.payload)
            done = update(OutboxRow).where(OutboxRow.id == row.id).values(enqueued_at=func.now())
            await connection.execute(done)
    return len(rows)


class OutboxSweep(threading.Thread):
    def __init__(self, database_url: str, send: Send, every: float = SWEEP_EVERY_SECONDS):
        super().__init__(name="outbox-sweep", daemon=True)
        self._url = database_url
        self._send = send
        self._every = every
        self._stopping = threading.Event()

    def run(self) -> None:
        with asyncio.Runner() as runner:
            engine = create_engine(self._url, pool_size=1)
            while not self._stopping.wait(self._every):
                try:
                    sent = runner.run(sweep_once(engine, self._send))
                except Exception:
                    log.warning("outbox sweep failed; next try soon", exc_info=True)
                    continue
                if sent:
                    log.info("outbox rows enqueued", count=sent)
            runner.run(engine.dispose())

    def stop(self) -> None:
        self._stopping.set()
        self.join(timeout=self._every + 5)
