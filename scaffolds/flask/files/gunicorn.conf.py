"""gunicorn's configuration: `gunicorn -c gunicorn.conf.py app.wsgi:app`.

On SIGTERM gunicorn stops accepting connections, lets the requests in flight finish
(up to `graceful_timeout`), closes each worker's pools (`worker_exit`) and exits 0.
"""

import os

from app.log import logging_config
from app.settings import Settings, load

# Checked here, before any process forks, so a bad environment stops with one message.
settings = load(Settings)

bind = f"0.0.0.0:{settings.port}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("THREADS", "4"))
# Load the app once in the master: start-up errors surface before workers fork. No
# connection is opened while loading, so no socket is shared across the fork.
preload_app = True
graceful_timeout = int(os.environ.get("SHUTDOWN_TIMEOUT_SECONDS", "25"))
timeout = 60
keepalive = 5
accesslog = None  # the app logs each request itself, as JSON (app.main)
logconfig_dict = logging_config(settings.log_level)
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def worker_exit(server: object, worker: object) -> None:
    from app.wsgi import app

    app.extensions["deps"].close()
