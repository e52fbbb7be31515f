"""PostgreSQL through SQLAlchemy 2 (async, asyncpg). This service owns its tables; their
migrations live in db/migrations (Alembic) and no other service reads them."""
