"""GraphQL types of the tenancies, properties, investments and employment tabs."""

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import strawberry

from contacts_graph.graphql.enums import described_enum
from contacts_graph.roles import models

RentPeriod = described_enum(
    "RentPeriod",
    {
        "WEEKLY": "Rent is due every week.",
        "MONTHLY": "Rent is due every month.",
        "QUARTERLY": "Rent is due every quarter.",
        "YEARLY": "Rent is due every year.",
    },
    "How often a tenancy's rent is due.",
)
TenancyStatus = described_enum(
    "TenancyStatus",
    {
        "UPCOMING": "Starts after today.",
        "ACTIVE": "Started, and not ended before today.",
        "ENDED": "Its last day is before today.",
    },
    "Where a tenancy stands; derived from its dates (UTC), never set.",
)
PropertyKind = described_enum(
    "PropertyKind",
    {
        "HOUSE": "A house.",
        "FLAT": "A flat or apartment.",
        "COMMERCIAL": "Offices, shops or other commercial premises.",
        "LAND": "Land.",
        "OTHER": "Anything else.",
    },
    "What kind of property a holding is.",
)
InvestmentVehicle = described_enum(
    "InvestmentVehicle",
    {
        "FUND": "A fund.",
        "PROPERTY": "A property, directly.",
        "EQUITY": "Shares in a company.",
        "DEBT": "A loan or bond.",
        "OTHER": "Anything else.",
    },
    "What an investment is made through.",
)
InvestmentStatus = described_enum(
    "InvestmentStatus",
    {
        "COMMITTED": "Promised, not yet drawn.",
        "ACTIVE": "Invested.",
        "EXITED": "Sold or repaid.",
    },
    "Where an investment stands.",
)
EmploymentType = described_enum(
    "EmploymentType",
    {
        "FULL_TIME": "Full time.",
        "PART_TIME": "Part time.",
        "CONTRACT": "On a contract.",
        "TEMPORARY": "Temporary.",
    },
    "On what terms a job is held.",
)


def tenancy_status(tenancy: models.Tenancy, today: date | None = None) -> str:
    """Return UPCOMING, ACTIVE or ENDED for ``today`` (UTC by default)."""
    today = today or datetime.now(UTC).date()
    if tenancy.starts_on > today:
        return "UPCOMING"
    if tenancy.ends_on is not None and tenancy.ends_on < today:
        return "ENDED"
    return "ACTIVE"


def _id(value: uuid.UUID | None) -> strawberry.ID | None:
    return strawberry.ID(str(value)) if value else None


@strawberry.type(description="A property the contact rents.")
class Tenancy:
    id: strawberry.ID = strawberry.field(description="Id of the tenancy.")
    property_address: str = strawberry.field(
        description="The property's reference or address."
    )
    unit: str | None = strawberry.field(description="Flat, room or unit, if any.")
    starts_on: date = strawberry.field(description="First day of the tenancy.")
    ends_on: date | None = strawberry.field(description="Last day; null if open.")
    rent: Decimal = strawberry.field(description="Rent per period, exact.")
    currency: str = strawberry.field(description="ISO 4217 code of rent and deposit.")
    rent_period: RentPeriod = strawberry.field(description="How often rent is due.")  # type: ignore[valid-type]
    deposit: Decimal | None = strawberry.field(description="Deposit held, exact.")
    status: TenancyStatus = strawberry.field(  # type: ignore[valid-type]
        description="UPCOMING, ACTIVE or ENDED, from the dates (UTC)."
    )

    @classmethod
    def from_model(cls, t: models.Tenancy) -> "Tenancy":
        return cls(
            id=strawberry.ID(str(t.id)),
            property_address=t.property_address,
            unit=t.unit,
            starts_on=t.starts_on,
            ends_on=t.ends_on,
            rent=t.rent,
            currency=t.currency,
            rent_period=RentPeriod(t.rent_period),
            deposit=t.deposit,
            status=TenancyStatus(tenancy_status(t)),
        )


@strawberry.type(description="A property the contact owns, whole or in part.")
class PropertyHolding:
    id: strawberry.ID = strawberry.field(description="Id of the holding.")
    name: str = strawberry.field(description="The property's name or address.")
    kind: PropertyKind = strawberry.field(description="What kind of property.")  # type: ignore[valid-type]
    share_percent: Decimal = strawberry.field(
        description="The contact's share in percent, more than 0, at most 100."
    )
    acquired_on: date | None = strawberry.field(description="Day it was acquired.")
    value: Decimal | None = strawberry.field(description="Its value, exact.")
    currency: str | None = strawberry.field(
        description="ISO 4217 code of the value; null when there is no value."
    )

    @classmethod
    def from_model(cls, p: models.PropertyHolding) -> "PropertyHolding":
        return cls(
            id=strawberry.ID(str(p.id)),
            name=p.name,
            kind=PropertyKind(p.kind),
            share_percent=p.share_percent,
            acquired_on=p.acquired_on,
            value=p.value,
            currency=p.currency,
        )


@strawberry.type(description="Money the contact committed to an investment.")
class Investment:
    id: strawberry.ID = strawberry.field(description="Id of the investment.")
    name: str = strawberry.field(description="What was invested in.")
    vehicle: InvestmentVehicle = strawberry.field(description="Made through what.")  # type: ignore[valid-type]
    committed: Decimal = strawberry.field(description="Amount committed, exact.")
    currency: str = strawberry.field(description="ISO 4217 code, e.g. EUR.")
    invested_on: date = strawberry.field(description="Day of the commitment.")
    status: InvestmentStatus = strawberry.field(description="Where it stands.")  # type: ignore[valid-type]

    @classmethod
    def from_model(cls, i: models.Investment) -> "Investment":
        return cls(
            id=strawberry.ID(str(i.id)),
            name=i.name,
            vehicle=InvestmentVehicle(i.vehicle),
            committed=i.committed,
            currency=i.currency,
            invested_on=i.invested_on,
            status=InvestmentStatus(i.status),
        )


@strawberry.type(description="A job the contact holds or held with the business.")
class Employment:
    id: strawberry.ID = strawberry.field(description="Id of the job.")
    job_title: str = strawberry.field(description="The job title.")
    department: str | None = strawberry.field(description="The department.")
    starts_on: date = strawberry.field(description="First day of the job.")
    ends_on: date | None = strawberry.field(description="Last day; null if open.")
    employment_type: EmploymentType = strawberry.field(description="On what terms.")  # type: ignore[valid-type]
    manager_contact_id: strawberry.ID | None = strawberry.field(
        description="The contact who manages this job, if any; null once removed."
    )

    @classmethod
    def from_model(cls, e: models.Employment) -> "Employment":
        return cls(
            id=strawberry.ID(str(e.id)),
            job_title=e.job_title,
            department=e.department,
            starts_on=e.starts_on,
            ends_on=e.ends_on,
            employment_type=EmploymentType(e.employment_type),
            manager_contact_id=_id(e.manager_contact_id),
        )
