"""Loaders of the role tabs: a page or a count per contact, one statement each."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, ClassVar

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.loaders import Loader
from contacts_graph.pagination import PageRequest
from contacts_graph.roles import repository
from contacts_graph.roles.models import Employment, Investment, PropertyHolding, Tenancy

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


class TenanciesByContactIdLoader(_PagesLoader):
    """Load a page of each contact's tenancies, latest started first."""

    model = Tenancy


class PropertyHoldingsByContactIdLoader(_PagesLoader):
    """Load a page of each contact's properties, latest acquired first."""

    model = PropertyHolding


class InvestmentsByContactIdLoader(_PagesLoader):
    """Load a page of each contact's investments, latest invested first."""

    model = Investment


class EmploymentsByContactIdLoader(_PagesLoader):
    """Load a page of each contact's jobs, latest started first."""

    model = Employment


class TenancyCountByContactIdLoader(_CountLoader):
    """Count each contact's tenancies."""

    model = Tenancy


class PropertyHoldingCountByContactIdLoader(_CountLoader):
    """Count each contact's properties."""

    model = PropertyHolding


class InvestmentCountByContactIdLoader(_CountLoader):
    """Count each contact's investments."""

    model = Investment


class EmploymentCountByContactIdLoader(_CountLoader):
    """Count each contact's jobs."""

    model = Employment
