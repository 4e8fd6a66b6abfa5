"""Where the database is: the configured server, or the embedded one."""

from contacts_graph.db.embedded import embedded_database_url
from contacts_graph.settings import Settings


def resolve_database_url(settings: Settings) -> str:
    """Return the configured URL, starting the embedded server when none is set."""
    if settings.database_url:
        return settings.database_url
    return embedded_database_url(settings.embedded_dir)
