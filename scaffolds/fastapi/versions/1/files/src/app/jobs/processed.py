"""Remembers which jobs are done, so that a job delivered again (a retry after a crash,
the same id enqueued twice) is skipped instead of done twice."""{{#db_postgres}}

import asyncio
import threading
from collections.abc import Callable

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from app.db.engine import async_url
from app.db.tables import ProcessedJobRow{{/db_postgres}}{{^db_postgres}}

from collections.abc import Callable
from datetime import UTC, datetime

from redis import Redis{{/db_postgres}}

Work = Callable[[], None]


{{#db_postgres}}
class ProcessedJobs:
    """Ids in the processed_jobs table. The id is claimed in a transaction that commits
    only once the work has succeeded: if the work fails, the claim is rolled back with
    it and the retry runs again.

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

    def run_once(self, queue: str, job_id: str, work: Work) -> bool:
        """Runs `work` unless `job_id` was already processed; False when skipped."""
        runner, engine = self._runner()
        return runner.run(self._run_once(engine, queue, job_id, work))

    @staticmethod
    async def _run_once(engine: AsyncEngine, queue: str, job_id: str, work: Work) -> bool:
        async with engine.begin() as connection:
            claim = (
                insert(ProcessedJobRow)
                .values(job_id=job_id, queue=queue)
                .on_conflict_do_nothing(index_elements=["job_id"])
                .returning(ProcessedJobRow.job_id)
            )
            claimed = (await connection.execute(claim)).first()
            if claimed is None:
                return False
            work()
            return True

    def close(self) -> None:
        with self._lock:
            runners, self._runners = self._runners, []
        for runner, engine in runners:
            runner.run(engine.dispose())
            runner.close()
{{/db_postgres}}{{^db_postgres}}
# How long a processed id is remembered: longer than any retry of the job can come.
REMEMBER_SECONDS = 14 * 24 * 3600


class ProcessedJobs:
    """Ids in Redis, claimed atomically with SET NX. If the work fails, the claim is
    released so that the retry runs again."""

    def __init__(self, redis_url: str) -> None:
        self._redis = Redis.from_url(redis_url)

    def run_once(self, queue: str, job_id: str, work: Work) -> bool:
        """Runs `work` unless `job_id` was already processed; False when skipped."""
        key = f"processed-jobs:{queue}:{job_id}"
        now = datetime.now(UTC).isoformat()
        if not self._redis.set(key, now, ex=REMEMBER_SECONDS, nx=True):
            return False
        try:
            work()
        except BaseException:
            self._redis.delete(key)
            raise
        return True

    def close(self) -> None:
        self._redis.close()
{{/db_postgres}}