"""ASGI middleware wrapped around every route."""
