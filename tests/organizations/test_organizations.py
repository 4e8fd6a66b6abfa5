"""Organizations: create and change them, memberships, members and the list."""

import pytest
from sqlalchemy import func, select

from contacts_graph.audit.models import AuditEntry
from tests.conftest import run_graphql

CREATE_CONTACT = """
mutation CreateContact($input: CreateContactInput!) {
  createContact(input: $input) { contact { id } userErrors { code } }
}
"""

DELETE_CONTACT = """
mutation DeleteContact($id: ID!) {
  deleteContact(id: $id) { deletedContactId }
}
"""

CREATE_ORGANIZATION = """
mutation CreateOrganization($input: OrganizationFieldsInput!) {
  createOrganization(input: $input) {
    organization { id name domain notes customFields contactCount }
    userErrors { field code message }
  }
}
"""

UPDATE_ORGANIZATION = """
mutation UpdateOrganization($input: UpdateOrganizationInput!) {
  updateOrganization(input: $input) {
    organization { id name domain notes customFields }
    userErrors { field code message }
  }
}
"""

ADD_MEMBERSHIP = """
mutation AddMembership($input: AddMembershipInput!) {
  addMembership(input: $input) {
    organization { id name contactCount }
    contactId
    changed
    userErrors { field code message }
  }
}
"""

REMOVE_MEMBERSHIP = """
mutation RemoveMembership($contactId: ID!, $organizationId: ID!) {
  removeMembership(contactId: $contactId, organizationId: $organizationId) {
    organization { id contactCount }
    contactId
    changed
    userErrors { field code message }
  }
}
"""

ORGANIZATION = """
query Organization($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
  organization(id: $id) {
    id name domain notes contactCount
    primaryContact { id displayName }
    contacts(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      edges { cursor title role isPrimary node { id displayName } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
}
"""

CONTACT_ORGANIZATIONS = """
query ContactOrganizations($id: ID!) {
  contact(id: $id) {
    primaryOrganization { id name }
    organizations {
      totalCount
      edges { isPrimary title role node { name } }
    }
  }
}
"""

ORGANIZATIONS = """
query Organizations($filter: OrganizationFilter, $first: Int, $after: String) {
  organizations(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id name domain } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}
"""

MISSING_ID = "00000000-0000-4000-8000-000000000000"


async def _contact(graphql, name):
    data = await graphql(CREATE_CONTACT, {"input": {"givenName": name}})
    return data["createContact"]["contact"]["id"]


async def _organization(graphql, name, **fields):
    data = await graphql(CREATE_ORGANIZATION, {"input": {"name": name, **fields}})
    assert data["createOrganization"]["userErrors"] == []
    return data["createOrganization"]["organization"]["id"]


async def _join(graphql, contact_id, organization_id, **fields):
    data = await graphql(
        ADD_MEMBERSHIP,
        {
            "input": {
                "contactId": contact_id,
                "organizationId": organization_id,
                **fields,
            }
        },
    )
    assert data["addMembership"]["userErrors"] == []
    return data["addMembership"]


async def _read(graphql, organization_id, **page):
    return (await graphql(ORGANIZATION, {"id": organization_id, **page}))[
        "organization"
    ]


async def _audited(session, action):
    return await session.scalar(
        select(func.count()).select_from(AuditEntry).where(AuditEntry.action == action)
    )


async def _memberships(graphql, contact_id):
    return (await graphql(CONTACT_ORGANIZATIONS, {"id": contact_id}))["contact"]


# createOrganization and updateOrganization


async def test_create_organization_normalises_the_domain(graphql):
    data = await graphql(
        CREATE_ORGANIZATION,
        {
            "input": {
                "name": "  Analytical Engines ",
                "domain": "WWW.Engines.Example.com",
                "notes": "Founded 1834",
                "customFields": {"tier": "gold"},
            }
        },
    )

    payload = data["createOrganization"]
    assert payload["userErrors"] == []
    organization = payload["organization"]
    assert organization["name"] == "Analytical Engines"
    assert organization["domain"] == "engines.example.com"
    assert organization["notes"] == "Founded 1834"
    assert organization["customFields"] == {"tier": "gold"}
    assert organization["contactCount"] == 0


