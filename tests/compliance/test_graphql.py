"""The compliance tabs and mutations over GraphQL, with their permissions."""

import httpx

from tests.compliance.helpers import (
    add_aml,
    add_identity,
    add_kyc,
    add_right_to_rent,
)
from tests.conftest import make_viewer, run_graphql, token_for
from tests.factories import create_contact

ADD_IDENTITY = """
mutation ($input: AddIdentityDocumentInput!) {
  addIdentityDocument(input: $input) {
    identityDocument {
      id kind issuingCountry number issuedOn expiresOn isExpired expiresSoon
    }
    userErrors { field code message }
  }
}
"""
EDIT_IDENTITY = """
mutation ($input: EditIdentityDocumentInput!) {
  editIdentityDocument(input: $input) {
    identityDocument { id number verifiedBy } userErrors { field code }
  }
}
"""
ADD_KYC = """
mutation ($input: AddKycCheckInput!) {
  addKycCheck(input: $input) {
    kycCheck { id status level decidedAt } userErrors { field code }
  }
}
"""
ADD_AML = """
mutation ($input: AddAmlScreeningInput!) {
  addAmlScreening(input: $input) {
    amlScreening { id result listsChecked matchDetails } userErrors { field code }
  }
}
"""
ADD_RIGHT_TO_RENT = """
mutation ($input: AddRightToRentCheckInput!) {
  addRightToRentCheck(input: $input) {
    rightToRentCheck { id outcome followUpOn checkedBy shareCode }
    userErrors { field code }
  }
}
"""
REMOVE_KYC = """
mutation ($id: ID!) { removeKycCheck(id: $id) { kycCheck { id } userErrors { field code } } }
"""
TABS = """
query ($id: ID!, $first: Int, $after: String) {
  contact(id: $id) {
    identity { totalCount edges { node { number isExpired expiresSoon } } }
    kyc(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { requestedAt status } }
    }
    aml { totalCount edges { node { result listsChecked } } }
    rightToRent { totalCount edges { node { outcome followUpOn } } }
  }
}
"""


async def new_contact(session, viewer, role="TENANT"):
    contact = await create_contact(session, viewer, role=role)
    await session.commit()
    return str(contact.id)


async def as_viewer(app, viewer, query, variables):
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {token_for(viewer)}"}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://test", headers=headers
    ) as http:
        return await run_graphql(http, query, variables)


async def same_tenant(engine, viewer, permissions):
    other = await make_viewer(engine, permissions=frozenset(permissions))
    return other.__class__(
        other.user_id, viewer.tenant_id, viewer.tenant_slug, other.permissions
    )


async def test_records_round_trip_with_computed_expiry(graphql, session, viewer):
    contact_id = await new_contact(session, viewer)

    expired = (
        await graphql(
            ADD_IDENTITY,
            {
                "input": {
                    "contactId": contact_id,
                    "kind": "PASSPORT",
                    "issuingCountry": "gb",
                    "number": "X 123",
                    "issuedOn": "2010-01-01",
                    "expiresOn": "2020-01-01",
                }
            },
        )
    )["addIdentityDocument"]
    kyc = (
        await graphql(
            ADD_KYC,
            {
                "input": {
                    "contactId": contact_id,
                    "status": "APPROVED",
                    "level": "ENHANCED",
                    "requestedAt": "2026-01-01T09:00:00Z",
                    "decidedAt": "2026-01-02T09:00:00Z",
                }
            },
        )
    )["addKycCheck"]
    aml = (
        await graphql(
            ADD_AML,
            {
                "input": {
                    "contactId": contact_id,
                    "screenedAt": "2026-01-01T09:00:00Z",
                    "provider": "ComplyAdvantage",
                    "result": "POTENTIAL_MATCH",
                    "listsChecked": ["PEP", "SANCTIONS"],
                    "matchDetails": {"hits": 1},
                }
            },
        )
    )["addAmlScreening"]
    rtr = (
        await graphql(
            ADD_RIGHT_TO_RENT,
            {
                "input": {
                    "contactId": contact_id,
                    "checkedOn": "2026-01-01",
                    "method": "ONLINE_SHARE_CODE",
                    "shareCode": "W4K9P27QX",
                    "outcome": "TIME_LIMITED",
                    "followUpOn": "2027-01-01",
                }
            },
        )
    )["addRightToRentCheck"]
    data = (await graphql(TABS, {"id": contact_id}))["contact"]

    assert expired["userErrors"] == []
    assert expired["identityDocument"]["issuingCountry"] == "GB"
    assert expired["identityDocument"]["isExpired"] is True
    assert expired["identityDocument"]["expiresSoon"] is False
    assert kyc["kycCheck"]["status"] == "APPROVED"
    assert aml["amlScreening"]["listsChecked"] == ["SANCTIONS", "PEP"]
    assert aml["amlScreening"]["matchDetails"] == {"hits": 1}
    assert rtr["rightToRentCheck"]["checkedBy"] == viewer.actor
    assert data["identity"]["edges"] == [
        {"node": {"number": "X 123", "isExpired": True, "expiresSoon": False}}
    ]
    assert [data[tab]["totalCount"] for tab in ("kyc", "aml", "rightToRent")] == [
        1,
        1,
        1,
    ]


