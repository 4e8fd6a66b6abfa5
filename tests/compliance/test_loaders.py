"""Loaders of the compliance tabs: keyset pages newest first, counts, one statement."""

import asyncio
from datetime import date, timedelta

import pytest

from contacts_graph.compliance import loaders, repository
from contacts_graph.compliance.demo import seed_compliance_records
from contacts_graph.db.request import RequestDatabase
from contacts_graph.pagination import (
    InvalidCursor,
    PageRequest,
    encode_cursor,
    trim_page,
)
from tests.compliance.helpers import (
    START,
    add_aml,
    add_identity,
    add_kyc,
    add_right_to_rent,
)
from tests.factories import create_contact


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


async def test_kyc_pages_walk_newest_first_both_ways(session, viewer):
    contact = await create_contact(session, viewer)
    for day in range(5):
        await add_kyc(
            session,
            viewer,
            contact.id,
            requested_at=START + timedelta(days=day),
            provider_reference=f"K{day}",
        )
    loader = make(loaders.KycChecksByContactIdLoader, session, viewer)
    order = repository.KYC_ORDER

    first, cursors, more = await page(loader, contact.id, "KycCheck", order, first=3)
    rest, _, more_after = await page(
        loader, contact.id, "KycCheck", order, first=3, after=cursors[-1]
    )
    back, _, more_before = await page(
        loader, contact.id, "KycCheck", order, last=1, before=cursors[-1]
    )

    assert [k.provider_reference for k in first + rest] == [
        "K4",
        "K3",
        "K2",
        "K1",
        "K0",
    ]
    assert (more, more_after, more_before) == (True, False, True)
    assert [k.provider_reference for k in back] == ["K3"]


async def test_right_to_rent_pages_sort_by_day_of_check(session, viewer):
    contact = await create_contact(session, viewer, role="TENANT")
    for n in range(4):
        await add_right_to_rent(
            session, viewer, contact.id, checked_on=date(2026, 1, 1 + n)
        )
    loader = make(loaders.RightToRentChecksByContactIdLoader, session, viewer)
    order = repository.RIGHT_TO_RENT_ORDER

    first, cursors, _ = await page(
        loader, contact.id, "RightToRentCheck", order, first=3
    )
    rest, _, more = await page(
        loader, contact.id, "RightToRentCheck", order, first=3, after=cursors[-1]
    )

    assert [c.checked_on.day for c in first + rest] == [4, 3, 2, 1]
    assert more is False


async def test_identity_pages_cover_every_document_once(session, viewer):
    contact = await create_contact(session, viewer)
    added = {
        (await add_identity(session, viewer, contact.id, f"N{n}")).id for n in range(5)
    }
    loader = make(loaders.IdentityDocumentsByContactIdLoader, session, viewer)
    order = repository.IDENTITY_ORDER

    first, cursors, more = await page(
        loader, contact.id, "IdentityDocument", order, first=2
    )
    rest, _, more_after = await page(
        loader, contact.id, "IdentityDocument", order, first=10, after=cursors[-1]
    )

    assert {d.id for d in first + rest} == added
    assert len(first + rest) == 5
    assert (more, more_after) == (True, False)


async def test_aml_pages_and_counts_per_contact(session, viewer):
    ada = await create_contact(session, viewer)
    bob = await create_contact(session, viewer, given_name="Bob")
    for hour in range(3):
        await add_aml(
            session, viewer, ada.id, screened_at=START + timedelta(hours=hour)
        )
    await add_aml(session, viewer, bob.id)
    pages = make(loaders.AmlScreeningsByContactIdLoader, session, viewer)
    counts = make(loaders.AmlScreeningCountByContactIdLoader, session, viewer)
    request = PageRequest.of(first=2)

    (ada_rows, bob_rows), totals = await asyncio.gather(
        asyncio.gather(pages.load((ada.id, request)), pages.load((bob.id, request))),
        counts.load_many([ada.id, bob.id]),
    )

    assert [r.AmlScreening.screened_at for r in ada_rows] == [
        START + timedelta(hours=2),
        START + timedelta(hours=1),
        START,
    ]
    assert len(bob_rows) == 1
    assert totals == [3, 1]


async def test_a_cursor_of_another_tab_is_refused(session, viewer):
    contact = await create_contact(session, viewer)
    await add_kyc(session, viewer, contact.id)
    loader = make(loaders.AmlScreeningsByContactIdLoader, session, viewer)
    cursor = encode_cursor(repository.KYC_ORDER, START.isoformat(), contact.id)

    with pytest.raises(InvalidCursor):
        await loader.load((contact.id, PageRequest.of(first=1, after=cursor)))


async def test_each_loader_costs_one_statement_for_many_contacts(
    session, viewer, statements
):
    contacts = [
        await create_contact(session, viewer, given_name=f"P{n}") for n in range(50)
    ]
    for contact in contacts[:5]:
        await add_identity(session, viewer, contact.id)
        await add_kyc(session, viewer, contact.id)
        await add_aml(session, viewer, contact.id)
        await add_right_to_rent(session, viewer, contact.id)
    request = PageRequest.of(first=5)
    classes = (
        loaders.IdentityDocumentsByContactIdLoader,
        loaders.KycChecksByContactIdLoader,
        loaders.AmlScreeningsByContactIdLoader,
        loaders.RightToRentChecksByContactIdLoader,
    )
    counters = (
        loaders.IdentityDocumentCountByContactIdLoader,
        loaders.KycCheckCountByContactIdLoader,
        loaders.AmlScreeningCountByContactIdLoader,
        loaders.RightToRentCheckCountByContactIdLoader,
    )
    statements.statements.clear()

    for cls in classes:
        await make(cls, session, viewer).load_many([(c.id, request) for c in contacts])
    for cls in counters:
        await make(cls, session, viewer).load_many([c.id for c in contacts])

    assert len(statements) == len(classes) + len(counters)


async def test_demo_records_follow_the_roles(session, viewer):
    roles = ("CLIENT", "INVESTOR", "OWNER", "TENANT", "EMPLOYEE", "VENDOR")
    contacts = [
        await create_contact(session, viewer, given_name=role.title(), role=role)
        for role in roles
    ]

    added = await seed_compliance_records(session, viewer, contacts)
    ids = [c.id for c in contacts]
    totals = {
        name: await make(cls, session, viewer).load_many(ids)
        for name, cls in (
            ("identity", loaders.IdentityDocumentCountByContactIdLoader),
            ("kyc", loaders.KycCheckCountByContactIdLoader),
            ("aml", loaders.AmlScreeningCountByContactIdLoader),
            ("rightToRent", loaders.RightToRentCheckCountByContactIdLoader),
        )
    }

    assert totals == {
        "identity": [1, 1, 1, 1, 1, 0],
        "kyc": [1, 1, 1, 1, 0, 0],
        "aml": [1, 1, 1, 1, 0, 0],
        "rightToRent": [0, 0, 0, 1, 0, 0],
    }
    assert added == 14