async def test_create_organization_with_a_taken_name_any_case_is_a_duplicate(graphql):
    await _organization(graphql, "Engines Ltd")

    data = await graphql(CREATE_ORGANIZATION, {"input": {"name": "ENGINES LTD"}})

    payload = data["createOrganization"]
    assert payload["organization"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        ("name", "DUPLICATE_NAME")
    ]
    listed = await graphql(ORGANIZATIONS, {"first": 10})
    assert listed["organizations"]["totalCount"] == 1


async def test_create_organization_with_a_bad_domain_creates_nothing(graphql):
    data = await graphql(
        CREATE_ORGANIZATION, {"input": {"name": "Engines", "domain": "not a domain"}}
    )

    payload = data["createOrganization"]
    assert payload["organization"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        ("domain", "INVALID_DOMAIN")
    ]
    assert "example.com" in payload["userErrors"][0]["message"]
    assert (await graphql(ORGANIZATIONS, {}))["organizations"]["totalCount"] == 0


async def test_create_organization_without_a_name_is_required(graphql):
    data = await graphql(CREATE_ORGANIZATION, {"input": {"domain": "example.com"}})

    assert [
        (e["field"], e["code"]) for e in data["createOrganization"]["userErrors"]
    ] == [("name", "REQUIRED")]


async def test_update_organization_changes_only_the_fields_given(graphql):
    org = await _organization(
        graphql, "Engines", domain="engines.example.com", notes="n"
    )

    data = await graphql(UPDATE_ORGANIZATION, {"input": {"id": org, "notes": "Moved"}})

    assert data["updateOrganization"]["userErrors"] == []
    stored = await _read(graphql, org)
    assert (stored["name"], stored["domain"], stored["notes"]) == (
        "Engines",
        "engines.example.com",
        "Moved",
    )


async def test_update_organization_to_a_taken_name_leaves_it_unchanged(graphql):
    await _organization(graphql, "Engines")
    org = await _organization(graphql, "Looms", notes="weaving")

    data = await graphql(
        UPDATE_ORGANIZATION,
        {"input": {"id": org, "name": "engines", "notes": "changed"}},
    )

    assert [
        (e["field"], e["code"]) for e in data["updateOrganization"]["userErrors"]
    ] == [("name", "DUPLICATE_NAME")]
    stored = await _read(graphql, org)
    assert (stored["name"], stored["notes"]) == ("Looms", "weaving")


async def test_update_organization_may_change_the_case_of_its_own_name(graphql):
    org = await _organization(graphql, "engines")

    data = await graphql(UPDATE_ORGANIZATION, {"input": {"id": org, "name": "Engines"}})

    assert data["updateOrganization"]["organization"]["name"] == "Engines"


async def test_update_organization_with_a_bad_domain_leaves_it_unchanged(graphql):
    org = await _organization(graphql, "Engines", domain="engines.example.com")

    data = await graphql(
        UPDATE_ORGANIZATION, {"input": {"id": org, "domain": "http://", "notes": "x"}}
    )

    assert [
        (e["field"], e["code"]) for e in data["updateOrganization"]["userErrors"]
    ] == [("domain", "INVALID_DOMAIN")]
    stored = await _read(graphql, org)
    assert (stored["domain"], stored["notes"]) == ("engines.example.com", None)


async def test_update_unknown_organization_is_not_found(graphql):
    data = await graphql(
        UPDATE_ORGANIZATION, {"input": {"id": MISSING_ID, "notes": "x"}}
    )

    assert [e["code"] for e in data["updateOrganization"]["userErrors"]] == [
        "NOT_FOUND"
    ]


# addMembership and removeMembership


async def test_add_membership_keeps_title_and_role(graphql):
    ada = await _contact(graphql, "Ada")
    org = await _organization(graphql, "Engines")

    payload = await _join(graphql, ada, org, title="Analyst", role="Billing contact")

    assert payload["changed"] is True
    assert payload["contactId"] == ada
    assert payload["organization"] == {"id": org, "name": "Engines", "contactCount": 1}
    memberships = await _memberships(graphql, ada)
    assert memberships["organizations"]["edges"] == [
        {
            "isPrimary": False,
            "title": "Analyst",
            "role": "Billing contact",
            "node": {"name": "Engines"},
        }
    ]
    assert memberships["primaryOrganization"] is None


