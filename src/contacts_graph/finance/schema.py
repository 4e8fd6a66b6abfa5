"""Mutations of the financial tabs: add, edit and remove each kind of record."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.contacts.mutations import contact_id_of
from contacts_graph.context import Info
from contacts_graph.finance import models, service
from contacts_graph.finance.types import (
    Invoice,
    InvoiceStatus,
    LedgerDirection,
    LedgerEntry,
    LedgerEntryKind,
    LedgerEntryStatus,
    Payment,
    PaymentMethod,
)
from contacts_graph.graphql.errors import UserError, attempt

UNSET: Any = strawberry.UNSET


def _values(source: Any, *, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """Return the fields the caller gave, snake_case, with enums as their names."""
    values = {
        key: getattr(value, "value", value)
        for key, value in vars(source).items()
        if value is not strawberry.UNSET and key not in exclude
    }
    if "invoice_id" in values and values["invoice_id"] is not None:
        values["invoice_id"] = contact_id_of(values["invoice_id"], "invoiceId")
    return values


@strawberry.input(
    description="Fields of a ledger entry. Omitted fields are left alone."
)
class LedgerEntryFieldsInput:
    direction: LedgerDirection | None = strawberry.field(  # type: ignore[valid-type]
        default=UNSET, description="Debit or credit."
    )
    amount: Decimal | None = strawberry.field(
        default=UNSET, description="More than 0, at most 2 decimals; pass a string."
    )
    currency: str | None = strawberry.field(
        default=UNSET, description="ISO 4217 code, e.g. EUR."
    )
    description: str | None = strawberry.field(
        default=UNSET, description="What it is for, at most 500 characters."
    )
    booked_at: datetime | None = strawberry.field(
        default=UNSET, description="When it was booked, with a time zone."
    )
    status: LedgerEntryStatus | None = strawberry.field(  # type: ignore[valid-type]
        default=UNSET, description="Where it stands."
    )
    kind: LedgerEntryKind | None = strawberry.field(  # type: ignore[valid-type]
        default=UNSET, description="What it records."
    )


@strawberry.input(description="A ledger entry to book against a contact.")
class AddLedgerEntryInput(LedgerEntryFieldsInput):
    contact_id: strawberry.ID = strawberry.field(description="The contact.")


@strawberry.input(description="Changes to a ledger entry.")
class EditLedgerEntryInput(LedgerEntryFieldsInput):
    id: strawberry.ID = strawberry.field(description="The entry to change.")


@strawberry.input(description="Fields of an invoice. Omitted fields are left alone.")
class InvoiceFieldsInput:
    number: str | None = strawberry.field(
        default=UNSET, description="Unique in the tenant, at most 50 characters."
    )
    issued_on: date | None = strawberry.field(
        default=UNSET, description="Day of issue."
    )
    due_on: date | None = strawberry.field(
        default=UNSET, description="Day payment is due; on or after issuedOn."
    )
    currency: str | None = strawberry.field(
        default=UNSET, description="ISO 4217 code, e.g. EUR."
    )
    total: Decimal | None = strawberry.field(
        default=UNSET, description="0 or more, at most 2 decimals; pass a string."
    )
    status: InvoiceStatus | None = strawberry.field(  # type: ignore[valid-type]
        default=UNSET, description="DRAFT, OPEN, PAID or VOID; OVERDUE is derived."
    )
    description: str | None = strawberry.field(
        default=UNSET, description="What it is for, at most 500 characters."
    )


@strawberry.input(description="An invoice to issue to a contact.")
class AddInvoiceInput(InvoiceFieldsInput):
    contact_id: strawberry.ID = strawberry.field(description="The contact.")


@strawberry.input(description="Changes to an invoice.")
class EditInvoiceInput(InvoiceFieldsInput):
    id: strawberry.ID = strawberry.field(description="The invoice to change.")


@strawberry.input(description="Fields of a payment. Omitted fields are left alone.")
class PaymentFieldsInput:
    invoice_id: strawberry.ID | None = strawberry.field(
        default=UNSET,
        description="The contact's invoice it pays, in the same currency; null for none.",
    )
    amount: Decimal | None = strawberry.field(
        default=UNSET, description="More than 0, at most 2 decimals; pass a string."
    )
    currency: str | None = strawberry.field(
        default=UNSET, description="ISO 4217 code, e.g. EUR."
    )
    paid_at: datetime | None = strawberry.field(
        default=UNSET, description="When it was paid, with a time zone."
    )
    method: PaymentMethod | None = strawberry.field(  # type: ignore[valid-type]
        default=UNSET, description="How it was paid."
    )
    reference: str | None = strawberry.field(
        default=UNSET, description="Bank or card reference, at most 100 characters."
    )


@strawberry.input(description="A payment the contact made.")
class AddPaymentInput(PaymentFieldsInput):
    contact_id: strawberry.ID = strawberry.field(description="The contact.")


@strawberry.input(description="Changes to a payment.")
class EditPaymentInput(PaymentFieldsInput):
    id: strawberry.ID = strawberry.field(description="The payment to change.")


@strawberry.type(
    description="Result of addLedgerEntry, editLedgerEntry, removeLedgerEntry."
)
class LedgerEntryPayload:
    ledger_entry: LedgerEntry | None = strawberry.field(
        description="The entry (as it was, for a removal)."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing changed.")


@strawberry.type(description="Result of addInvoice, editInvoice and removeInvoice.")
class InvoicePayload:
    invoice: Invoice | None = strawberry.field(
        description="The invoice (as it was, for a removal)."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing changed.")


@strawberry.type(description="Result of addPayment, editPayment and removePayment.")
class PaymentPayload:
    payment: Payment | None = strawberry.field(
        description="The payment (as it was, for a removal)."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing changed.")


async def _run(info: Info, model: Any, verb: str, id_: Any, input: Any = None) -> Any:
    """Check the permission and run one service call through ``attempt``."""
    info.context.require("contacts:write")
    viewer = info.context.viewer

    async def act(session: AsyncSession) -> Any:
        if verb == "add":
            contact_id = contact_id_of(id_, "contactId")
            values = _values(input, exclude=("contact_id",))
            return await service.add_record(session, viewer, model, contact_id, values)
        record_id: uuid.UUID = contact_id_of(id_, "id")
        if verb == "edit":
            values = _values(input, exclude=("id",))
            return await service.edit_record(session, viewer, model, record_id, values)
        return await service.remove_record(session, viewer, model, record_id)

    return await attempt(info, act)


def _ledger(result: tuple[Any, list[UserError]]) -> LedgerEntryPayload:
    row, errors = result
    node = LedgerEntry.from_model(row) if row else None
    return LedgerEntryPayload(ledger_entry=node, user_errors=errors)


def _invoice(result: tuple[Any, list[UserError]]) -> InvoicePayload:
    row, errors = result
    return InvoicePayload(
        invoice=Invoice.from_model(row) if row else None, user_errors=errors
    )


def _payment(result: tuple[Any, list[UserError]]) -> PaymentPayload:
    row, errors = result
    return PaymentPayload(
        payment=Payment.from_model(row) if row else None, user_errors=errors
    )


@strawberry.type
class FinanceMutations:
    @strawberry.mutation(description="Book a ledger entry against a contact.")
    async def add_ledger_entry(
        self, info: Info, input: AddLedgerEntryInput
    ) -> LedgerEntryPayload:
        return _ledger(
            await _run(info, models.LedgerEntry, "add", input.contact_id, input)
        )

    @strawberry.mutation(description="Change fields of a ledger entry.")
    async def edit_ledger_entry(
        self, info: Info, input: EditLedgerEntryInput
    ) -> LedgerEntryPayload:
        return _ledger(await _run(info, models.LedgerEntry, "edit", input.id, input))

    @strawberry.mutation(description="Remove a ledger entry.")
    async def remove_ledger_entry(
        self, info: Info, id: strawberry.ID
    ) -> LedgerEntryPayload:
        return _ledger(await _run(info, models.LedgerEntry, "remove", id))

    @strawberry.mutation(description="Issue an invoice to a contact.")
    async def add_invoice(self, info: Info, input: AddInvoiceInput) -> InvoicePayload:
        return _invoice(
            await _run(info, models.Invoice, "add", input.contact_id, input)
        )

    @strawberry.mutation(description="Change fields of an invoice.")
    async def edit_invoice(self, info: Info, input: EditInvoiceInput) -> InvoicePayload:
        return _invoice(await _run(info, models.Invoice, "edit", input.id, input))

    @strawberry.mutation(
        description="Remove an invoice; its payments stay, without an invoice."
    )
    async def remove_invoice(self, info: Info, id: strawberry.ID) -> InvoicePayload:
        return _invoice(await _run(info, models.Invoice, "remove", id))

    @strawberry.mutation(description="Record a payment a contact made.")
    async def add_payment(self, info: Info, input: AddPaymentInput) -> PaymentPayload:
        return _payment(
            await _run(info, models.Payment, "add", input.contact_id, input)
        )

    @strawberry.mutation(description="Change fields of a payment.")
    async def edit_payment(self, info: Info, input: EditPaymentInput) -> PaymentPayload:
        return _payment(await _run(info, models.Payment, "edit", input.id, input))

    @strawberry.mutation(description="Remove a payment.")
    async def remove_payment(self, info: Info, id: strawberry.ID) -> PaymentPayload:
        return _payment(await _run(info, models.Payment, "remove", id))
