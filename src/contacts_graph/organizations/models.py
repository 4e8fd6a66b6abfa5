"""Tables of organizations and the memberships that tie contacts to them."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKeyConstraint,
    Index,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from contacts_graph.db.base import Base, TenantScoped, Timestamped, tenant_fk


class Organization(TenantScoped, Timestamped, Base):
    __tablename__ = "organizations"

    name: Mapped[str] = mapped_column(String(300))
    domain: Mapped[str | None] = mapped_column(String(255))
    notes: Mapped[str | None] = mapped_column(Text)
    custom_fields: Mapped[dict[str, Any]] = mapped_column(
        JSONB, server_default="{}", default=dict
    )

    __table_args__ = (
        ForeignKeyConstraint(["tenant_id"], ["tenants.id"]),
        # Imports reuse an organization by name, so a name is unique per
        # tenant whatever its case.
        Index("uq_organizations_name", "tenant_id", text("lower(name)"), unique=True),
        Index(
            "ix_organizations_sort_name",
            "tenant_id",
            text('lower(name) COLLATE "C"'),
            "id",
        ),
        Index("ix_organizations_domain", "tenant_id", "domain"),
    )


class Membership(TenantScoped, Base):
    """A contact's place in an organization: title, role, and the primary flag."""

    __tablename__ = "memberships"

    contact_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    title: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(100))
    is_primary: Mapped[bool] = mapped_column(
        Boolean, server_default=text("false"), default=False
    )
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )

    __table_args__ = (
        ForeignKeyConstraint(*tenant_fk("contact_id", "contacts"), ondelete="CASCADE"),
        ForeignKeyConstraint(
            *tenant_fk("organization_id", "organizations"), ondelete="CASCADE"
        ),
        UniqueConstraint("tenant_id", "contact_id", "organization_id"),
        Index(
            "ix_memberships_organization", "tenant_id", "organization_id", "contact_id"
        ),
        # One main organization per contact.
        Index(
            "uq_memberships_primary",
            "tenant_id",
            "contact_id",
            unique=True,
            postgresql_where=text("is_primary"),
        ),
    )
