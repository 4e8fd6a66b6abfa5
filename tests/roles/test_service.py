"""The role-record services, straight through the fixtures' session."""

import uuid
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text

from contacts_graph.audit.models import AuditEntry, OutboxEvent
from contacts_graph.contacts import service as contacts
from contacts_graph.db.session import tenant_session
from contacts_graph.errors import NotFound, ValidationFailed
from contacts_graph.roles import service
from contacts_graph.roles.demo import seed_role_records
from contacts_graph.roles.models import Employment, Investment, PropertyHolding, Tenancy
from contacts_graph.roles.types import tenancy_status
from tests.factories import create_contact
from tests.roles.helpers import add_employment, add_holding, add_investment, add_tenancy

TABLES = ("tenancies", "property_holdings", "investments", "employments")


def codes(failure: pytest.ExceptionInfo[ValidationFailed]) -> dict[str, str]:
    return {e.field: e.code for e in failure.value.errors}


async def count(session, model) -> int:
    return (await session.execute(select(func.count()).select_from(model))).scalar_one()


async def test_a_tenancy_is_stored_exactly_and_audited(session, viewer):
    contact = await create_contact(session, viewer, role="TENANT")

    tenancy = await add_tenancy(
        session, viewer, contact.id, rent="0.10", currency="gbp", deposit=Decimal(2)
    )

    assert (tenancy.rent, tenancy.deposit) == (Decimal("0.10"), Decimal("2.00"))
    assert tenancy.currency == "GBP"
    audit = (
        await session.execute(
            select(AuditEntry).where(AuditEntry.action == "tenancy.add")
        )
    ).scalar_one()
    assert audit.entity_id == contact.id
    assert audit.changes["rent"] == {"before": None, "after": "0.10"}
    assert audit.changes["tenancy_id"] == str(tenancy.id)
    events = await session.execute(
        select(OutboxEvent.event_type).where(OutboxEvent.entity_id == contact.id)
    )
    assert "contact.updated" in events.scalars().all()


@pytest.mark.parametrize(
    ("model", "values", "expected"),
    [
        (
            Tenancy,
            {
                "property_address": " ",
                "unit": "u" * 51,
                "starts_on": datetime(2026, 1, 1),
                "rent": -1,
                "currency": "EURO",
                "rent_period": "DAILY",
                "deposit": Decimal("1.001"),
            },
            {
                "propertyAddress": "REQUIRED",
                "unit": "TOO_LONG",
                "startsOn": "INVALID",
                "rent": "OUT_OF_RANGE",
                "currency": "INVALID",
                "rentPeriod": "INVALID",
                "deposit": "INVALID",
            },
        ),
        (
            PropertyHolding,
            {
                "name": "n" * 401,
                "kind": "CASTLE",
                "share_percent": Decimal("100.01"),
                "acquired_on": "2020-01-01",
                "value": 0.5,
            },
            {
                "name": "TOO_LONG",
                "kind": "INVALID",
                "sharePercent": "OUT_OF_RANGE",
                "acquiredOn": "INVALID",
                "value": "INVALID",
                "currency": "REQUIRED",
            },
        ),
        (
            Investment,
            {"name": None, "vehicle": None, "committed": Decimal("0"), "status": "X"},
            {
                "name": "REQUIRED",
                "vehicle": "REQUIRED",
                "committed": "OUT_OF_RANGE",
                "currency": "REQUIRED",
                "investedOn": "REQUIRED",
                "status": "INVALID",
            },
        ),
        (
            Employment,
            {
                "job_title": "t" * 201,
                "department": "d" * 201,
                "starts_on": date(2026, 2, 1),
                "ends_on": date(2026, 1, 31),
                "employment_type": "VOLUNTEER",
            },
            {
                "jobTitle": "TOO_LONG",
                "department": "TOO_LONG",
                "endsOn": "OUT_OF_RANGE",
                "employmentType": "INVALID",
            },
        ),
    ],
)
async def test_bad_input_reports_every_field_and_stores_nothing(
    session, viewer, model, values, expected
):
    contact = await create_contact(session, viewer)

    with pytest.raises(ValidationFailed) as failure:
        await service.add_record(session, viewer, model, contact.id, values)

    assert codes(failure) == expected
    assert await count(session, model) == 0


