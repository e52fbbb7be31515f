"""The job worker: its own process (`python -m app.worker`), never the API's.

Jobs and requests scale, deploy and fail independently. On SIGTERM the worker stops
taking jobs, lets the running ones finish (warm shutdown) and exits.{{#db_postgres}} Beside the
queue library's loop, a thread sweeps the outbox (app.jobs.outbox): jobs the API wrote
but could not enqueue are enqueued from here.{{/db_postgres}}
"""

{{#queue_celery}}
from celery.signals import setup_logging, worker_ready, worker_shutdown

from app.jobs import ITEMS_QUEUE, celery_tasks
from app.jobs.celery_app import configure
{{/queue_celery}}{{#queue_rq}}
from redis import Redis
from rq import Queue, SimpleWorker

from app.jobs import ITEMS_QUEUE, rq_tasks
{{/queue_rq}}{{#db_postgres}}
from app.jobs.outbox import OutboxSweep
{{/db_postgres}}from app.jobs.processed import ProcessedJobs
{{#db_postgres}}
from app.jobs.producer import ItemEvents
{{/db_postgres}}{{#queue_rq}}
from app.jobs.rq_queue import items_queue
{{/queue_rq}}from app.log import configure_logging, get_logger
from app.settings import WorkerSettings, load

log = get_logger("app.worker")


def main() -> None:
    settings = load(WorkerSettings)
    configure_logging(settings.log_level, "worker")
{{#db_postgres}}
    processed = ProcessedJobs(str(settings.database_url))
    events = ItemEvents(str(settings.redis_url))
    sweep = OutboxSweep(str(settings.database_url), events.send)
{{/db_postgres}}{{^db_postgres}}
    processed = ProcessedJobs(str(settings.redis_url))
{{/db_postgres}}{{#queue_celery}}
    celery_tasks.use(processed)
    app = configure(str(settings.redis_url))

    def stopped() -> None:
{{#db_postgres}}
        sweep.stop()
{{/db_postgres}}
        processed.close()

    # Connected, so Celery leaves the logging configured above alone.
    setup_logging.connect(lambda **_: None, weak=False)
    worker_ready.connect(lambda **_: log.info("worker started", queue=ITEMS_QUEUE), weak=False)
    worker_shutdown.connect(lambda **_: stopped(), weak=False)
{{#db_postgres}}
    sweep.start()
{{/db_postgres}}
    app.worker_main(
        [
            "--quiet",  # no banner: every line of the log is JSON
            "worker",
            f"--loglevel={settings.log_level.upper()}",
            "--pool=threads",
            f"--concurrency={settings.worker_concurrency}",
            f"--queues={ITEMS_QUEUE}",
            "--without-gossip",
            "--without-mingle",
        ]
    )
{{/queue_celery}}{{#queue_rq}}
    rq_tasks.use(processed)
    queue = items_queue(str(settings.redis_url))
    connection: Redis = queue.connection
{{#db_postgres}}
    sweep.start()
{{/db_postgres}}
    log.info("worker started", queue=ITEMS_QUEUE)
    try:
        work(queue, logging_level=settings.log_level.upper())
    finally:
{{#db_postgres}}
        sweep.stop()
        events.close()
{{/db_postgres}}
        processed.close()
        connection.close()
        log.info("worker stopped")


def work(queue: Queue, burst: bool = False, logging_level: str = "INFO") -> None:
    """Runs the jobs of `queue`. With the scheduler: a failed job is retried after the
    intervals of its Retry (app.jobs.producer), and RQ moves retries whose time has come
    back to the queue only in a worker that runs the scheduler. `burst`: until the
    queue is empty (tests). SimpleWorker runs each job in this process: RQ's default
    forks a child per job, and a fork taken while another thread (the outbox sweep)
    holds a lock, of the connection pool or of logging, leaves the child waiting on it
    forever; the child would also share the parent's database connections."""
    worker = SimpleWorker([queue], connection=queue.connection)
    worker.work(burst=burst, with_scheduler=True, logging_level=logging_level){{/queue_rq}}


if __name__ == "__main__":
    main()
