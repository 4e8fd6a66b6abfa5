"""The financial tabs and mutations over GraphQL."""

import httpx

from tests.conftest import make_viewer, run_graphql, token_for
from tests.factories import create_contact
from tests.finance.helpers import add_entry, add_invoice, add_payment

ADD_ENTRY = """
mutation ($input: AddLedgerEntryInput!) {
  addLedgerEntry(input: $input) {
    ledgerEntry { id amount currency direction status kind bookedAt description }
    userErrors { field code message }
  }
}
"""
EDIT_ENTRY = """
mutation ($input: EditLedgerEntryInput!) {
  editLedgerEntry(input: $input) {
    ledgerEntry { id amount status } userErrors { field code }
  }
}
"""
REMOVE_ENTRY = """
mutation ($id: ID!) {
  removeLedgerEntry(id: $id) { ledgerEntry { id } userErrors { field code } }
}
"""
ADD_INVOICE = """
mutation ($input: AddInvoiceInput!) {
  addInvoice(input: $input) {
    invoice { id number issuedOn dueOn total currency status }
    userErrors { field code }
  }
}
"""
EDIT_INVOICE = """
mutation ($input: EditInvoiceInput!) {
  editInvoice(input: $input) { invoice { id status } userErrors { field code } }
}
"""
REMOVE_INVOICE = """
mutation ($id: ID!) { removeInvoice(id: $id) { invoice { id } userErrors { field code } } }
"""
ADD_PAYMENT = """
mutation ($input: AddPaymentInput!) {
  addPayment(input: $input) {
    payment { id amount invoiceId method reference } userErrors { field code }
  }
}
"""
EDIT_PAYMENT = """
mutation ($input: EditPaymentInput!) {
  editPayment(input: $input) { payment { id amount } userErrors { field code } }
}
"""
REMOVE_PAYMENT = """
mutation ($id: ID!) { removePayment(id: $id) { payment { id } userErrors { field code } } }
"""
TABS = """
query ($id: ID!, $first: Int, $after: String) {
  contact(id: $id) {
    lifetimeValue { amount currency }
    ledger(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { amount bookedAt } }
    }
    invoices { totalCount edges { node { number status } } }
    payments { totalCount edges { node { amount invoiceId } } }
  }
}
"""


def entry_input(contact_id, amount="0.10", **extra):
    return {
        "contactId": contact_id,
        "direction": "CREDIT",
        "amount": amount,
        "currency": "EUR",
        "bookedAt": "2026-01-01T10:00:00+01:00",
        "status": "SETTLED",
        "kind": "PAYMENT",
        **extra,
    }


async def new_contact(session, viewer):
    contact = await create_contact(session, viewer)
    await session.commit()
    return str(contact.id)


async def test_money_stays_exact_through_the_api(graphql, session, viewer):
    contact_id = await new_contact(session, viewer)

    added = [
        (await graphql(ADD_ENTRY, {"input": entry_input(contact_id, amount)}))[
            "addLedgerEntry"
        ]
        for amount in ("0.10", "0.2", "1234567890123456.99")
    ]
    data = (await graphql(TABS, {"id": contact_id}))["contact"]

    assert [a["userErrors"] for a in added] == [[], [], []]
    assert [a["ledgerEntry"]["amount"] for a in added] == [
        "0.10",
        "0.20",
        "1234567890123456.99",
    ]
    assert data["lifetimeValue"] == [
        {"amount": "1234567890123457.29", "currency": "EUR"}
    ]
    assert data["ledger"]["totalCount"] == 3


