"""Demo compliance records, so the compliance tabs show something in GraphiQL."""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.auth.sessions import Viewer
from contacts_graph.compliance import service
from contacts_graph.compliance.models import (
    AmlScreening,
    IdentityDocument,
    KycCheck,
    RightToRentCheck,
)
from contacts_graph.contacts.models import Contact

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
TODAY = NOW.date()
SCREENED = {"CLIENT", "INVESTOR", "OWNER", "TENANT"}
IDENTIFIED = SCREENED | {"EMPLOYEE"}
COUNTRIES = ("GB", "US", "DE", "FR", "IE", "ES")
KINDS = ("PASSPORT", "DRIVING_LICENCE", "NATIONAL_ID", "RESIDENCE_PERMIT")


def _identity(index: int) -> dict[str, Any]:
    # Every seventh has expired and every fifth expires within the month, so
    # the expiry flags show in the demo.
    if index % 7 == 3:
        expires = TODAY - timedelta(days=20 + index)
    elif index % 5 == 1:
        expires = TODAY + timedelta(days=10 + index % 15)
    else:
        expires = TODAY + timedelta(days=400 + 30 * index)
    verified = index % 4 != 0
    return {
        "kind": KINDS[index % len(KINDS)],
        "issuing_country": COUNTRIES[index % len(COUNTRIES)],
        "number": f"DEMO{index:05d}X",
        "issued_on": expires - timedelta(days=3652),
        "expires_on": expires,
        "verified_at": NOW - timedelta(days=index % 90) if verified else None,
        "verified_by": "compliance@demo" if verified else None,
    }


def _kyc(index: int) -> dict[str, Any]:
    status = ("APPROVED", "APPROVED", "PENDING", "IN_REVIEW", "REJECTED")[index % 5]
    requested = NOW - timedelta(days=30 + index % 60)
    decided = status in ("APPROVED", "REJECTED")
    return {
        "status": status,
        "level": ("STANDARD", "BASIC", "ENHANCED")[index % 3],
        "requested_at": requested,
        "decided_at": requested + timedelta(days=2) if decided else None,
        "decided_by": "compliance@demo" if decided else None,
        "notes": "Proof of address requested." if status == "IN_REVIEW" else None,
        "provider": "Onfido",
        "provider_reference": f"demo-kyc-{index}",
    }


def _aml(index: int) -> dict[str, Any]:
    potential = index % 9 == 4
    return {
        "screened_at": NOW - timedelta(days=index % 45, hours=index % 7),
        "provider": "ComplyAdvantage",
        "result": "POTENTIAL_MATCH" if potential else "CLEAR",
        "lists_checked": ["SANCTIONS", "PEP", "ADVERSE_MEDIA"],
        "match_details": {"hits": 1, "score": 0.62} if potential else {},
    }


def _right_to_rent(index: int) -> dict[str, Any]:
    limited = index % 3 == 0
    checked_on = TODAY - timedelta(days=60 + index)
    return {
        "checked_on": checked_on,
        "method": "ONLINE_SHARE_CODE" if limited else "MANUAL_DOCUMENT",
        "share_code": f"W{index:02d}DEMO9K" if limited else None,
        "outcome": "TIME_LIMITED" if limited else "UNLIMITED",
        "follow_up_on": checked_on + timedelta(days=365) if limited else None,
        "checked_by": "lettings@demo",
    }


def _records(index: int, roles: set[str]) -> list[tuple[Any, dict[str, Any]]]:
    """Return the demo records of the ``index``-th contact, by the tabs it shows."""
    records: list[tuple[Any, dict[str, Any]]] = []
    if roles & IDENTIFIED:
        records.append((IdentityDocument, _identity(index)))
    if roles & SCREENED:
        records.append((KycCheck, _kyc(index)))
        records.append((AmlScreening, _aml(index)))
    if "TENANT" in roles:
        records.append((RightToRentCheck, _right_to_rent(index)))
    return records


async def seed_compliance_records(
    session: AsyncSession, viewer: Viewer, contacts: Sequence[Contact]
) -> int:
    """Give ``contacts`` plausible compliance records for their roles; count them."""
    count = 0
    for index, contact in enumerate(contacts):
        for model, values in _records(index, set(contact.roles)):
            await service.add_record(session, viewer, model, contact.id, values)
            count += 1
    return count
