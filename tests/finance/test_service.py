"""The financial services, straight through the fixtures' session."""

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text

from contacts_graph.audit.models import AuditEntry, OutboxEvent
from contacts_graph.db.session import tenant_session
from contacts_graph.errors import NotFound, ValidationFailed
from contacts_graph.finance import service
from contacts_graph.finance.models import Invoice, LedgerEntry, Payment
from contacts_graph.finance.types import invoice_status
from tests.factories import create_contact
from tests.finance.helpers import add_entry, add_invoice, add_payment


def codes(failure: pytest.ExceptionInfo[ValidationFailed]) -> dict[str, str]:
    return {e.field: e.code for e in failure.value.errors}


async def count(session, model) -> int:
    return (await session.execute(select(func.count()).select_from(model))).scalar_one()


async def test_a_ledger_entry_is_stored_exactly_and_audited(session, viewer):
    contact = await create_contact(session, viewer)

    entry = await add_entry(session, viewer, contact.id, "0.10", currency="eur")

    assert entry.amount == Decimal("0.10")
    assert entry.currency == "EUR"
    audit = (
        await session.execute(
            select(AuditEntry).where(AuditEntry.action == "ledger_entry.add")
        )
    ).scalar_one()
    assert audit.entity_id == contact.id
    assert audit.changes["amount"] == {"before": None, "after": "0.10"}
    assert audit.changes["ledger_entry_id"] == str(entry.id)
    events = await session.execute(
        select(OutboxEvent.event_type).where(OutboxEvent.entity_id == contact.id)
    )
    assert "contact.updated" in events.scalars().all()


async def test_bad_ledger_input_reports_every_field_and_stores_nothing(session, viewer):
    contact = await create_contact(session, viewer)

    with pytest.raises(ValidationFailed) as failure:
        await service.add_record(
            session,
            viewer,
            LedgerEntry,
            contact.id,
            {
                "direction": "SIDEWAYS",
                "amount": Decimal("1.005"),
                "currency": "EURO",
                "description": "x" * 501,
                "booked_at": datetime(2026, 1, 1),
                "status": None,
                "kind": "GIFT",
            },
        )

    assert codes(failure) == {
        "direction": "INVALID",
        "amount": "INVALID",
        "currency": "INVALID",
        "description": "TOO_LONG",
        "bookedAt": "INVALID",
        "status": "REQUIRED",
        "kind": "INVALID",
    }
    assert await count(session, LedgerEntry) == 0


@pytest.mark.parametrize(
    ("amount", "code"),
    [
        (Decimal("0"), "OUT_OF_RANGE"),
        (Decimal("-5.00"), "OUT_OF_RANGE"),
        (Decimal("1E16"), "OUT_OF_RANGE"),
        (Decimal("NaN"), "INVALID"),
        (0.1, "INVALID"),
        (None, "REQUIRED"),
    ],
)
async def test_amounts_are_positive_exact_and_in_range(session, viewer, amount, code):
    contact = await create_contact(session, viewer)

    with pytest.raises(ValidationFailed) as failure:
        await service.add_record(
            session,
            viewer,
            Payment,
            contact.id,
            {
                "amount": amount,
                "currency": "EUR",
                "paid_at": datetime.now(UTC),
                "method": "CASH",
            },
        )

    assert codes(failure) == {"amount": code}


async def test_a_missing_contact_is_named(session, viewer):
    with pytest.raises(NotFound) as failure:
        await add_entry(session, viewer, uuid.uuid4())

    assert failure.value.field == "contactId"


async def test_editing_checks_the_whole_record(session, viewer):
    contact = await create_contact(session, viewer)
    invoice = await add_invoice(session, viewer, contact.id, due_on=date(2026, 2, 1))

    with pytest.raises(ValidationFailed) as failure:
        await service.edit_record(
            session, viewer, Invoice, invoice.id, {"issued_on": date(2026, 3, 1)}
        )
    edited = await service.edit_record(
        session, viewer, Invoice, invoice.id, {"total": Decimal("0"), "number": " A-2 "}
    )

    assert codes(failure) == {"dueOn": "OUT_OF_RANGE"}
    assert (edited.total, edited.number) == (Decimal("0.00"), "A-2")


async def test_an_invoice_number_is_unique_per_tenant(
    app, session, viewer, other_viewer
):
    contact = await create_contact(session, viewer)
    await add_invoice(session, viewer, contact.id, "INV-7")
    second = await add_invoice(session, viewer, contact.id, "INV-8")

    with pytest.raises(ValidationFailed) as failure:
        await add_invoice(session, viewer, contact.id, "INV-7")
    with pytest.raises(ValidationFailed) as on_edit:
        await service.edit_record(
            session, viewer, Invoice, second.id, {"number": "INV-7"}
        )
    sessionmaker = app.state.services.sessionmaker
    async with tenant_session(sessionmaker, other_viewer.tenant_id) as other:
        elsewhere = await create_contact(other, other_viewer)
        taken_elsewhere = await add_invoice(other, other_viewer, elsewhere.id, "INV-7")

    assert codes(failure) == {"number": "DUPLICATE_NUMBER"}
    assert codes(on_edit) == {"number": "DUPLICATE_NUMBER"}
    assert taken_elsewhere.number == "INV-7"


async def test_overdue_is_derived_from_an_open_invoice_past_due(session, viewer):
    contact = await create_contact(session, viewer)
    invoice = await add_invoice(session, viewer, contact.id, due_on=date(2026, 1, 31))

    with pytest.raises(ValidationFailed) as failure:
        await service.edit_record(
            session, viewer, Invoice, invoice.id, {"status": "OVERDUE"}
        )

    assert codes(failure) == {"status": "INVALID"}
    assert invoice_status(invoice, date(2026, 1, 31)) == "OPEN"
    assert invoice_status(invoice, date(2026, 2, 1)) == "OVERDUE"
    invoice.status = "PAID"
    assert invoice_status(invoice, date(2026, 2, 1)) == "PAID"


