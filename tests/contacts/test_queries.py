"""Contact lists: filters, orders, keyset pages, counts, and look-up by email."""

import base64

import httpx
import orjson

from tests.conftest import run_graphql, token_for

CREATE_CONTACT = """
mutation CreateContact($input: CreateContactInput!) {
  createContact(input: $input) {
    contact { id displayName createdAt }
    userErrors { field code message }
  }
}
"""

DELETE_CONTACT = """
mutation DeleteContact($id: ID!) {
  deleteContact(id: $id) { deletedContactId userErrors { code } }
}
"""

TAG_CONTACT = """
mutation TagContact($input: TagContactInput!) {
  tagContact(input: $input) { tag { id name } userErrors { field code } }
}
"""

CREATE_ORGANIZATION = """
mutation CreateOrganization($input: OrganizationFieldsInput!) {
  createOrganization(input: $input) { organization { id } userErrors { code } }
}
"""

ADD_MEMBERSHIP = """
mutation AddMembership($input: AddMembershipInput!) {
  addMembership(input: $input) { changed userErrors { field code } }
}
"""

SET_MARKETING_CONSENT = """
mutation SetMarketingConsent($input: SetMarketingConsentInput!) {
  setMarketingConsent(input: $input) { userErrors { code } }
}
"""

CONTACTS = """
query Contacts(
  $filter: ContactFilter, $orderBy: ContactOrder,
  $first: Int, $after: String, $last: Int, $before: String
) {
  contacts(
    filter: $filter, orderBy: $orderBy,
    first: $first, after: $after, last: $last, before: $before
  ) {
    totalCount
    edges { cursor node { id displayName } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""

CONTACT_BY_EMAIL = """
query ContactByEmail($email: String!) {
  contactByEmail(email: $email) { id displayName email }
}
"""


async def _create(graphql, **fields):
    data = await graphql(CREATE_CONTACT, {"input": fields})
    assert data["createContact"]["userErrors"] == []
    return data["createContact"]["contact"]


async def _names(graphql, filter=None, order_by=None, first=50):
    data = await graphql(
        CONTACTS, {"filter": filter, "orderBy": order_by, "first": first}
    )
    return [edge["node"]["displayName"] for edge in data["contacts"]["edges"]]


async def _people(graphql, count):
    """Create ``count`` contacts named Person 00, Person 01, … in that order."""
    return [
        await _create(graphql, givenName="Person", familyName=f"{n:02d}")
        for n in range(count)
    ]


def _cursor(order_key, value, id_):
    raw = orjson.dumps([order_key, value, id_])
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


# filters


async def test_filter_by_role_matches_primary_and_extra_roles(graphql):
    await _create(graphql, givenName="Primary Client", role="CLIENT")
    await _create(graphql, givenName="Extra Client", role="TENANT", roles=["CLIENT"])
    await _create(graphql, givenName="Prospect Only", role="PROSPECT")

    names = await _names(graphql, {"role": "CLIENT"})

    assert names == ["Extra Client", "Primary Client"]


async def test_filter_by_several_roles_matches_any_of_them(graphql):
    await _create(graphql, givenName="Guest", role="GUEST")
    await _create(graphql, givenName="Vendor", role="PROSPECT", roles=["VENDOR"])
    await _create(graphql, givenName="Client", role="CLIENT")

    names = await _names(graphql, {"roles": ["GUEST", "VENDOR"]})

    assert names == ["Guest", "Vendor"]


async def test_filter_by_product_ops(graphql):
    await _create(graphql, givenName="Guest", role="GUEST")
    await _create(graphql, givenName="Owner", role="OWNER")
    await _create(
        graphql,
        givenName="Prospect With Contractor",
        role="PROSPECT",
        roles=["CONTRACTOR"],
    )
    await _create(graphql, givenName="Investor", role="INVESTOR")

    names = await _names(graphql, {"product": "OPS"})

    assert names == ["Guest", "Owner", "Prospect With Contractor"]


async def test_filter_by_product_deals(graphql):
    await _create(graphql, givenName="Guest", role="GUEST")
    await _create(graphql, givenName="Owner", role="OWNER")
    await _create(
        graphql, givenName="Tenant Investor", role="TENANT", roles=["INVESTOR"]
    )
    await _create(graphql, givenName="Patient", role="PATIENT")

    names = await _names(graphql, {"product": "DEALS"})

    assert names == ["Owner", "Tenant Investor"]


async def test_search_finds_a_name_any_case(graphql):
    await _create(graphql, givenName="Ada", familyName="Lovelace")
    await _create(graphql, givenName="Grace", familyName="Hopper")

    assert await _names(graphql, {"search": "LOVEL"}) == ["Ada Lovelace"]


async def test_search_finds_an_email(graphql):
    await _create(graphql, givenName="Ada", email="countess@analytical.example.com")
    await _create(graphql, givenName="Grace", email="grace@navy.example.com")

    assert await _names(graphql, {"search": "analytical.example"}) == ["Ada"]


async def test_search_finds_phone_digits_whatever_the_notation(graphql):
    await _create(graphql, givenName="Ada", phone="(415) 555-2671")
    await _create(graphql, givenName="Grace", phone="212-555-0100")

    assert await _names(graphql, {"search": "5552671"}) == ["Ada"]


async def test_search_finds_an_organization_name(graphql):
    ada = await _create(graphql, givenName="Ada")
    await _create(graphql, givenName="Grace")
    org = await graphql(
        CREATE_ORGANIZATION, {"input": {"name": "Analytical Engines Ltd"}}
    )
    await graphql(
        ADD_MEMBERSHIP,
        {
            "input": {
                "contactId": ada["id"],
                "organizationId": org["createOrganization"]["organization"]["id"],
            }
        },
    )

    assert await _names(graphql, {"search": "engines"}) == ["Ada"]


async def test_search_treats_wildcards_as_text(graphql):
    await _create(graphql, givenName="Ada")
    await _create(graphql, givenName="100%", familyName="Sure")

    assert await _names(graphql, {"search": "%"}) == ["100% Sure"]


async def test_filter_by_tag_name_any_case_and_by_tag_id(graphql):
    ada = await _create(graphql, givenName="Ada")
    await _create(graphql, givenName="Grace")
    tagged = await graphql(
        TAG_CONTACT, {"input": {"contactId": ada["id"], "tagName": "VIP"}}
    )
    tag_id = tagged["tagContact"]["tag"]["id"]

    by_name = await _names(graphql, {"tag": "vip"})
    by_id = await _names(graphql, {"tagId": tag_id})

    assert by_name == ["Ada"]
    assert by_id == ["Ada"]


async def test_filter_by_unknown_tag_name_matches_nothing(graphql):
    await _create(graphql, givenName="Ada")

    assert await _names(graphql, {"tag": "nobody-has-this"}) == []


async def test_filter_by_organization(graphql):
    ada = await _create(graphql, givenName="Ada")
    await _create(graphql, givenName="Grace")
    org = await graphql(CREATE_ORGANIZATION, {"input": {"name": "Engines"}})
    org_id = org["createOrganization"]["organization"]["id"]
    await graphql(
        ADD_MEMBERSHIP, {"input": {"contactId": ada["id"], "organizationId": org_id}}
    )

    assert await _names(graphql, {"organizationId": org_id}) == ["Ada"]


async def test_filter_by_malformed_organization_id_is_a_top_level_error(client):
    body = await run_graphql(
        client, CONTACTS, {"filter": {"organizationId": "not-an-id"}, "first": 5}
    )

    assert body["data"] is None
    assert "organizationId" in body["errors"][0]["message"]


async def test_filter_by_marketing_consent(graphql):
    ada = await _create(graphql, givenName="Ada")
    await _create(graphql, givenName="Grace")
    await graphql(
        SET_MARKETING_CONSENT, {"input": {"contactId": ada["id"], "granted": True}}
    )

    assert await _names(graphql, {"consentMarketing": True}) == ["Ada"]
    assert await _names(graphql, {"consentMarketing": False}) == ["Grace"]


async def test_filters_combine(graphql):
    await _create(graphql, givenName="Ada Client", role="CLIENT")
    await _create(graphql, givenName="Ada Guest", role="GUEST")
    await _create(graphql, givenName="Grace Client", role="CLIENT")

    assert await _names(graphql, {"search": "ada", "role": "CLIENT"}) == ["Ada Client"]


async def test_deleted_contacts_are_not_listed(graphql):
    ada = await _create(graphql, givenName="Ada")
    await _create(graphql, givenName="Grace")
    await graphql(DELETE_CONTACT, {"id": ada["id"]})

    data = await graphql(CONTACTS, {"first": 10})

    assert data["contacts"]["totalCount"] == 1
    assert [e["node"]["displayName"] for e in data["contacts"]["edges"]] == ["Grace"]


# orders


async def test_order_by_display_name_ignores_case(graphql):
    for name in ("bob", "Alice", "carol", "Dave"):
        await _create(graphql, givenName=name)

    ascending = await _names(
        graphql, order_by={"field": "DISPLAY_NAME", "direction": "ASC"}
    )
    descending = await _names(
        graphql, order_by={"field": "DISPLAY_NAME", "direction": "DESC"}
    )

    assert ascending == ["Alice", "bob", "carol", "Dave"]
    assert descending == ["Dave", "carol", "bob", "Alice"]


async def test_order_by_created_at(graphql):
    for name in ("Zed", "Amy", "Mia"):
        await _create(graphql, givenName=name)

    oldest_first = await _names(graphql, order_by={"field": "CREATED_AT"})
    newest_first = await _names(
        graphql, order_by={"field": "CREATED_AT", "direction": "DESC"}
    )

    assert oldest_first == ["Zed", "Amy", "Mia"]
    assert newest_first == ["Mia", "Amy", "Zed"]


async def test_order_by_family_name_puts_missing_ones_first(graphql):
    await _create(graphql, givenName="Ada", familyName="Lovelace")
    await _create(graphql, givenName="Grace", familyName="Hopper")
    await _create(graphql, email="nobody@example.com")

    assert await _names(graphql, order_by={"field": "FAMILY_NAME"}) == [
        "nobody",
        "Grace Hopper",
        "Ada Lovelace",
    ]


# pages


async def test_forward_pages_cover_every_contact_once(graphql):
    created = await _people(graphql, 7)
    seen, after, pages = [], None, 0

    while True:
        data = await graphql(CONTACTS, {"first": 3, "after": after})
        connection = data["contacts"]
        seen += [edge["node"]["id"] for edge in connection["edges"]]
        pages += 1
        assert connection["totalCount"] == 7
        assert connection["pageInfo"]["hasPreviousPage"] is (after is not None)
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]

    assert pages == 3
    assert seen == [c["id"] for c in created]


async def test_forward_pages_in_descending_created_order(graphql):
    created = await _people(graphql, 5)
    order = {"field": "CREATED_AT", "direction": "DESC"}
    first = await graphql(CONTACTS, {"orderBy": order, "first": 2})
    cursor = first["contacts"]["pageInfo"]["endCursor"]

    second = await graphql(CONTACTS, {"orderBy": order, "first": 10, "after": cursor})

    ids = [e["node"]["id"] for e in first["contacts"]["edges"]]
    ids += [e["node"]["id"] for e in second["contacts"]["edges"]]
    assert ids == [c["id"] for c in reversed(created)]
    assert second["contacts"]["pageInfo"]["hasNextPage"] is False


async def test_backward_pages_cover_every_contact_once(graphql):
    created = await _people(graphql, 7)
    seen, before, pages = [], None, 0

    while True:
        data = await graphql(CONTACTS, {"last": 3, "before": before})
        connection = data["contacts"]
        seen = [edge["node"]["id"] for edge in connection["edges"]] + seen
        pages += 1
        if not connection["pageInfo"]["hasPreviousPage"]:
            break
        before = connection["pageInfo"]["startCursor"]

    assert pages == 3
    assert seen == [c["id"] for c in created]


async def test_last_page_without_cursor_holds_the_tail(graphql):
    await _people(graphql, 5)

    data = await graphql(CONTACTS, {"last": 2})

    connection = data["contacts"]
    assert [e["node"]["displayName"] for e in connection["edges"]] == [
        "Person 03",
        "Person 04",
    ]
    assert connection["pageInfo"]["hasPreviousPage"] is True
    assert connection["pageInfo"]["hasNextPage"] is False


async def test_cursor_edges_match_page_info(graphql):
    await _people(graphql, 3)

    data = await graphql(CONTACTS, {"first": 3})

    connection = data["contacts"]
    assert connection["pageInfo"]["startCursor"] == connection["edges"][0]["cursor"]
    assert connection["pageInfo"]["endCursor"] == connection["edges"][-1]["cursor"]
    assert connection["pageInfo"]["hasNextPage"] is False


async def test_total_count_counts_every_page(graphql):
    await _people(graphql, 4)
    await _create(graphql, givenName="Other", role="GUEST")

    everyone = await graphql(CONTACTS, {"first": 1})
    guests = await graphql(CONTACTS, {"first": 1, "filter": {"role": "GUEST"}})

    assert everyone["contacts"]["totalCount"] == 5
    assert len(everyone["contacts"]["edges"]) == 1
    assert guests["contacts"]["totalCount"] == 1


async def test_an_empty_list_has_no_cursors(graphql):
    data = await graphql(CONTACTS, {"first": 5})

    assert data["contacts"] == {
        "totalCount": 0,
        "edges": [],
        "pageInfo": {
            "hasNextPage": False,
            "hasPreviousPage": False,
            "startCursor": None,
            "endCursor": None,
        },
    }


async def test_garbage_cursor_is_a_top_level_error(client):
    body = await run_graphql(client, CONTACTS, {"first": 5, "after": "not a cursor!"})

    assert body["data"] is None
    assert "cursor" in body["errors"][0]["message"].lower()


async def test_cursor_of_another_order_is_a_top_level_error(client, graphql):
    await _people(graphql, 2)
    page = await graphql(CONTACTS, {"first": 1})
    cursor = page["contacts"]["pageInfo"]["endCursor"]

    body = await run_graphql(
        client,
        CONTACTS,
        {"first": 5, "after": cursor, "orderBy": {"field": "CREATED_AT"}},
    )

    assert body["data"] is None
    assert "cursor" in body["errors"][0]["message"].lower()


async def test_forged_cursor_with_a_bad_id_is_a_top_level_error(client):
    cursor = _cursor("DISPLAY_NAME:ASC", "ada", "not-a-uuid")

    body = await run_graphql(client, CONTACTS, {"first": 5, "after": cursor})

    assert body["data"] is None
    assert "cursor" in body["errors"][0]["message"].lower()


async def test_forged_cursor_with_a_bad_date_is_a_top_level_error(client):
    cursor = _cursor(
        "CREATED_AT:ASC", "yesterday", "00000000-0000-4000-8000-000000000000"
    )

    body = await run_graphql(
        client,
        CONTACTS,
        {"first": 5, "after": cursor, "orderBy": {"field": "CREATED_AT"}},
    )

    assert body["data"] is None
    assert "cursor" in body["errors"][0]["message"].lower()


async def test_page_size_over_the_limit_is_a_top_level_error(client):
    body = await run_graphql(client, CONTACTS, {"first": 201})

    assert body["data"] is None
    assert "200" in body["errors"][0]["message"]


# contactByEmail


async def test_contact_by_email_returns_the_oldest_live_holder(graphql):
    first = await _create(graphql, givenName="First", email="shared@example.com")
    second = await _create(graphql, givenName="Second", email="Shared@Example.com")
    await _create(graphql, givenName="Third", email="shared@example.com")
    await graphql(DELETE_CONTACT, {"id": first["id"]})

    data = await graphql(CONTACT_BY_EMAIL, {"email": " SHARED@example.COM "})

    assert data["contactByEmail"] == {
        "id": second["id"],
        "displayName": "Second",
        "email": "shared@example.com",
    }


async def test_contact_by_email_ignores_extra_addresses(graphql):
    await _create(graphql, givenName="Extra", emails=["extra@example.com"])
    primary = await _create(graphql, givenName="Primary", email="extra@example.com")

    data = await graphql(CONTACT_BY_EMAIL, {"email": "extra@example.com"})

    assert data["contactByEmail"]["id"] == primary["id"]


async def test_contact_by_email_unknown_or_invalid_is_null(graphql):
    await _create(graphql, givenName="Ada", email="ada@example.com")

    unknown = await graphql(CONTACT_BY_EMAIL, {"email": "nobody@example.com"})
    invalid = await graphql(CONTACT_BY_EMAIL, {"email": "not an email"})

    assert unknown["contactByEmail"] is None
    assert invalid["contactByEmail"] is None


async def test_lists_do_not_show_other_tenants(graphql, other_viewer, app):
    await _create(graphql, givenName="Mine", email="mine@example.com")
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {token_for(other_viewer)}"}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://t", headers=headers
    ) as other:
        listed = await run_graphql(other, CONTACTS, {"first": 5})
        found = await run_graphql(
            other, CONTACT_BY_EMAIL, {"email": "mine@example.com"}
        )

    assert listed["data"]["contacts"]["totalCount"] == 0
    assert found["data"]["contactByEmail"] is None
