"""Gunicorn settings. Gunicorn is PID 1: on SIGTERM it stops accepting connections
and gives workers graceful_timeout seconds to finish in-flight requests."""

import multiprocessing
import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", min(4, multiprocessing.cpu_count() * 2)))
threads = 4
timeout = 60
graceful_timeout = 20
keepalive = 5
accesslog = None  # the app writes its own structured access log
errorlog = "-"