async def test_add_membership_as_primary_moves_the_primary_flag(graphql):
    ada = await _contact(graphql, "Ada")
    first = await _organization(graphql, "Engines")
    second = await _organization(graphql, "Looms")
    await _join(graphql, ada, first, isPrimary=True)

    await _join(graphql, ada, second, isPrimary=True)

    memberships = await _memberships(graphql, ada)
    flags = {
        e["node"]["name"]: e["isPrimary"] for e in memberships["organizations"]["edges"]
    }
    assert flags == {"Engines": False, "Looms": True}
    assert memberships["primaryOrganization"] == {"id": second, "name": "Looms"}


async def test_add_membership_again_updates_it_in_place(graphql):
    ada = await _contact(graphql, "Ada")
    org = await _organization(graphql, "Engines")
    await _join(graphql, ada, org, title="Analyst")

    await _join(graphql, ada, org, title="Director", isPrimary=True)

    memberships = await _memberships(graphql, ada)
    assert memberships["organizations"]["totalCount"] == 1
    [edge] = memberships["organizations"]["edges"]
    assert (edge["title"], edge["isPrimary"]) == ("Director", True)


async def test_add_membership_of_unknown_contact_is_not_found(graphql):
    org = await _organization(graphql, "Engines")

    data = await graphql(
        ADD_MEMBERSHIP, {"input": {"contactId": MISSING_ID, "organizationId": org}}
    )

    payload = data["addMembership"]
    assert payload["changed"] is False
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        ("contactId", "NOT_FOUND")
    ]
    assert (await _read(graphql, org))["contactCount"] == 0


async def test_add_membership_to_unknown_organization_is_not_found(graphql):
    ada = await _contact(graphql, "Ada")

    data = await graphql(
        ADD_MEMBERSHIP, {"input": {"contactId": ada, "organizationId": MISSING_ID}}
    )

    assert [(e["field"], e["code"]) for e in data["addMembership"]["userErrors"]] == [
        ("organizationId", "NOT_FOUND")
    ]
    assert (await _memberships(graphql, ada))["organizations"]["totalCount"] == 0


async def test_add_membership_again_with_the_same_values_changes_nothing(
    graphql, session
):
    ada = await _contact(graphql, "Ada")
    org = await _organization(graphql, "Engines")
    fields = {"title": "Analyst", "role": "Billing contact", "isPrimary": True}
    await _join(graphql, ada, org, **fields)

    again = await _join(graphql, ada, org, **fields)
    blank = await _join(graphql, ada, org)

    assert (again["changed"], blank["changed"]) == (False, False)
    assert again["organization"] == {"id": org, "name": "Engines", "contactCount": 1}
    assert await _audited(session, "membership.add") == 1


@pytest.mark.parametrize(
    "change", [{"title": "Director"}, {"role": "Buyer"}, {"isPrimary": True}]
)
async def test_add_membership_again_with_a_new_value_changes_it(
    graphql, session, change
):
    ada = await _contact(graphql, "Ada")
    org = await _organization(graphql, "Engines")
    await _join(graphql, ada, org, title="Analyst", role="Billing contact")

    payload = await _join(graphql, ada, org, **change)

    assert payload["changed"] is True
    assert await _audited(session, "membership.add") == 2


async def test_remove_membership(graphql):
    ada = await _contact(graphql, "Ada")
    org = await _organization(graphql, "Engines")
    await _join(graphql, ada, org, isPrimary=True)

    data = await graphql(REMOVE_MEMBERSHIP, {"contactId": ada, "organizationId": org})

    assert data["removeMembership"] == {
        "organization": {"id": org, "contactCount": 0},
        "contactId": ada,
        "changed": True,
        "userErrors": [],
    }
    memberships = await _memberships(graphql, ada)
    assert memberships["organizations"]["totalCount"] == 0
    assert memberships["primaryOrganization"] is None


async def test_remove_a_membership_that_does_not_exist_changes_nothing(graphql):
    ada = await _contact(graphql, "Ada")
    org = await _organization(graphql, "Engines")

    data = await graphql(REMOVE_MEMBERSHIP, {"contactId": ada, "organizationId": org})

    assert data["removeMembership"]["changed"] is False
    assert data["removeMembership"]["userErrors"] == []


# Organization fields


async def test_organization_contacts_page_by_name(graphql):
    org = await _organization(graphql, "Engines")
    for name in ("Eve", "Bob", "Dan", "Ann", "Cat"):
        await _join(graphql, await _contact(graphql, name), org)
    seen, after = [], None

    for _ in range(3):
        page = (await _read(graphql, org, first=2, after=after))["contacts"]
        seen += [e["node"]["displayName"] for e in page["edges"]]
        after = page["pageInfo"]["endCursor"]

    assert seen == ["Ann", "Bob", "Cat", "Dan", "Eve"]
    assert page["pageInfo"]["hasNextPage"] is False
    assert page["totalCount"] == 5


