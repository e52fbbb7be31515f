"""The API's production entry point: `python -m app` (the image's CMD).

uvicorn without reload: on SIGTERM it stops accepting connections, waits for the
requests in flight (up to SHUTDOWN_TIMEOUT_SECONDS), runs the lifespan's shutdown,
which closes the database pool and Redis, and the process exits 0.
"""

import signal

import uvicorn

from app.log import configure_logging
from app.main import create_app
from app.settings import get_settings


def main() -> None:
    settings = get_settings()
    configure_logging(settings.log_level, "api")
    # uvicorn re-raises the signal it shut down on; once drained, that is a clean exit.
    signal.signal(signal.SIGTERM, lambda *_: None)
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_config=None,
        access_log=False,
        server_header=False,
        proxy_headers=settings.trust_proxy,
        timeout_graceful_shutdown=settings.shutdown_timeout_seconds,
    )


if __name__ == "__main__":
    main()
