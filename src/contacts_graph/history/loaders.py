"""Loaders of the history tabs: a page, or a count, per contact."""

import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.history import repository
from contacts_graph.loaders import Loader
from contacts_graph.pagination import PageRequest

PageKey = tuple[uuid.UUID, PageRequest]
PageQuery = Callable[
    [AsyncSession, uuid.UUID, Sequence[uuid.UUID], PageRequest],
    Awaitable[dict[uuid.UUID, list[Any]]],
]


async def _pages(
    query: PageQuery,
    session: AsyncSession,
    tenant_id: uuid.UUID,
    keys: Sequence[PageKey],
) -> list[list[Any]]:
    # One statement per distinct page request, for every contact asking it.
    groups: dict[PageRequest, list[uuid.UUID]] = defaultdict(list)
    for contact_id, request in keys:
        groups[request].append(contact_id)
    pages: dict[PageKey, list[Any]] = {}
    for request, contact_ids in groups.items():
        found = await query(session, tenant_id, contact_ids, request)
        pages |= {(c, request): found.get(c, []) for c in contact_ids}
    return [pages[key] for key in keys]


class ConsentEventsByContactIdLoader(Loader[PageKey, list[Any]]):
    """Load a page of each contact's consent events, latest recorded first."""

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[PageKey]
    ) -> list[list[Any]]:
        return await _pages(repository.consent_pages, session, self.tenant_id, keys)


class AuditEntriesByContactIdLoader(Loader[PageKey, list[Any]]):
    """Load a page of each contact's audit entries, newest first."""

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[PageKey]
    ) -> list[list[Any]]:
        return await _pages(repository.audit_pages, session, self.tenant_id, keys)


class ConsentEventCountByContactIdLoader(Loader[uuid.UUID, int]):
    """Count each contact's consent events."""

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[uuid.UUID]
    ) -> list[int]:
        counts = await repository.consent_counts(session, self.tenant_id, keys)
        return [counts.get(key, 0) for key in keys]


class AuditEntryCountByContactIdLoader(Loader[uuid.UUID, int]):
    """Count each contact's audit entries."""

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[uuid.UUID]
    ) -> list[int]:
        counts = await repository.audit_counts(session, self.tenant_id, keys)
        return [counts.get(key, 0) for key in keys]
