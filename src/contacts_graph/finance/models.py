"""Tables of the financial tabs: ledger entries, invoices and payments.

Money is ``NUMERIC(18, 2)`` and Python ``Decimal``; it never passes through a
float. Enumerations are text with a CHECK, as elsewhere in the schema.
"""

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CHAR,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKeyConstraint,
    Index,
    Numeric,
    String,
    UniqueConstraint,
    Uuid,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from contacts_graph.db.base import Base, TenantScoped, Timestamped, tenant_fk

MONEY = Numeric(18, 2)
CURRENCY_CHECK = "currency ~ '^[A-Z]{3}$'"


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


DIRECTIONS = ("DEBIT", "CREDIT")
ENTRY_STATUSES = ("PENDING", "SETTLED", "VOID")
ENTRY_KINDS = ("CHARGE", "PAYMENT", "REFUND", "ADJUSTMENT")
# OVERDUE is not stored: an OPEN invoice past its due date reads as OVERDUE.
INVOICE_STATUSES = ("DRAFT", "OPEN", "PAID", "VOID")
METHODS = ("CARD", "BANK_TRANSFER", "CASH", "DIRECT_DEBIT", "OTHER")


class LedgerEntry(TenantScoped, Base):
    """A debit or credit booked against a contact."""

    __tablename__ = "ledger_entries"

    contact_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    direction: Mapped[str] = mapped_column(String(6))
    amount: Mapped[Decimal] = mapped_column(MONEY)
    currency: Mapped[str] = mapped_column(CHAR(3))
    description: Mapped[str | None] = mapped_column(String(500))
    booked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(7))
    kind: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )

    __table_args__ = (
        ForeignKeyConstraint(*tenant_fk("contact_id", "contacts"), ondelete="CASCADE"),
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint(CURRENCY_CHECK, name="currency_code"),
        CheckConstraint(_one_of("direction", DIRECTIONS), name="direction"),
        CheckConstraint(_one_of("status", ENTRY_STATUSES), name="status"),
        CheckConstraint(_one_of("kind", ENTRY_KINDS), name="kind"),
        Index(
            "ix_ledger_entries_contact", "tenant_id", "contact_id", "booked_at", "id"
        ),
    )


class Invoice(TenantScoped, Timestamped, Base):
    """An invoice issued to a contact; its number is unique per tenant."""

    __tablename__ = "invoices"

    contact_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    number: Mapped[str] = mapped_column(String(50))
    issued_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(CHAR(3))
    total: Mapped[Decimal] = mapped_column(MONEY)
    status: Mapped[str] = mapped_column(String(5))
    description: Mapped[str | None] = mapped_column(String(500))

    __table_args__ = (
        ForeignKeyConstraint(*tenant_fk("contact_id", "contacts"), ondelete="CASCADE"),
        UniqueConstraint("tenant_id", "number"),
        CheckConstraint("total >= 0", name="total_not_negative"),
        CheckConstraint("due_on >= issued_on", name="due_after_issue"),
        CheckConstraint(CURRENCY_CHECK, name="currency_code"),
        CheckConstraint(_one_of("status", INVOICE_STATUSES), name="status"),
        Index("ix_invoices_contact", "tenant_id", "contact_id", "issued_on", "id"),
    )


class Payment(TenantScoped, Base):
    """Money a contact paid, optionally against one of its invoices."""

    __tablename__ = "payments"

    contact_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    invoice_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    amount: Mapped[Decimal] = mapped_column(MONEY)
    currency: Mapped[str] = mapped_column(CHAR(3))
    paid_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    method: Mapped[str] = mapped_column(String(13))
    reference: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )

    __table_args__ = (
        ForeignKeyConstraint(*tenant_fk("contact_id", "contacts"), ondelete="CASCADE"),
        # The migration writes ON DELETE SET NULL (invoice_id): PostgreSQL 15's
        # column list, so removing an invoice keeps the payment's tenant_id.
        # SQLAlchemy cannot render that list, hence no ondelete here.
        ForeignKeyConstraint(*tenant_fk("invoice_id", "invoices")),
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint(CURRENCY_CHECK, name="currency_code"),
        CheckConstraint(_one_of("method", METHODS), name="method"),
        Index("ix_payments_contact", "tenant_id", "contact_id", "paid_at", "id"),
        Index("ix_payments_invoice", "tenant_id", "invoice_id"),
    )
