"""Add the ledger, invoices and payments tabs, tenant-isolated like the rest.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from contacts_graph.db.tenancy import isolate_tenant_table, release_tenant_table

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("ledger_entries", "invoices", "payments")
MONEY = sa.Numeric(18, 2)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _keys(table: str) -> list[Any]:
    """The tenant key, the contact foreign key and the currency check."""
    return [
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("contact_id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f(f"pk_{table}")),
        sa.ForeignKeyConstraint(
            ["tenant_id", "contact_id"],
            ["contacts.tenant_id", "contacts.id"],
            name=op.f(f"fk_{table}_tenant_id_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(
            "currency ~ '^[A-Z]{3}$'", name=op.f(f"ck_{table}_currency_code")
        ),
    ]


def _created_at() -> sa.Column:
    return sa.Column(
        "created_at",
        sa.DateTime(timezone=True),
        server_default=sa.text("now()"),
        nullable=False,
    )


def _create_ledger_entries() -> None:
    op.create_table(
        "ledger_entries",
        *_keys("ledger_entries"),
        sa.Column("direction", sa.String(6), nullable=False),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("currency", sa.CHAR(3), nullable=False),
        sa.Column("description", sa.String(500), nullable=True),
        sa.Column("booked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(7), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        _created_at(),
        sa.CheckConstraint(
            "amount > 0", name=op.f("ck_ledger_entries_amount_positive")
        ),
        sa.CheckConstraint(
            _one_of("direction", ("DEBIT", "CREDIT")),
            name=op.f("ck_ledger_entries_direction"),
        ),
        sa.CheckConstraint(
            _one_of("status", ("PENDING", "SETTLED", "VOID")),
            name=op.f("ck_ledger_entries_status"),
        ),
        sa.CheckConstraint(
            _one_of("kind", ("CHARGE", "PAYMENT", "REFUND", "ADJUSTMENT")),
            name=op.f("ck_ledger_entries_kind"),
        ),
    )
    op.create_index(
        "ix_ledger_entries_contact",
        "ledger_entries",
        ["tenant_id", "contact_id", "booked_at", "id"],
    )


def _create_invoices() -> None:
    op.create_table(
        "invoices",
        *_keys("invoices"),
        sa.Column("number", sa.String(50), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("currency", sa.CHAR(3), nullable=False),
        sa.Column("total", MONEY, nullable=False),
        sa.Column("status", sa.String(5), nullable=False),
        sa.Column("description", sa.String(500), nullable=True),
        _created_at(),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.UniqueConstraint(
            "tenant_id", "number", name=op.f("uq_invoices_tenant_id_number")
        ),
        sa.CheckConstraint("total >= 0", name=op.f("ck_invoices_total_not_negative")),
        sa.CheckConstraint(
            "due_on >= issued_on", name=op.f("ck_invoices_due_after_issue")
        ),
        sa.CheckConstraint(
            _one_of("status", ("DRAFT", "OPEN", "PAID", "VOID")),
            name=op.f("ck_invoices_status"),
        ),
    )
    op.create_index(
        "ix_invoices_contact",
        "invoices",
        ["tenant_id", "contact_id", "issued_on", "id"],
    )


def _create_payments() -> None:
    op.create_table(
        "payments",
        *_keys("payments"),
        sa.Column("invoice_id", sa.Uuid(), nullable=True),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("currency", sa.CHAR(3), nullable=False),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("method", sa.String(13), nullable=False),
        sa.Column("reference", sa.String(100), nullable=True),
        _created_at(),
        sa.CheckConstraint("amount > 0", name=op.f("ck_payments_amount_positive")),
        sa.CheckConstraint(
            _one_of(
                "method", ("CARD", "BANK_TRANSFER", "CASH", "DIRECT_DEBIT", "OTHER")
            ),
            name=op.f("ck_payments_method"),
        ),
    )
    # PostgreSQL 15's column list: removing an invoice nulls invoice_id only;
    # a plain SET NULL would null tenant_id too, which is part of the key.
    op.execute(
        "ALTER TABLE payments ADD CONSTRAINT fk_payments_tenant_id_invoice_id_invoices "
        "FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id) "
        "ON DELETE SET NULL (invoice_id)"
    )
    op.create_index(
        "ix_payments_contact", "payments", ["tenant_id", "contact_id", "paid_at", "id"]
    )
    op.create_index("ix_payments_invoice", "payments", ["tenant_id", "invoice_id"])


def upgrade() -> None:
    _create_ledger_entries()
    _create_invoices()
    _create_payments()
    for table in TABLES:
        isolate_tenant_table(table)


def downgrade() -> None:
    for table in reversed(TABLES):
        release_tenant_table(table)
        op.drop_table(table)