async def test_bad_input_gets_every_error_and_stores_nothing(graphql, session, viewer):
    contact_id = await new_contact(session, viewer)

    result = (
        await graphql(
            ADD_IDENTITY,
            {
                "input": {
                    "contactId": contact_id,
                    "kind": "PASSPORT",
                    "issuingCountry": "Narnia",
                    "number": "",
                    "issuedOn": "2026-05-01",
                    "expiresOn": "2026-04-01",
                }
            },
        )
    )["addIdentityDocument"]
    follow_up = (
        await graphql(
            ADD_RIGHT_TO_RENT,
            {
                "input": {
                    "contactId": contact_id,
                    "checkedOn": "2026-01-01",
                    "method": "MANUAL_DOCUMENT",
                    "outcome": "TIME_LIMITED",
                }
            },
        )
    )["addRightToRentCheck"]
    data = (await graphql(TABS, {"id": contact_id}))["contact"]

    assert result["identityDocument"] is None
    assert {(e["field"], e["code"]) for e in result["userErrors"]} == {
        ("issuingCountry", "INVALID"),
        ("number", "REQUIRED"),
        ("expiresOn", "OUT_OF_RANGE"),
    }
    assert follow_up["userErrors"] == [{"field": "followUpOn", "code": "REQUIRED"}]
    assert data["identity"]["totalCount"] == 0
    assert data["rightToRent"]["totalCount"] == 0


async def test_reading_needs_compliance_read(app, engine, session, viewer):
    contact = await create_contact(session, viewer)
    await add_kyc(session, viewer, contact.id)
    await session.commit()
    reader = await same_tenant(engine, viewer, {"contacts:read", "compliance:review"})

    body = await as_viewer(app, reader, TABS, {"id": str(contact.id)})

    assert body["data"]["contact"] == {
        "identity": None,
        "kyc": None,
        "aml": None,
        "rightToRent": None,
    }
    assert {e["extensions"]["code"] for e in body["errors"]} == {"FORBIDDEN"}
    assert len(body["errors"]) == 4


