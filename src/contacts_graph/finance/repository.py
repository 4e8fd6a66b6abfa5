"""SQL of the financial tabs: pages, counts, lookups and lifetime value."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import DateTime, and_, case, cast, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.db.windows import pages_per_parent
from contacts_graph.finance.models import Invoice, LedgerEntry, Payment
from contacts_graph.pagination import PageRequest

# Limitation: the tabs are read by the contact's own id; the ids merged into a
# contact join its tabs when merging exists, as for the history tabs.

LEDGER_ORDER = "ledger:booked-at"
INVOICE_ORDER = "invoice:issued-on"
PAYMENT_ORDER = "payment:paid-at"

FinanceModel = type[LedgerEntry] | type[Invoice] | type[Payment]

# A cursor's sort value is text bound with the sort column's type, and the
# windows module parses timestamps only; a date sorts the same as timestamp.
_INVOICE_SORT = cast(Invoice.issued_on, DateTime())
_SORTS: dict[Any, tuple[Any, str]] = {
    LedgerEntry: (LedgerEntry.booked_at, LEDGER_ORDER),
    Invoice: (_INVOICE_SORT, INVOICE_ORDER),
    Payment: (Payment.paid_at, PAYMENT_ORDER),
}


async def tab_pages(
    session: AsyncSession,
    model: FinanceModel,
    tenant_id: uuid.UUID,
    contact_ids: Sequence[uuid.UUID],
    request: PageRequest,
) -> dict[uuid.UUID, list[Any]]:
    """Return a page of ``model`` rows per contact, newest first, in one statement."""
    sort, order_key = _SORTS[model]
    return await pages_per_parent(
        session,
        base=select(model).where(model.tenant_id == tenant_id),
        parent=model.contact_id,
        sort=sort,
        row_id=model.id,
        fetch=select(model),
        parent_ids=contact_ids,
        request=request,
        order_key=order_key,
        newest_first=True,
    )


async def tab_counts(
    session: AsyncSession,
    model: FinanceModel,
    tenant_id: uuid.UUID,
    contact_ids: Sequence[uuid.UUID],
) -> dict[uuid.UUID, int]:
    """Count ``model`` rows per contact."""
    stmt = (
        select(model.contact_id, func.count())
        .where(model.tenant_id == tenant_id, model.contact_id.in_(contact_ids))
        .group_by(model.contact_id)
    )
    return dict((await session.execute(stmt)).all())


async def find(
    session: AsyncSession, model: FinanceModel, tenant_id: uuid.UUID, id_: uuid.UUID
) -> Any:
    """Return the row of ``model`` with that id, locked for the change, or None."""
    stmt = (
        select(model)
        .where(model.tenant_id == tenant_id, model.id == id_)
        .with_for_update()
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def invoice_id_by_number(
    session: AsyncSession, tenant_id: uuid.UUID, number: str
) -> uuid.UUID | None:
    stmt = select(Invoice.id).where(
        Invoice.tenant_id == tenant_id, Invoice.number == number
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def lifetime_value(
    session: AsyncSession, tenant_id: uuid.UUID, contact_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[tuple[str, Decimal]]]:
    """Return each contact's lifetime value per currency, in one statement.

    The rule: over SETTLED ledger entries only, the amounts of CREDIT entries
    of kind PAYMENT, minus the amounts of entries of kind REFUND (whatever
    their direction, since a refund always gives money back). PENDING and
    VOID entries, charges and adjustments do not count. A currency appears
    when the contact has at least one counted entry in it, even if the value
    nets to zero; contacts with none get an empty list. Currencies are
    ordered by code; PostgreSQL sums NUMERIC exactly.
    """
    paid = and_(LedgerEntry.kind == "PAYMENT", LedgerEntry.direction == "CREDIT")
    refunded = LedgerEntry.kind == "REFUND"
    signed = case((refunded, -LedgerEntry.amount), else_=LedgerEntry.amount)
    stmt = (
        select(LedgerEntry.contact_id, LedgerEntry.currency, func.sum(signed))
        .where(
            LedgerEntry.tenant_id == tenant_id,
            LedgerEntry.contact_id.in_(contact_ids),
            LedgerEntry.status == "SETTLED",
            or_(paid, refunded),
        )
        .group_by(LedgerEntry.contact_id, LedgerEntry.currency)
        .order_by(LedgerEntry.contact_id, LedgerEntry.currency)
    )
    values: dict[uuid.UUID, list[tuple[str, Decimal]]] = defaultdict(list)
    for contact_id, currency, amount in (await session.execute(stmt)).all():
        values[contact_id].append((currency, amount))
    return values
