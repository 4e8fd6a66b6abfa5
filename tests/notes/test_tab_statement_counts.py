"""N+1 guard of the notes, calls and preferences tabs over a page of contacts."""

from datetime import UTC, datetime, timedelta
from typing import Any

from contacts_graph.auth.sessions import Viewer
from contacts_graph.db.session import tenant_session
from contacts_graph.notes import preferences, service
from tests.factories import create_contact

CONTACT_PAGE = """
query ($first: Int!) {
  contacts(first: $first) {
    edges {
      node {
        id
        notes(first: 5) { totalCount edges { node { body } } }
        calls(first: 5) { totalCount edges { node { outcome startedAt } } }
        preferences { channels language timeZone }
      }
    }
  }
}
"""

# One statement enters the tenant, one reads the contacts, then one per field.
PAGE_STATEMENTS = [
    "set_config",
    "FROM contacts",
    "FROM contact_notes",
    "FROM contact_calls",
    "FROM contact_preferences",
    "FROM contact_notes",
    "FROM contact_calls",
]


async def create_profiles(app: Any, viewer: Viewer, count: int) -> None:
    """Commit contacts with two notes, three calls and preferences each."""
    started = datetime.now(UTC) - timedelta(days=1)
    async with tenant_session(app.state.services.sessionmaker, viewer.tenant_id) as s:
        for n in range(count):
            contact = await create_contact(s, viewer, given_name=f"Person{n:03d}")
            for body in ("First", "Second"):
                await service.add_note(s, viewer, contact.id, body)
            for minutes in range(3):
                await service.log_call(
                    s,
                    viewer,
                    contact.id,
                    {
                        "direction": "INBOUND",
                        "started_at": started + timedelta(minutes=minutes),
                        "outcome": "ANSWERED",
                    },
                )
            await preferences.set_preferences(
                s, viewer, contact.id, {"channels": ["EMAIL"], "language": "en"}
            )


def touched_tables(statements: list[str]) -> list[str]:
    markers = dict.fromkeys(PAGE_STATEMENTS)
    return [
        next((m for m in markers if m in statement), statement)
        for statement in statements
    ]


async def test_a_page_of_fifty_profiles_costs_seven_statements(
    app, viewer, graphql, statements
) -> None:
    await create_profiles(app, viewer, 55)
    statements.statements.clear()

    data = await graphql(CONTACT_PAGE, {"first": 50})

    nodes = [edge["node"] for edge in data["contacts"]["edges"]]
    assert len(nodes) == 50
    assert all(node["notes"]["totalCount"] == 2 for node in nodes)
    assert all(len(node["calls"]["edges"]) == 3 for node in nodes)
    assert all(node["preferences"]["channels"] == ["EMAIL"] for node in nodes)
    assert len(statements) == 7
    assert sorted(touched_tables(statements.statements)) == sorted(PAGE_STATEMENTS)


async def test_a_page_of_ten_profiles_costs_the_same(
    app, viewer, graphql, statements
) -> None:
    await create_profiles(app, viewer, 15)
    statements.statements.clear()

    data = await graphql(CONTACT_PAGE, {"first": 10})

    assert len(data["contacts"]["edges"]) == 10
    assert len(statements) == 7