@pytest.mark.parametrize(
    ("share", "code"),
    [
        (Decimal("0"), "OUT_OF_RANGE"),
        (Decimal("-1"), "OUT_OF_RANGE"),
        (Decimal("100.5"), "OUT_OF_RANGE"),
        (Decimal("33.333"), "INVALID"),
        (Decimal("NaN"), "INVALID"),
        (33.3, "INVALID"),
        (None, "REQUIRED"),
    ],
)
async def test_a_share_is_exact_more_than_0_and_at_most_100(
    session, viewer, share, code
):
    contact = await create_contact(session, viewer)

    with pytest.raises(ValidationFailed) as failure:
        await add_holding(session, viewer, contact.id, share_percent=share)

    assert codes(failure) == {"sharePercent": code}


async def test_a_whole_share_and_a_value_with_its_currency(session, viewer):
    contact = await create_contact(session, viewer, role="OWNER")

    whole = await add_holding(
        session,
        viewer,
        contact.id,
        share_percent=100,
        value=Decimal("250000.5"),
        currency="usd",
    )
    bare = await add_holding(session, viewer, contact.id, acquired_on=None)
    with pytest.raises(ValidationFailed) as lone_currency:
        await add_holding(session, viewer, contact.id, currency="EUR")

    assert (whole.share_percent, whole.value) == (
        Decimal("100.00"),
        Decimal("250000.50"),
    )
    assert whole.currency == "USD"
    assert (bare.value, bare.currency, bare.acquired_on) == (None, None, None)
    assert codes(lone_currency) == {"value": "REQUIRED"}


async def test_editing_checks_the_whole_record(session, viewer):
    contact = await create_contact(session, viewer, role="TENANT")
    tenancy = await add_tenancy(session, viewer, contact.id, ends_on=date(2026, 12, 31))

    with pytest.raises(ValidationFailed) as failure:
        await service.edit_record(
            session, viewer, Tenancy, tenancy.id, {"starts_on": date(2027, 1, 1)}
        )
    edited = await service.edit_record(
        session, viewer, Tenancy, tenancy.id, {"ends_on": None, "unit": " 4B "}
    )

    assert codes(failure) == {"endsOn": "OUT_OF_RANGE"}
    assert (edited.ends_on, edited.unit) == (None, "4B")


async def test_tenancy_status_follows_the_dates(session, viewer):
    contact = await create_contact(session, viewer, role="TENANT")
    tenancy = await add_tenancy(
        session,
        viewer,
        contact.id,
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 6, 30),
    )

    assert tenancy_status(tenancy, date(2025, 12, 31)) == "UPCOMING"
    assert tenancy_status(tenancy, date(2026, 1, 1)) == "ACTIVE"
    assert tenancy_status(tenancy, date(2026, 6, 30)) == "ACTIVE"
    assert tenancy_status(tenancy, date(2026, 7, 1)) == "ENDED"
    tenancy.ends_on = None
    assert tenancy_status(tenancy, date(2030, 1, 1)) == "ACTIVE"


async def test_a_manager_is_another_live_contact_of_the_tenant(session, viewer):
    employee = await create_contact(session, viewer, role="EMPLOYEE")
    boss = await create_contact(session, viewer, given_name="Bo", role="EMPLOYEE")
    gone = await create_contact(session, viewer, given_name="Gone")
    await contacts.delete_contact(session, viewer, gone.id)

    with pytest.raises(ValidationFailed) as itself:
        await add_employment(
            session, viewer, employee.id, manager_contact_id=employee.id
        )
    for missing in (uuid.uuid4(), gone.id):
        with pytest.raises(NotFound) as failure:
            await add_employment(
                session, viewer, employee.id, manager_contact_id=missing
            )
        assert failure.value.field == "managerContactId"
    job = await add_employment(session, viewer, employee.id, manager_contact_id=boss.id)

    assert codes(itself) == {"managerContactId": "SELF_LINK"}
    assert job.manager_contact_id == boss.id


