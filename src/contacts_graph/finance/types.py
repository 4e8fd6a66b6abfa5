"""GraphQL types of the ledger, invoices and payments tabs, and of money."""

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import strawberry

from contacts_graph.context import Info
from contacts_graph.finance import models, repository
from contacts_graph.graphql.enums import described_enum
from contacts_graph.pagination import (
    PageInfo,
    PageRequest,
    encode_cursor,
    make_page_info,
    trim_page,
)

LedgerDirection = described_enum(
    "LedgerDirection",
    {"DEBIT": "The contact owes more.", "CREDIT": "The contact owes less."},
    "Which side of the contact's account an entry books.",
)
LedgerEntryStatus = described_enum(
    "LedgerEntryStatus",
    {
        "PENDING": "Booked, not settled yet.",
        "SETTLED": "Settled; counts towards lifetime value.",
        "VOID": "Cancelled; counts for nothing.",
    },
    "Where a ledger entry stands.",
)
LedgerEntryKind = described_enum(
    "LedgerEntryKind",
    {
        "CHARGE": "Something the contact is billed for.",
        "PAYMENT": "Money received from the contact.",
        "REFUND": "Money given back to the contact.",
        "ADJUSTMENT": "A correction.",
    },
    "What a ledger entry records.",
)
InvoiceStatus = described_enum(
    "InvoiceStatus",
    {
        "DRAFT": "Not sent yet.",
        "OPEN": "Sent and awaiting payment, not yet due.",
        "PAID": "Paid.",
        "VOID": "Cancelled.",
        "OVERDUE": "Open past its due date; derived, never set in an input.",
    },
    "Where an invoice stands.",
)
PaymentMethod = described_enum(
    "PaymentMethod",
    {
        "CARD": "A card payment.",
        "BANK_TRANSFER": "A bank transfer.",
        "CASH": "Cash.",
        "DIRECT_DEBIT": "A direct debit.",
        "OTHER": "Any other way.",
    },
    "How a payment was made.",
)


@strawberry.type(description="An exact amount of money in one currency.")
class Money:
    amount: Decimal = strawberry.field(
        description="The amount, exact, with at most 2 decimals (a string)."
    )
    currency: str = strawberry.field(description="ISO 4217 code, e.g. EUR.")


@strawberry.type(description="A debit or credit booked against the contact.")
class LedgerEntry:
    id: strawberry.ID = strawberry.field(description="Id of the entry.")
    direction: LedgerDirection = strawberry.field(description="Debit or credit.")  # type: ignore[valid-type]
    amount: Decimal = strawberry.field(description="Amount, more than 0, exact.")
    currency: str = strawberry.field(description="ISO 4217 code, e.g. EUR.")
    description: str | None = strawberry.field(description="What it is for.")
    booked_at: datetime = strawberry.field(description="When it was booked.")
    status: LedgerEntryStatus = strawberry.field(description="Where it stands.")  # type: ignore[valid-type]
    kind: LedgerEntryKind = strawberry.field(description="What it records.")  # type: ignore[valid-type]
    created_at: datetime = strawberry.field(description="When it was recorded.")

    @classmethod
    def from_model(cls, e: models.LedgerEntry) -> "LedgerEntry":
        return cls(
            id=strawberry.ID(str(e.id)),
            direction=LedgerDirection(e.direction),
            amount=e.amount,
            currency=e.currency,
            description=e.description,
            booked_at=e.booked_at,
            status=LedgerEntryStatus(e.status),
            kind=LedgerEntryKind(e.kind),
            created_at=e.created_at,
        )


def invoice_status(invoice: models.Invoice, today: date | None = None) -> str:
    """Return the stored status, or OVERDUE for an open invoice past due (UTC)."""
    today = today or datetime.now(UTC).date()
    if invoice.status == "OPEN" and invoice.due_on < today:
        return "OVERDUE"
    return invoice.status


@strawberry.type(description="An invoice issued to the contact.")
class Invoice:
    id: strawberry.ID = strawberry.field(description="Id of the invoice.")
    number: str = strawberry.field(description="Its number, unique in the tenant.")
    issued_on: date = strawberry.field(description="Day of issue.")
    due_on: date = strawberry.field(description="Day payment is due.")
    currency: str = strawberry.field(description="ISO 4217 code, e.g. EUR.")
    total: Decimal = strawberry.field(description="Total, 0 or more, exact.")
    status: InvoiceStatus = strawberry.field(  # type: ignore[valid-type]
        description="Stored status; OVERDUE when open past its due date (UTC)."
    )
    description: str | None = strawberry.field(description="What it is for.")

    @classmethod
    def from_model(cls, i: models.Invoice) -> "Invoice":
        return cls(
            id=strawberry.ID(str(i.id)),
            number=i.number,
            issued_on=i.issued_on,
            due_on=i.due_on,
            currency=i.currency,
            total=i.total,
            status=InvoiceStatus(invoice_status(i)),
            description=i.description,
        )


