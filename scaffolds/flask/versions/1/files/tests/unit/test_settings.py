import pytest

from app.settings import Settings, load


def test_missing_and_invalid_variables_are_all_named(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("DATABASE_URL", "REDIS_URL", "JWKS_URL"):
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
{{/auth_jwks}}
    assert "PORT is invalid" in message
    assert "REDIS_URL is invalid: must be a redis or rediss URL" in message


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PORT", "RATE_LIMIT_PER_MINUTE", "LOG_LEVEL"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(
{{#db_postgres}}
        database_url="postgres://u@localhost/db",
{{/db_postgres}}
        redis_url="redis://localhost:6379",
{{#auth_jwks}}
        jwks_url="https://idp.example.com/jwks.json",
{{/auth_jwks}}
    )
    assert (settings.port, settings.rate_limit_per_minute, settings.log_level) == (
        {{port}},
        120,
        "info",
    )
