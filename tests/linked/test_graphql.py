"""Linked records through GraphQL: linkRecord, unlinkRecord and the seven tabs.

NEEDS THE WIRING: these tests run once ``Contact`` has the seven tab fields
and ``Mutation`` inherits ``LinkedRecordMutations`` (see linked/types.py
``linked_tab_field``); until then the module is skipped, saying why.
"""

from typing import Any

import pytest

from contacts_graph.auth.sessions import Viewer
from contacts_graph.db.session import tenant_session
from tests.conftest import make_viewer, run_graphql, token_for
from tests.factories import create_contact
from tests.linked.factories import link

LINK_RECORD = """
mutation LinkRecord($input: LinkRecordInput!) {
  linkRecord(input: $input) {
    record {
      id product kind externalId title status amount currency occurredAt payload
      contact { id }
    }
    changed
    userErrors { field code message }
  }
}
"""

UNLINK_RECORD = """
mutation UnlinkRecord($product: LinkedProduct!, $kind: String!, $externalId: String!) {
  unlinkRecord(product: $product, kind: $kind, externalId: $externalId) {
    unlinkedRecordId
    userErrors { field code message }
  }
}
"""

CONTACT_TABS = """
query ContactTabs($id: ID!, $first: Int, $after: String) {
  contact(id: $id) {
    conversations(first: $first, after: $after) {
      totalCount
      edges { cursor node { externalId title occurredAt } }
      pageInfo { hasNextPage hasPreviousPage endCursor }
    }
    pipeline { totalCount edges { node { externalId amount currency status } } }
    campaigns { totalCount }
    events { totalCount }
    stays { totalCount }
    appointments { totalCount }
    workOrders { totalCount }
  }
}
"""

CONTACT_PAGE = """
query ContactPage($first: Int!) {
  contacts(first: $first) {
    edges {
      node {
        id
        conversations(first: 5) { totalCount edges { node { title } } }
        pipeline(first: 5) { totalCount edges { node { amount } } }
        events(first: 5) { totalCount edges { node { title } } }
      }
    }
  }
}
"""

CREATE_CONTACT = """
mutation { createContact(input: {givenName: "Ada"}) { contact { id } } }
"""


def _input(contact_id: str, **fields: Any) -> dict[str, Any]:
    return {
        "contactId": contact_id,
        "product": "DEALS",
        "kind": "deal",
        "externalId": "deal-7",
        "title": "Flat 3, Harbour Row",
        "occurredAt": "2026-05-01T09:30:00+02:00",
        **fields,
    }


async def _contact(graphql) -> str:
    return (await graphql(CREATE_CONTACT))["createContact"]["contact"]["id"]


async def test_link_record_stores_exact_amounts_and_shows_in_its_tab(graphql) -> None:
    contact_id = await _contact(graphql)

    data = await graphql(
        LINK_RECORD,
        {
            "input": _input(
                contact_id,
                amount="0.30",
                currency="eur",
                status="negotiation",
                payload={"stage": "offer"},
            )
        },
    )

    payload = data["linkRecord"]
    assert payload["userErrors"] == []
    assert payload["changed"] is True
    record = payload["record"]
    assert record["amount"] == "0.30"
    assert record["currency"] == "EUR"
    assert record["product"] == "DEALS"
    assert record["contact"] == {"id": contact_id}
    assert record["payload"] == {"stage": "offer"}
    tabs = (await graphql(CONTACT_TABS, {"id": contact_id}))["contact"]
    assert tabs["pipeline"]["totalCount"] == 1
    assert tabs["pipeline"]["edges"][0]["node"] == {
        "externalId": "deal-7",
        "amount": "0.30",
        "currency": "EUR",
        "status": "negotiation",
    }
    assert all(
        tabs[tab]["totalCount"] == 0
        for tab in ("conversations", "campaigns", "events", "stays", "appointments")
    )


async def test_linking_again_is_idempotent_and_can_move_the_record(graphql) -> None:
    ada = await _contact(graphql)
    grace = await _contact(graphql)
    first = await graphql(LINK_RECORD, {"input": _input(ada)})

    same = await graphql(LINK_RECORD, {"input": _input(ada)})
    moved = await graphql(LINK_RECORD, {"input": _input(grace, status="won")})

    assert same["linkRecord"]["changed"] is False
    assert same["linkRecord"]["record"]["id"] == first["linkRecord"]["record"]["id"]
    assert moved["linkRecord"]["record"]["contact"] == {"id": grace}
    assert moved["linkRecord"]["record"]["id"] == first["linkRecord"]["record"]["id"]
    ada_tabs = (await graphql(CONTACT_TABS, {"id": ada}))["contact"]
    grace_tabs = (await graphql(CONTACT_TABS, {"id": grace}))["contact"]
    assert ada_tabs["pipeline"]["totalCount"] == 0
    assert grace_tabs["pipeline"]["edges"][0]["node"]["status"] == "won"


async def test_bad_input_comes_back_as_user_errors_and_stores_nothing(
    graphql,
) -> None:
    contact_id = await _contact(graphql)

    data = await graphql(
        LINK_RECORD,
        {
            "input": _input(
                contact_id,
                title=" ",
                kind="Big Deal",
                amount="12.345",
                currency="EURO",
                occurredAt="2026-05-01T09:30:00",
                payload=[1, 2],
            )
        },
    )

    payload = data["linkRecord"]
    assert payload["record"] is None
    assert sorted((e["field"], e["code"]) for e in payload["userErrors"]) == [
        ("amount", "INVALID"),
        ("currency", "INVALID"),
        ("kind", "INVALID"),
        ("occurredAt", "INVALID"),
        ("payload", "INVALID"),
        ("title", "REQUIRED"),
    ]
    tabs = (await graphql(CONTACT_TABS, {"id": contact_id}))["contact"]
    assert tabs["pipeline"]["totalCount"] == 0


