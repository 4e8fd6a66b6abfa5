"""The relationship graph: directed, typed edges between two contacts."""

import uuid
from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKeyConstraint,
    Index,
    String,
    UniqueConstraint,
    Uuid,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from contacts_graph.db.base import Base, TenantScoped, tenant_fk


class Relationship(TenantScoped, Base):
    """``to_contact`` is ``from_contact``'s ``kind`` (its PARENT, its EMPLOYER…).

    Every link is stored as a pair of rows, one per direction with the inverse
    kind, so a contact's relationships and each hop of a graph walk read one
    index on ``from_contact_id``.
    """

    __tablename__ = "relationships"

    from_contact_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    to_contact_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )

    __table_args__ = (
        ForeignKeyConstraint(
            *tenant_fk("from_contact_id", "contacts"), ondelete="CASCADE"
        ),
        ForeignKeyConstraint(
            *tenant_fk("to_contact_id", "contacts"), ondelete="CASCADE"
        ),
        UniqueConstraint("tenant_id", "from_contact_id", "to_contact_id", "kind"),
        CheckConstraint("from_contact_id <> to_contact_id", name="not_self"),
        CheckConstraint(
            "kind IN ('PARENT','CHILD','SPOUSE','SIBLING','EMPLOYER','EMPLOYEE',"
            "'REFERRER','REFERRED')",
            name="kind_known",
        ),
        Index("ix_relationships_to", "tenant_id", "to_contact_id"),
    )