async def test_a_payment_names_an_invoice_of_its_contact_in_its_currency(
    session, viewer
):
    contact = await create_contact(session, viewer)
    other = await create_contact(session, viewer, given_name="Bob")
    invoice = await add_invoice(session, viewer, contact.id)

    with pytest.raises(NotFound) as missing:
        await add_payment(session, viewer, contact.id, invoice_id=uuid.uuid4())
    with pytest.raises(ValidationFailed) as foreign:
        await add_payment(session, viewer, other.id, invoice_id=invoice.id)
    with pytest.raises(ValidationFailed) as currency:
        await add_payment(
            session, viewer, contact.id, invoice_id=invoice.id, currency="USD"
        )
    payment = await add_payment(session, viewer, contact.id, invoice_id=invoice.id)

    assert missing.value.field == "invoiceId"
    assert codes(foreign) == {"invoiceId": "INVALID"}
    assert codes(currency) == {"currency": "INVALID"}
    assert payment.invoice_id == invoice.id


async def test_removing_an_invoice_keeps_its_payments(session, viewer):
    contact = await create_contact(session, viewer)
    invoice = await add_invoice(session, viewer, contact.id)
    payment = await add_payment(session, viewer, contact.id, invoice_id=invoice.id)

    await service.remove_record(session, viewer, Invoice, invoice.id)
    await session.refresh(payment)

    assert payment.invoice_id is None
    assert payment.tenant_id == viewer.tenant_id
    assert await count(session, Invoice) == 0
    removed = (
        await session.execute(
            select(AuditEntry).where(AuditEntry.action == "invoice.remove")
        )
    ).scalar_one()
    assert removed.changes["number"] == {"before": "INV-1", "after": None}


async def test_remove_and_edit_of_an_unknown_record_name_the_id(session, viewer):
    for call in (
        service.remove_record(session, viewer, Payment, uuid.uuid4()),
        service.edit_record(session, viewer, LedgerEntry, uuid.uuid4(), {}),
    ):
        with pytest.raises(NotFound) as failure:
            await call
        assert failure.value.field == "id"


async def test_an_edit_that_changes_nothing_writes_no_audit(session, viewer):
    contact = await create_contact(session, viewer)
    entry = await add_entry(session, viewer, contact.id, "5.00")
    before = await count(session, AuditEntry)

    await service.edit_record(
        session, viewer, LedgerEntry, entry.id, {"amount": Decimal("5")}
    )

    assert await count(session, AuditEntry) == before


async def test_lifetime_value_counts_settled_payments_less_refunds_per_currency(
    session, viewer
):
    rich = await create_contact(session, viewer)
    plain = await create_contact(session, viewer, given_name="Bob")
    none = await create_contact(session, viewer, given_name="Cy")
    for amount, extra in (
        ("0.10", {}),
        ("0.20", {}),
        ("1000000000.01", {}),
        ("5.00", {"kind": "REFUND", "direction": "DEBIT"}),
        ("1.00", {"kind": "REFUND", "direction": "CREDIT"}),
        ("70.00", {"status": "PENDING"}),
        ("80.00", {"status": "VOID"}),
        ("90.00", {"kind": "REFUND", "status": "PENDING"}),
        ("99.00", {"kind": "CHARGE", "direction": "DEBIT"}),
        ("98.00", {"kind": "ADJUSTMENT"}),
        ("97.00", {"direction": "DEBIT"}),
    ):
        await add_entry(session, viewer, rich.id, amount, **extra)
    await add_entry(session, viewer, rich.id, "12.34", currency="GBP")
    await add_entry(session, viewer, rich.id, "3.00", currency="USD", kind="REFUND")
    await add_entry(session, viewer, plain.id, "0.30", currency="JPY")

    values = await service.lifetime_value(session, viewer, [rich.id, plain.id, none.id])

    assert values[rich.id] == [
        ("EUR", Decimal("999999994.31")),
        ("GBP", Decimal("12.34")),
        ("USD", Decimal("-3.00")),
    ]
    assert values[plain.id] == [("JPY", Decimal("0.30"))]
    assert none.id not in values
    assert all(isinstance(amount, Decimal) for _, amount in values[rich.id])


async def test_sums_are_exact(session, viewer):
    contact = await create_contact(session, viewer)
    await add_entry(session, viewer, contact.id, "0.10")
    await add_entry(session, viewer, contact.id, "0.20")

    values = await service.lifetime_value(session, viewer, [contact.id])

    assert values[contact.id] == [("EUR", Decimal("0.30"))]
    assert str(values[contact.id][0][1]) == "0.30"


async def test_other_tenants_see_none_of_it(app, session, viewer, other_viewer):
    contact = await create_contact(session, viewer)
    entry = await add_entry(session, viewer, contact.id)
    await add_invoice(session, viewer, contact.id)
    await add_payment(session, viewer, contact.id)
    await session.commit()

    sessionmaker = app.state.services.sessionmaker
    async with tenant_session(sessionmaker, other_viewer.tenant_id) as other:
        raw = [
            (await other.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()
            for table in ("ledger_entries", "invoices", "payments")
        ]
        with pytest.raises(NotFound):
            await service.remove_record(other, other_viewer, LedgerEntry, entry.id)
        with pytest.raises(NotFound):
            await add_entry(other, other_viewer, contact.id)
        value = await service.lifetime_value(other, other_viewer, [contact.id])

    assert raw == [0, 0, 0]
    assert value == {}
