"""Create linked_records: records other products own, written against a contact.

The table is a tenant table like those of 0002: row-level security on
``tenant_id`` and every privilege for the ``contacts_app`` role.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from contacts_graph.db.tenancy import isolate_tenant_table, release_tenant_table

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PRODUCTS = "'DEALS', 'OPS', 'INBOX', 'MAIL', 'ASSURE', 'CALENDAR', 'BOX', 'ADS'"


def upgrade() -> None:
    op.create_table(
        "linked_records",
        sa.Column("contact_id", sa.Uuid(), nullable=False),
        sa.Column("product", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("status", sa.String(length=50), nullable=True),
        sa.Column("amount", sa.Numeric(precision=18, scale=2), nullable=True),
        sa.Column("currency", sa.CHAR(length=3), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "payload",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default="{}",
            nullable=False,
        ),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            f"product IN ({PRODUCTS})",
            name=op.f("ck_linked_records_product_known"),
        ),
        sa.CheckConstraint(
            "currency ~ '^[A-Z]{3}$'", name=op.f("ck_linked_records_currency_code")
        ),
        sa.CheckConstraint(
            "(amount IS NULL) = (currency IS NULL)",
            name=op.f("ck_linked_records_amount_currency"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "contact_id"],
            ["contacts.tenant_id", "contacts.id"],
            name=op.f("fk_linked_records_tenant_id_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_linked_records")),
        sa.UniqueConstraint(
            "tenant_id",
            "product",
            "kind",
            "external_id",
            name=op.f("uq_linked_records_tenant_id_product_kind_external_id"),
        ),
    )
    op.create_index(
        "ix_linked_records_contact",
        "linked_records",
        ["tenant_id", "contact_id", sa.text("occurred_at DESC"), sa.text("id DESC")],
        unique=False,
    )

    isolate_tenant_table("linked_records")


def downgrade() -> None:
    release_tenant_table("linked_records")
    op.drop_index("ix_linked_records_contact", table_name="linked_records")
    op.drop_table("linked_records")
