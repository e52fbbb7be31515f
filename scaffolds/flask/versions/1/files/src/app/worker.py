"""The worker process: `python -m app.worker`. It consumes the `items` queue apart from
the API, so that jobs and requests scale, deploy and fail independently. On SIGTERM it
stops taking jobs, lets the running one finish, and exits."""

{{#queue_rq}}
from redis import Redis
from rq import Queue, Worker

from app.jobs import resources
{{/queue_rq}}
{{#queue_celery}}
from app.jobs import resources
from app.jobs.celery_app import configure
{{/queue_celery}}
from app.jobs.tasks import QUEUE
from app.log import configure_logging, get_logger


def main() -> None:
    settings = resources.settings()
    configure_logging(settings.log_level)
    log = get_logger("app.worker")
{{#queue_rq}}
    connection = Redis.from_url(settings.redis_url)
    worker = Worker([Queue(QUEUE, connection=connection)], connection=connection)
    log.info("worker started", queue=QUEUE)
    # RQ's warm shutdown: SIGTERM lets the current job finish, then work() returns.
    worker.work(with_scheduler=True, logging_level=settings.log_level.upper())
    connection.close()
{{/queue_rq}}
{{#queue_celery}}
    celery = configure(settings.redis_url)
    log.info("worker started", queue=QUEUE)
    # Celery's warm shutdown: SIGTERM lets the running tasks finish, then it exits.
    celery.worker_main(["worker", "--queues", QUEUE, "--loglevel", settings.log_level.upper()])
{{/queue_celery}}
    log.info("worker stopped")


if __name__ == "__main__":
    main()
