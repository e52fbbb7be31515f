"""The service's dependencies (settings, pools, clients), built once per process by
the app factory and reached from request code through `deps()`. Tests build their own
to swap a part."""

from dataclasses import dataclass

from flask import current_app
from redis import Redis
{{#db_postgres}}
from sqlalchemy import Engine
{{/db_postgres}}

{{#auth_jwks}}
from app.auth import TokenVerifier
{{/auth_jwks}}
{{#db_postgres}}
from app.db.engine import make_engine
from app.db.items import SqlItemRepository
{{^queue_none}}
from app.db.outbox import Outbox
{{/queue_none}}
{{/db_postgres}}
{{^db_postgres}}
from app.items.memory import MemoryItemRepository
{{/db_postgres}}
from app.items.repository import ItemRepository
{{^queue_none}}
from app.jobs.producer import ItemEvents
{{/queue_none}}
from app.rate_limit.limiter import RateLimiter
from app.settings import Settings

# Added by `svc add resource`, each above the marker line (so not sorted).
# isort: off
# svc:resource-imports
# isort: on


@dataclass
class Deps:
    settings: Settings
    redis: Redis
    limiter: RateLimiter
{{#db_postgres}}
    engine: Engine
{{/db_postgres}}
{{#auth_jwks}}
    verifier: TokenVerifier
    auth_failures: RateLimiter
{{/auth_jwks}}
{{^queue_none}}
    events: ItemEvents
{{#db_postgres}}
    outbox: Outbox
{{/db_postgres}}
{{/queue_none}}
    items: ItemRepository
    # svc:resource-fields

    def close(self) -> None:
        """Closes the pools: called when a server process stops."""
{{#db_postgres}}
        self.engine.dispose()
{{/db_postgres}}
        self.redis.close()


def build_deps(settings: Settings) -> Deps:
    # Nothing connects here: pools open on first use, after gunicorn has forked.
    redis = Redis.from_url(settings.redis_url, socket_timeout=2, socket_connect_timeout=2)
{{#db_postgres}}
    engine = make_engine(settings.database_url)
{{/db_postgres}}
{{^queue_none}}
    events = ItemEvents({{#queue_rq}}redis{{/queue_rq}}{{#queue_celery}}settings.redis_url{{/queue_celery}})
{{/queue_none}}
    return Deps(
        settings=settings,
        redis=redis,
        limiter=RateLimiter(redis, settings.rate_limit_per_minute, "{{name}}:rate"),
{{#db_postgres}}
        items=SqlItemRepository(engine),
        engine=engine,
{{/db_postgres}}
{{^db_postgres}}
        items=MemoryItemRepository(),
{{/db_postgres}}
        # svc:resource-repositories
{{#auth_jwks}}
        verifier=TokenVerifier.from_settings(settings),
        auth_failures=RateLimiter(redis, settings.auth_failures_per_minute, "{{name}}:auth"),
{{/auth_jwks}}
{{^queue_none}}
        events=events,
{{#db_postgres}}
        outbox=Outbox(engine, events),
{{/db_postgres}}
{{/queue_none}}
    )


def deps() -> Deps:
    deps_: Deps = current_app.extensions["deps"]
    return deps_
