"""Tags as records of their own, and the contacts that carry them."""

import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKeyConstraint, Index, String, Uuid, func, text
from sqlalchemy.orm import Mapped, mapped_column

from contacts_graph.db.base import Base, TenantScoped, tenant_fk


class Tag(TenantScoped, Base):
    __tablename__ = "tags"

    name: Mapped[str] = mapped_column(String(100))
    color: Mapped[str | None] = mapped_column(String(7))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )

    __table_args__ = (
        ForeignKeyConstraint(["tenant_id"], ["tenants.id"]),
        Index("uq_tags_name", "tenant_id", text("lower(name)"), unique=True),
    )


class ContactTag(Base):
    __tablename__ = "contact_tags"

    tenant_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    contact_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    tag_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )

    __table_args__ = (
        ForeignKeyConstraint(*tenant_fk("contact_id", "contacts"), ondelete="CASCADE"),
        ForeignKeyConstraint(*tenant_fk("tag_id", "tags"), ondelete="CASCADE"),
        Index("ix_contact_tags_tag", "tenant_id", "tag_id", "contact_id"),
    )
