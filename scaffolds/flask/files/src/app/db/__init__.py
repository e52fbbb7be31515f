"""The service's PostgreSQL: engine, tables (owned by this service only) and queries.
The schema changes through Alembic migrations (migrations/), never at start-up."""
