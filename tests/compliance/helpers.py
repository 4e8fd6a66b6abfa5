"""Factories of compliance records, written through the service as the API does."""

import uuid
from datetime import UTC, date, datetime
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

START = datetime(2026, 1, 1, tzinfo=UTC)


async def add_identity(
    session: AsyncSession,
    viewer: Viewer,
    contact_id: uuid.UUID,
    number: str = "123456789",
    **values: Any,
) -> IdentityDocument:
    return await service.add_record(
        session,
        viewer,
        IdentityDocument,
        contact_id,
        {"kind": "PASSPORT", "issuing_country": "GB", "number": number, **values},
    )


async def add_kyc(
    session: AsyncSession,
    viewer: Viewer,
    contact_id: uuid.UUID,
    *,
    requested_at: datetime = START,
    **values: Any,
) -> KycCheck:
    return await service.add_record(
        session,
        viewer,
        KycCheck,
        contact_id,
        {
            "status": "PENDING",
            "level": "STANDARD",
            "requested_at": requested_at,
            **values,
        },
    )


async def add_aml(
    session: AsyncSession,
    viewer: Viewer,
    contact_id: uuid.UUID,
    *,
    screened_at: datetime = START,
    **values: Any,
) -> AmlScreening:
    return await service.add_record(
        session,
        viewer,
        AmlScreening,
        contact_id,
        {
            "screened_at": screened_at,
            "provider": "ComplyAdvantage",
            "result": "CLEAR",
            "lists_checked": ["SANCTIONS", "PEP"],
            **values,
        },
    )


async def add_right_to_rent(
    session: AsyncSession,
    viewer: Viewer,
    contact_id: uuid.UUID,
    *,
    checked_on: date = date(2026, 1, 1),
    **values: Any,
) -> RightToRentCheck:
    return await service.add_record(
        session,
        viewer,
        RightToRentCheck,
        contact_id,
        {
            "checked_on": checked_on,
            "method": "MANUAL_DOCUMENT",
            "outcome": "UNLIMITED",
            **values,
        },
    )
