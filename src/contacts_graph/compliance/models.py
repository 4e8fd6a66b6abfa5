"""Tables of the compliance tabs: identity documents, KYC, AML and right to rent.

Enumerations are text with a CHECK, as elsewhere in the schema. Document
numbers and share codes are personal data: stored as given, never logged,
and audited only as "changed".
"""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    CHAR,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKeyConstraint,
    Index,
    String,
    Text,
    Uuid,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from contacts_graph.db.base import Base, TenantScoped, Timestamped, tenant_fk


def one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


DOCUMENT_KINDS = (
    "PASSPORT",
    "NATIONAL_ID",
    "DRIVING_LICENCE",
    "RESIDENCE_PERMIT",
    "OTHER",
)
KYC_STATUSES = ("PENDING", "IN_REVIEW", "APPROVED", "REJECTED", "EXPIRED")
KYC_DECIDED = ("APPROVED", "REJECTED")
KYC_LEVELS = ("BASIC", "STANDARD", "ENHANCED")
AML_RESULTS = ("CLEAR", "POTENTIAL_MATCH", "CONFIRMED_MATCH", "ERROR")
AML_LISTS = ("SANCTIONS", "PEP", "ADVERSE_MEDIA", "WATCHLIST")
RTR_METHODS = ("MANUAL_DOCUMENT", "ONLINE_SHARE_CODE", "EMPLOYER_CHECKING_SERVICE")
RTR_OUTCOMES = ("UNLIMITED", "TIME_LIMITED", "NO_RIGHT")
MAX_MATCH_DETAILS = 16 * 1024  # bytes of the JSON text

KYC_DECISION_CHECK = f"NOT ({one_of('status', KYC_DECIDED)}) OR decided_at IS NOT NULL"
RTR_FOLLOW_UP_CHECK = "outcome <> 'TIME_LIMITED' OR follow_up_on IS NOT NULL"
AML_LISTS_CHECK = (
    "lists_checked <@ ARRAY[" + ", ".join(repr(v) for v in AML_LISTS) + "]::text[]"
)
AML_DETAILS_CHECK = (
    "jsonb_typeof(match_details) = 'object' "
    f"AND octet_length(match_details::text) <= {MAX_MATCH_DETAILS}"
)


class IdentityDocument(TenantScoped, Timestamped, Base):
    """A passport, ID card or permit the contact showed, with its expiry."""

    __tablename__ = "identity_documents"

    contact_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    kind: Mapped[str] = mapped_column(String(16))
    issuing_country: Mapped[str] = mapped_column(CHAR(2))
    number: Mapped[str] = mapped_column(String(64))
    issued_on: Mapped[date | None] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    verified_by: Mapped[str | None] = mapped_column(String(200))
    document_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)

    __table_args__ = (
        ForeignKeyConstraint(*tenant_fk("contact_id", "contacts"), ondelete="CASCADE"),
        # The migration writes ON DELETE SET NULL (document_id), PostgreSQL
        # 15's column list, which SQLAlchemy cannot render; see finance.
        ForeignKeyConstraint(*tenant_fk("document_id", "contact_documents")),
        CheckConstraint(one_of("kind", DOCUMENT_KINDS), name="kind"),
        CheckConstraint("issuing_country ~ '^[A-Z]{2}$'", name="country_code"),
        CheckConstraint("expires_on >= issued_on", name="expires_after_issue"),
        Index(
            "ix_identity_documents_contact",
            "tenant_id",
            "contact_id",
            "created_at",
            "id",
        ),
        Index("ix_identity_documents_document", "tenant_id", "document_id"),
    )


class KycCheck(TenantScoped, Timestamped, Base):
    """A know-your-customer check of the contact and its decision."""

    __tablename__ = "kyc_checks"

    contact_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    status: Mapped[str] = mapped_column(String(9))
    level: Mapped[str] = mapped_column(String(8))
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(String(2000))
    provider: Mapped[str | None] = mapped_column(String(100))
    provider_reference: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (
        ForeignKeyConstraint(*tenant_fk("contact_id", "contacts"), ondelete="CASCADE"),
        CheckConstraint(one_of("status", KYC_STATUSES), name="status"),
        CheckConstraint(one_of("level", KYC_LEVELS), name="level"),
        CheckConstraint(KYC_DECISION_CHECK, name="decision_dated"),
        Index("ix_kyc_checks_contact", "tenant_id", "contact_id", "requested_at", "id"),
    )


class AmlScreening(TenantScoped, Timestamped, Base):
    """One screening of the contact against sanctions, PEP and other lists."""

    __tablename__ = "aml_screenings"

    contact_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    screened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    provider: Mapped[str] = mapped_column(String(100))
    result: Mapped[str] = mapped_column(String(15))
    lists_checked: Mapped[list[str]] = mapped_column(ARRAY(Text))
    match_details: Mapped[dict[str, Any]] = mapped_column(JSONB)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reviewed_by: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (
        ForeignKeyConstraint(*tenant_fk("contact_id", "contacts"), ondelete="CASCADE"),
        CheckConstraint(one_of("result", AML_RESULTS), name="result"),
        CheckConstraint(AML_LISTS_CHECK, name="lists_known"),
        CheckConstraint(AML_DETAILS_CHECK, name="match_details_object"),
        Index(
            "ix_aml_screenings_contact", "tenant_id", "contact_id", "screened_at", "id"
        ),
    )


class RightToRentCheck(TenantScoped, Timestamped, Base):
    """A UK right-to-rent check of a tenant and its outcome."""

    __tablename__ = "right_to_rent_checks"

    contact_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    checked_on: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(25))
    share_code: Mapped[str | None] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(12))
    follow_up_on: Mapped[date | None] = mapped_column(Date)
    checked_by: Mapped[str] = mapped_column(String(200))

    __table_args__ = (
        ForeignKeyConstraint(*tenant_fk("contact_id", "contacts"), ondelete="CASCADE"),
        CheckConstraint(one_of("method", RTR_METHODS), name="method"),
        CheckConstraint(one_of("outcome", RTR_OUTCOMES), name="outcome"),
        CheckConstraint(RTR_FOLLOW_UP_CHECK, name="follow_up_dated"),
        Index(
            "ix_right_to_rent_checks_contact",
            "tenant_id",
            "contact_id",
            "checked_on",
            "id",
        ),
    )
