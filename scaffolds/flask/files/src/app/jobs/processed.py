"""Remembers which jobs are done, so that a job delivered again (a retry after a crash,
the same id enqueued twice) is skipped instead of done twice."""

{{#db_postgres}}
from sqlalchemy import Engine, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from app.db.tables import ProcessedJobRow


def is_processed(engine: Engine, job_id: str) -> bool:
    with Session(engine) as session:
        query = select(ProcessedJobRow.job_id).where(ProcessedJobRow.job_id == job_id)
        return session.scalar(query) is not None


def mark_processed(engine: Engine, queue: str, job_id: str) -> None:
    """Records `job_id` in a short transaction of its own, after the work: no
    transaction stays open while the work runs. A crash between the work and this
    record makes the redelivery do the work again, so the work is idempotent per id."""
    with Session(engine) as session, session.begin():
        session.execute(
            insert(ProcessedJobRow)
            .values(job_id=job_id, queue=queue)
            .on_conflict_do_nothing(index_elements=[ProcessedJobRow.job_id])
        )
{{/db_postgres}}
{{^db_postgres}}
from redis import Redis

# A claim held longer than this is taken for a crashed worker's and expires, so that
# the redelivered job runs; keep the work of one job well under it.
IN_PROGRESS_SECONDS = 60
# Longer than any retry of a job can come.
DONE_SECONDS = 7 * 24 * 3600


class JobInProgress(Exception):
    """Another delivery of the job is running: this one fails and is retried later."""


def _key(job_id: str) -> str:
    return f"{{name}}:job:{job_id}"


def claim(redis: Redis, job_id: str) -> bool:
    """True when this delivery should do the work, False when the job is done already;
    raises JobInProgress while another delivery holds the claim."""
    if redis.set(_key(job_id), "in-progress", nx=True, ex=IN_PROGRESS_SECONDS):
        return True
    if redis.get(_key(job_id)) == b"done":
        return False
    raise JobInProgress(job_id)


def mark_done(redis: Redis, job_id: str) -> None:
    redis.set(_key(job_id), "done", ex=DONE_SECONDS)


def release(redis: Redis, job_id: str) -> None:
    """Gives a claim back when the work failed, so that the retry runs it at once."""
    redis.delete(_key(job_id))
{{/db_postgres}}
