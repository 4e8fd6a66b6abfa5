"""Loaders of the role tabs: keyset pages newest first, counts, one statement."""

import asyncio
from datetime import date, timedelta

import pytest

from contacts_graph.db.request import RequestDatabase
from contacts_graph.pagination import (
    InvalidCursor,
    PageRequest,
    encode_cursor,
    trim_page,
)
from contacts_graph.roles import loaders, repository
from tests.factories import create_contact
from tests.roles.helpers import add_employment, add_holding, add_investment, add_tenancy

START = date(2026, 1, 1)


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


async def test_tenancy_pages_walk_newest_first_both_ways(session, viewer):
    contact = await create_contact(session, viewer, role="TENANT")
    for n in range(5):
        await add_tenancy(
            session,
            viewer,
            contact.id,
            starts_on=START + timedelta(days=n),
            rent=f"{n + 1}.00",
        )
    # Two tenancies starting the same day are ordered by id.
    await add_tenancy(session, viewer, contact.id, starts_on=START, rent="9.00")
    loader = make(loaders.TenanciesByContactIdLoader, session, viewer)
    order = repository.TENANCY_ORDER

    first, cursors, more = await page(loader, contact.id, "Tenancy", order, first=4)
    rest, _, more_after = await page(
        loader, contact.id, "Tenancy", order, first=4, after=cursors[-1]
    )
    back, _, more_before = await page(
        loader, contact.id, "Tenancy", order, last=2, before=cursors[-1]
    )

    rents = [str(t.rent) for t in first + rest]
    assert rents[:4] == ["5.00", "4.00", "3.00", "2.00"]
    assert sorted(rents[4:]) == ["1.00", "9.00"]
    assert (more, more_after, more_before) == (True, False, True)
    assert [str(t.rent) for t in back] == ["4.00", "3.00"]


async def test_properties_without_an_acquisition_day_come_last(session, viewer):
    contact = await create_contact(session, viewer, role="OWNER")
    await add_holding(session, viewer, contact.id, name="unknown", acquired_on=None)
    for year in (2019, 2021, 2020):
        await add_holding(
            session, viewer, contact.id, name=str(year), acquired_on=date(year, 5, 1)
        )
    loader = make(loaders.PropertyHoldingsByContactIdLoader, session, viewer)
    order = repository.PROPERTY_ORDER

    first, cursors, _ = await page(
        loader, contact.id, "PropertyHolding", order, first=2
    )
    rest, _, more = await page(
        loader, contact.id, "PropertyHolding", order, first=2, after=cursors[-1]
    )

    assert [p.name for p in first + rest] == ["2021", "2020", "2019", "unknown"]
    assert more is False


async def test_investment_and_job_pages_and_counts_per_contact(session, viewer):
    ada = await create_contact(session, viewer, role="INVESTOR")
    bob = await create_contact(session, viewer, given_name="Bob", role="EMPLOYEE")
    for n in range(3):
        await add_investment(
            session, viewer, ada.id, invested_on=START + timedelta(days=n)
        )
    await add_employment(session, viewer, bob.id)
    investments = make(loaders.InvestmentsByContactIdLoader, session, viewer)
    jobs = make(loaders.EmploymentsByContactIdLoader, session, viewer)
    counts = make(loaders.InvestmentCountByContactIdLoader, session, viewer)
    request = PageRequest.of(first=2)

    (ada_rows, bob_rows), totals, (bob_jobs,) = await asyncio.gather(
        asyncio.gather(
            investments.load((ada.id, request)), investments.load((bob.id, request))
        ),
        counts.load_many([ada.id, bob.id]),
        asyncio.gather(jobs.load((bob.id, request))),
    )

    assert [r.Investment.invested_on for r in ada_rows] == [
        START + timedelta(days=2),
        START + timedelta(days=1),
        START,
    ]
    assert bob_rows == []
    assert totals == [3, 0]
    assert len(bob_jobs) == 1


async def test_a_cursor_of_another_tab_is_refused(session, viewer):
    contact = await create_contact(session, viewer)
    loader = make(loaders.EmploymentsByContactIdLoader, session, viewer)
    cursor = encode_cursor(repository.TENANCY_ORDER, "2026-01-01T00:00:00", contact.id)

    with pytest.raises(InvalidCursor):
        await loader.load((contact.id, PageRequest.of(first=1, after=cursor)))


async def test_each_loader_costs_one_statement_for_many_contacts(
    session, viewer, statements
):
    contacts = [
        await create_contact(session, viewer, given_name=f"P{n}") for n in range(50)
    ]
    for contact in contacts[:5]:
        await add_tenancy(session, viewer, contact.id)
        await add_holding(session, viewer, contact.id)
        await add_investment(session, viewer, contact.id)
        await add_employment(session, viewer, contact.id)
    request = PageRequest.of(first=5)
    pagers = (
        loaders.TenanciesByContactIdLoader,
        loaders.PropertyHoldingsByContactIdLoader,
        loaders.InvestmentsByContactIdLoader,
        loaders.EmploymentsByContactIdLoader,
    )
    counters = (
        loaders.TenancyCountByContactIdLoader,
        loaders.PropertyHoldingCountByContactIdLoader,
        loaders.InvestmentCountByContactIdLoader,
        loaders.EmploymentCountByContactIdLoader,
    )
    statements.statements.clear()

    for cls in pagers:
        pages = await make(cls, session, viewer).load_many(
            [(c.id, request) for c in contacts]
        )
        assert sum(map(len, pages)) == 5
    for cls in counters:
        totals = await make(cls, session, viewer).load_many([c.id for c in contacts])
        assert sum(totals) == 5

    assert len(statements) == len(pagers) + len(counters)
