"""GraphQL types of the identity, KYC, AML and right-to-rent records."""

from datetime import UTC, date, datetime, timedelta

import strawberry
from strawberry.scalars import JSON

from contacts_graph.compliance import models
from contacts_graph.graphql.enums import described_enum

EXPIRES_SOON_DAYS = 30

IdentityDocumentKind = described_enum(
    "IdentityDocumentKind",
    {
        "PASSPORT": "A passport.",
        "NATIONAL_ID": "A national identity card.",
        "DRIVING_LICENCE": "A driving licence.",
        "RESIDENCE_PERMIT": "A residence permit or visa.",
        "OTHER": "Another official document.",
    },
    "What kind of identity document it is.",
)
KycStatus = described_enum(
    "KycStatus",
    {
        "PENDING": "Requested, not started.",
        "IN_REVIEW": "Being reviewed.",
        "APPROVED": "Passed; decidedAt says when.",
        "REJECTED": "Failed; decidedAt says when.",
        "EXPIRED": "No longer valid; a new check is due.",
    },
    "Where a KYC check stands.",
)
KycLevel = described_enum(
    "KycLevel",
    {
        "BASIC": "Identity only.",
        "STANDARD": "Identity and address.",
        "ENHANCED": "Enhanced due diligence, including source of funds.",
    },
    "How deep a KYC check goes.",
)
AmlResult = described_enum(
    "AmlResult",
    {
        "CLEAR": "No list matched.",
        "POTENTIAL_MATCH": "A possible match that needs review.",
        "CONFIRMED_MATCH": "A match confirmed by review.",
        "ERROR": "The screening could not be completed.",
    },
    "What an AML screening found.",
)
AmlList = described_enum(
    "AmlList",
    {
        "SANCTIONS": "Sanctions lists.",
        "PEP": "Politically exposed persons.",
        "ADVERSE_MEDIA": "Adverse media.",
        "WATCHLIST": "Other watchlists.",
    },
    "A kind of list an AML screening checks.",
)
RightToRentMethod = described_enum(
    "RightToRentMethod",
    {
        "MANUAL_DOCUMENT": "Original documents seen in person.",
        "ONLINE_SHARE_CODE": "The Home Office online service, with a share code.",
        "EMPLOYER_CHECKING_SERVICE": "The Home Office checking service.",
    },
    "How a right-to-rent check was made.",
)
RightToRentOutcome = described_enum(
    "RightToRentOutcome",
    {
        "UNLIMITED": "An unlimited right to rent.",
        "TIME_LIMITED": "A time-limited right; followUpOn says when to check again.",
        "NO_RIGHT": "No right to rent.",
    },
    "What a right-to-rent check found.",
)


def _today() -> date:
    return datetime.now(UTC).date()


def is_expired(document: models.IdentityDocument, today: date | None = None) -> bool:
    """Return whether the document expired before ``today`` (UTC by default)."""
    today = today or _today()
    return document.expires_on is not None and document.expires_on < today


def expires_soon(
    document: models.IdentityDocument,
    today: date | None = None,
    days: int = EXPIRES_SOON_DAYS,
) -> bool:
    """Return whether a valid document expires within ``days`` of ``today``."""
    today = today or _today()
    if document.expires_on is None or is_expired(document, today):
        return False
    return document.expires_on <= today + timedelta(days=days)


@strawberry.type(description="An identity document the contact showed.")
class IdentityDocument:
    id: strawberry.ID = strawberry.field(description="Id of the record.")
    kind: IdentityDocumentKind = strawberry.field(description="What it is.")  # type: ignore[valid-type]
    issuing_country: str = strawberry.field(
        description="ISO 3166-1 alpha-2 code of the issuing country."
    )
    number: str = strawberry.field(description="Its number, as given.")
    issued_on: date | None = strawberry.field(description="Day of issue.")
    expires_on: date | None = strawberry.field(description="Day of expiry.")
    is_expired: bool = strawberry.field(
        description="Expired before today (UTC); false without an expiry day."
    )
    expires_soon: bool = strawberry.field(
        description="Not expired, and expires within 30 days (UTC)."
    )
    verified_at: datetime | None = strawberry.field(
        description="When it was verified; null while unverified."
    )
    verified_by: str | None = strawberry.field(description="Who verified it.")
    document_id: strawberry.ID | None = strawberry.field(
        description="The scan in the documents tab; null once that is removed."
    )
    created_at: datetime = strawberry.field(description="When it was recorded.")

    @classmethod
    def from_model(cls, d: models.IdentityDocument) -> "IdentityDocument":
        today = _today()
        return cls(
            id=strawberry.ID(str(d.id)),
            kind=IdentityDocumentKind(d.kind),
            issuing_country=d.issuing_country,
            number=d.number,
            issued_on=d.issued_on,
            expires_on=d.expires_on,
            is_expired=is_expired(d, today),
            expires_soon=expires_soon(d, today),
            verified_at=d.verified_at,
            verified_by=d.verified_by,
            document_id=strawberry.ID(str(d.document_id)) if d.document_id else None,
            created_at=d.created_at,
        )


