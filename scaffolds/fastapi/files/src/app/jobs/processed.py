"""Remembers which jobs are done, so that a job delivered again (a retry after a crash,
the same id enqueued twice) is skipped instead of done twice.

The work itself is never done inside a held transaction or lock: it runs, then "done"
is recorded. Two deliveries of one id racing each other may both do the work, so the
work of a job must be idempotent per job id (it is: it is keyed by the item)."""{{#db_postgres}}

import asyncio
import threading
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from app.db.engine import async_url
from app.db.tables import ProcessedJobRow{{/db_postgres}}{{^db_postgres}}

from collections.abc import Callable

from redis import Redis

from app.jobs import KEY_PREFIX{{/db_postgres}}

Work = Callable[[], None]


{{#db_postgres}}
class ProcessedJobs:
    """Ids in the processed_jobs table: looked up before the work, inserted in a short
    transaction of its own after it. A failed work records nothing, so the retry runs
    it again.

    Tasks are synchronous and may run on several threads, while the driver is asyncio:
    each thread gets its own event loop and engine, as a connection cannot move
    between loops."""

    def __init__(self, database_url: str) -> None:
        self._url = async_url(database_url)
        self._local = threading.local()
        self._runners: list[tuple[asyncio.Runner, AsyncEngine]] = []
        self._lock = threading.Lock()

    def _runner(self) -> tuple[asyncio.Runner, AsyncEngine]:
        if not hasattr(self._local, "runner"):
            engine = create_async_engine(self._url, pool_size=1, max_overflow=0, pool_pre_ping=True)
            self._local.runner, self._local.engine = asyncio.Runner(), engine
            with self._lock:
                self._runners.append((self._local.runner, engine))
        return self._local.runner, self._local.engine

    def connections_in_use(self) -> int:
        """Connections of this thread checked out of its pool (0 while the work runs)."""
        return self._runner()[1].pool.checkedout()

    def run_once(self, queue: str, job_id: str, work: Work) -> bool:
        """Runs `work` unless `job_id` was already processed; False when skipped."""
        runner, engine = self._runner()
        if runner.run(self._is_done(engine, job_id)):
            return False
        work()
        runner.run(self._record_done(engine, queue, job_id))
        return True

    @staticmethod
    async def _is_done(engine: AsyncEngine, job_id: str) -> bool:
        async with engine.connect() as connection:
            query = select(ProcessedJobRow.job_id).where(ProcessedJobRow.job_id == job_id)
            return (await connection.execute(query)).first() is not None

    @staticmethod
    async def _record_done(engine: AsyncEngine, queue: str, job_id: str) -> None:
        async with engine.begin() as connection:
            record = (
                insert(ProcessedJobRow)
                .values(job_id=job_id, queue=queue)
                .on_conflict_do_nothing(index_elements=["job_id"])
            )
            await connection.execute(record)

    def close(self) -> None:
        with self._lock:
            runners, self._runners = self._runners, []
        for runner, engine in runners:
            runner.run(engine.dispose())
            runner.close()
{{/db_postgres}}{{^db_postgres}}
IN_PROGRESS, DONE = b"in-progress", b"done"
# A claim outlives no crash: a worker that dies mid-job leaves it to expire, and the
# redelivered job runs. A done id is remembered longer than any retry can come.
CLAIM_SECONDS = 60
DONE_SECONDS = 7 * 24 * 3600


class JobInProgress(Exception):
    """Another delivery of the same id is running (or crashed less than CLAIM_SECONDS
    ago): raised so the queue retries this one later, with backoff."""


class ProcessedJobs:
    """Claims in Redis, `<service>:job:<id>`: set to in-progress (SET NX, expiring)
    before the work, to done after it. An id found done is skipped."""

    def __init__(self, redis_url: str, claim_seconds: int = CLAIM_SECONDS) -> None:
        self._redis = Redis.from_url(redis_url)
        self._claim_seconds = claim_seconds

    @staticmethod
    def key(job_id: str) -> str:
        return f"{KEY_PREFIX}job:{job_id}"

    def run_once(self, queue: str, job_id: str, work: Work) -> bool:
        """Runs `work` unless `job_id` was already processed; False when skipped."""
        key = self.key(job_id)
        if not self._redis.set(key, IN_PROGRESS, ex=self._claim_seconds, nx=True):
            if self._redis.get(key) == DONE:
                return False
            raise JobInProgress(f"job {job_id} of {queue} is in progress elsewhere")
        try:
            work()
        except BaseException:
            # Released at once, so the retry need not wait for the claim to expire.
            self._redis.delete(key)
            raise
        self._redis.set(key, DONE, ex=DONE_SECONDS)
        return True

    def close(self) -> None:
        self._redis.close()
{{/db_postgres}}