@strawberry.type(description="Money the contact paid.")
class Payment:
    id: strawberry.ID = strawberry.field(description="Id of the payment.")
    invoice_id: strawberry.ID | None = strawberry.field(
        description="The invoice it pays, if any; null once that invoice is removed."
    )
    amount: Decimal = strawberry.field(description="Amount, more than 0, exact.")
    currency: str = strawberry.field(description="ISO 4217 code, e.g. EUR.")
    paid_at: datetime = strawberry.field(description="When it was paid.")
    method: PaymentMethod = strawberry.field(description="How it was paid.")  # type: ignore[valid-type]
    reference: str | None = strawberry.field(description="Bank or card reference.")

    @classmethod
    def from_model(cls, p: models.Payment) -> "Payment":
        return cls(
            id=strawberry.ID(str(p.id)),
            invoice_id=strawberry.ID(str(p.invoice_id)) if p.invoice_id else None,
            amount=p.amount,
            currency=p.currency,
            paid_at=p.paid_at,
            method=PaymentMethod(p.method),
            reference=p.reference,
        )


@strawberry.type(description="A ledger entry in the tab.")
class LedgerEntryEdge:
    cursor: str = strawberry.field(description="Pass as after or before to page on.")
    node: LedgerEntry = strawberry.field(description="The entry.")


@strawberry.type(description="A contact's ledger, latest booked first.")
class LedgerEntryConnection:
    edges: list[LedgerEntryEdge] = strawberry.field(description="This page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")
    contact_id: strawberry.Private[uuid.UUID]

    @strawberry.field(description="How many ledger entries the contact has.")
    async def total_count(self, info: Info) -> int:
        return await info.context.loaders.ledger_entry_count_by_contact_id.load(
            self.contact_id
        )


@strawberry.type(description="An invoice in the tab.")
class InvoiceEdge:
    cursor: str = strawberry.field(description="Pass as after or before to page on.")
    node: Invoice = strawberry.field(description="The invoice.")


@strawberry.type(description="A contact's invoices, latest issued first.")
class InvoiceConnection:
    edges: list[InvoiceEdge] = strawberry.field(description="This page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")
    contact_id: strawberry.Private[uuid.UUID]

    @strawberry.field(description="How many invoices the contact has.")
    async def total_count(self, info: Info) -> int:
        return await info.context.loaders.invoice_count_by_contact_id.load(
            self.contact_id
        )


@strawberry.type(description="A payment in the tab.")
class PaymentEdge:
    cursor: str = strawberry.field(description="Pass as after or before to page on.")
    node: Payment = strawberry.field(description="The payment.")


@strawberry.type(description="A contact's payments, latest paid first.")
class PaymentConnection:
    edges: list[PaymentEdge] = strawberry.field(description="This page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")
    contact_id: strawberry.Private[uuid.UUID]

    @strawberry.field(description="How many payments the contact has.")
    async def total_count(self, info: Info) -> int:
        return await info.context.loaders.payment_count_by_contact_id.load(
            self.contact_id
        )


def _edges(
    rows: list[Any], order: str, attribute: str, node: Any, edge: Any
) -> list[Any]:
    return [
        edge(
            cursor=encode_cursor(order, row.sort_key, getattr(row, attribute).id),
            node=node.from_model(getattr(row, attribute)),
        )
        for row in rows
    ]


async def ledger(
    info: Info, contact_id: uuid.UUID, request: PageRequest
) -> LedgerEntryConnection:
    """Resolve the ledger tab."""
    info.context.require("contacts:read")
    rows = await info.context.loaders.ledger_entries_by_contact_id.load(
        (contact_id, request)
    )
    items, has_more = trim_page(rows, request)
    edges = _edges(
        items, repository.LEDGER_ORDER, "LedgerEntry", LedgerEntry, LedgerEntryEdge
    )
    cursors = [e.cursor for e in edges]
    return LedgerEntryConnection(
        edges=edges,
        page_info=make_page_info(cursors, has_more, request),
        contact_id=contact_id,
    )


async def invoices(
    info: Info, contact_id: uuid.UUID, request: PageRequest
) -> InvoiceConnection:
    """Resolve the invoices tab."""
    info.context.require("contacts:read")
    rows = await info.context.loaders.invoices_by_contact_id.load((contact_id, request))
    items, has_more = trim_page(rows, request)
    edges = _edges(items, repository.INVOICE_ORDER, "Invoice", Invoice, InvoiceEdge)
    cursors = [e.cursor for e in edges]
    return InvoiceConnection(
        edges=edges,
        page_info=make_page_info(cursors, has_more, request),
        contact_id=contact_id,
    )


async def payments(
    info: Info, contact_id: uuid.UUID, request: PageRequest
) -> PaymentConnection:
    """Resolve the payments tab."""
    info.context.require("contacts:read")
    rows = await info.context.loaders.payments_by_contact_id.load((contact_id, request))
    items, has_more = trim_page(rows, request)
    edges = _edges(items, repository.PAYMENT_ORDER, "Payment", Payment, PaymentEdge)
    cursors = [e.cursor for e in edges]
    return PaymentConnection(
        edges=edges,
        page_info=make_page_info(cursors, has_more, request),
        contact_id=contact_id,
    )


async def lifetime_value(info: Info, contact_id: uuid.UUID) -> list[Money]:
    """Resolve Contact.lifetimeValue: one Money per currency, by currency code."""
    info.context.require("contacts:read")
    values = await info.context.loaders.lifetime_value_by_contact_id.load(contact_id)
    return [Money(amount=amount, currency=currency) for currency, amount in values]
