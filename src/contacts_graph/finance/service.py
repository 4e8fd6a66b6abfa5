"""Add, edit and remove a contact's ledger entries, invoices and payments.

Every change is checked as a whole record, audited against the contact and
announced as ``contact.updated``. Services only flush; the edge commits.
"""

import uuid
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.audit.service import changed_fields, record_change
from contacts_graph.auth.sessions import Viewer
from contacts_graph.contacts.service import get_live_contact
from contacts_graph.errors import NotFound, ValidationFailed
from contacts_graph.finance import repository, validation
from contacts_graph.finance.models import Invoice, LedgerEntry, Payment

Cleaner = Callable[[Mapping[str, Any]], dict[str, Any]]

# The stored fields of each record: they make the audit's before and after.
FIELDS: dict[Any, tuple[str, ...]] = {
    LedgerEntry: (
        "direction",
        "amount",
        "currency",
        "description",
        "booked_at",
        "status",
        "kind",
    ),
    Invoice: (
        "number",
        "issued_on",
        "due_on",
        "currency",
        "total",
        "status",
        "description",
    ),
    Payment: ("invoice_id", "amount", "currency", "paid_at", "method", "reference"),
}
# Audit action prefix and the words of a NOT_FOUND message.
NAMES = {LedgerEntry: "ledger_entry", Invoice: "invoice", Payment: "payment"}
CLEANERS: dict[Any, Cleaner] = {
    LedgerEntry: validation.clean_ledger_entry,
    Invoice: validation.clean_invoice,
    Payment: validation.clean_payment,
}


def _state(model: Any, values: Mapping[str, Any]) -> dict[str, Any]:
    # Amounts go to the audit's JSON as exact strings, never as floats.
    return {
        key: str(v) if isinstance(v := values.get(key), Decimal) else v
        for key in FIELDS[model]
    }


def _audit(
    session: AsyncSession, viewer: Viewer, row: Any, verb: str, changes: dict[str, Any]
) -> None:
    name = NAMES[type(row)]
    record_change(
        session,
        viewer,
        action=f"{name}.{verb}",
        entity_type="contact",
        entity_id=row.contact_id,
        # Names the record whose fields changed.
        changes={**changes, f"{name}_id": str(row.id)},
        event="contact.updated",
    )


async def _check_number(
    session: AsyncSession, viewer: Viewer, values: Mapping[str, Any], own_id: Any
) -> None:
    taken = await repository.invoice_id_by_number(
        session, viewer.tenant_id, values["number"]
    )
    if taken is not None and taken != own_id:
        raise ValidationFailed.one(
            "number", "DUPLICATE_NUMBER", "Another invoice already has that number."
        )


async def _check_invoice(
    session: AsyncSession, viewer: Viewer, values: Mapping[str, Any], contact_id: Any
) -> None:
    """A payment's invoice is the same contact's, in the same currency."""
    if values.get("invoice_id") is None:
        return
    invoice = await repository.find(
        session, Invoice, viewer.tenant_id, values["invoice_id"]
    )
    if invoice is None:
        raise NotFound("invoice", "invoiceId")
    if invoice.contact_id != contact_id:
        raise ValidationFailed.one(
            "invoiceId", "INVALID", "The invoice belongs to another contact."
        )
    if invoice.currency != values["currency"]:
        raise ValidationFailed.one(
            "currency", "INVALID", "A payment is in the currency of its invoice."
        )


async def _check_links(
    session: AsyncSession, viewer: Viewer, row: Any, values: Mapping[str, Any]
) -> None:
    if isinstance(row, Invoice):
        await _check_number(session, viewer, values, row.id)
    if isinstance(row, Payment):
        await _check_invoice(session, viewer, values, row.contact_id)


async def add_record(
    session: AsyncSession,
    viewer: Viewer,
    model: type[LedgerEntry] | type[Invoice] | type[Payment],
    contact_id: uuid.UUID,
    values: Mapping[str, Any],
) -> Any:
    """Add a ledger entry, invoice or payment to a live contact.

    Raises:
        ValidationFailed: every problem with ``values``.
        NotFound: no such contact (field ``contactId``) or invoice.
    """
    cleaned = CLEANERS[model]({key: values.get(key) for key in FIELDS[model]})
    contact = await get_live_contact(session, viewer, contact_id, field="contactId")
    row = model(
        id=uuid.uuid4(),
        tenant_id=viewer.tenant_id,
        contact_id=contact.id,
        **{key: cleaned[key] for key in FIELDS[model]},
    )
    await _check_links(session, viewer, row, cleaned)

    session.add(row)
    _audit(session, viewer, row, "add", changed_fields({}, _state(model, cleaned)))
    await session.flush()
    return row


async def get_record(
    session: AsyncSession, viewer: Viewer, model: Any, record_id: uuid.UUID
) -> Any:
    """Return a record of the tenant, locked for a change, or raise NotFound."""
    row = await repository.find(session, model, viewer.tenant_id, record_id)
    if row is None:
        raise NotFound(NAMES[model].replace("_", " "), "id")
    return row


async def edit_record(
    session: AsyncSession,
    viewer: Viewer,
    model: type[LedgerEntry] | type[Invoice] | type[Payment],
    record_id: uuid.UUID,
    values: Mapping[str, Any],
) -> Any:
    """Change fields of a record; omitted fields keep their values."""
    row = await get_record(session, viewer, model, record_id)
    before = {key: getattr(row, key) for key in FIELDS[model]}
    cleaned = CLEANERS[model]({**before, **values})
    changes = changed_fields(_state(model, before), _state(model, cleaned))
    if not changes:
        return row
    await _check_links(session, viewer, row, cleaned)

    for key in FIELDS[model]:
        setattr(row, key, cleaned[key])
    _audit(session, viewer, row, "edit", changes)
    await session.flush()
    return row


async def remove_record(
    session: AsyncSession,
    viewer: Viewer,
    model: type[LedgerEntry] | type[Invoice] | type[Payment],
    record_id: uuid.UUID,
) -> Any:
    """Remove a record; an invoice's payments stay, without their invoice."""
    row = await get_record(session, viewer, model, record_id)
    state = _state(model, {key: getattr(row, key) for key in FIELDS[model]})
    await session.delete(row)
    _audit(session, viewer, row, "remove", changed_fields(state, {}))
    await session.flush()
    return row


async def lifetime_value(
    session: AsyncSession, viewer: Viewer, contact_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[tuple[str, Decimal]]]:
    """Return lifetime value per contact and currency; see the repository's rule."""
    return await repository.lifetime_value(session, viewer.tenant_id, contact_ids)
