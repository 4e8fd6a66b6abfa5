"""Demo money: invoices, payments and ledger entries for the paying roles."""

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.auth.sessions import Viewer
from contacts_graph.contacts.models import Contact
from contacts_graph.finance import service
from contacts_graph.finance.models import Invoice, LedgerEntry, Payment

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
# The financial tabs are shown to every role but PROSPECT.
PAYING = {"GUEST", "TENANT", "OWNER", "INVESTOR", "CLIENT", "PATIENT", "VENDOR"}


async def seed_finance(
    session: AsyncSession, viewer: Viewer, contacts: Sequence[Contact]
) -> int:
    """Give paying demo contacts an invoice, its payment and their ledger; count rows."""
    count = 0
    for index, contact in enumerate(contacts):
        if not PAYING & set(contact.roles):
            continue
        currency = ("EUR", "GBP", "USD")[index % 3]
        total = Decimal(120 + 35 * index).quantize(Decimal("0.01"))
        issued = date(2026, 10, 1) + timedelta(days=index % 20)
        invoice = await service.add_record(
            session,
            viewer,
            Invoice,
            contact.id,
            {
                "number": f"INV-{2026_000 + index}",
                "issued_on": issued,
                "due_on": issued + timedelta(days=30),
                "currency": currency,
                "total": total,
                "status": "PAID" if index % 4 else "OPEN",
                "description": "Services, October",
            },
        )
        count += 1
        entries = [("DEBIT", "CHARGE", total)]
        if index % 4:
            paid_at = NOW - timedelta(days=index % 10)
            await service.add_record(
                session,
                viewer,
                Payment,
                contact.id,
                {
                    "invoice_id": invoice.id,
                    "amount": total,
                    "currency": currency,
                    "paid_at": paid_at,
                    "method": ("CARD", "BANK_TRANSFER", "DIRECT_DEBIT")[index % 3],
                    "reference": f"PAY-{index:04d}",
                },
            )
            entries.append(("CREDIT", "PAYMENT", total))
            count += 1
        for direction, kind, amount in entries:
            await service.add_record(
                session,
                viewer,
                LedgerEntry,
                contact.id,
                {
                    "direction": direction,
                    "kind": kind,
                    "amount": amount,
                    "currency": currency,
                    "description": f"{kind.title()} for INV-{2026_000 + index}",
                    "booked_at": NOW - timedelta(days=index % 10, hours=1),
                    "status": "SETTLED",
                },
            )
            count += 1
    return count