async def test_bad_input_gets_every_error_and_stores_nothing(graphql, session, viewer):
    contact_id = await new_contact(session, viewer)

    result = (
        await graphql(
            ADD_ENTRY,
            {
                "input": entry_input(
                    contact_id,
                    "1.001",
                    currency="",
                    description="x" * 501,
                    bookedAt="2026-01-01T10:00:00",
                )
            },
        )
    )["addLedgerEntry"]
    negative = (await graphql(ADD_ENTRY, {"input": entry_input(contact_id, "-1")}))[
        "addLedgerEntry"
    ]
    data = (await graphql(TABS, {"id": contact_id}))["contact"]

    assert result["ledgerEntry"] is None
    assert {(e["field"], e["code"]) for e in result["userErrors"]} == {
        ("amount", "INVALID"),
        ("currency", "REQUIRED"),
        ("description", "TOO_LONG"),
        ("bookedAt", "INVALID"),
    }
    assert negative["userErrors"] == [
        {
            "field": "amount",
            "code": "OUT_OF_RANGE",
            "message": negative["userErrors"][0]["message"],
        }
    ]
    assert data["ledger"]["totalCount"] == 0


async def test_not_found_names_the_field(graphql):
    missing = "00000000-0000-0000-0000-000000000001"

    added = (await graphql(ADD_ENTRY, {"input": entry_input(missing)}))[
        "addLedgerEntry"
    ]
    edited = (await graphql(EDIT_PAYMENT, {"input": {"id": missing, "amount": "1"}}))[
        "editPayment"
    ]
    removed = (await graphql(REMOVE_INVOICE, {"id": "not-an-id"}))["removeInvoice"]

    assert added["userErrors"] == [
        {
            "field": "contactId",
            "code": "NOT_FOUND",
            "message": added["userErrors"][0]["message"],
        }
    ]
    assert edited["userErrors"] == [{"field": "id", "code": "NOT_FOUND"}]
    assert removed["userErrors"] == [{"field": "id", "code": "INVALID"}]


async def test_invoices_and_payments_round_trip(graphql, session, viewer):
    contact_id = await new_contact(session, viewer)
    invoice_input = {
        "contactId": contact_id,
        "number": "INV-1",
        "issuedOn": "2026-01-01",
        "dueOn": "2026-01-31",
        "currency": "gbp",
        "total": "120.50",
        "status": "OPEN",
    }

    invoice = (await graphql(ADD_INVOICE, {"input": invoice_input}))["addInvoice"]
    duplicate = (await graphql(ADD_INVOICE, {"input": invoice_input}))["addInvoice"]
    backwards = (
        await graphql(
            ADD_INVOICE,
            {"input": {**invoice_input, "number": "X", "dueOn": "2025-12-31"}},
        )
    )["addInvoice"]
    invoice_id = invoice["invoice"]["id"]
    payment = (
        await graphql(
            ADD_PAYMENT,
            {
                "input": {
                    "contactId": contact_id,
                    "invoiceId": invoice_id,
                    "amount": "120.5",
                    "currency": "GBP",
                    "paidAt": "2026-01-20T09:00:00Z",
                    "method": "BANK_TRANSFER",
                    "reference": "REF 1",
                }
            },
        )
    )["addPayment"]
    paid = (
        await graphql(EDIT_INVOICE, {"input": {"id": invoice_id, "status": "PAID"}})
    )["editInvoice"]
    overdue = (
        await graphql(EDIT_INVOICE, {"input": {"id": invoice_id, "status": "OVERDUE"}})
    )["editInvoice"]
    await graphql(REMOVE_INVOICE, {"id": invoice_id})
    data = (await graphql(TABS, {"id": contact_id}))["contact"]

    assert invoice["invoice"]["currency"] == "GBP"
    assert invoice["invoice"]["status"] == "OVERDUE"  # open and past due
    assert duplicate["userErrors"] == [{"field": "number", "code": "DUPLICATE_NUMBER"}]
    assert backwards["userErrors"] == [{"field": "dueOn", "code": "OUT_OF_RANGE"}]
    assert payment["payment"]["amount"] == "120.50"
    assert payment["payment"]["invoiceId"] == invoice_id
    assert paid["invoice"]["status"] == "PAID"
    assert overdue["userErrors"] == [{"field": "status", "code": "INVALID"}]
    assert data["invoices"]["totalCount"] == 0
    assert data["payments"]["edges"] == [
        {"node": {"amount": "120.50", "invoiceId": None}}
    ]