@strawberry.type(description="A know-your-customer check of the contact.")
class KycCheck:
    id: strawberry.ID = strawberry.field(description="Id of the check.")
    status: KycStatus = strawberry.field(description="Where it stands.")  # type: ignore[valid-type]
    level: KycLevel = strawberry.field(description="How deep it goes.")  # type: ignore[valid-type]
    requested_at: datetime = strawberry.field(description="When it was requested.")
    decided_at: datetime | None = strawberry.field(
        description="When it was approved or rejected."
    )
    decided_by: str | None = strawberry.field(description="Who decided.")
    notes: str | None = strawberry.field(description="Reviewer's notes.")
    provider: str | None = strawberry.field(description="The KYC provider, if any.")
    provider_reference: str | None = strawberry.field(
        description="The provider's reference of the check."
    )

    @classmethod
    def from_model(cls, k: models.KycCheck) -> "KycCheck":
        return cls(
            id=strawberry.ID(str(k.id)),
            status=KycStatus(k.status),
            level=KycLevel(k.level),
            requested_at=k.requested_at,
            decided_at=k.decided_at,
            decided_by=k.decided_by,
            notes=k.notes,
            provider=k.provider,
            provider_reference=k.provider_reference,
        )


@strawberry.type(description="One AML screening of the contact.")
class AmlScreening:
    id: strawberry.ID = strawberry.field(description="Id of the screening.")
    screened_at: datetime = strawberry.field(description="When it ran.")
    provider: str = strawberry.field(description="Who ran it.")
    result: AmlResult = strawberry.field(description="What it found.")  # type: ignore[valid-type]
    lists_checked: list[AmlList] = strawberry.field(  # type: ignore[valid-type]
        description="The kinds of list checked."
    )
    match_details: JSON = strawberry.field(
        description="The provider's details of any match, as a JSON object."
    )
    reviewed_at: datetime | None = strawberry.field(
        description="When a person reviewed it."
    )
    reviewed_by: str | None = strawberry.field(description="Who reviewed it.")

    @classmethod
    def from_model(cls, a: models.AmlScreening) -> "AmlScreening":
        return cls(
            id=strawberry.ID(str(a.id)),
            screened_at=a.screened_at,
            provider=a.provider,
            result=AmlResult(a.result),
            lists_checked=[AmlList(name) for name in a.lists_checked],
            match_details=a.match_details,
            reviewed_at=a.reviewed_at,
            reviewed_by=a.reviewed_by,
        )


@strawberry.type(description="A right-to-rent check of the contact.")
class RightToRentCheck:
    id: strawberry.ID = strawberry.field(description="Id of the check.")
    checked_on: date = strawberry.field(description="Day of the check.")
    method: RightToRentMethod = strawberry.field(description="How it was made.")  # type: ignore[valid-type]
    share_code: str | None = strawberry.field(
        description="The Home Office share code used, if any."
    )
    outcome: RightToRentOutcome = strawberry.field(description="What it found.")  # type: ignore[valid-type]
    follow_up_on: date | None = strawberry.field(
        description="When to check again; set for a time-limited right."
    )
    checked_by: str = strawberry.field(description="Who made the check.")

    @classmethod
    def from_model(cls, r: models.RightToRentCheck) -> "RightToRentCheck":
        return cls(
            id=strawberry.ID(str(r.id)),
            checked_on=r.checked_on,
            method=RightToRentMethod(r.method),
            share_code=r.share_code,
            outcome=RightToRentOutcome(r.outcome),
            follow_up_on=r.follow_up_on,
            checked_by=r.checked_by,
        )
