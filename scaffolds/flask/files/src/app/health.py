"""GET /health: 200 when every dependency answers, 503 naming the one that does not.
Outside /v1 and never rate limited: orchestrators and load balancers probe it."""

from flask import Blueprint
from redis.exceptions import RedisError
{{#db_postgres}}
from sqlalchemy.exc import SQLAlchemyError
{{/db_postgres}}

{{#db_postgres}}
from app.db.engine import ping
{{/db_postgres}}
from app.deps import deps
from app.log import get_logger
from app.models.health import Health, HealthChecks

log = get_logger(__name__)
health = Blueprint("health", __name__)


def check_dependencies() -> Health:
    d = deps()
{{#db_postgres}}
    db = "ok"
    try:
        ping(d.engine)
    except SQLAlchemyError as error:
        log.warning("health: database down", error=type(error).__name__)
        db = "down"
{{/db_postgres}}
    redis = "ok"
    try:
        d.redis.ping()
    except RedisError as error:
        log.warning("health: redis down", error=type(error).__name__)
        redis = "down"
    checks = HealthChecks({{#db_postgres}}db=db, {{/db_postgres}}redis=redis)
    healthy = all(value == "ok" for value in checks.model_dump().values())
    return Health(status="ok" if healthy else "unavailable", checks=checks)


@health.get("/health")
def get_health() -> tuple[dict[str, object], int]:
    result = check_dependencies()
    status = 200 if result.status == "ok" else 503
    return result.model_dump(), status
