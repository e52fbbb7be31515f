"""What a task needs, created once per worker process on first use."""

from functools import cache

{{#db_postgres}}
from sqlalchemy import Engine

from app.db.engine import make_engine
{{/db_postgres}}
{{^db_postgres}}
from redis import Redis

{{/db_postgres}}
from app.settings import WorkerSettings, load


@cache
def settings() -> WorkerSettings:
    return load(WorkerSettings)


{{#db_postgres}}
@cache
def engine() -> Engine:
    return make_engine(settings().database_url, pool_size=2)
{{/db_postgres}}
{{^db_postgres}}
@cache
def redis() -> Redis:
    return Redis.from_url(settings().redis_url)
{{/db_postgres}}
