"""The demo data: a tenant to explore, with something in every built tab."""

from contacts_graph.seed import seed_demo

TABS = (
    "notes",
    "calls",
    "conversations",
    "campaigns",
    "events",
    "pipeline",
    "stays",
    "appointments",
    "workOrders",
    "ledger",
    "invoices",
    "payments",
    "documents",
    "consentHistory",
    "auditTrail",
    "organizations",
    "relationships",
    "tenancies",
    "properties",
    "investments",
    "employment",
    "identity",
    "kyc",
    "aml",
    "rightToRent",
)

PAGE = (
    "{ contacts(first: 60) { totalCount edges { node { "
    + " ".join(f"{tab}(first: 1) {{ totalCount }}" for tab in TABS)
    + " preferences { channels } lifetimeValue { amount } } } } }"
)


async def test_the_demo_fills_every_built_tab(session, viewer, graphql):
    added = await seed_demo(session, viewer)
    await session.commit()

    data = await graphql(PAGE)

    nodes = [edge["node"] for edge in data["contacts"]["edges"]]
    assert added == data["contacts"]["totalCount"] == 60
    empty = [tab for tab in TABS if not sum(n[tab]["totalCount"] for n in nodes)]
    assert empty == []
    assert any(n["preferences"]["channels"] for n in nodes)
    assert any(n["lifetimeValue"] for n in nodes)
