"""Integration tests: a real PostgreSQL and Redis."""
