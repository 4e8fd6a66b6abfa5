"""The embedded server: what runs when no database URL is configured."""

import asyncio
import tempfile
from pathlib import Path

from sqlalchemy import text

from contacts_graph.db.embedded import embedded_database_url, stop_embedded
from contacts_graph.db.engine import create_engine
from contacts_graph.db.migrate import upgrade


def test_embedded_server_starts_migrates_and_stops():
    folder = Path(tempfile.mkdtemp(prefix="contacts-graph-embedded-")) / "postgres"

    url = embedded_database_url(folder, database="embedded_check")
    upgrade(url)

    async def tables() -> list[str]:
        engine = create_engine(url, pool_size=1)
        async with engine.connect() as connection:
            names = await connection.scalars(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            )
            found = sorted(names.all())
        await engine.dispose()
        return found

    try:
        found = asyncio.run(tables())
    finally:
        stop_embedded(folder)

    assert {"contacts", "organizations", "consent_events", "outbox"} <= set(found)
    assert not (folder / "postmaster.pid").exists()
