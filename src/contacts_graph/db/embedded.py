"""The embedded PostgreSQL server used when no ``CONTACTS_DATABASE_URL`` is set."""

import logging
import warnings
from pathlib import Path
from typing import Any
from urllib.parse import quote

logger = logging.getLogger(__name__)

DATABASE_NAME = "contacts"

_servers: dict[Path, Any] = {}


def embedded_database_url(data_dir: Path, database: str = DATABASE_NAME) -> str:
    """Start (or reuse) the embedded server in ``data_dir`` and return a URL.

    pgserver ships PostgreSQL in a wheel and listens on a Unix socket inside
    its data directory. Run as root it creates a system user and opens the
    parent folders of ``data_dir`` to it, which is why the directory lives in
    a folder of its own. The server stops when the last process using it exits.
    """
    pgserver = _import_pgserver()
    data_dir = data_dir.resolve()
    server = _servers.get(data_dir)
    if server is None:
        data_dir.mkdir(parents=True, exist_ok=True)
        server = pgserver.get_server(data_dir, cleanup_mode="stop")
        _servers[data_dir] = server
        logger.info("database.embedded.started", extra={"data_dir": str(data_dir)})

    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")
    if "(1 row)" not in exists:
        server.psql(f'CREATE DATABASE "{database}";')
    return f"postgresql://postgres@/{database}?host={quote(str(data_dir))}"


def _import_pgserver() -> Any:
    """Import pgserver without platformdirs' warning about XDG_RUNTIME_DIR.

    pgserver asks for a runtime folder at import; containers and sudo
    sessions lack XDG_RUNTIME_DIR, and platformdirs' fallback to /tmp works.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR")
        import pgserver
    return pgserver


def stop_embedded(data_dir: Path) -> None:
    """Stop the embedded server of ``data_dir`` if this process started it."""
    server = _servers.pop(data_dir.resolve(), None)
    if server is not None:
        server.cleanup()
