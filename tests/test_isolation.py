"""Tenant isolation: one tenant's records are invisible to another, through
every query and every mutation, and row-level security backs the filters."""

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from contacts_graph.auth.sessions import Viewer
from contacts_graph.contacts import service as contacts
from contacts_graph.db.session import APP_ROLE, tenant_session
from contacts_graph.organizations import service as organizations
from contacts_graph.relationships import service as relationships
from contacts_graph.relationships.kinds import Kind
from contacts_graph.tags import service as tags
from tests.conftest import run_graphql, token_for
from tests.factories import create_contact, create_organization

CONTACT = "query ($id: ID!) { contact(id: $id) { id } }"
CONTACTS = "{ contacts { totalCount edges { node { id } } } }"
SEARCH_CONTACTS = """
query ($search: String!) {
  contacts(filter: {search: $search}) { totalCount edges { node { id } } }
}
"""
CONTACT_BY_EMAIL = "query ($email: String!) { contactByEmail(email: $email) { id } }"
ORGANIZATION = "query ($id: ID!) { organization(id: $id) { id } }"
ORGANIZATIONS = "{ organizations { totalCount edges { node { id } } } }"
TAGS = "{ tags { id name } }"
ENTITIES = """
query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Contact { id }
    ... on Organization { id }
  }
}
"""

# Everything of tenant A's world that a mutation of B could touch.
RECORD_OF_A = """
query ($contactId: ID!, $organizationId: ID!) {
  contact(id: $contactId) {
    id givenName familyName email locale roles consentMarketing consentTimestamp
    organizations { edges { node { id name } title isPrimary } }
    tags { id name }
    relationships { edges { kind node { id } } }
  }
  organization(id: $organizationId) { id name domain notes }
  tags { id name color contactCount }
  contacts { totalCount }
}
"""

UPDATE_CONTACT = """
mutation ($id: ID!) {
  updateContact(input: {id: $id, givenName: "Mallory"}) {
    contact { id } userErrors { field code }
  }
}
"""
DELETE_CONTACT = """
mutation ($id: ID!) {
  deleteContact(id: $id) { deletedContactId userErrors { field code } }
}
"""
SET_MARKETING_CONSENT = """
mutation ($id: ID!) {
  setMarketingConsent(input: {contactId: $id, granted: false}) {
    contact { id } userErrors { field code }
  }
}
"""
ADD_MEMBERSHIP = """
mutation ($contactId: ID!, $organizationId: ID!) {
  addMembership(input: {contactId: $contactId, organizationId: $organizationId,
                        title: "Spy", isPrimary: true}) {
    organization { id } contactId changed userErrors { field code }
  }
}
"""
LINK_CONTACTS = """
mutation ($contactId: ID!, $relatedId: ID!) {
  linkContacts(input: {contactId: $contactId, relatedContactId: $relatedId,
                       kind: SIBLING}) {
    contact { id } relatedContact { id } changed userErrors { field code }
  }
}
"""
TAG_CONTACT_BY_NAME = """
mutation ($id: ID!) {
  tagContact(input: {contactId: $id, tagName: "stolen"}) {
    contact { id } tag { id } changed userErrors { field code }
  }
}
"""
TAG_CONTACT_BY_ID = """
mutation ($contactId: ID!, $tagId: ID!) {
  tagContact(input: {contactId: $contactId, tagId: $tagId}) {
    contact { id } tag { id } changed userErrors { field code }
  }
}
"""
BULK_UPDATE_CONTACTS = """
mutation ($id: ID!) {
  bulkUpdateContacts(target: {ids: [$id]}, input: {locale: "fr"}) {
    results { contactId status errors { field code } }
    changedCount failedCount userErrors { field code }
  }
}
"""
UPDATE_ORGANIZATION = """
mutation ($id: ID!) {
  updateOrganization(input: {id: $id, name: "Taken Over Ltd"}) {
    organization { id } userErrors { field code }
  }
}
"""


@dataclass(frozen=True)
class WorldOfA:
    """Tenant A's contact, its organization, tag and relative; B's own contact."""

    contact_id: str
    relative_id: str
    organization_id: str
    tag_id: str
    other_contact_id: str


