import pytest

from app.settings import Settings, load


def test_missing_and_invalid_variables_are_all_named(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("DATABASE_URL", "REDIS_URL", "JWKS_URL", "JWT_ISSUER", "JWT_AUDIENCE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PORT", "99999")
    monkeypatch.setenv("REDIS_URL", "http://not-redis")
    with pytest.raises(SystemExit) as exit_:
        load(Settings)
    assert exit_.value.code == 1
    message = capsys.readouterr().err
{{#db_postgres}}
    assert "DATABASE_URL is not set" in message
{{/db_postgres}}
{{#auth_jwks}}
    assert "JWKS_URL is not set" in message
    assert "JWT_AUDIENCE is not set" in message
{{/auth_jwks}}
    assert "PORT is invalid" in message
    assert "REDIS_URL is invalid: must be a redis or rediss URL" in message


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PORT", "RATE_LIMIT_PER_MINUTE", "LOG_LEVEL", "JWT_TOKEN_TYPE"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(
{{#db_postgres}}
        database_url="postgres://u@localhost/db",
{{/db_postgres}}
        redis_url="redis://localhost:6379",
{{#auth_jwks}}
        jwks_url="https://idp.example.com/jwks.json",
        jwt_issuer="https://idp.example.com/",
        jwt_audience="orders",
{{/auth_jwks}}
    )
    assert (settings.port, settings.rate_limit_per_minute, settings.log_level) == (
        {{port}},
        120,
        "info",
    )


def test_an_empty_variable_counts_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    """`NAME=` in .env (as .env.example ships optional ones) takes the default."""
{{#db_postgres}}
    monkeypatch.setenv("DATABASE_URL", "postgres://u@localhost/db")
{{/db_postgres}}
    monkeypatch.setenv("REDIS_URL", "redis://localhost:6379")
{{#auth_jwks}}
    monkeypatch.setenv("JWKS_URL", "https://idp.example.com/jwks.json")
    monkeypatch.setenv("JWT_ISSUER", "https://idp.example.com/")
    monkeypatch.setenv("JWT_AUDIENCE", "orders")
{{/auth_jwks}}
    for name in ("LOG_LEVEL", "RATE_LIMIT_PER_MINUTE", "PORT"):
        monkeypatch.setenv(name, "")
    settings = load(Settings)
    assert (settings.log_level, settings.rate_limit_per_minute, settings.port) == (
        "info",
        120,
        {{port}},
    )
{{#auth_jwks}}


@pytest.mark.parametrize("name", ["JWT_ISSUER", "JWT_AUDIENCE"])
def test_issuer_and_audience_are_required(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str
) -> None:
{{#db_postgres}}
    monkeypatch.setenv("DATABASE_URL", "postgres://u@localhost/db")
{{/db_postgres}}
    monkeypatch.setenv("REDIS_URL", "redis://localhost:6379")
    monkeypatch.setenv("JWKS_URL", "https://idp.example.com/jwks.json")
    monkeypatch.setenv("JWT_ISSUER", "https://idp.example.com/")
    monkeypatch.setenv("JWT_AUDIENCE", "orders")
    monkeypatch.setenv(name, "")  # as an unedited .env would have it
    with pytest.raises(SystemExit):
        load(Settings)
    assert f"{name} is not set" in capsys.readouterr().err
{{/auth_jwks}}