async def test_organization_contacts_page_backward(graphql):
    org = await _organization(graphql, "Engines")
    for name in ("Ann", "Bob", "Cat"):
        await _join(graphql, await _contact(graphql, name), org)

    tail = (await _read(graphql, org, last=2))["contacts"]
    head = (await _read(graphql, org, last=2, before=tail["pageInfo"]["startCursor"]))[
        "contacts"
    ]

    assert [e["node"]["displayName"] for e in tail["edges"]] == ["Bob", "Cat"]
    assert [e["node"]["displayName"] for e in head["edges"]] == ["Ann"]
    assert head["pageInfo"]["hasPreviousPage"] is False


async def test_contact_count_and_members_leave_out_deleted_contacts(graphql):
    org = await _organization(graphql, "Engines")
    ada, gone = await _contact(graphql, "Ada"), await _contact(graphql, "Gone")
    await _join(graphql, ada, org)
    await _join(graphql, gone, org)
    await graphql(DELETE_CONTACT, {"id": gone})

    organization = await _read(graphql, org)

    assert organization["contactCount"] == 1
    assert organization["contacts"]["totalCount"] == 1
    assert [e["node"]["id"] for e in organization["contacts"]["edges"]] == [ada]


async def test_primary_contact_is_the_earliest_member_with_it_as_main(graphql):
    org = await _organization(graphql, "Engines")
    member = await _contact(graphql, "Member")
    first_primary = await _contact(graphql, "First")
    later_primary = await _contact(graphql, "Later")
    await _join(graphql, member, org)
    await _join(graphql, first_primary, org, isPrimary=True)
    await _join(graphql, later_primary, org, isPrimary=True)

    organization = await _read(graphql, org)

    assert organization["primaryContact"] == {
        "id": first_primary,
        "displayName": "First",
    }


async def test_primary_contact_is_null_without_a_main_member(graphql):
    org = await _organization(graphql, "Engines")
    await _join(graphql, await _contact(graphql, "Ada"), org)

    assert (await _read(graphql, org))["primaryContact"] is None


async def test_unknown_or_malformed_organization_id_is_null(graphql):
    assert (await graphql(ORGANIZATION, {"id": MISSING_ID}))["organization"] is None
    assert (await graphql(ORGANIZATION, {"id": "nope"}))["organization"] is None


# organizations


async def test_organizations_list_by_name_a_page_at_a_time(graphql):
    for name in ("delta", "Alpha", "charlie", "Bravo", "Echo"):
        await _organization(graphql, name)
    seen, after = [], None

    for _ in range(3):
        page = (await graphql(ORGANIZATIONS, {"first": 2, "after": after}))[
            "organizations"
        ]
        seen += [e["node"]["name"] for e in page["edges"]]
        after = page["pageInfo"]["endCursor"]

    assert seen == ["Alpha", "Bravo", "charlie", "delta", "Echo"]
    assert page["pageInfo"] == {
        "hasNextPage": False,
        "hasPreviousPage": True,
        "endCursor": after,
    }
    assert page["totalCount"] == 5


async def test_organizations_search_by_name_or_domain(graphql):
    await _organization(graphql, "Analytical Engines", domain="engines.example.com")
    await _organization(graphql, "Looms", domain="jacquard.example.org")
    await _organization(graphql, "Difference Co")

    by_name = await graphql(ORGANIZATIONS, {"filter": {"search": "ENGINE"}})
    by_domain = await graphql(ORGANIZATIONS, {"filter": {"search": "jacquard"}})

    assert [e["node"]["name"] for e in by_name["organizations"]["edges"]] == [
        "Analytical Engines"
    ]
    assert by_name["organizations"]["totalCount"] == 1
    assert [e["node"]["name"] for e in by_domain["organizations"]["edges"]] == ["Looms"]


async def test_organizations_bad_cursor_is_a_top_level_error(client):
    body = await run_graphql(client, ORGANIZATIONS, {"first": 2, "after": "garbage"})

    assert body["data"] is None
    assert "cursor" in body["errors"][0]["message"].lower()
