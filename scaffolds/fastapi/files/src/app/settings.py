"""Configuration from the environment, checked once at start-up.

A missing or invalid variable stops the process with a message naming every problem:
starting half-configured would only move the failure to the first request.
"""

import sys
from functools import lru_cache
from typing import Annotated, Any, Literal, TypeVar

from pydantic import AnyUrl, Field, UrlConstraints, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

{{#db_postgres}}
PostgresUrl = Annotated[AnyUrl, UrlConstraints(allowed_schemes=["postgres", "postgresql"])]
{{/db_postgres}}RedisUrl = Annotated[AnyUrl, UrlConstraints(allowed_schemes=["redis", "rediss"])]
{{#auth_jwks}}
HttpUrl = Annotated[AnyUrl, UrlConstraints(allowed_schemes=["https", "http"])]
{{/auth_jwks}}LogLevel = Literal["critical", "error", "warning", "info", "debug"]


class CommonSettings(BaseSettings):
    """What the API and the worker both need."""

    # Empty means unset: `JWT_ISSUER=` in .env is the same as no JWT_ISSUER at all.
    model_config = SettingsConfigDict(extra="ignore", frozen=True, env_ignore_empty=True)

    @model_validator(mode="before")
    @classmethod
    def empty_is_unset(cls, data: Any) -> Any:
        """The same rule for values given in code (tests, scripts) as for the environment:
        a blank string is no value, so a default applies or a required one is missing."""
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (isinstance(v, str) and not v.strip())}
        return data

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
    # Required: a token minted by the same provider for another API must not pass here.
    jwt_issuer: str
    jwt_audience: str
    # The JOSE header `typ` of an access token (RFC 9068); `any` turns the check off.
    jwt_token_type: str = "at+jwt"  # noqa: S105 - a token type, not a secret
    jwt_clock_skew_seconds: int = Field(default=30, ge=0)
    jwks_refetch_cooldown_seconds: int = Field(default=30, ge=0)
    auth_failures_per_minute: int = Field(default=10, gt=0)
{{/auth_jwks}}    rate_limit_per_minute: int = Field(default=120, gt=0)
    # Proxies in front of the service that append to X-Forwarded-For (app.client_ip).
    trusted_proxy_hops: int = Field(default=0, ge=0)
    # Comma-separated origins allowed to call from a browser; unset: no CORS headers.
    cors_origins: str | None = None
    max_body_bytes: int = Field(default=1024 * 1024, gt=0)
    shutdown_timeout_seconds: int = Field(default=10, gt=0)

    @property
    def cors_origin_list(self) -> list[str]:
        return [o.strip() for o in (self.cors_origins or "").split(",") if o.strip()]


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
