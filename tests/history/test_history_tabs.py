"""The consentHistory and auditTrail tabs."""

from datetime import UTC, datetime, timedelta

from tests.conftest import make_viewer, run_graphql, token_for
from tests.factories import create_contact

CREATE = """
mutation ($input: CreateContactInput!) { createContact(input: $input) { contact { id } } }
"""
CONSENT = """
mutation ($input: SetMarketingConsentInput!) {
  setMarketingConsent(input: $input) { userErrors { field code } }
}
"""
UPDATE = """
mutation ($input: UpdateContactInput!) { updateContact(input: $input) { userErrors { code } } }
"""
HISTORY = """
query ($id: ID!, $first: Int, $after: String) {
  contact(id: $id) {
    consentHistory(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { granted source legalBasis actor effectiveAt } }
    }
    auditTrail { totalCount edges { node { action actor changes } } }
  }
}
"""


async def test_consent_history_lists_every_event_latest_recorded_first(graphql):
    contact_id = (await graphql(CREATE, {"input": {"givenName": "Ada"}}))[
        "createContact"
    ]["contact"]["id"]
    earlier = (datetime.now(UTC) - timedelta(days=30)).isoformat()
    for granted, effective in ((True, None), (False, earlier), (False, None)):
        await graphql(
            CONSENT,
            {
                "input": {
                    "contactId": contact_id,
                    "granted": granted,
                    "effectiveAt": effective,
                }
            },
        )

    first = (await graphql(HISTORY, {"id": contact_id, "first": 2}))["contact"]
    cursor = first["consentHistory"]["pageInfo"]["endCursor"]
    rest = (await graphql(HISTORY, {"id": contact_id, "first": 2, "after": cursor}))[
        "contact"
    ]

    history = first["consentHistory"]
    grants = [e["node"]["granted"] for e in history["edges"]]
    assert history["totalCount"] == 3
    assert history["pageInfo"]["hasNextPage"] is True
    assert grants + [e["node"]["granted"] for e in rest["consentHistory"]["edges"]] == [
        False,
        False,
        True,
    ]
    assert history["edges"][0]["node"]["actor"] == "user:tester"


async def test_audit_trail_shows_each_change_newest_first(graphql):
    contact_id = (await graphql(CREATE, {"input": {"givenName": "Ada"}}))[
        "createContact"
    ]["contact"]["id"]
    await graphql(UPDATE, {"input": {"id": contact_id, "familyName": "King"}})

    trail = (await graphql(HISTORY, {"id": contact_id}))["contact"]["auditTrail"]

    assert [e["node"]["action"] for e in trail["edges"]] == [
        "contact.update",
        "contact.create",
    ]
    assert trail["edges"][0]["node"]["changes"]["family_name"] == {
        "before": None,
        "after": "King",
    }
    assert trail["totalCount"] == 2


async def test_history_tabs_need_compliance_read(engine, app, session, viewer):
    import httpx

    contact = await create_contact(session, viewer)
    await session.commit()
    reader = await make_viewer(engine, permissions=frozenset({"contacts:read"}))
    reader = reader.__class__(
        reader.user_id, viewer.tenant_id, viewer.tenant_slug, reader.permissions
    )
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {token_for(reader)}"}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://test", headers=headers
    ) as http:
        body = await run_graphql(
            http,
            "query ($id: ID!) { contact(id: $id) { displayName consentHistory { totalCount } } }",
            {"id": str(contact.id)},
        )

    assert body["data"]["contact"] == {
        "displayName": "Ada Lovelace",
        "consentHistory": None,
    }
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_page_of_contacts_reads_both_tabs_in_one_statement_each(
    session, viewer, graphql, statements
):
    for n in range(12):
        await create_contact(session, viewer, given_name=f"P{n}")
    await session.commit()
    statements.statements.clear()

    data = await graphql(
        """
        { contacts(first: 50) { edges { node {
            consentHistory(first: 5) { edges { node { granted } } }
            auditTrail(first: 5) { edges { node { action } } } } } } }
        """
    )

    assert len(data["contacts"]["edges"]) == 12
    # Entering the tenant, the page, then one statement per tab.
    assert len(statements) == 1 + 1 + 2
