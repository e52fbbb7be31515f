"""The environment is checked at start-up, with a message naming every problem."""

import pytest

from app.settings import Settings, load

REQUIRED = {
{{#db_postgres}}
    "DATABASE_URL": "postgres://app@localhost:5432/app",
{{/db_postgres}}    "REDIS_URL": "redis://localhost:6379",
{{#auth_jwks}}
    "JWKS_URL": "https://idp.example.com/.well-known/jwks.json",
    "JWT_ISSUER": "https://idp.example.com/",
    "JWT_AUDIENCE": "https://api.example.com/{{name}}",
{{/auth_jwks}}}
OPTIONAL = ("PORT", "RATE_LIMIT_PER_MINUTE", "LOG_LEVEL", "CORS_ORIGINS", "TRUSTED_PROXY_HOPS")


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in (*REQUIRED, *OPTIONAL):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_valid_environment_with_defaults(env: pytest.MonkeyPatch) -> None:
    for name, value in REQUIRED.items():
        env.setenv(name, value)
    settings = load(Settings)
    assert settings.port == {{port}}
    assert settings.rate_limit_per_minute == 120
    assert settings.log_level == "info"
    assert settings.trusted_proxy_hops == 0
    assert settings.cors_origin_list == []
    assert settings.max_body_bytes == 1024 * 1024


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
    env.setenv("CORS_ORIGINS", "")
    assert load(Settings).cors_origins is None


def test_blank_values_given_in_code_count_as_unset_too() -> None:
    values = {name.lower(): value for name, value in REQUIRED.items()}
    assert Settings(**values, cors_origins="  ").cors_origins is None
    assert Settings(**values, rate_limit_per_minute="").rate_limit_per_minute == 120


def test_cors_origins_are_a_comma_separated_list(env: pytest.MonkeyPatch) -> None:
    for name, value in REQUIRED.items():
        env.setenv(name, value)
    env.setenv("CORS_ORIGINS", "https://app.example.com, http://localhost:3000")
    assert load(Settings).cors_origin_list == ["https://app.example.com", "http://localhost:3000"]
{{#auth_jwks}}


@pytest.mark.parametrize("name", ["JWT_ISSUER", "JWT_AUDIENCE"])
@pytest.mark.parametrize("value", [None, ""])
def test_issuer_and_audience_are_required(
    env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, name: str, value: str | None
) -> None:
    for required, given in REQUIRED.items():
        env.setenv(required, given)
    if value is None:
        env.delenv(name)
    else:
        env.setenv(name, value)
    with pytest.raises(SystemExit):
        load(Settings)
    assert f"{name} is not set" in capsys.readouterr().err
{{/auth_jwks}}