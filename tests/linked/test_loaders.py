"""Tab loaders: keyset pages newest first, counts, one statement per tab."""

import asyncio

import pytest

from contacts_graph.db.request import RequestDatabase
from contacts_graph.linked.loaders import (
    LinkedRecordCountByContactIdLoader,
    LinkedRecordsByContactIdLoader,
)
from contacts_graph.linked.repository import record_cursor
from contacts_graph.linked.tabs import LinkedTab
from contacts_graph.pagination import (
    InvalidCursor,
    PageRequest,
    encode_cursor,
    trim_page,
)
from tests.factories import create_contact
from tests.linked.factories import link

TAB_RECORDS = {
    LinkedTab.CONVERSATIONS: [("INBOX", "thread")],
    LinkedTab.CAMPAIGNS: [("MAIL", "send"), ("ADS", "send")],
    LinkedTab.EVENTS: [
        ("CALENDAR", "event"),
        ("CALENDAR", "meeting"),
        ("CALENDAR", "booking"),
    ],
    LinkedTab.PIPELINE: [("DEALS", "deal")],
    LinkedTab.STAYS: [("OPS", "stay")],
    LinkedTab.APPOINTMENTS: [("OPS", "appointment"), ("ASSURE", "appointment")],
    LinkedTab.WORK_ORDERS: [("OPS", "work_order")],
}


def _loaders(session, viewer):
    db = RequestDatabase(session)
    return (
        LinkedRecordsByContactIdLoader(db, viewer.tenant_id),
        LinkedRecordCountByContactIdLoader(db, viewer.tenant_id),
    )


async def _page(loader, contact_id, tab, **arguments):
    request = PageRequest.of(**arguments)
    rows = await loader.load((contact_id, tab, request))
    items, has_more = trim_page(rows, request)
    return [row.LinkedRecord for row in items], has_more


async def test_each_tab_reads_its_products_and_kinds(session, viewer) -> None:
    contact = await create_contact(session, viewer)
    for hour, (product, kind) in enumerate(
        pair for pairs in TAB_RECORDS.values() for pair in pairs
    ):
        await link(
            session,
            viewer,
            contact.id,
            product=product,
            kind=kind,
            external_id=f"{product}-{kind}",
            hours=hour,
        )
    # A kind no tab lists is stored, but shows in no tab.
    await link(session, viewer, contact.id, product="BOX", kind="folder")
    records, counts = _loaders(session, viewer)

    for tab, pairs in TAB_RECORDS.items():
        items, _ = await _page(records, contact.id, tab)
        assert sorted((r.product, r.kind) for r in items) == sorted(pairs), tab
        assert await counts.load((contact.id, tab)) == len(pairs)


async def test_pages_walk_newest_first_by_time_then_id(session, viewer) -> None:
    contact = await create_contact(session, viewer)
    for n in range(7):
        # Two records share each hour, so the id breaks the tie.
        await link(session, viewer, contact.id, external_id=f"t{n}", hours=n // 2)
    records, counts = _loaders(session, viewer)

    walked, after = [], None
    while True:
        items, has_more = await _page(
            records, contact.id, LinkedTab.CONVERSATIONS, first=3, after=after
        )
        walked += items
        if not has_more:
            break
        after = record_cursor(items[-1])

    keys = [(r.occurred_at, r.id) for r in walked]
    assert keys == sorted(keys, reverse=True)
    assert len(walked) == 7
    assert len({r.id for r in walked}) == 7
    assert await counts.load((contact.id, LinkedTab.CONVERSATIONS)) == 7


async def test_last_and_before_page_backwards(session, viewer) -> None:
    contact = await create_contact(session, viewer)
    for n in range(5):
        await link(session, viewer, contact.id, external_id=f"t{n}", hours=n)
    records, _ = _loaders(session, viewer)
    everything, _ = await _page(records, contact.id, LinkedTab.CONVERSATIONS)

    oldest, more_before = await _page(
        records, contact.id, LinkedTab.CONVERSATIONS, last=2
    )
    middle, _ = await _page(
        records,
        contact.id,
        LinkedTab.CONVERSATIONS,
        last=2,
        before=record_cursor(oldest[0]),
    )

    assert [r.external_id for r in everything] == ["t4", "t3", "t2", "t1", "t0"]
    assert [r.external_id for r in oldest] == ["t1", "t0"]
    assert more_before
    assert [r.external_id for r in middle] == ["t3", "t2"]


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        encode_cursor("membership:organization-name", "x", "1" * 32),
        encode_cursor("linked-record:newest", "yesterday", "1" * 32),
    ],
)
async def test_a_foreign_cursor_is_refused(session, viewer, cursor) -> None:
    contact = await create_contact(session, viewer)
    records, _ = _loaders(session, viewer)

    with pytest.raises(InvalidCursor):
        await _page(records, contact.id, LinkedTab.PIPELINE, after=cursor)


async def test_fifty_contacts_and_three_tabs_cost_one_statement_per_tab(
    session, viewer, statements
) -> None:
    contacts = [
        await create_contact(session, viewer, given_name=f"P{n:02d}") for n in range(50)
    ]
    for n, contact in enumerate(contacts):
        await link(session, viewer, contact.id, external_id=f"t{n}")
        await link(
            session,
            viewer,
            contact.id,
            product="DEALS",
            kind="deal",
            external_id=f"d{n}",
            amount="100.00",
            currency="EUR",
        )
        await link(
            session,
            viewer,
            contact.id,
            product="CALENDAR",
            kind="meeting",
            external_id=f"m{n}",
        )
    records, counts = _loaders(session, viewer)
    tabs = (LinkedTab.CONVERSATIONS, LinkedTab.PIPELINE, LinkedTab.EVENTS)
    request = PageRequest.of(first=10)
    statements.statements.clear()

    pages = await asyncio.gather(
        *(records.load((c.id, tab, request)) for c in contacts for tab in tabs)
    )
    totals = await asyncio.gather(
        *(counts.load((c.id, tab)) for c in contacts for tab in tabs)
    )

    assert all(len(page) == 1 for page in pages)
    assert set(totals) == {1}
    assert len(statements) == 6
    assert sum("FROM linked_records" in s for s in statements.statements) == 6
