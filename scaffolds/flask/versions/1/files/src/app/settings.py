"""Configuration from the environment, checked once at start-up.

A missing or invalid variable stops the process with one message that names every
problem, rather than failing later at the first request that needs it.
"""

import sys
from collections.abc import Callable
from typing import Annotated, Literal, TypeVar

from pydantic import AfterValidator, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

LogLevel = Literal["critical", "error", "warning", "info", "debug"]
S = TypeVar("S", bound=BaseSettings)


def url_of(*schemes: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if not value.startswith(tuple(f"{s}://" for s in schemes)):
            raise ValueError(f"must be a {' or '.join(schemes)} URL")
        return value

    return check


{{#db_postgres}}
DatabaseUrl = Annotated[str, AfterValidator(url_of("postgres", "postgresql", "postgresql+psycopg"))]
{{/db_postgres}}
{{#auth_jwks}}
JwksUrl = Annotated[str, AfterValidator(url_of("https", "http"))]
{{/auth_jwks}}
RedisUrl = Annotated[str, AfterValidator(url_of("redis", "rediss"))]


class CommonSettings(BaseSettings):
    """What the API and the worker both need."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

{{#db_postgres}}
    database_url: DatabaseUrl
{{/db_postgres}}
    redis_url: RedisUrl
    log_level: LogLevel = "info"

    @field_validator("log_level", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value


{{^queue_none}}
class WorkerSettings(CommonSettings):
    """The worker process."""


{{/queue_none}}
class Settings(CommonSettings):
    """The API process."""

    port: int = Field(default={{port}}, ge=1, le=65535)
{{#auth_jwks}}
    jwks_url: JwksUrl
    jwt_issuer: str | None = None
    jwt_audience: str | None = None
    auth_failures_per_minute: int = Field(default=10, gt=0)
{{/auth_jwks}}
    rate_limit_per_minute: int = Field(default=120, gt=0)
    trust_proxy: bool = False


def problems_of(error: ValidationError) -> list[str]:
    """One line per variable: `NAME is not set` or `NAME is invalid: reason`."""
    lines = []
    for issue in error.errors(include_url=False, include_input=False):
        name = str(issue["loc"][0]).upper() if issue["loc"] else "environment"
        if issue["type"] == "missing":
            lines.append(f"{name} is not set")
        else:
            lines.append(f"{name} is invalid: {issue['msg'].removeprefix('Value error, ')}")
    return lines


def load(kind: type[S]) -> S:
    """The settings of `kind`, or exit 1 naming every problem (see .env.example)."""
    try:
        return kind()
    except ValidationError as error:
        listed = "\n".join(f"  - {p}" for p in problems_of(error))
        sys.stderr.write(f"{{name}}: invalid environment (see .env.example):\n{listed}\n")
        raise SystemExit(1) from None