@pytest.fixture
async def world(app: Any, viewer: Viewer, other_viewer: Viewer) -> WorldOfA:
    sessionmaker = app.state.services.sessionmaker
    async with tenant_session(sessionmaker, viewer.tenant_id) as session:
        grace = await create_contact(
            session,
            viewer,
            given_name="Grace",
            family_name="Hopper",
            email="grace@navy.example",
        )
        howard = await create_contact(
            session, viewer, given_name="Howard", family_name="Aiken"
        )
        navy = await create_organization(session, viewer, name="Navy Computing Lab")
        await organizations.add_membership(
            session, viewer, grace.id, navy.id, title="Rear Admiral", is_primary=True
        )
        vip = await tags.create_tag(session, viewer, "vip")
        await tags.tag_contacts(session, viewer, vip, [grace.id])
        await relationships.link_contacts(
            session, viewer, grace.id, howard.id, Kind.EMPLOYER
        )
        await contacts.set_marketing_consent(
            session, viewer, grace.id, granted=True, source="web", legal_basis="consent"
        )
    async with tenant_session(sessionmaker, other_viewer.tenant_id) as session:
        barbara = await create_contact(
            session, other_viewer, given_name="Barbara", family_name="Liskov"
        )
    return WorldOfA(
        contact_id=str(grace.id),
        relative_id=str(howard.id),
        organization_id=str(navy.id),
        tag_id=str(vip.id),
        other_contact_id=str(barbara.id),
    )


