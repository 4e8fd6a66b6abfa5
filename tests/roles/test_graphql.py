"""The role tabs and mutations over GraphQL."""

import httpx

from tests.conftest import make_viewer, run_graphql, token_for
from tests.factories import create_contact
from tests.roles.helpers import add_employment, add_holding, add_investment, add_tenancy

ADD_TENANCY = """
mutation ($input: AddTenancyInput!) {
  addTenancy(input: $input) {
    tenancy {
      id propertyAddress unit startsOn endsOn rent currency rentPeriod deposit status
    }
    userErrors { field code message }
  }
}
"""
EDIT_TENANCY = """
mutation ($input: EditTenancyInput!) {
  editTenancy(input: $input) { tenancy { id endsOn status } userErrors { field code } }
}
"""
REMOVE_TENANCY = """
mutation ($id: ID!) { removeTenancy(id: $id) { tenancy { id } userErrors { field code } } }
"""
ADD_HOLDING = """
mutation ($input: AddPropertyHoldingInput!) {
  addPropertyHolding(input: $input) {
    propertyHolding { id name kind sharePercent acquiredOn value currency }
    userErrors { field code }
  }
}
"""
ADD_INVESTMENT = """
mutation ($input: AddInvestmentInput!) {
  addInvestment(input: $input) {
    investment { id name vehicle committed currency investedOn status }
    userErrors { field code }
  }
}
"""
EDIT_INVESTMENT = """
mutation ($input: EditInvestmentInput!) {
  editInvestment(input: $input) { investment { id status } userErrors { field code } }
}
"""
ADD_EMPLOYMENT = """
mutation ($input: AddEmploymentInput!) {
  addEmployment(input: $input) {
    employment {
      id jobTitle department startsOn endsOn employmentType managerContactId
    }
    userErrors { field code }
  }
}
"""
REMOVE_EMPLOYMENT = """
mutation ($id: ID!) {
  removeEmployment(id: $id) { employment { id } userErrors { field code } }
}
"""
TABS = """
query ($id: ID!, $first: Int, $after: String) {
  contact(id: $id) {
    tenancies(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { rent startsOn status } }
    }
    properties { totalCount edges { node { name sharePercent value } } }
    investments { totalCount edges { node { committed status } } }
    employment { totalCount edges { node { jobTitle managerContactId } } }
  }
}
"""


def tenancy_input(contact_id, rent="950.00", **extra):
    return {
        "contactId": contact_id,
        "propertyAddress": "3 Harbour Row",
        "startsOn": "2020-01-01",
        "rent": rent,
        "currency": "EUR",
        "rentPeriod": "MONTHLY",
        **extra,
    }


async def new_contact(session, viewer, role="TENANT"):
    contact = await create_contact(session, viewer, role=role)
    await session.commit()
    return str(contact.id)


async def test_money_and_shares_stay_exact_through_the_api(graphql, session, viewer):
    contact_id = await new_contact(session, viewer)

    tenancy = (
        await graphql(
            ADD_TENANCY,
            {"input": tenancy_input(contact_id, "0.1", deposit="1234567890123456.99")},
        )
    )["addTenancy"]
    holding = (
        await graphql(
            ADD_HOLDING,
            {
                "input": {
                    "contactId": contact_id,
                    "name": "12 Mill Lane",
                    "kind": "FLAT",
                    "sharePercent": "33.33",
                    "value": "250000.1",
                    "currency": "gbp",
                }
            },
        )
    )["addPropertyHolding"]
    data = (await graphql(TABS, {"id": contact_id}))["contact"]

    assert tenancy["userErrors"] == []
    assert tenancy["tenancy"]["rent"] == "0.10"
    assert tenancy["tenancy"]["deposit"] == "1234567890123456.99"
    assert tenancy["tenancy"]["status"] == "ACTIVE"
    assert holding["propertyHolding"]["sharePercent"] == "33.33"
    assert holding["propertyHolding"]["value"] == "250000.10"
    assert holding["propertyHolding"]["currency"] == "GBP"
    assert data["tenancies"]["edges"] == [
        {"node": {"rent": "0.10", "startsOn": "2020-01-01", "status": "ACTIVE"}}
    ]
    assert data["properties"]["totalCount"] == 1


