"""WSGI entry point for gunicorn: `gunicorn reports.wsgi:app`."""

from reports import create_app

app = create_app()