async def test_writing_needs_compliance_review(app, engine, session, viewer):
    contact = await create_contact(session, viewer)
    check = await add_kyc(session, viewer, contact.id)
    await session.commit()
    writer = await same_tenant(
        engine, viewer, {"contacts:read", "contacts:write", "compliance:read"}
    )

    removed = await as_viewer(app, writer, REMOVE_KYC, {"id": str(check.id)})
    after = await as_viewer(app, writer, TABS, {"id": str(contact.id)})

    assert removed["data"] is None
    assert removed["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert after["data"]["contact"]["kyc"]["totalCount"] == 1


async def test_edits_and_removals_name_their_errors(graphql, session, viewer):
    contact = await create_contact(session, viewer)
    document = await add_identity(session, viewer, contact.id)
    check = await add_kyc(session, viewer, contact.id)
    await session.commit()

    edited = (
        await graphql(
            EDIT_IDENTITY,
            {"input": {"id": str(document.id), "number": "NEW 1", "verifiedBy": "Mo"}},
        )
    )["editIdentityDocument"]
    removed = (await graphql(REMOVE_KYC, {"id": str(check.id)}))["removeKycCheck"]
    again = (await graphql(REMOVE_KYC, {"id": str(check.id)}))["removeKycCheck"]
    invalid = (await graphql(REMOVE_KYC, {"id": "not-an-id"}))["removeKycCheck"]

    assert edited["identityDocument"] == {
        "id": str(document.id),
        "number": "NEW 1",
        "verifiedBy": "Mo",
    }
    assert removed == {"kycCheck": {"id": str(check.id)}, "userErrors": []}
    assert again["userErrors"] == [{"field": "id", "code": "NOT_FOUND"}]
    assert invalid["userErrors"] == [{"field": "id", "code": "INVALID"}]


async def test_kyc_pages_newest_first(graphql, session, viewer):
    contact_id = await new_contact(session, viewer)
    for day in range(1, 6):
        await graphql(
            ADD_KYC,
            {
                "input": {
                    "contactId": contact_id,
                    "status": "PENDING",
                    "level": "BASIC",
                    "requestedAt": f"2026-01-0{day}T00:00:00Z",
                }
            },
        )

    first = (await graphql(TABS, {"id": contact_id, "first": 3}))["contact"]["kyc"]
    rest = (
        await graphql(
            TABS,
            {"id": contact_id, "first": 3, "after": first["pageInfo"]["endCursor"]},
        )
    )["contact"]["kyc"]

    days = [e["node"]["requestedAt"][:10] for e in first["edges"] + rest["edges"]]
    assert days == [f"2026-01-0{day}" for day in (5, 4, 3, 2, 1)]
    assert first["pageInfo"]["hasNextPage"] is True
    assert rest["pageInfo"]["hasNextPage"] is False


async def test_another_tenant_can_neither_read_nor_change(app, engine, session, viewer):
    contact = await create_contact(session, viewer)
    check = await add_kyc(session, viewer, contact.id)
    await session.commit()
    stranger = await make_viewer(engine)

    read = await as_viewer(app, stranger, TABS, {"id": str(contact.id)})
    removed = await as_viewer(app, stranger, REMOVE_KYC, {"id": str(check.id)})

    assert read["data"]["contact"] is None
    assert removed["data"]["removeKycCheck"]["userErrors"] == [
        {"field": "id", "code": "NOT_FOUND"}
    ]


async def test_a_page_of_50_contacts_costs_one_statement_per_tab_field(
    session, viewer, graphql, statements
):
    for n in range(50):
        contact = await create_contact(session, viewer, given_name=f"P{n}")
        if n % 10 == 0:
            await add_identity(session, viewer, contact.id)
            await add_kyc(session, viewer, contact.id)
            await add_aml(session, viewer, contact.id)
            await add_right_to_rent(session, viewer, contact.id)
    await session.commit()
    statements.statements.clear()

    data = await graphql(
        """
        { contacts(first: 50) { edges { node {
            identity(first: 5) { totalCount edges { node { number isExpired } } }
            kyc(first: 5) { totalCount edges { node { status } } }
            aml(first: 5) { totalCount edges { node { result } } }
            rightToRent(first: 5) { totalCount edges { node { outcome } } } } } } }
        """
    )

    nodes = [edge["node"] for edge in data["contacts"]["edges"]]
    assert len(nodes) == 50
    assert sum(node["kyc"]["totalCount"] for node in nodes) == 5
    # Entering the tenant, the page, then per tab field a page and a count.
    assert len(statements) == 1 + 1 + 4 * 2
