"""Test set-up: a real PostgreSQL (CI's or an embedded one) and a real Redis.

The database is recreated and migrated once per run. Each test gets a tenant
of its own, so tests commit for real (as requests do) without seeing each
other's data.
"""

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from contacts_graph.app import create_app
from contacts_graph.auth.sessions import PERMISSIONS, Viewer, issue_token
from contacts_graph.auth.tenants import ensure_tenant
from contacts_graph.db.engine import async_url
from contacts_graph.db.migrate import upgrade
from contacts_graph.db.session import tenant_session
from contacts_graph.settings import Settings

SECRET = "test-signing-key-that-is-long-enough-for-hs256"
GraphQL = Callable[..., Awaitable[dict[str, Any]]]
_tenant_numbers = itertools.count(1)


def _recreate_database(url: str) -> None:
    """Drop and create the test database through the server's maintenance db."""
    import asyncio

    parsed = make_url(url)
    maintenance = parsed.set(database="postgres")

    async def recreate() -> None:
        engine = create_async_engine(
            async_url(maintenance.render_as_string(hide_password=False)),
            isolation_level="AUTOCOMMIT",
        )
        async with engine.connect() as connection:
            await connection.execute(
                text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')
            )
            await connection.execute(text(f'CREATE DATABASE "{parsed.database}"'))
        await engine.dispose()

    asyncio.run(recreate())


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    """Return the URL of a freshly migrated test database."""
    url = os.environ.get("CONTACTS_TEST_DATABASE_URL")
    folder = None
    if url:
        _recreate_database(url)
    else:
        from contacts_graph.db.embedded import embedded_database_url

        # The embedded server opens its parent folders to its own system
        # user, so it gets a folder of its own.
        folder = Path(tempfile.mkdtemp(prefix="contacts-graph-test-"))
        url = embedded_database_url(folder / "postgres", database="contacts_test")
    upgrade(url)
    yield url
    if folder is not None:
        from contacts_graph.db.embedded import stop_embedded

        stop_embedded(folder / "postgres")
        shutil.rmtree(folder, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _redis_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """Return a real Redis: CI's, one running locally, or one started here."""
    if url := os.environ.get("CONTACTS_TEST_REDIS_URL"):
        yield url
        return
    if _redis_answers(6379):
        yield "redis://127.0.0.1:6379/15"
        return
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("no Redis: install redis-server or set CONTACTS_TEST_REDIS_URL")
    port = _free_port()
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not _redis_answers(port) and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        redis_url=None,
        secret_key=SECRET,
        seed_demo_data=False,
        rate_limit="100000/minute",
    )


@pytest.fixture(scope="session")
async def app(settings: Settings) -> AsyncIterator[Any]:
    application = create_app(settings)
    yield application
    await application.state.services.close()


@pytest.fixture(scope="session")
def engine(app: Any) -> Any:
    return app.state.services.engine


async def make_viewer(
    engine: Any, *, permissions: frozenset[str] | None = None
) -> Viewer:
    from contacts_graph.db.engine import create_sessionmaker

    slug = f"t{next(_tenant_numbers)}-{uuid.uuid4().hex[:8]}"
    async with create_sessionmaker(engine)() as session, session.begin():
        tenant = await ensure_tenant(session, slug)
    return Viewer(
        user_id="tester",
        tenant_id=tenant.id,
        tenant_slug=slug,
        permissions=permissions if permissions is not None else frozenset(PERMISSIONS),
    )


@pytest.fixture
async def viewer(engine: Any) -> Viewer:
    """A user with every permission, in a tenant of the test's own."""
    return await make_viewer(engine)


@pytest.fixture
async def other_viewer(engine: Any) -> Viewer:
    """A user of another tenant."""
    return await make_viewer(engine)


@pytest.fixture
async def session(app: Any, viewer: Viewer) -> AsyncIterator[AsyncSession]:
    """A session in the viewer's tenant, as a request has; committed at the end."""
    async with tenant_session(app.state.services.sessionmaker, viewer.tenant_id) as s:
        yield s


def token_for(viewer: Viewer) -> str:
    from datetime import timedelta

    return issue_token(SECRET, viewer, ttl=timedelta(hours=1))


@pytest.fixture
async def client(app: Any, viewer: Viewer) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client of the app, signed in as ``viewer``."""
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {token_for(viewer)}"}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://test", headers=headers
    ) as http:
        yield http


async def run_graphql(
    http: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None
) -> dict[str, Any]:
    response = await http.post(
        "/graphql", json={"query": query, "variables": variables}
    )
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def graphql(client: httpx.AsyncClient) -> GraphQL:
    """Run an operation as the viewer; fail on any top-level error."""

    async def run(
        query: str, variables: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        body = await run_graphql(client, query, variables)
        assert "errors" not in body, body["errors"]
        return body["data"]

    return run


class StatementLog:
    """The SQL statements the app sends while the log listens."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    def __len__(self) -> int:
        return len(self.statements)


@pytest.fixture
def statements(engine: Any) -> Iterator[StatementLog]:
    log = StatementLog()

    def listen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        log.statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", listen)
    yield log
    event.remove(engine.sync_engine, "before_cursor_execute", listen)
