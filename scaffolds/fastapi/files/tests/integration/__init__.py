"""Integration tests against a real PostgreSQL and Redis (see tests/conftest.py)."""
