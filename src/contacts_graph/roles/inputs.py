"""Inputs of the role-record mutations; omitted fields are left alone on edit."""

from datetime import date
from decimal import Decimal
from typing import Any

import strawberry

from contacts_graph.roles.types import (
    EmploymentType,
    InvestmentStatus,
    InvestmentVehicle,
    PropertyKind,
    RentPeriod,
)

UNSET: Any = strawberry.UNSET
CURRENCY = "ISO 4217 code, e.g. EUR."


@strawberry.input(description="Fields of a tenancy. Omitted fields are left alone.")
class TenancyFieldsInput:
    property_address: str | None = strawberry.field(
        default=UNSET, description="Property reference or address, at most 400."
    )
    unit: str | None = strawberry.field(
        default=UNSET, description="Flat, room or unit, at most 50 characters."
    )
    starts_on: date | None = strawberry.field(
        default=UNSET, description="First day of the tenancy."
    )
    ends_on: date | None = strawberry.field(
        default=UNSET, description="Last day, on or after startsOn; null if open."
    )
    rent: Decimal | None = strawberry.field(
        default=UNSET, description="0 or more, at most 2 decimals; pass a string."
    )
    currency: str | None = strawberry.field(default=UNSET, description=CURRENCY)
    rent_period: RentPeriod | None = strawberry.field(  # type: ignore[valid-type]
        default=UNSET, description="How often rent is due."
    )
    deposit: Decimal | None = strawberry.field(
        default=UNSET, description="0 or more, in the rent's currency; null for none."
    )


@strawberry.input(description="A tenancy to record for a contact.")
class AddTenancyInput(TenancyFieldsInput):
    contact_id: strawberry.ID = strawberry.field(description="The tenant.")


@strawberry.input(description="Changes to a tenancy.")
class EditTenancyInput(TenancyFieldsInput):
    id: strawberry.ID = strawberry.field(description="The tenancy to change.")


@strawberry.input(description="Fields of a property holding. Omitted: left alone.")
class PropertyHoldingFieldsInput:
    name: str | None = strawberry.field(
        default=UNSET, description="Name or address, at most 400 characters."
    )
    kind: PropertyKind | None = strawberry.field(  # type: ignore[valid-type]
        default=UNSET, description="What kind of property."
    )
    share_percent: Decimal | None = strawberry.field(
        default=UNSET, description="More than 0, at most 100, 2 decimals; a string."
    )
    acquired_on: date | None = strawberry.field(
        default=UNSET, description="Day it was acquired; null if unknown."
    )
    value: Decimal | None = strawberry.field(
        default=UNSET,
        description="0 or more, 2 decimals; null (with currency) for none.",
    )
    currency: str | None = strawberry.field(
        default=UNSET, description="ISO 4217 code of the value; given with a value."
    )


@strawberry.input(description="A property a contact owns.")
class AddPropertyHoldingInput(PropertyHoldingFieldsInput):
    contact_id: strawberry.ID = strawberry.field(description="The owner.")


@strawberry.input(description="Changes to a property holding.")
class EditPropertyHoldingInput(PropertyHoldingFieldsInput):
    id: strawberry.ID = strawberry.field(description="The holding to change.")


@strawberry.input(description="Fields of an investment. Omitted fields: left alone.")
class InvestmentFieldsInput:
    name: str | None = strawberry.field(
        default=UNSET, description="What is invested in, at most 200 characters."
    )
    vehicle: InvestmentVehicle | None = strawberry.field(  # type: ignore[valid-type]
        default=UNSET, description="Made through what."
    )
    committed: Decimal | None = strawberry.field(
        default=UNSET, description="More than 0, at most 2 decimals; pass a string."
    )
    currency: str | None = strawberry.field(default=UNSET, description=CURRENCY)
    invested_on: date | None = strawberry.field(
        default=UNSET, description="Day of the commitment."
    )
    status: InvestmentStatus | None = strawberry.field(  # type: ignore[valid-type]
        default=UNSET, description="Where it stands."
    )


@strawberry.input(description="An investment a contact made.")
class AddInvestmentInput(InvestmentFieldsInput):
    contact_id: strawberry.ID = strawberry.field(description="The investor.")


@strawberry.input(description="Changes to an investment.")
class EditInvestmentInput(InvestmentFieldsInput):
    id: strawberry.ID = strawberry.field(description="The investment to change.")


@strawberry.input(description="Fields of a job. Omitted fields are left alone.")
class EmploymentFieldsInput:
    job_title: str | None = strawberry.field(
        default=UNSET, description="The job title, at most 200 characters."
    )
    department: str | None = strawberry.field(
        default=UNSET, description="The department, at most 200 characters."
    )
    starts_on: date | None = strawberry.field(
        default=UNSET, description="First day of the job."
    )
    ends_on: date | None = strawberry.field(
        default=UNSET, description="Last day, on or after startsOn; null if open."
    )
    employment_type: EmploymentType | None = strawberry.field(  # type: ignore[valid-type]
        default=UNSET, description="On what terms."
    )
    manager_contact_id: strawberry.ID | None = strawberry.field(
        default=UNSET, description="Another live contact who manages it; null for none."
    )


@strawberry.input(description="A job a contact holds with the business.")
class AddEmploymentInput(EmploymentFieldsInput):
    contact_id: strawberry.ID = strawberry.field(description="The employee.")


@strawberry.input(description="Changes to a job.")
class EditEmploymentInput(EmploymentFieldsInput):
    id: strawberry.ID = strawberry.field(description="The job to change.")
