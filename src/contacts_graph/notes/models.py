"""Tables of a contact's notes, logged calls and contact preferences."""

import uuid
from datetime import datetime, time

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    Time,
    Uuid,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from contacts_graph.db.base import Base, TenantScoped, Timestamped, tenant_fk

DIRECTIONS = ("INBOUND", "OUTBOUND")
OUTCOMES = ("ANSWERED", "MISSED", "VOICEMAIL", "BUSY", "FAILED")
CHANNELS = ("EMAIL", "SMS", "PHONE", "POST", "WHATSAPP", "PUSH")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class ContactNote(TenantScoped, Timestamped, Base):
    """A free-text note on a contact, written by a user of the tenant."""

    __tablename__ = "contact_notes"

    contact_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    body: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(200))
    is_pinned: Mapped[bool] = mapped_column(
        Boolean, server_default=text("false"), default=False
    )

    __table_args__ = (
        ForeignKeyConstraint(*tenant_fk("contact_id", "contacts"), ondelete="CASCADE"),
        # Serves the tab's newest-first pages and its counts.
        Index(
            "ix_contact_notes_contact", "tenant_id", "contact_id", "created_at", "id"
        ),
    )


class ContactCall(TenantScoped, Timestamped, Base):
    """A phone call with a contact, logged after the fact."""

    __tablename__ = "contact_calls"

    contact_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    direction: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    duration_seconds: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(16))
    phone_number: Mapped[str | None] = mapped_column(String(64))
    summary: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(200))

    __table_args__ = (
        ForeignKeyConstraint(*tenant_fk("contact_id", "contacts"), ondelete="CASCADE"),
        CheckConstraint(_one_of("direction", DIRECTIONS), name="direction_known"),
        CheckConstraint(_one_of("outcome", OUTCOMES), name="outcome_known"),
        CheckConstraint(
            "duration_seconds BETWEEN 0 AND 86400", name="duration_in_range"
        ),
        Index(
            "ix_contact_calls_contact", "tenant_id", "contact_id", "started_at", "id"
        ),
    )


class ContactPreferences(Base):
    """How a contact likes to be reached: one row per contact, made on first set."""

    __tablename__ = "contact_preferences"

    tenant_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    contact_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    channels: Mapped[list[str]] = mapped_column(
        ARRAY(Text), server_default=text("'{}'"), default=list
    )
    language: Mapped[str | None] = mapped_column(String(35))
    quiet_hours_start: Mapped[time | None] = mapped_column(Time)
    quiet_hours_end: Mapped[time | None] = mapped_column(Time)
    time_zone: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    __table_args__ = (
        ForeignKeyConstraint(*tenant_fk("contact_id", "contacts"), ondelete="CASCADE"),
        CheckConstraint(
            f"channels <@ ARRAY[{', '.join(repr(c) for c in CHANNELS)}]::text[]",
            name="channels_known",
        ),
        CheckConstraint(
            "(quiet_hours_start IS NULL) = (quiet_hours_end IS NULL)",
            name="quiet_hours_paired",
        ),
    )
