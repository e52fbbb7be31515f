"""The SQLAlchemy engine: one connection pool per process."""

from sqlalchemy import Engine, create_engine, text


def sqlalchemy_url(database_url: str) -> str:
    """postgres:// and postgresql:// URLs, as platforms hand them out, on psycopg 3."""
    for scheme in ("postgres://", "postgresql://"):
        if database_url.startswith(scheme):
            return "postgresql+psycopg://" + database_url.removeprefix(scheme)
    return database_url


def make_engine(database_url: str, pool_size: int = 5) -> Engine:
    return create_engine(
        sqlalchemy_url(database_url),
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=True,  # a connection dropped by the server is replaced, not handed out
        pool_timeout=5,
        connect_args={"connect_timeout": 5},
    )


def ping(engine: Engine) -> None:
    """Raises when the database cannot answer a trivial query."""
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
