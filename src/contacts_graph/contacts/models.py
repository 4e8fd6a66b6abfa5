"""Tables of the contact record: contacts, external ids and consent events."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
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
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from contacts_graph.db.base import Base, TenantScoped, Timestamped, tenant_fk

ROLE_NAMES = (
    "'GUEST','TENANT','OWNER','INVESTOR','CLIENT',"
    "'PATIENT','VENDOR','EMPLOYEE','CONTRACTOR','PROSPECT'"
)


class Contact(TenantScoped, Timestamped, Base):
    __tablename__ = "contacts"

    given_name: Mapped[str | None] = mapped_column(String(200))
    family_name: Mapped[str | None] = mapped_column(String(200))
    display_name: Mapped[str] = mapped_column(String(400))
    email: Mapped[str | None] = mapped_column(String(320))
    extra_emails: Mapped[list[str]] = mapped_column(
        ARRAY(String(320)), server_default="{}", default=list
    )
    phone: Mapped[str | None] = mapped_column(String(64))
    phone_e164: Mapped[str | None] = mapped_column(String(20))
    # Further phones as [{"number": as typed, "e164": normalised or null}].
    extra_phones: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, server_default="[]", default=list
    )
    primary_role: Mapped[str] = mapped_column(String(20))
    # Every role held, the primary one included, so one GIN index serves
    # both the role and the product filters.
    roles: Mapped[list[str]] = mapped_column(ARRAY(String(20)))
    street: Mapped[str | None] = mapped_column(String(400))
    city: Mapped[str | None] = mapped_column(String(200))
    region: Mapped[str | None] = mapped_column(String(200))
    postal_code: Mapped[str | None] = mapped_column(String(32))
    country: Mapped[str | None] = mapped_column(String(200))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    locale: Mapped[str | None] = mapped_column(String(35))
    consent_marketing: Mapped[bool] = mapped_column(
        Boolean, server_default=text("false"), default=False
    )
    consent_timestamp: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    custom_fields: Mapped[dict[str, Any]] = mapped_column(
        JSONB, server_default="{}", default=dict
    )
    # Lower-cased names, emails, phone digits: what free-text search matches.
    search_text: Mapped[str] = mapped_column(Text, server_default="", default="")
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    merged_into_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)

    __table_args__ = (
        CheckConstraint(f"primary_role IN ({ROLE_NAMES})", name="primary_role_known"),
        CheckConstraint(
            f"roles <@ ARRAY[{ROLE_NAMES}]::varchar[] AND primary_role = ANY(roles)",
            name="roles_known",
        ),
        ForeignKeyConstraint(
            ["tenant_id", "merged_into_id"], ["contacts.tenant_id", "contacts.id"]
        ),
        ForeignKeyConstraint(["tenant_id"], ["tenants.id"]),
        Index("ix_contacts_roles", "roles", postgresql_using="gin"),
        Index(
            "ix_contacts_display_name",
            "tenant_id",
            text('lower(display_name) COLLATE "C"'),
            "id",
            postgresql_where=text("deleted_at IS NULL"),
        ),
        Index(
            "ix_contacts_family_name",
            "tenant_id",
            text("(coalesce(lower(family_name), '') COLLATE \"C\")"),
            "id",
            postgresql_where=text("deleted_at IS NULL"),
        ),
        Index(
            "ix_contacts_created_at",
            "tenant_id",
            "created_at",
            "id",
            postgresql_where=text("deleted_at IS NULL"),
        ),
        Index(
            "ix_contacts_updated_at",
            "tenant_id",
            "updated_at",
            "id",
            postgresql_where=text("deleted_at IS NULL"),
        ),
        Index("ix_contacts_email", "tenant_id", "email"),
        Index("ix_contacts_extra_emails", "extra_emails", postgresql_using="gin"),
        Index("ix_contacts_phone_e164", "tenant_id", "phone_e164"),
        Index("ix_contacts_consent", "tenant_id", "consent_marketing"),
        Index("ix_contacts_merged_into", "tenant_id", "merged_into_id"),
    )


class ContactExternalId(TenantScoped, Base):
    """A contact's id in another system, used to update instead of duplicate."""

    __tablename__ = "contact_external_ids"

    contact_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    source: Mapped[str] = mapped_column(String(63))
    external_id: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )

    __table_args__ = (
        ForeignKeyConstraint(*tenant_fk("contact_id", "contacts"), ondelete="CASCADE"),
        UniqueConstraint("tenant_id", "source", "external_id"),
        Index("ix_contact_external_ids_contact", "tenant_id", "contact_id"),
    )


class ConsentEvent(TenantScoped, Base):
    """One grant or withdrawal of marketing consent; never updated or deleted."""

    __tablename__ = "consent_events"

    contact_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    granted: Mapped[bool] = mapped_column(Boolean)
    source: Mapped[str] = mapped_column(String(63))
    legal_basis: Mapped[str] = mapped_column(String(63))
    actor: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    effective_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        # No foreign key to contacts: history keeps the id it was written
        # with, also after the contact is merged away or erased.
        CheckConstraint("effective_at <= recorded_at", name="effective_not_future"),
        Index("ix_consent_events_contact", "tenant_id", "contact_id", "effective_at"),
    )
