"""Demo linked records, so each linked-record tab shows something in GraphiQL."""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.auth.sessions import Viewer
from contacts_graph.contacts.models import Contact
from contacts_graph.linked import service

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
DEALS_ROLES = {"CLIENT", "PROSPECT", "INVESTOR", "OWNER"}


def _records(index: int, roles: set[str]) -> list[dict[str, Any]]:
    """Return the demo records of the ``index``-th contact: every tab it shows."""
    at = NOW - timedelta(days=index % 30, hours=index % 7)
    records = [
        ("INBOX", "thread", f"Re: viewing on {at:%d %b}", "open", None, {}),
        (
            "MAIL",
            "send",
            "Autumn newsletter",
            "delivered",
            None,
            {"opens": index % 4, "clicks": index % 2},
        ),
        ("CALENDAR", "meeting", "Intro call", "confirmed", None, {"minutes": 30}),
    ]
    if roles & DEALS_ROLES:
        value = Decimal(25_000 + 1_250 * index).quantize(Decimal("0.01"))
        stage = ("qualified", "proposal", "negotiation", "won")[index % 4]
        records.append(("DEALS", "deal", "Portfolio review", stage, value, {}))
    if "GUEST" in roles:
        records.append(("OPS", "stay", "2 nights, Harbour Row 3", "booked", None, {}))
    if "PATIENT" in roles:
        records.append(("ASSURE", "appointment", "Check-up", "scheduled", None, {}))
    if roles & {"VENDOR", "CONTRACTOR"}:
        records.append(("OPS", "work_order", "Boiler service", "assigned", None, {}))
    return [
        {
            "product": product,
            "kind": kind,
            "external_id": f"demo-{kind}-{index}",
            "title": title,
            "status": status,
            "amount": amount,
            "currency": "EUR" if amount is not None else None,
            "occurred_at": at,
            "payload": payload,
        }
        for product, kind, title, status, amount, payload in records
    ]


async def seed_linked_records(
    session: AsyncSession, viewer: Viewer, contacts: Sequence[Contact]
) -> int:
    """Link demo records to ``contacts`` as the products would; count them."""
    count = 0
    for index, contact in enumerate(contacts):
        for values in _records(index, set(contact.roles)):
            await service.link_record(session, viewer, contact.id, values)
            count += 1
    return count
