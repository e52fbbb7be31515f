"""The worker process: `python -m app.worker`. It consumes the `{{name}}` queue apart from
the API, so that jobs and requests scale, deploy and fail independently. On SIGTERM it
stops taking jobs, lets the running one finish, and exits.{{#db_postgres}} A thread sweeps the outbox
for jobs their request could not enqueue.{{/db_postgres}}"""

{{#db_postgres}}
import threading

{{/db_postgres}}
{{#queue_rq}}
from redis import Redis
from rq import Queue, SimpleWorker

from app.jobs import {{#db_postgres}}outbox_sweep, {{/db_postgres}}resources
{{/queue_rq}}
{{#queue_celery}}
from app.jobs import {{#db_postgres}}outbox_sweep, {{/db_postgres}}resources
from app.jobs.celery_app import configure
{{/queue_celery}}
from app.jobs.tasks import QUEUE
from app.log import configure_logging, get_logger


{{#queue_rq}}
def work(connection: Redis, burst: bool = False, logging_level: str = "INFO") -> None:
    """Runs the jobs of the queue. The scheduler is what brings a failed job back after
    its retry interval (and a job found in progress): without it, retries never run.
    SimpleWorker runs each job in this process: RQ's default forks a child per job, and a
    fork taken while another thread (the outbox sweep) holds a lock, of the connection
    pool or of logging, leaves the child waiting on it forever."""
    worker = SimpleWorker([Queue(QUEUE, connection=connection)], connection=connection)
    worker.work(burst=burst, with_scheduler=True, logging_level=logging_level)


{{/queue_rq}}
def main() -> None:
    settings = resources.settings()
    configure_logging(settings.log_level)
    log = get_logger("app.worker")
{{#db_postgres}}
    stop_sweep = threading.Event()
    outbox_sweep.start(settings, stop_sweep)
{{/db_postgres}}
{{#queue_rq}}
    connection = Redis.from_url(settings.redis_url)
    log.info("worker started", queue=QUEUE)
    # RQ's warm shutdown: SIGTERM lets the current job finish, then work() returns.
    work(connection, logging_level=settings.log_level.upper())
    connection.close()
{{/queue_rq}}
{{#queue_celery}}
    celery = configure(settings.redis_url)
    log.info("worker started", queue=QUEUE)
    # Celery's warm shutdown: SIGTERM lets the running tasks finish, then it exits.
    # Threads, not the prefork pool: forking beside the outbox sweep's thread could copy
    # a lock it holds into a child that then waits on it forever.
    celery.worker_main(
        ["worker", "--queues", QUEUE, "--loglevel", settings.log_level.upper(), "--pool", "threads"]
    )
{{/queue_celery}}
{{#db_postgres}}
    stop_sweep.set()
{{/db_postgres}}
    log.info("worker stopped")


if __name__ == "__main__":
    main()