@pytest.fixture
async def other_client(
    app: Any, other_viewer: Viewer
) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client signed in as tenant B."""
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {token_for(other_viewer)}"}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://test", headers=headers
    ) as http:
        yield http


async def as_b(http: httpx.AsyncClient, query: str, variables: dict[str, Any]) -> Any:
    body = await run_graphql(http, query, variables)
    assert "errors" not in body, body["errors"]
    return body["data"]


async def record_of_a(graphql: Any, world: WorldOfA) -> dict[str, Any]:
    return await graphql(
        RECORD_OF_A,
        {"contactId": world.contact_id, "organizationId": world.organization_id},
    )


# Queries ------------------------------------------------------------------


async def test_contact_by_id_is_null_for_another_tenant(world, other_client) -> None:
    data = await as_b(other_client, CONTACT, {"id": world.contact_id})

    assert data == {"contact": None}


async def test_contact_list_shows_only_own_tenant(world, other_client) -> None:
    data = await as_b(other_client, CONTACTS, {})

    ids = [edge["node"]["id"] for edge in data["contacts"]["edges"]]
    assert ids == [world.other_contact_id]
    assert data["contacts"]["totalCount"] == 1


async def test_search_by_name_finds_nothing_of_another_tenant(
    world, other_client, graphql
) -> None:
    seen_by_a = await graphql(SEARCH_CONTACTS, {"search": "Hopper"})

    data = await as_b(other_client, SEARCH_CONTACTS, {"search": "Hopper"})

    assert [e["node"]["id"] for e in seen_by_a["contacts"]["edges"]] == [
        world.contact_id
    ]
    assert data["contacts"] == {"totalCount": 0, "edges": []}


async def test_contact_by_email_is_null_for_another_tenant(
    world, other_client, graphql
) -> None:
    seen_by_a = await graphql(CONTACT_BY_EMAIL, {"email": "grace@navy.example"})

    data = await as_b(other_client, CONTACT_BY_EMAIL, {"email": "grace@navy.example"})

    assert seen_by_a["contactByEmail"] == {"id": world.contact_id}
    assert data == {"contactByEmail": None}


async def test_organization_by_id_is_null_for_another_tenant(
    world, other_client
) -> None:
    data = await as_b(other_client, ORGANIZATION, {"id": world.organization_id})

    assert data == {"organization": None}


async def test_organization_list_is_empty_for_another_tenant(
    world, other_client
) -> None:
    data = await as_b(other_client, ORGANIZATIONS, {})

    assert data["organizations"] == {"totalCount": 0, "edges": []}


async def test_tag_list_is_empty_for_another_tenant(
    world, other_client, graphql
) -> None:
    seen_by_a = await graphql(TAGS)

    data = await as_b(other_client, TAGS, {})

    assert seen_by_a["tags"] == [{"id": world.tag_id, "name": "vip"}]
    assert data == {"tags": []}


async def test_entities_of_another_tenant_resolve_to_null(world, other_client) -> None:
    representations = [
        {"__typename": "Contact", "id": world.contact_id},
        {"__typename": "Organization", "id": world.organization_id},
        {"__typename": "Contact", "id": world.other_contact_id},
    ]

    data = await as_b(other_client, ENTITIES, {"representations": representations})

    assert data["_entities"] == [None, None, {"id": world.other_contact_id}]


# Mutations ------------------------------------------------------------------

MUTATIONS = {
    "updateContact": (UPDATE_CONTACT, lambda w: {"id": w.contact_id}),
    "deleteContact": (DELETE_CONTACT, lambda w: {"id": w.contact_id}),
    "setMarketingConsent": (SET_MARKETING_CONSENT, lambda w: {"id": w.contact_id}),
    "addMembership": (
        ADD_MEMBERSHIP,
        lambda w: {"contactId": w.contact_id, "organizationId": w.organization_id},
    ),
    "addMembership own contact": (
        ADD_MEMBERSHIP,
        lambda w: {
            "contactId": w.other_contact_id,
            "organizationId": w.organization_id,
        },
    ),
    "linkContacts": (
        LINK_CONTACTS,
        lambda w: {"contactId": w.contact_id, "relatedId": w.relative_id},
    ),
    "linkContacts own contact": (
        LINK_CONTACTS,
        lambda w: {"contactId": w.other_contact_id, "relatedId": w.contact_id},
    ),
    "tagContact": (TAG_CONTACT_BY_NAME, lambda w: {"id": w.contact_id}),
    "tagContact own contact": (
        TAG_CONTACT_BY_ID,
        lambda w: {"contactId": w.other_contact_id, "tagId": w.tag_id},
    ),
    "updateOrganization": (UPDATE_ORGANIZATION, lambda w: {"id": w.organization_id}),
}


@pytest.mark.parametrize("name", MUTATIONS)
async def test_mutation_of_another_tenants_record_is_not_found(
    name, world, other_client, graphql
) -> None:
    operation, variables = MUTATIONS[name]
    before = await record_of_a(graphql, world)

    data = await as_b(other_client, operation, variables(world))

    (payload,) = data.values()
    errors = payload.pop("userErrors")
    assert [error["code"] for error in errors] == ["NOT_FOUND"]
    assert not any(payload.values()), payload
    assert await record_of_a(graphql, world) == before


async def test_bulk_update_of_another_tenants_contact_fails_per_item(
    world, other_client, graphql
) -> None:
    before = await record_of_a(graphql, world)

    data = await as_b(other_client, BULK_UPDATE_CONTACTS, {"id": world.contact_id})

    payload = data["bulkUpdateContacts"]
    assert payload["userErrors"] == []
    assert payload["results"] == [
        {
            "contactId": world.contact_id,
            "status": "FAILED",
            "errors": [{"field": "id", "code": "NOT_FOUND"}],
        }
    ]
    assert (payload["changedCount"], payload["failedCount"]) == (0, 1)
    assert await record_of_a(graphql, world) == before


# The database itself --------------------------------------------------------

ENTER_ROLE = text(f"SET LOCAL ROLE {APP_ROLE}")
ENTER_TENANT = text("SELECT set_config('contacts.tenant_id', :tenant_id, true)")
COUNT_CONTACTS = text("SELECT count(*) FROM contacts")
TENANTS_OF_CONTACTS = text("SELECT DISTINCT tenant_id FROM contacts")


async def test_raw_select_as_app_role_sees_one_tenant(world, engine, viewer) -> None:
    async with engine.connect() as connection, connection.begin():
        everyone = await connection.scalar(COUNT_CONTACTS)
        await connection.execute(ENTER_ROLE)
        await connection.execute(ENTER_TENANT, {"tenant_id": str(viewer.tenant_id)})

        count = await connection.scalar(COUNT_CONTACTS)
        tenants = (await connection.scalars(TENANTS_OF_CONTACTS)).all()

    assert everyone > 2
    assert count == 2
    assert tenants == [viewer.tenant_id]


async def test_raw_select_as_app_role_without_tenant_sees_nothing(
    world, engine
) -> None:
    async with engine.connect() as connection, connection.begin():
        await connection.execute(ENTER_ROLE)

        count = await connection.scalar(COUNT_CONTACTS)

    assert count == 0


async def test_insert_into_another_tenant_is_refused(
    world, engine, viewer, other_viewer
) -> None:
    insert = text(
        "INSERT INTO tags (tenant_id, id, name) VALUES (:tenant_id, :id, 'x')"
    )
    async with engine.connect() as connection:
        await connection.begin()
        await connection.execute(ENTER_ROLE)
        await connection.execute(ENTER_TENANT, {"tenant_id": str(viewer.tenant_id)})

        with pytest.raises(DBAPIError, match="violates row-level security policy"):
            await connection.execute(
                insert, {"tenant_id": other_viewer.tenant_id, "id": uuid.uuid4()}
            )

        await connection.rollback()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE consent_events SET granted = NOT granted WHERE tenant_id = :tenant_id",
        "DELETE FROM consent_events WHERE tenant_id = :tenant_id",
    ],
)
async def test_consent_events_cannot_be_rewritten_even_by_a_superuser(
    statement, world, engine, viewer
) -> None:
    count = text("SELECT count(*) FROM consent_events WHERE tenant_id = :tenant_id")
    async with engine.connect() as connection:
        assert (
            await connection.scalar(text("SELECT current_setting('is_superuser')"))
            == "on"
        )
        assert await connection.scalar(count, {"tenant_id": viewer.tenant_id}) == 1

        with pytest.raises(DBAPIError, match="append-only"):
            await connection.execute(text(statement), {"tenant_id": viewer.tenant_id})

        await connection.rollback()
