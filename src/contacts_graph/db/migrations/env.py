"""Alembic environment: runs migrations over asyncpg, the service's own driver."""

import asyncio

from alembic import context
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from contacts_graph.db.engine import async_url
from contacts_graph.db.models import Base

config = context.config
target_metadata = Base.metadata


def run_in_connection(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()


async def run_online() -> None:
    engine = create_async_engine(async_url(config.get_main_option("sqlalchemy.url")))
    async with engine.connect() as connection:
        await connection.run_sync(run_in_connection)
    await engine.dispose()


connection = config.attributes.get("connection")
if connection is not None:
    run_in_connection(connection)
else:
    asyncio.run(run_online())
