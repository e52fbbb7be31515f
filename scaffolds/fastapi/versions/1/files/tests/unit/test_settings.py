"""The environment is checked at start-up, with a message naming every problem."""

import pytest

from app.settings import Settings, load

REQUIRED = {
{{#db_postgres}}
    "DATABASE_URL": "postgres://app@localhost:5432/app",
{{/db_postgres}}    "REDIS_URL": "redis://localhost:6379",
{{#auth_jwks}}
    "JWKS_URL": "https://idp.example.com/.well-known/jwks.json",
{{/auth_jwks}}}


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in (*REQUIRED, "PORT", "RATE_LIMIT_PER_MINUTE", "LOG_LEVEL"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_valid_environment_with_defaults(env: pytest.MonkeyPatch) -> None:
    for name, value in REQUIRED.items():
        env.setenv(name, value)
    settings = load(Settings)
    assert settings.port == {{port}}
    assert settings.rate_limit_per_minute == 120
    assert settings.log_level == "info"


def test_every_problem_is_named(env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    env.setenv("PORT", "70000")
    env.setenv("RATE_LIMIT_PER_MINUTE", "0")
    env.setenv("LOG_LEVEL", "loud")
    env.setenv("REDIS_URL", "http://localhost:6379")
    with pytest.raises(SystemExit) as exit_info:
        load(Settings)
    assert exit_info.value.code == 1
    message = capsys.readouterr().err
    assert "invalid environment" in message
    for problem in (
        "PORT is invalid",
        "RATE_LIMIT_PER_MINUTE is invalid",
        "LOG_LEVEL is invalid",
        "REDIS_URL is invalid",
{{#db_postgres}}
        "DATABASE_URL is not set",
{{/db_postgres}}{{#auth_jwks}}
        "JWKS_URL is not set",
{{/auth_jwks}}    ):
        assert problem in message


def test_empty_values_count_as_unset(env: pytest.MonkeyPatch) -> None:
    for name, value in REQUIRED.items():
        env.setenv(name, value)
    env.setenv("RATE_LIMIT_PER_MINUTE", "")
    assert load(Settings).rate_limit_per_minute == 120
