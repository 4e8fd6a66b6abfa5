"""One contact's whole profile: every built tab in one query, at a fixed cost."""

from sqlalchemy import select

from contacts_graph.contacts.models import Contact
from contacts_graph.seed import seed_demo

LIST_TABS = (
    "organizations",
    "relationships",
    "notes",
    "documents",
    "conversations",
    "campaigns",
    "calls",
    "events",
    "ledger",
    "invoices",
    "payments",
    "pipeline",
    "identity",
    "kyc",
    "aml",
    "rightToRent",
    "consentHistory",
    "auditTrail",
    "stays",
    "tenancies",
    "properties",
    "investments",
    "appointments",
    "workOrders",
    "employment",
)

PROFILE = (
    "query ($id: ID!) { contact(id: $id) { displayName roles "
    + " ".join(f"{tab} {{ totalCount edges {{ cursor }} }}" for tab in LIST_TABS)
    + " preferences { channels } lifetimeValue { amount currency } } }"
)


async def test_a_full_profile_costs_one_statement_per_tab_read(
    session, viewer, graphql, statements
):
    await seed_demo(session, viewer)
    contact_id = await session.scalar(
        select(Contact.id).where(Contact.tenant_id == viewer.tenant_id).limit(1)
    )
    await session.commit()
    statements.statements.clear()

    data = await graphql(PROFILE, {"id": str(contact_id)})

    profile = data["contact"]
    assert all(profile[tab] is not None for tab in LIST_TABS)
    # Entering the tenant and the contact, then for each list tab its page and
    # its count, then preferences and lifetime value.
    assert len(statements) == 2 + 2 * len(LIST_TABS) + 2