async def test_bad_input_gets_every_error_and_stores_nothing(graphql, session, viewer):
    contact_id = await new_contact(session, viewer)

    result = (
        await graphql(
            ADD_TENANCY,
            {
                "input": tenancy_input(
                    contact_id,
                    "1.001",
                    propertyAddress="x" * 401,
                    currency="",
                    endsOn="2019-12-31",
                    deposit="-1",
                )
            },
        )
    )["addTenancy"]
    investment = (
        await graphql(
            ADD_INVESTMENT,
            {
                "input": {
                    "contactId": contact_id,
                    "name": "",
                    "vehicle": "FUND",
                    "committed": "0",
                    "currency": "EUR",
                    "status": "ACTIVE",
                }
            },
        )
    )["addInvestment"]
    data = (await graphql(TABS, {"id": contact_id}))["contact"]

    assert result["tenancy"] is None
    assert {(e["field"], e["code"]) for e in result["userErrors"]} == {
        ("propertyAddress", "TOO_LONG"),
        ("rent", "INVALID"),
        ("currency", "REQUIRED"),
        ("endsOn", "OUT_OF_RANGE"),
        ("deposit", "OUT_OF_RANGE"),
    }
    assert {(e["field"], e["code"]) for e in investment["userErrors"]} == {
        ("name", "REQUIRED"),
        ("committed", "OUT_OF_RANGE"),
        ("investedOn", "REQUIRED"),
    }
    assert data["tenancies"]["totalCount"] == 0
    assert data["investments"]["totalCount"] == 0


async def test_not_found_names_the_field(graphql, session, viewer):
    missing = "00000000-0000-0000-0000-000000000001"
    contact_id = await new_contact(session, viewer, role="EMPLOYEE")

    added = (await graphql(ADD_TENANCY, {"input": tenancy_input(missing)}))[
        "addTenancy"
    ]
    edited = (
        await graphql(EDIT_INVESTMENT, {"input": {"id": missing, "status": "EXITED"}})
    )["editInvestment"]
    removed = (await graphql(REMOVE_EMPLOYMENT, {"id": "not-an-id"}))[
        "removeEmployment"
    ]
    manager = (
        await graphql(
            ADD_EMPLOYMENT,
            {
                "input": {
                    "contactId": contact_id,
                    "jobTitle": "Agent",
                    "startsOn": "2025-01-01",
                    "employmentType": "FULL_TIME",
                    "managerContactId": missing,
                }
            },
        )
    )["addEmployment"]

    assert added["userErrors"][0]["field"] == "contactId"
    assert added["userErrors"][0]["code"] == "NOT_FOUND"
    assert edited["userErrors"] == [{"field": "id", "code": "NOT_FOUND"}]
    assert removed["userErrors"] == [{"field": "id", "code": "INVALID"}]
    assert manager["userErrors"] == [{"field": "managerContactId", "code": "NOT_FOUND"}]


async def test_edit_and_remove_round_trip(graphql, session, viewer):
    contact = await create_contact(session, viewer, role="TENANT")
    boss = await create_contact(session, viewer, given_name="Bo", role="EMPLOYEE")
    await session.commit()
    contact_id, boss_id = str(contact.id), str(boss.id)
    tenancy_id = (await graphql(ADD_TENANCY, {"input": tenancy_input(contact_id)}))[
        "addTenancy"
    ]["tenancy"]["id"]
    job = (
        await graphql(
            ADD_EMPLOYMENT,
            {
                "input": {
                    "contactId": contact_id,
                    "jobTitle": " Agent ",
                    "startsOn": "2025-01-01",
                    "employmentType": "PART_TIME",
                    "managerContactId": boss_id,
                }
            },
        )
    )["addEmployment"]

    ended = (
        await graphql(
            EDIT_TENANCY, {"input": {"id": tenancy_id, "endsOn": "2021-01-01"}}
        )
    )["editTenancy"]
    removed = (await graphql(REMOVE_TENANCY, {"id": tenancy_id}))["removeTenancy"]
    again = (await graphql(REMOVE_TENANCY, {"id": tenancy_id}))["removeTenancy"]
    data = (await graphql(TABS, {"id": contact_id}))["contact"]

    assert job["employment"]["jobTitle"] == "Agent"
    assert job["employment"]["managerContactId"] == boss_id
    assert ended["tenancy"]["status"] == "ENDED"
    assert removed == {"tenancy": {"id": tenancy_id}, "userErrors": []}
    assert again["userErrors"] == [{"field": "id", "code": "NOT_FOUND"}]
    assert data["tenancies"]["totalCount"] == 0
    assert data["employment"]["edges"] == [
        {"node": {"jobTitle": "Agent", "managerContactId": boss_id}}
    ]


