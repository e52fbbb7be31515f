"""Remembers which jobs are done, so that a job delivered again (a retry after a crash,
the same id enqueued twice) is skipped instead of done twice."""

{{#db_postgres}}
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from app.db.tables import ProcessedJobRow


def claim(session: Session, queue: str, job_id: str) -> bool:
    """Records `job_id` in the caller's transaction; False when it was already there.

    The record commits with the job's own writes: if the work fails, it rolls back
    with them and the retry runs the job again.
    """
    inserted = session.execute(
        insert(ProcessedJobRow)
        .values(job_id=job_id, queue=queue)
        .on_conflict_do_nothing(index_elements=[ProcessedJobRow.job_id])
        .returning(ProcessedJobRow.job_id)
    )
    return inserted.first() is not None
{{/db_postgres}}
{{^db_postgres}}
from datetime import UTC, datetime

from redis import Redis

# Longer than any retry of a job can come.
REMEMBER_SECONDS = 14 * 24 * 3600


def _key(queue: str, job_id: str) -> str:
    return f"processed-jobs:{queue}:{job_id}"


def claim(redis: Redis, queue: str, job_id: str) -> bool:
    """Claims `job_id` atomically (SET NX); False when it was already claimed."""
    stamp = datetime.now(UTC).isoformat()
    return bool(redis.set(_key(queue, job_id), stamp, ex=REMEMBER_SECONDS, nx=True))


def release(redis: Redis, queue: str, job_id: str) -> None:
    """Forgets a claim whose work failed, so that the retry runs it again."""
    redis.delete(_key(queue, job_id))
{{/db_postgres}}
