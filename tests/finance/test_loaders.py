"""Loaders of the financial tabs: keyset pages newest first, counts, one statement."""

import asyncio
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from contacts_graph.db.request import RequestDatabase
from contacts_graph.finance import loaders, repository
from contacts_graph.pagination import (
    InvalidCursor,
    PageRequest,
    encode_cursor,
    trim_page,
)
from tests.factories import create_contact
from tests.finance.helpers import add_entry, add_invoice, add_payment

START = datetime(2026, 1, 1, tzinfo=UTC)


def make(cls, session, viewer):
    return cls(RequestDatabase(session), viewer.tenant_id)


async def page(loader, contact_id, attribute, order, **arguments):
    request = PageRequest.of(**arguments)
    rows = await loader.load((contact_id, request))
    items, has_more = trim_page(rows, request)
    cursors = [
        encode_cursor(order, row.sort_key, getattr(row, attribute).id) for row in items
    ]
    return [getattr(row, attribute) for row in items], cursors, has_more


async def test_ledger_pages_walk_newest_first_both_ways(session, viewer):
    contact = await create_contact(session, viewer)
    for day in range(5):
        await add_entry(
            session,
            viewer,
            contact.id,
            f"{day + 1}.00",
            booked_at=START + timedelta(days=day),
        )
    # Two entries at the same moment are ordered by id.
    await add_entry(session, viewer, contact.id, "9.00", booked_at=START)
    loader = make(loaders.LedgerEntriesByContactIdLoader, session, viewer)
    order = repository.LEDGER_ORDER

    first, cursors, more = await page(loader, contact.id, "LedgerEntry", order, first=4)
    rest, _, more_after = await page(
        loader, contact.id, "LedgerEntry", order, first=4, after=cursors[-1]
    )
    back, _, more_before = await page(
        loader, contact.id, "LedgerEntry", order, last=2, before=cursors[-1]
    )

    amounts = [e.amount for e in first + rest]
    assert amounts[:4] == [
        Decimal("5.00"),
        Decimal("4.00"),
        Decimal("3.00"),
        Decimal("2.00"),
    ]
    assert sorted(amounts[4:]) == [Decimal("1.00"), Decimal("9.00")]
    assert (more, more_after, more_before) == (True, False, True)
    assert [e.amount for e in back] == [Decimal("4.00"), Decimal("3.00")]


async def test_invoice_pages_sort_by_day_of_issue(session, viewer):
    contact = await create_contact(session, viewer)
    for n in range(4):
        await add_invoice(
            session, viewer, contact.id, f"INV-{n}", issued_on=date(2026, 1, 1 + n)
        )
    loader = make(loaders.InvoicesByContactIdLoader, session, viewer)
    order = repository.INVOICE_ORDER

    first, cursors, _ = await page(loader, contact.id, "Invoice", order, first=3)
    rest, _, more = await page(
        loader, contact.id, "Invoice", order, first=3, after=cursors[-1]
    )

    assert [i.number for i in first + rest] == ["INV-3", "INV-2", "INV-1", "INV-0"]
    assert more is False


async def test_payment_pages_and_counts_per_contact(session, viewer):
    ada = await create_contact(session, viewer)
    bob = await create_contact(session, viewer, given_name="Bob")
    for hour in range(3):
        await add_payment(
            session, viewer, ada.id, paid_at=START + timedelta(hours=hour)
        )
    await add_payment(session, viewer, bob.id)
    pages = make(loaders.PaymentsByContactIdLoader, session, viewer)
    counts = make(loaders.PaymentCountByContactIdLoader, session, viewer)
    request = PageRequest.of(first=2)

    (ada_rows, bob_rows), totals = await asyncio.gather(
        asyncio.gather(pages.load((ada.id, request)), pages.load((bob.id, request))),
        counts.load_many([ada.id, bob.id]),
    )

    assert [r.Payment.paid_at for r in ada_rows] == [
        START + timedelta(hours=2),
        START + timedelta(hours=1),
        START,
    ]
    assert len(bob_rows) == 1
    assert totals == [3, 1]


async def test_a_cursor_of_another_tab_is_refused(session, viewer):
    contact = await create_contact(session, viewer)
    await add_entry(session, viewer, contact.id)
    loader = make(loaders.InvoicesByContactIdLoader, session, viewer)
    cursor = encode_cursor(repository.LEDGER_ORDER, START.isoformat(), contact.id)

    with pytest.raises(InvalidCursor):
        await loader.load((contact.id, PageRequest.of(first=1, after=cursor)))


async def test_lifetime_value_loader_answers_per_contact(session, viewer):
    ada = await create_contact(session, viewer)
    bob = await create_contact(session, viewer, given_name="Bob")
    await add_entry(session, viewer, ada.id, "0.10")
    await add_entry(session, viewer, ada.id, "0.20")
    loader = make(loaders.LifetimeValueByContactIdLoader, session, viewer)

    values = await loader.load_many([ada.id, bob.id])

    assert values == [[("EUR", Decimal("0.30"))], []]


async def test_each_loader_costs_one_statement_for_many_contacts(
    session, viewer, statements
):
    contacts = [
        await create_contact(session, viewer, given_name=f"P{n}") for n in range(50)
    ]
    for contact in contacts[:5]:
        await add_entry(session, viewer, contact.id)
        await add_invoice(session, viewer, contact.id, f"N-{contact.id}")
        await add_payment(session, viewer, contact.id)
    request = PageRequest.of(first=5)
    classes = (
        loaders.LedgerEntriesByContactIdLoader,
        loaders.InvoicesByContactIdLoader,
        loaders.PaymentsByContactIdLoader,
    )
    counters = (
        loaders.LedgerEntryCountByContactIdLoader,
        loaders.InvoiceCountByContactIdLoader,
        loaders.PaymentCountByContactIdLoader,
        loaders.LifetimeValueByContactIdLoader,
    )
    statements.statements.clear()

    for cls in classes:
        await make(cls, session, viewer).load_many([(c.id, request) for c in contacts])
    for cls in counters:
        await make(cls, session, viewer).load_many([c.id for c in contacts])

    assert len(statements) == len(classes) + len(counters)
