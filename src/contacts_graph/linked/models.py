"""The linked_records table: records other products own, tied to a contact."""

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    CHAR,
    CheckConstraint,
    DateTime,
    ForeignKeyConstraint,
    Index,
    Numeric,
    String,
    UniqueConstraint,
    Uuid,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from contacts_graph.db.base import Base, TenantScoped, Timestamped, tenant_fk
from contacts_graph.linked.tabs import PRODUCTS

MAX_KIND = 40
MAX_EXTERNAL_ID = 200
MAX_TITLE = 300
MAX_STATUS = 50


class LinkedRecord(TenantScoped, Timestamped, Base):
    """A thread, deal, booking, send… that a product owns and writes here.

    ``(product, kind, external_id)`` is the product's own key, so writing the
    same record twice updates it instead of adding another.
    """

    __tablename__ = "linked_records"

    contact_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    product: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(MAX_KIND))
    external_id: Mapped[str] = mapped_column(String(MAX_EXTERNAL_ID))
    title: Mapped[str] = mapped_column(String(MAX_TITLE))
    status: Mapped[str | None] = mapped_column(String(MAX_STATUS))
    # Exact decimals: money never passes through floats.
    amount: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    currency: Mapped[str | None] = mapped_column(CHAR(3))
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    payload: Mapped[dict[str, Any]] = mapped_column(
        JSONB, server_default="{}", default=dict
    )

    __table_args__ = (
        ForeignKeyConstraint(*tenant_fk("contact_id", "contacts"), ondelete="CASCADE"),
        UniqueConstraint("tenant_id", "product", "kind", "external_id"),
        CheckConstraint(
            "product IN ({})".format(", ".join(f"'{p}'" for p in PRODUCTS)),
            name="product_known",
        ),
        CheckConstraint("currency ~ '^[A-Z]{3}$'", name="currency_code"),
        CheckConstraint(
            "(amount IS NULL) = (currency IS NULL)", name="amount_currency"
        ),
        # A tab pages a contact's records newest first, ties broken by id.
        Index(
            "ix_linked_records_contact",
            "tenant_id",
            "contact_id",
            text("occurred_at DESC"),
            text("id DESC"),
        ),
    )
