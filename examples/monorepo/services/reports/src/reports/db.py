from flask import Flask, g
from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

_sessionmaker: sessionmaker[Session] | None = None


def init_db(app: Flask, url: str) -> None:
    """One engine per process; one session per request, closed on teardown."""
    global _sessionmaker
    engine = create_engine(
        url,  # postgresql+psycopg://reports:...@host:5432/reports
        pool_size=5,
        max_overflow=5,
        pool_pre_ping=True,
        pool_recycle=1800,
        connect_args={"application_name": "reports"},
    )
    _sessionmaker = sessionmaker(engine, expire_on_commit=False)
    app.extensions["db_engine"] = engine

    @app.teardown_appcontext
    def close_session(_exc: BaseException | None) -> None:
        session: Session | None = g.pop("db_session", None)
        if session is not None:
            session.close()


def get_session() -> Session:
    if "db_session" not in g:
        assert _sessionmaker is not None, "init_db() was not called"
        g.db_session = _sessionmaker()
    return g.db_session
