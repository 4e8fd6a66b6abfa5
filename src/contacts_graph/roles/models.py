"""Tables of the first-party role tabs: tenancies, properties, investments, jobs.

Money is ``NUMERIC(18, 2)`` and Python ``Decimal``, as in the financial tabs.
A tenancy's status is not stored: it follows from its dates (see
``tenancy_status`` in ``types``), so it can never disagree with them.
"""

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import (
    CHAR,
    CheckConstraint,
    Date,
    ForeignKeyConstraint,
    Index,
    Numeric,
    String,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from contacts_graph.db.base import Base, TenantScoped, Timestamped, tenant_fk

MONEY = Numeric(18, 2)
CURRENCY_CHECK = "currency ~ '^[A-Z]{3}$'"


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


RENT_PERIODS = ("WEEKLY", "MONTHLY", "QUARTERLY", "YEARLY")
PROPERTY_KINDS = ("HOUSE", "FLAT", "COMMERCIAL", "LAND", "OTHER")
VEHICLES = ("FUND", "PROPERTY", "EQUITY", "DEBT", "OTHER")
INVESTMENT_STATUSES = ("COMMITTED", "ACTIVE", "EXITED")
EMPLOYMENT_TYPES = ("FULL_TIME", "PART_TIME", "CONTRACT", "TEMPORARY")


def _contact_fk() -> ForeignKeyConstraint:
    return ForeignKeyConstraint(
        *tenant_fk("contact_id", "contacts"), ondelete="CASCADE"
    )


class Tenancy(TenantScoped, Timestamped, Base):
    """A property the contact rents, with its term and rent."""

    __tablename__ = "tenancies"

    contact_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    property_address: Mapped[str] = mapped_column(String(400))
    unit: Mapped[str | None] = mapped_column(String(50))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    rent: Mapped[Decimal] = mapped_column(MONEY)
    currency: Mapped[str] = mapped_column(CHAR(3))
    rent_period: Mapped[str] = mapped_column(String(9))
    deposit: Mapped[Decimal | None] = mapped_column(MONEY)

    __table_args__ = (
        _contact_fk(),
        CheckConstraint("rent >= 0", name="rent_not_negative"),
        CheckConstraint("deposit >= 0", name="deposit_not_negative"),
        CheckConstraint("ends_on >= starts_on", name="ends_after_start"),
        CheckConstraint(CURRENCY_CHECK, name="currency_code"),
        CheckConstraint(_one_of("rent_period", RENT_PERIODS), name="rent_period"),
        Index("ix_tenancies_contact", "tenant_id", "contact_id", "starts_on", "id"),
    )


class PropertyHolding(TenantScoped, Timestamped, Base):
    """A property the contact owns, whole or in part."""

    __tablename__ = "property_holdings"

    contact_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    name: Mapped[str] = mapped_column(String(400))
    kind: Mapped[str] = mapped_column(String(10))
    share_percent: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    acquired_on: Mapped[date | None] = mapped_column(Date)
    value: Mapped[Decimal | None] = mapped_column(MONEY)
    currency: Mapped[str | None] = mapped_column(CHAR(3))

    __table_args__ = (
        _contact_fk(),
        CheckConstraint(
            "share_percent > 0 AND share_percent <= 100", name="share_percent_range"
        ),
        CheckConstraint("value >= 0", name="value_not_negative"),
        # A value is meaningless without its currency, and the reverse.
        CheckConstraint(
            "(value IS NULL) = (currency IS NULL)", name="value_with_currency"
        ),
        CheckConstraint(CURRENCY_CHECK, name="currency_code"),
        CheckConstraint(_one_of("kind", PROPERTY_KINDS), name="kind"),
        Index(
            "ix_property_holdings_contact",
            "tenant_id",
            "contact_id",
            "acquired_on",
            "id",
        ),
    )


class Investment(TenantScoped, Timestamped, Base):
    """Money the contact committed to a fund, property, company or loan."""

    __tablename__ = "investments"

    contact_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    name: Mapped[str] = mapped_column(String(200))
    vehicle: Mapped[str] = mapped_column(String(8))
    committed: Mapped[Decimal] = mapped_column(MONEY)
    currency: Mapped[str] = mapped_column(CHAR(3))
    invested_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(9))

    __table_args__ = (
        _contact_fk(),
        CheckConstraint("committed > 0", name="committed_positive"),
        CheckConstraint(CURRENCY_CHECK, name="currency_code"),
        CheckConstraint(_one_of("vehicle", VEHICLES), name="vehicle"),
        CheckConstraint(_one_of("status", INVESTMENT_STATUSES), name="status"),
        Index("ix_investments_contact", "tenant_id", "contact_id", "invested_on", "id"),
    )


class Employment(TenantScoped, Timestamped, Base):
    """A job the contact holds or held with the business."""

    __tablename__ = "employments"

    contact_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    job_title: Mapped[str] = mapped_column(String(200))
    department: Mapped[str | None] = mapped_column(String(200))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    employment_type: Mapped[str] = mapped_column(String(9))
    manager_contact_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)

    __table_args__ = (
        _contact_fk(),
        # The migration writes ON DELETE SET NULL (manager_contact_id):
        # PostgreSQL 15's column list keeps tenant_id, which is in the key.
        ForeignKeyConstraint(*tenant_fk("manager_contact_id", "contacts")),
        CheckConstraint("ends_on >= starts_on", name="ends_after_start"),
        CheckConstraint(
            _one_of("employment_type", EMPLOYMENT_TYPES), name="employment_type"
        ),
        Index("ix_employments_contact", "tenant_id", "contact_id", "starts_on", "id"),
        Index("ix_employments_manager", "tenant_id", "manager_contact_id"),
    )
