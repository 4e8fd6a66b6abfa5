"""Demo role records, so the role tabs of the demo contacts show something."""

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.auth.sessions import Viewer
from contacts_graph.contacts.models import Contact
from contacts_graph.roles import service
from contacts_graph.roles.models import Employment, Investment, PropertyHolding, Tenancy

START = date(2024, 1, 1)
STREETS = ("Harbour Row", "Mill Lane", "Castle Street", "Quay Road", "Elm Court")
CURRENCIES = ("EUR", "GBP", "USD")


def _tenancy(index: int) -> dict[str, Any]:
    starts_on = START + timedelta(days=45 * index)
    return {
        "property_address": f"{index % 40 + 1} {STREETS[index % len(STREETS)]}",
        "unit": f"Flat {index % 9 + 1}" if index % 2 else None,
        "starts_on": starts_on,
        # Every third tenancy has ended, so each status shows up.
        "ends_on": starts_on + timedelta(days=365) if index % 3 == 0 else None,
        "rent": Decimal(950 + 25 * index).quantize(Decimal("0.01")),
        "currency": CURRENCIES[index % 3],
        "rent_period": "MONTHLY" if index % 4 else "WEEKLY",
        "deposit": Decimal(1_900 + 50 * index).quantize(Decimal("0.01")),
    }


def _holding(index: int) -> dict[str, Any]:
    return {
        "name": f"{index % 30 + 2} {STREETS[(index + 2) % len(STREETS)]}",
        "kind": ("HOUSE", "FLAT", "COMMERCIAL", "LAND")[index % 4],
        "share_percent": Decimal("100.00") if index % 2 else Decimal("50.00"),
        "acquired_on": START - timedelta(days=400 + 30 * index),
        "value": Decimal(250_000 + 5_000 * index).quantize(Decimal("0.01")),
        "currency": CURRENCIES[index % 3],
    }


def _investment(index: int) -> dict[str, Any]:
    return {
        "name": ("Harbour Fund II", "Mill Lane Lofts", "Quay Road Bond")[index % 3],
        "vehicle": ("FUND", "PROPERTY", "DEBT")[index % 3],
        "committed": Decimal(50_000 + 2_500 * index).quantize(Decimal("0.01")),
        "currency": CURRENCIES[index % 3],
        "invested_on": START + timedelta(days=20 * index),
        "status": ("COMMITTED", "ACTIVE", "EXITED")[index % 3],
    }


def _employment(index: int, manager: Contact | None) -> dict[str, Any]:
    return {
        "job_title": ("Property Manager", "Leasing Agent", "Accountant")[index % 3],
        "department": ("Operations", "Lettings", "Finance")[index % 3],
        "starts_on": START - timedelta(days=90 * index),
        "ends_on": None,
        "employment_type": ("FULL_TIME", "PART_TIME", "CONTRACT")[index % 3],
        "manager_contact_id": manager.id if manager else None,
    }


async def seed_role_records(
    session: AsyncSession, viewer: Viewer, contacts: Sequence[Contact]
) -> int:
    """Give each demo contact the records its roles call for; count them."""
    count = 0
    # The first employee manages the others.
    manager: Contact | None = None
    for index, contact in enumerate(contacts):
        roles = set(contact.roles)
        records: list[tuple[Any, dict[str, Any]]] = []
        if "TENANT" in roles:
            records.append((Tenancy, _tenancy(index)))
        if "OWNER" in roles:
            records.append((PropertyHolding, _holding(index)))
        if "INVESTOR" in roles:
            records.append((Investment, _investment(index)))
        if "EMPLOYEE" in roles:
            records.append((Employment, _employment(index, manager)))
            manager = manager or contact
        for model, values in records:
            await service.add_record(session, viewer, model, contact.id, values)
            count += 1
    return count