async def test_removing_the_manager_keeps_the_job(session, viewer):
    employee = await create_contact(session, viewer, role="EMPLOYEE")
    boss = await create_contact(session, viewer, given_name="Bo")
    job = await add_employment(session, viewer, employee.id, manager_contact_id=boss.id)

    # Contacts are soft-deleted; a hard delete (a purge) is what the FK serves.
    await session.execute(
        text("DELETE FROM contacts WHERE tenant_id = :t AND id = :id"),
        {"t": viewer.tenant_id, "id": boss.id},
    )
    await session.refresh(job)

    assert job.manager_contact_id is None
    assert job.tenant_id == viewer.tenant_id


async def test_remove_writes_the_last_state_to_the_audit(session, viewer):
    contact = await create_contact(session, viewer, role="INVESTOR")
    investment = await add_investment(session, viewer, contact.id, committed="0.30")

    await service.remove_record(session, viewer, Investment, investment.id)

    assert await count(session, Investment) == 0
    removed = (
        await session.execute(
            select(AuditEntry).where(AuditEntry.action == "investment.remove")
        )
    ).scalar_one()
    assert removed.changes["committed"] == {"before": "0.30", "after": None}


async def test_remove_and_edit_of_an_unknown_record_name_the_id(session, viewer):
    for call in (
        service.remove_record(session, viewer, Tenancy, uuid.uuid4()),
        service.edit_record(session, viewer, Employment, uuid.uuid4(), {}),
    ):
        with pytest.raises(NotFound) as failure:
            await call
        assert failure.value.field == "id"


async def test_an_edit_that_changes_nothing_writes_no_audit(session, viewer):
    contact = await create_contact(session, viewer, role="INVESTOR")
    investment = await add_investment(session, viewer, contact.id, committed="5.00")
    before = await count(session, AuditEntry)

    await service.edit_record(
        session, viewer, Investment, investment.id, {"committed": Decimal("5")}
    )

    assert await count(session, AuditEntry) == before


async def test_other_tenants_see_none_of_it(app, session, viewer, other_viewer):
    contact = await create_contact(session, viewer, role="TENANT")
    tenancy = await add_tenancy(session, viewer, contact.id)
    await add_holding(session, viewer, contact.id)
    await add_investment(session, viewer, contact.id)
    await add_employment(session, viewer, contact.id)
    await session.commit()

    sessionmaker = app.state.services.sessionmaker
    async with tenant_session(sessionmaker, other_viewer.tenant_id) as other:
        raw = [
            (await other.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()
            for table in TABLES
        ]
        with pytest.raises(NotFound):
            await service.remove_record(other, other_viewer, Tenancy, tenancy.id)
        with pytest.raises(NotFound):
            await add_tenancy(other, other_viewer, contact.id)
        mine = await create_contact(other, other_viewer, role="EMPLOYEE")
        with pytest.raises(NotFound):
            await add_employment(
                other, other_viewer, mine.id, manager_contact_id=contact.id
            )

    assert raw == [0, 0, 0, 0]


async def test_the_demo_gives_each_role_its_records(session, viewer):
    people = [
        await create_contact(session, viewer, given_name=f"P{n}", role=role)
        for n, role in enumerate(("TENANT", "OWNER", "INVESTOR", "EMPLOYEE", "GUEST"))
    ]
    people.append(
        await create_contact(
            session, viewer, given_name="Two", role="EMPLOYEE", roles=["INVESTOR"]
        )
    )

    added = await seed_role_records(session, viewer, people)

    assert added == 6
    assert [
        await count(session, model)
        for model in (Tenancy, PropertyHolding, Investment, Employment)
    ] == [1, 1, 2, 2]
    jobs = (await session.scalars(select(Employment))).all()
    assert {job.manager_contact_id for job in jobs} == {None, people[3].id}
