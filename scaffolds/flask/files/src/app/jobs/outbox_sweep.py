"""The outbox sweep, run by the worker process in a thread of its own: every few
seconds it enqueues the jobs that their request could not (Redis was down)."""

import os
import threading
from datetime import timedelta

{{#queue_rq}}
from redis import Redis
{{/queue_rq}}
from sqlalchemy import Engine

from app.db.engine import make_engine
from app.db.outbox import Outbox
from app.jobs.producer import ItemEvents
from app.log import get_logger
from app.settings import WorkerSettings

EVERY = 5.0  # seconds between sweeps
PRUNE_EVERY = 720  # sweeps (an hour) between deletions of what is no longer needed
MIN_AGE = timedelta(seconds=5)  # younger messages are still being sent by their request
log = get_logger(__name__)


def _own_engine(settings: WorkerSettings) -> Engine:
    # Not the tasks' engine: job processes forked from the worker must not share these
    # connections, so a forked child forgets them.
    engine = make_engine(settings.database_url, pool_size=1)
    os.register_at_fork(after_in_child=lambda: engine.dispose(close=False))
    return engine


def start(settings: WorkerSettings, stop: threading.Event) -> threading.Thread:
    events = ItemEvents({{#queue_rq}}Redis.from_url(settings.redis_url){{/queue_rq}}{{#queue_celery}}settings.redis_url{{/queue_celery}})
    outbox = Outbox(_own_engine(settings), events)

    def loop() -> None:
        sweeps = 0
        while not stop.wait(EVERY):
            try:
                outbox.sweep(MIN_AGE)
                if sweeps % PRUNE_EVERY == 0:
                    outbox.prune()
            except Exception:
                log.exception("outbox sweep failed, retried at the next one")
            sweeps += 1

    thread = threading.Thread(target=loop, name="outbox-sweep", daemon=True)
    thread.start()
    return thread
