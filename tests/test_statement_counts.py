"""N+1 guards: a page of contacts and a batch of entities cost a fixed number
of SQL statements, whatever their size."""

from typing import Any

from contacts_graph.auth.sessions import Viewer
from contacts_graph.contacts.models import Contact
from contacts_graph.db.session import tenant_session
from contacts_graph.organizations import service as organizations
from contacts_graph.organizations.models import Organization
from contacts_graph.relationships import service as relationships
from contacts_graph.relationships.kinds import Kind
from contacts_graph.tags import service as tags
from tests.factories import create_contact, create_organization

CONTACT_PAGE = """
query ($first: Int!) {
  contacts(first: $first) {
    edges {
      node {
        id
        displayName
        organizations { edges { node { name } title isPrimary } }
        tags { name }
        relationships { edges { kind node { displayName } } }
      }
    }
  }
}
"""

ENTITIES = """
query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Contact { id displayName }
    ... on Organization { id name }
  }
}
"""

# One statement enters the tenant (role and tenant id), then one per list.
PAGE_STATEMENTS = (
    "set_config",
    "FROM contacts",
    "FROM memberships",
    "FROM contact_tags",
    "FROM relationships",
)


async def create_network(app: Any, viewer: Viewer, count: int) -> list[Contact]:
    """Commit contacts, each in an organization, with two tags and a spouse."""
    sessionmaker = app.state.services.sessionmaker
    async with tenant_session(sessionmaker, viewer.tenant_id) as session:
        company = await create_organization(session, viewer, name="Engines Ltd")
        vip = await tags.create_tag(session, viewer, "vip")
        newsletter = await tags.create_tag(session, viewer, "newsletter")
        contacts = [
            await create_contact(session, viewer, given_name=f"Person{n:03d}")
            for n in range(count)
        ]
        ids = [contact.id for contact in contacts]
        for contact_id in ids:
            await organizations.add_membership(
                session,
                viewer,
                contact_id,
                company.id,
                title="Engineer",
                is_primary=True,
            )
        await tags.tag_contacts(session, viewer, vip, ids)
        await tags.tag_contacts(session, viewer, newsletter, ids)
        for left, right in zip(ids[::2], ids[1::2], strict=True):
            await relationships.link_contacts(session, viewer, left, right, Kind.SPOUSE)
    return contacts


async def create_entities(
    app: Any, viewer: Viewer, count: int
) -> tuple[list[Contact], list[Organization]]:
    """Commit ``count`` contacts and ``count`` organizations."""
    sessionmaker = app.state.services.sessionmaker
    async with tenant_session(sessionmaker, viewer.tenant_id) as session:
        contacts = [
            await create_contact(session, viewer, given_name=f"Person{n:03d}")
            for n in range(count)
        ]
        companies = [
            await create_organization(session, viewer, name=f"Company {n:03d}")
            for n in range(count)
        ]
    return contacts, companies


def touched_tables(statements: list[str]) -> list[str]:
    """Name, per statement, the first of PAGE_STATEMENTS' markers it contains."""
    return [
        next((marker for marker in PAGE_STATEMENTS if marker in statement), statement)
        for statement in statements
    ]


async def test_a_page_of_fifty_contacts_costs_five_statements(
    app, viewer, graphql, statements
) -> None:
    await create_network(app, viewer, 60)
    statements.statements.clear()

    data = await graphql(CONTACT_PAGE, {"first": 50})

    nodes = [edge["node"] for edge in data["contacts"]["edges"]]
    assert len(nodes) == 50
    assert all(len(node["organizations"]["edges"]) == 1 for node in nodes)
    assert all(
        [tag["name"] for tag in node["tags"]] == ["newsletter", "vip"] for node in nodes
    )
    assert all(len(node["relationships"]["edges"]) == 1 for node in nodes)
    assert len(statements) == 5
    assert touched_tables(statements.statements) == list(PAGE_STATEMENTS)


async def test_a_page_of_ten_contacts_costs_the_same(
    app, viewer, graphql, statements
) -> None:
    await create_network(app, viewer, 60)
    statements.statements.clear()

    data = await graphql(CONTACT_PAGE, {"first": 10})

    assert len(data["contacts"]["edges"]) == 10
    assert len(statements) == 5
    assert touched_tables(statements.statements) == list(PAGE_STATEMENTS)


async def test_entities_cost_one_statement_per_type(
    app, viewer, graphql, statements
) -> None:
    contacts, companies = await create_entities(app, viewer, 100)
    representations = [
        {"__typename": "Contact", "id": str(contact.id)} for contact in contacts
    ] + [{"__typename": "Organization", "id": str(company.id)} for company in companies]
    statements.statements.clear()

    data = await graphql(ENTITIES, {"representations": representations})

    entities = data["_entities"]
    assert [entity["id"] for entity in entities] == [r["id"] for r in representations]
    assert entities[0]["displayName"] == "Person000 Lovelace"
    assert entities[100]["name"] == "Company 000"
    assert len(statements) == 3
    assert "set_config" in statements.statements[0]
    assert sorted(
        "FROM organizations" in statement for statement in statements.statements[1:]
    ) == [False, True]
    assert sorted(
        "FROM contacts" in statement for statement in statements.statements[1:]
    ) == [False, True]
