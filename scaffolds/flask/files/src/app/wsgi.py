"""The production entry point: `gunicorn -c gunicorn.conf.py app.wsgi:app`."""

from app.main import create_app

app = create_app()
