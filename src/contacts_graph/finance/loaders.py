"""Loaders of the financial tabs: a page or a count per contact, lifetime value."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.finance import repository
from contacts_graph.finance.models import Invoice, LedgerEntry, Payment
from contacts_graph.loaders import Loader
from contacts_graph.pagination import PageRequest

PageKey = tuple[uuid.UUID, PageRequest]


class _PagesLoader(Loader[PageKey, list[Any]]):
    model: ClassVar[Any]

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[PageKey]
    ) -> list[list[Any]]:
        # One statement per distinct page request, for every contact asking it.
        groups: dict[PageRequest, list[uuid.UUID]] = defaultdict(list)
        for contact_id, request in keys:
            groups[request].append(contact_id)
        pages: dict[PageKey, list[Any]] = {}
        for request, contact_ids in groups.items():
            found = await repository.tab_pages(
                session, self.model, self.tenant_id, contact_ids, request
            )
            pages |= {(c, request): found.get(c, []) for c in contact_ids}
        return [pages[key] for key in keys]


class _CountLoader(Loader[uuid.UUID, int]):
    model: ClassVar[Any]

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[uuid.UUID]
    ) -> list[int]:
        counts = await repository.tab_counts(session, self.model, self.tenant_id, keys)
        return [counts.get(key, 0) for key in keys]


class LedgerEntriesByContactIdLoader(_PagesLoader):
    """Load a page of each contact's ledger entries, latest booked first."""

    model = LedgerEntry


class InvoicesByContactIdLoader(_PagesLoader):
    """Load a page of each contact's invoices, latest issued first."""

    model = Invoice


class PaymentsByContactIdLoader(_PagesLoader):
    """Load a page of each contact's payments, latest paid first."""

    model = Payment


class LedgerEntryCountByContactIdLoader(_CountLoader):
    """Count each contact's ledger entries."""

    model = LedgerEntry


class InvoiceCountByContactIdLoader(_CountLoader):
    """Count each contact's invoices."""

    model = Invoice


class PaymentCountByContactIdLoader(_CountLoader):
    """Count each contact's payments."""

    model = Payment


class LifetimeValueByContactIdLoader(Loader[uuid.UUID, list[tuple[str, Decimal]]]):
    """Load each contact's lifetime value as (currency, amount) pairs."""

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[uuid.UUID]
    ) -> list[list[tuple[str, Decimal]]]:
        values = await repository.lifetime_value(session, self.tenant_id, keys)
        return [values.get(key, []) for key in keys]