async def test_tenancies_page_newest_first(graphql, session, viewer):
    contact_id = await new_contact(session, viewer)
    for year in range(2021, 2026):
        await graphql(
            ADD_TENANCY,
            {"input": tenancy_input(contact_id, f"{year}", startsOn=f"{year}-03-01")},
        )

    first = (await graphql(TABS, {"id": contact_id, "first": 3}))["contact"]
    after = first["tenancies"]["pageInfo"]["endCursor"]
    rest = (await graphql(TABS, {"id": contact_id, "first": 3, "after": after}))[
        "contact"
    ]

    edges = first["tenancies"]["edges"] + rest["tenancies"]["edges"]
    assert [e["node"]["rent"] for e in edges] == [
        "2025.00",
        "2024.00",
        "2023.00",
        "2022.00",
        "2021.00",
    ]
    assert first["tenancies"]["pageInfo"]["hasNextPage"] is True
    assert rest["tenancies"]["pageInfo"]["hasNextPage"] is False


async def test_another_tenant_can_neither_read_nor_change(app, engine, session, viewer):
    contact = await create_contact(session, viewer, role="TENANT")
    tenancy = await add_tenancy(session, viewer, contact.id)
    await session.commit()
    stranger = await make_viewer(engine)
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {token_for(stranger)}"}

    async with httpx.AsyncClient(
        transport=transport, base_url="http://test", headers=headers
    ) as http:
        read = await run_graphql(http, TABS, {"id": str(contact.id)})
        removed = await run_graphql(http, REMOVE_TENANCY, {"id": str(tenancy.id)})
        added = await run_graphql(
            http, ADD_TENANCY, {"input": tenancy_input(str(contact.id))}
        )

    assert read["data"]["contact"] is None
    assert removed["data"]["removeTenancy"]["userErrors"] == [
        {"field": "id", "code": "NOT_FOUND"}
    ]
    assert added["data"]["addTenancy"]["userErrors"][0]["code"] == "NOT_FOUND"


async def test_writing_needs_contacts_write(app, engine, session, viewer):
    contact_id = await new_contact(session, viewer)
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
            http, ADD_TENANCY, {"input": tenancy_input(contact_id)}
        )

    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_page_of_50_contacts_costs_one_statement_per_tab_field(
    session, viewer, graphql, statements
):
    for n in range(50):
        contact = await create_contact(session, viewer, given_name=f"P{n}")
        if n % 10 == 0:
            await add_tenancy(session, viewer, contact.id)
            await add_holding(session, viewer, contact.id)
            await add_investment(session, viewer, contact.id)
            await add_employment(session, viewer, contact.id)
    await session.commit()
    statements.statements.clear()

    data = await graphql(
        """
        { contacts(first: 50) { edges { node {
            tenancies(first: 5) { totalCount edges { node { rent status } } }
            properties(first: 5) { totalCount edges { node { sharePercent } } }
            investments(first: 5) { totalCount edges { node { committed } } }
            employment(first: 5) { totalCount edges { node { jobTitle } } } } } } }
        """
    )

    nodes = [edge["node"] for edge in data["contacts"]["edges"]]
    assert len(nodes) == 50
    assert sum(node["tenancies"]["totalCount"] for node in nodes) == 5
    assert sum(len(node["employment"]["edges"]) for node in nodes) == 5
    # Entering the tenant, the page, then per tab field a page and a count.
    assert len(statements) == 1 + 1 + 4 * 2
