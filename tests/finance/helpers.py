"""Factories of financial records, written through the service as the API does."""

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.auth.sessions import Viewer
from contacts_graph.finance import service
from contacts_graph.finance.models import Invoice, LedgerEntry, Payment


async def add_entry(
    session: AsyncSession,
    viewer: Viewer,
    contact_id: uuid.UUID,
    amount: str = "10.00",
    *,
    currency: str = "EUR",
    kind: str = "PAYMENT",
    status: str = "SETTLED",
    direction: str = "CREDIT",
    booked_at: datetime | None = None,
    **values: Any,
) -> LedgerEntry:
    return await service.add_record(
        session,
        viewer,
        LedgerEntry,
        contact_id,
        {
            "direction": direction,
            "amount": Decimal(amount),
            "currency": currency,
            "booked_at": booked_at or datetime(2026, 1, 1, tzinfo=UTC),
            "status": status,
            "kind": kind,
            **values,
        },
    )


async def add_invoice(
    session: AsyncSession,
    viewer: Viewer,
    contact_id: uuid.UUID,
    number: str = "INV-1",
    *,
    issued_on: date = date(2026, 1, 1),
    **values: Any,
) -> Invoice:
    return await service.add_record(
        session,
        viewer,
        Invoice,
        contact_id,
        {
            "number": number,
            "issued_on": issued_on,
            "due_on": values.pop("due_on", issued_on),
            "currency": "EUR",
            "total": Decimal("100.00"),
            "status": "OPEN",
            **values,
        },
    )


async def add_payment(
    session: AsyncSession,
    viewer: Viewer,
    contact_id: uuid.UUID,
    amount: str = "10.00",
    *,
    paid_at: datetime | None = None,
    **values: Any,
) -> Payment:
    return await service.add_record(
        session,
        viewer,
        Payment,
        contact_id,
        {
            "amount": Decimal(amount),
            "currency": "EUR",
            "paid_at": paid_at or datetime(2026, 1, 2, tzinfo=UTC),
            "method": "CARD",
            **values,
        },
    )
