"""Alembic environment: runs the migrations on DATABASE_URL with the async driver."""

import asyncio
import os
import pkgutil
import sys
from importlib import import_module
from importlib.util import find_spec
from logging.config import fileConfig

from alembic import context
from sqlalchemy.ext.asyncio import create_async_engine

import app.resources
from app.db.engine import async_url
from app.db.tables import Base

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)


def import_resource_tables() -> None:
    """The tables of the resources `svc add resource` added (app/resources/NAME/table.py)
    join Base.metadata once imported; autogenerate would drop a table missing there."""
    for package in pkgutil.iter_modules(app.resources.__path__):
        module = f"app.resources.{package.name}.table"
        if find_spec(module):
            import_module(module)


import_resource_tables()
target_metadata = Base.metadata


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        sys.exit("alembic: DATABASE_URL is not set (see .env.example)")
    return async_url(url)


def run_offline() -> None:
    context.configure(url=database_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_sync(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()


async def run_online() -> None:
    engine = create_async_engine(database_url())
    try:
        async with engine.connect() as connection:
            await connection.run_sync(run_sync)
            await connection.commit()
    finally:
        await engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    asyncio.run(run_online())
