"""The audit log and the outbox: what changed, and what others must hear of."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Index, String, Uuid, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from contacts_graph.db.base import Base, TenantScoped


class AuditEntry(TenantScoped, Base):
    """One change to record data: who, what, and the fields before and after."""

    __tablename__ = "audit_log"

    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(63))
    entity_type: Mapped[str] = mapped_column(String(63))
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    changes: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default="{}")
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )

    __table_args__ = (
        Index("ix_audit_log_entity", "tenant_id", "entity_id", "created_at"),
    )


class OutboxEvent(TenantScoped, Base):
    """An event written with the change it announces, relayed to Redis later."""

    __tablename__ = "outbox"

    event_type: Mapped[str] = mapped_column(String(63))
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default="{}")
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        Index(
            "ix_outbox_unpublished",
            "created_at",
            postgresql_where=text("published_at IS NULL"),
        ),
    )
