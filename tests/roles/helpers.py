"""Factories of role records, written through the service as the API does."""

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.auth.sessions import Viewer
from contacts_graph.roles import service
from contacts_graph.roles.models import Employment, Investment, PropertyHolding, Tenancy


async def add_tenancy(
    session: AsyncSession,
    viewer: Viewer,
    contact_id: uuid.UUID,
    *,
    starts_on: date = date(2026, 1, 1),
    rent: str = "950.00",
    **values: Any,
) -> Tenancy:
    return await service.add_record(
        session,
        viewer,
        Tenancy,
        contact_id,
        {
            "property_address": "3 Harbour Row",
            "starts_on": starts_on,
            "rent": Decimal(rent),
            "currency": "EUR",
            "rent_period": "MONTHLY",
            **values,
        },
    )


async def add_holding(
    session: AsyncSession,
    viewer: Viewer,
    contact_id: uuid.UUID,
    *,
    acquired_on: date | None = date(2020, 1, 1),
    **values: Any,
) -> PropertyHolding:
    return await service.add_record(
        session,
        viewer,
        PropertyHolding,
        contact_id,
        {
            "name": "12 Mill Lane",
            "kind": "HOUSE",
            "share_percent": Decimal("50"),
            "acquired_on": acquired_on,
            **values,
        },
    )


async def add_investment(
    session: AsyncSession,
    viewer: Viewer,
    contact_id: uuid.UUID,
    *,
    invested_on: date = date(2026, 1, 1),
    committed: str = "50000.00",
    **values: Any,
) -> Investment:
    return await service.add_record(
        session,
        viewer,
        Investment,
        contact_id,
        {
            "name": "Harbour Fund II",
            "vehicle": "FUND",
            "committed": Decimal(committed),
            "currency": "EUR",
            "invested_on": invested_on,
            "status": "ACTIVE",
            **values,
        },
    )


async def add_employment(
    session: AsyncSession,
    viewer: Viewer,
    contact_id: uuid.UUID,
    *,
    starts_on: date = date(2025, 1, 1),
    **values: Any,
) -> Employment:
    return await service.add_record(
        session,
        viewer,
        Employment,
        contact_id,
        {
            "job_title": "Leasing Agent",
            "starts_on": starts_on,
            "employment_type": "FULL_TIME",
            **values,
        },
    )