async def test_an_unknown_contact_is_a_user_error(graphql) -> None:
    data = await graphql(
        LINK_RECORD, {"input": _input("00000000-0000-4000-8000-000000000000")}
    )

    assert data["linkRecord"]["userErrors"] == [
        {
            "field": "contactId",
            "code": "NOT_FOUND",
            "message": "No contact with that contactId exists.",
        }
    ]


async def test_unlink_record_removes_it_and_is_safe_to_repeat(graphql) -> None:
    contact_id = await _contact(graphql)
    linked = await graphql(LINK_RECORD, {"input": _input(contact_id)})
    key = {"product": "DEALS", "kind": "deal", "externalId": "deal-7"}

    first = await graphql(UNLINK_RECORD, key)
    again = await graphql(UNLINK_RECORD, key)

    assert first["unlinkRecord"] == {
        "unlinkedRecordId": linked["linkRecord"]["record"]["id"],
        "userErrors": [],
    }
    assert again["unlinkRecord"] == {"unlinkedRecordId": None, "userErrors": []}
    tabs = (await graphql(CONTACT_TABS, {"id": contact_id}))["contact"]
    assert tabs["pipeline"]["totalCount"] == 0


async def test_linking_needs_contacts_write(app, engine, client) -> None:
    reader = await make_viewer(engine, permissions=frozenset({"contacts:read"}))
    client.headers["Authorization"] = f"Bearer {token_for(reader)}"

    body = await run_graphql(
        client, LINK_RECORD, {"input": _input("00000000-0000-4000-8000-000000000000")}
    )

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_another_tenant_cannot_link_to_or_unlink_from_a_contact(
    app, graphql, client, other_viewer
) -> None:
    contact_id = await _contact(graphql)
    await graphql(LINK_RECORD, {"input": _input(contact_id)})
    client.headers["Authorization"] = f"Bearer {token_for(other_viewer)}"

    linked = await run_graphql(client, LINK_RECORD, {"input": _input(contact_id)})
    unlinked = await run_graphql(
        client,
        UNLINK_RECORD,
        {"product": "DEALS", "kind": "deal", "externalId": "deal-7"},
    )

    assert linked["data"]["linkRecord"]["userErrors"][0]["code"] == "NOT_FOUND"
    assert unlinked["data"]["unlinkRecord"]["unlinkedRecordId"] is None


async def test_tab_pages_walk_newest_first(app, viewer, graphql) -> None:
    sessionmaker = app.state.services.sessionmaker
    async with tenant_session(sessionmaker, viewer.tenant_id) as session:
        contact = await create_contact(session, viewer)
        for n in range(5):
            await link(session, viewer, contact.id, external_id=f"t{n}", hours=n)

    first = await graphql(CONTACT_TABS, {"id": str(contact.id), "first": 3})
    page = first["contact"]["conversations"]
    second = await graphql(
        CONTACT_TABS,
        {"id": str(contact.id), "first": 3, "after": page["pageInfo"]["endCursor"]},
    )
    rest = second["contact"]["conversations"]

    assert [e["node"]["externalId"] for e in page["edges"]] == ["t4", "t3", "t2"]
    assert page["pageInfo"]["hasNextPage"] is True
    assert [e["node"]["externalId"] for e in rest["edges"]] == ["t1", "t0"]
    assert rest["pageInfo"] == {
        "hasNextPage": False,
        "hasPreviousPage": True,
        "endCursor": rest["edges"][-1]["cursor"],
    }
    assert rest["totalCount"] == 5


async def _linked_contacts(app: Any, viewer: Viewer, count: int) -> None:
    sessionmaker = app.state.services.sessionmaker
    async with tenant_session(sessionmaker, viewer.tenant_id) as session:
        for n in range(count):
            contact = await create_contact(session, viewer, given_name=f"P{n:03d}")
            await link(session, viewer, contact.id, external_id=f"t{n}")
            await link(
                session,
                viewer,
                contact.id,
                product="DEALS",
                kind="deal",
                external_id=f"d{n}",
                amount="10.10",
                currency="EUR",
            )
            await link(
                session,
                viewer,
                contact.id,
                product="CALENDAR",
                kind="booking",
                external_id=f"b{n}",
            )


# Entering the tenant, the contacts, then a page and a count per tab.
PAGE_STATEMENTS = 2 + 3 * 2


@pytest.mark.parametrize("size", [50, 10])
async def test_a_page_of_contacts_with_three_tabs_costs_fixed_statements(
    app, viewer, graphql, statements, size
) -> None:
    await _linked_contacts(app, viewer, 60)
    statements.statements.clear()

    data = await graphql(CONTACT_PAGE, {"first": size})

    nodes = [edge["node"] for edge in data["contacts"]["edges"]]
    assert len(nodes) == size
    assert all(
        node["pipeline"]["edges"][0]["node"]["amount"] == "10.10" for node in nodes
    )
    assert all(node["events"]["totalCount"] == 1 for node in nodes)
    assert len(statements) == PAGE_STATEMENTS
    assert sum("FROM linked_records" in s for s in statements.statements) == 6