async def test_edit_and_remove_a_ledger_entry(graphql, session, viewer):
    contact_id = await new_contact(session, viewer)
    entry_id = (await graphql(ADD_ENTRY, {"input": entry_input(contact_id)}))[
        "addLedgerEntry"
    ]["ledgerEntry"]["id"]

    edited = (await graphql(EDIT_ENTRY, {"input": {"id": entry_id, "status": "VOID"}}))[
        "editLedgerEntry"
    ]
    value = (await graphql(TABS, {"id": contact_id}))["contact"]["lifetimeValue"]
    removed = (await graphql(REMOVE_ENTRY, {"id": entry_id}))["removeLedgerEntry"]
    again = (await graphql(REMOVE_ENTRY, {"id": entry_id}))["removeLedgerEntry"]

    assert edited["ledgerEntry"]["status"] == "VOID"
    assert value == []
    assert removed == {"ledgerEntry": {"id": entry_id}, "userErrors": []}
    assert again["userErrors"] == [{"field": "id", "code": "NOT_FOUND"}]


async def test_the_ledger_pages_newest_first(graphql, session, viewer):
    contact_id = await new_contact(session, viewer)
    for day in range(1, 6):
        await graphql(
            ADD_ENTRY,
            {
                "input": entry_input(
                    contact_id, f"{day}.00", bookedAt=f"2026-01-0{day}T00:00:00Z"
                )
            },
        )

    first = (await graphql(TABS, {"id": contact_id, "first": 3}))["contact"]["ledger"]
    rest = (
        await graphql(
            TABS,
            {"id": contact_id, "first": 3, "after": first["pageInfo"]["endCursor"]},
        )
    )["contact"]["ledger"]

    assert [e["node"]["amount"] for e in first["edges"] + rest["edges"]] == [
        "5.00",
        "4.00",
        "3.00",
        "2.00",
        "1.00",
    ]
    assert first["pageInfo"]["hasNextPage"] is True
    assert rest["pageInfo"]["hasNextPage"] is False


async def test_another_tenant_can_neither_read_nor_change(app, engine, session, viewer):
    contact = await create_contact(session, viewer)
    entry = await add_entry(session, viewer, contact.id)
    await session.commit()
    stranger = await make_viewer(engine)
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {token_for(stranger)}"}

    async with httpx.AsyncClient(
        transport=transport, base_url="http://test", headers=headers
    ) as http:
        read = await run_graphql(http, TABS, {"id": str(contact.id)})
        removed = await run_graphql(http, REMOVE_ENTRY, {"id": str(entry.id)})
        added = await run_graphql(
            http, ADD_ENTRY, {"input": entry_input(str(contact.id))}
        )

    assert read["data"]["contact"] is None
    assert removed["data"]["removeLedgerEntry"]["userErrors"] == [
        {"field": "id", "code": "NOT_FOUND"}
    ]
    assert added["data"]["addLedgerEntry"]["userErrors"][0]["code"] == "NOT_FOUND"


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
        body = await run_graphql(http, ADD_ENTRY, {"input": entry_input(contact_id)})

    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_page_of_50_contacts_costs_one_statement_per_tab_field(
    session, viewer, graphql, statements
):
    for n in range(50):
        contact = await create_contact(session, viewer, given_name=f"P{n}")
        if n % 10 == 0:
            await add_entry(session, viewer, contact.id)
            await add_invoice(session, viewer, contact.id, f"INV-{n}")
            await add_payment(session, viewer, contact.id)
    await session.commit()
    statements.statements.clear()

    data = await graphql(
        """
        { contacts(first: 50) { edges { node {
            lifetimeValue { amount currency }
            ledger(first: 5) { totalCount edges { node { amount } } }
            invoices(first: 5) { totalCount edges { node { number } } }
            payments(first: 5) { totalCount edges { node { amount } } } } } } }
        """
    )

    nodes = [edge["node"] for edge in data["contacts"]["edges"]]
    assert len(nodes) == 50
    assert sum(node["ledger"]["totalCount"] for node in nodes) == 5
    # Entering the tenant, the page, then per tab field a page and a count,
    # and one for lifetime value.
    assert len(statements) == 1 + 1 + 3 * 2 + 1
