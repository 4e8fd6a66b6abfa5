"""Inputs of the compliance mutations. Omitted fields are left alone on edit."""

from datetime import date, datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON

from contacts_graph.compliance.types import (
    AmlList,
    AmlResult,
    IdentityDocumentKind,
    KycLevel,
    KycStatus,
    RightToRentMethod,
    RightToRentOutcome,
)

UNSET: Any = strawberry.UNSET


@strawberry.input(description="Fields of an identity document.")
class IdentityDocumentFieldsInput:
    kind: IdentityDocumentKind | None = strawberry.field(  # type: ignore[valid-type]
        default=UNSET, description="What it is."
    )
    issuing_country: str | None = strawberry.field(
        default=UNSET, description="ISO 3166-1 alpha-2 code, e.g. GB."
    )
    number: str | None = strawberry.field(
        default=UNSET, description="Its number as printed, at most 64 characters."
    )
    issued_on: date | None = strawberry.field(
        default=UNSET, description="Day of issue."
    )
    expires_on: date | None = strawberry.field(
        default=UNSET, description="Day of expiry; on or after issuedOn."
    )
    verified_at: datetime | None = strawberry.field(
        default=UNSET, description="When it was verified, with a time zone."
    )
    verified_by: str | None = strawberry.field(
        default=UNSET, description="Who verified it, at most 200 characters."
    )
    document_id: strawberry.ID | None = strawberry.field(
        default=UNSET, description="Its scan: a document of the same contact."
    )


@strawberry.input(description="An identity document to record for a contact.")
class AddIdentityDocumentInput(IdentityDocumentFieldsInput):
    contact_id: strawberry.ID = strawberry.field(description="The contact.")


@strawberry.input(description="Changes to an identity document.")
class EditIdentityDocumentInput(IdentityDocumentFieldsInput):
    id: strawberry.ID = strawberry.field(description="The record to change.")


@strawberry.input(description="Fields of a KYC check.")
class KycCheckFieldsInput:
    status: KycStatus | None = strawberry.field(  # type: ignore[valid-type]
        default=UNSET, description="Where it stands."
    )
    level: KycLevel | None = strawberry.field(  # type: ignore[valid-type]
        default=UNSET, description="How deep it goes."
    )
    requested_at: datetime | None = strawberry.field(
        default=UNSET, description="When it was requested, with a time zone."
    )
    decided_at: datetime | None = strawberry.field(
        default=UNSET,
        description="When it was decided; needed for APPROVED and REJECTED.",
    )
    decided_by: str | None = strawberry.field(
        default=UNSET, description="Who decided, at most 200 characters."
    )
    notes: str | None = strawberry.field(
        default=UNSET, description="Reviewer's notes, at most 2,000 characters."
    )
    provider: str | None = strawberry.field(
        default=UNSET, description="The KYC provider, at most 100 characters."
    )
    provider_reference: str | None = strawberry.field(
        default=UNSET, description="The provider's reference, at most 200 characters."
    )


@strawberry.input(description="A KYC check to record for a contact.")
class AddKycCheckInput(KycCheckFieldsInput):
    contact_id: strawberry.ID = strawberry.field(description="The contact.")


@strawberry.input(description="Changes to a KYC check.")
class EditKycCheckInput(KycCheckFieldsInput):
    id: strawberry.ID = strawberry.field(description="The check to change.")


@strawberry.input(description="Fields of an AML screening.")
class AmlScreeningFieldsInput:
    screened_at: datetime | None = strawberry.field(
        default=UNSET, description="When it ran, with a time zone."
    )
    provider: str | None = strawberry.field(
        default=UNSET, description="Who ran it, at most 100 characters."
    )
    result: AmlResult | None = strawberry.field(  # type: ignore[valid-type]
        default=UNSET, description="What it found."
    )
    lists_checked: list[AmlList] | None = strawberry.field(  # type: ignore[valid-type]
        default=UNSET, description="The kinds of list checked."
    )
    match_details: JSON | None = strawberry.field(
        default=UNSET, description="Details of any match: a JSON object, ≤ 16 KiB."
    )
    reviewed_at: datetime | None = strawberry.field(
        default=UNSET, description="When a person reviewed it, with a time zone."
    )
    reviewed_by: str | None = strawberry.field(
        default=UNSET, description="Who reviewed it, at most 200 characters."
    )


@strawberry.input(description="An AML screening to record for a contact.")
class AddAmlScreeningInput(AmlScreeningFieldsInput):
    contact_id: strawberry.ID = strawberry.field(description="The contact.")


@strawberry.input(description="Changes to an AML screening.")
class EditAmlScreeningInput(AmlScreeningFieldsInput):
    id: strawberry.ID = strawberry.field(description="The screening to change.")


@strawberry.input(description="Fields of a right-to-rent check.")
class RightToRentCheckFieldsInput:
    checked_on: date | None = strawberry.field(
        default=UNSET, description="Day of the check."
    )
    method: RightToRentMethod | None = strawberry.field(  # type: ignore[valid-type]
        default=UNSET, description="How it was made."
    )
    share_code: str | None = strawberry.field(
        default=UNSET, description="The share code used, at most 20 characters."
    )
    outcome: RightToRentOutcome | None = strawberry.field(  # type: ignore[valid-type]
        default=UNSET, description="What it found."
    )
    follow_up_on: date | None = strawberry.field(
        default=UNSET, description="When to check again; needed for TIME_LIMITED."
    )
    checked_by: str | None = strawberry.field(
        default=UNSET, description="Who made it; the caller when omitted on add."
    )


@strawberry.input(description="A right-to-rent check to record for a contact.")
class AddRightToRentCheckInput(RightToRentCheckFieldsInput):
    contact_id: strawberry.ID = strawberry.field(description="The contact.")


@strawberry.input(description="Changes to a right-to-rent check.")
class EditRightToRentCheckInput(RightToRentCheckFieldsInput):
    id: strawberry.ID = strawberry.field(description="The check to change.")
