"""Background jobs: produced by the API, consumed by the worker process (app.worker),
never by the API process. Every job has an id set by the producer, and the worker
skips ids it has already processed, because queues deliver at least once."""

from app import SERVICE_NAME

# The queue of this service's jobs, for the producer and the worker alike: named after
# the service, so two services on one Redis never consume each other's jobs.
ITEMS_QUEUE = SERVICE_NAME
# Prefix of every Redis key the jobs write (processed claims{{#queue_celery}}, Celery's own keys{{/queue_celery}}).
KEY_PREFIX = f"{SERVICE_NAME}:"


def job_name(task: str) -> str:
    """`<service>.<task>`: a task name no other service uses."""
    return f"{SERVICE_NAME}.{task}"
