"""The job worker: its own process (`python -m app.worker`), never the API's.

Jobs and requests scale, deploy and fail independently. On SIGTERM the worker stops
taking jobs, lets the running ones finish (warm shutdown) and exits.
"""

{{#queue_celery}}
from celery.signals import setup_logging, worker_ready, worker_shutdown

from app.jobs import ITEMS_QUEUE, celery_tasks
from app.jobs.celery_app import configure
{{/queue_celery}}{{#queue_rq}}
from redis import Redis
from rq import Worker

from app.jobs import ITEMS_QUEUE, rq_tasks
{{/queue_rq}}from app.jobs.processed import ProcessedJobs
{{#queue_rq}}
from app.jobs.rq_queue import items_queue
{{/queue_rq}}from app.log import configure_logging, get_logger
from app.settings import WorkerSettings, load

log = get_logger("app.worker")


def main() -> None:
    settings = load(WorkerSettings)
    configure_logging(settings.log_level, "worker")
{{#db_postgres}}
    processed = ProcessedJobs(str(settings.database_url))
{{/db_postgres}}{{^db_postgres}}
    processed = ProcessedJobs(str(settings.redis_url))
{{/db_postgres}}{{#queue_celery}}
    celery_tasks.use(processed)
    app = configure(str(settings.redis_url))

    # Connected, so Celery leaves the logging configured above alone.
    setup_logging.connect(lambda **_: None, weak=False)
    worker_ready.connect(lambda **_: log.info("worker started", queue=ITEMS_QUEUE), weak=False)
    worker_shutdown.connect(lambda **_: processed.close(), weak=False)
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
    worker = Worker([queue], connection=connection)
    log.info("worker started", queue=ITEMS_QUEUE)
    try:
        worker.work(logging_level=settings.log_level.upper())
    finally:
        processed.close()
        connection.close()
        log.info("worker stopped"){{/queue_rq}}


if __name__ == "__main__":
    main()
