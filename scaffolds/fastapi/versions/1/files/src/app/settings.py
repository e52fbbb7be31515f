"""Configuration from the environment, checked once at start-up.

A missing or invalid variable stops the process with a message naming every problem:
starting half-configured would only move the failure to the first request.
"""

import sys
from functools import lru_cache
from typing import Annotated, Literal, TypeVar

from pydantic import AnyUrl, Field, UrlConstraints, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

{{#db_postgres}}
PostgresUrl = Annotated[AnyUrl, UrlConstraints(allowed_schemes=["postgres", "postgresql"])]
{{/db_postgres}}RedisUrl = Annotated[AnyUrl, UrlConstraints(allowed_schemes=["redis", "rediss"])]
{{#auth_jwks}}
HttpUrl = Annotated[AnyUrl, UrlConstraints(allowed_schemes=["https", "http"])]
{{/auth_jwks}}LogLevel = Literal["critical", "error", "warning", "info", "debug"]


class CommonSettings(BaseSettings):
    """What the API and the worker both need."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True, env_ignore_empty=True)

{{#db_postgres}}
    database_url: PostgresUrl
{{/db_postgres}}    redis_url: RedisUrl
    log_level: LogLevel = "info"


class Settings(CommonSettings):
    """The API process."""

    port: int = Field(default={{port}}, ge=1, le=65535)
    # Every interface by default: in a container the port is published from outside.
    host: str = "0.0.0.0"  # noqa: S104
{{#auth_jwks}}
    jwks_url: HttpUrl
    jwt_issuer: str | None = None
    jwt_audience: str | None = None
    auth_failures_per_minute: int = Field(default=10, gt=0)
{{/auth_jwks}}    rate_limit_per_minute: int = Field(default=120, gt=0)
    trust_proxy: bool = False
    shutdown_timeout_seconds: int = Field(default=10, gt=0)


{{^queue_none}}
class WorkerSettings(CommonSettings):
    """The job worker process."""

    worker_concurrency: int = Field(default=4, gt=0)


{{/queue_none}}S = TypeVar("S", bound=BaseSettings)


def describe_problems(err: ValidationError) -> list[str]:
    problems = []
    for issue in err.errors():
        name = ".".join(str(part) for part in issue["loc"]).upper()
        if issue["type"] == "missing":
            problems.append(f"{name} is not set")
        else:
            problems.append(f"{name} is invalid: {issue['msg']}")
    return problems


def load(kind: type[S]) -> S:
    """Reads `kind` from the environment, or exits with status 1 naming each problem."""
    try:
        return kind()
    except ValidationError as err:
        lines = "\n".join(f"  - {p}" for p in describe_problems(err))
        sys.stderr.write(f"{{name}}: invalid environment (see .env.example):\n{lines}\n")
        raise SystemExit(1) from None


@lru_cache
def get_settings() -> Settings:
    return load(Settings)
