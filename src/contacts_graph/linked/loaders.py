"""Loaders of the linked records behind the profile tabs, and their counts."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.linked import repository
from contacts_graph.linked.tabs import LinkedTab
from contacts_graph.loaders import Loader
from contacts_graph.pagination import PageRequest

TabPageKey = tuple[uuid.UUID, LinkedTab, PageRequest]
TabKey = tuple[uuid.UUID, LinkedTab]


class LinkedRecordsByContactIdLoader(Loader[TabPageKey, list[Any]]):
    """Load a page of each contact's records of a tab, newest first.

    A page of contacts asks each tab for the same page of every contact, so
    one statement per distinct ``(tab, request)`` serves the whole page.
    """

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[TabPageKey]
    ) -> list[list[Any]]:
        groups: dict[tuple[LinkedTab, PageRequest], list[uuid.UUID]] = defaultdict(list)
        for contact_id, tab, request in keys:
            groups[(tab, request)].append(contact_id)
        pages: dict[TabPageKey, list[Any]] = {}
        for (tab, request), contact_ids in groups.items():
            rows = await repository.records_by_contact(
                session, self.tenant_id, contact_ids, tab, request
            )
            pages |= {(c, tab, request): rows.get(c, []) for c in contact_ids}
        return [pages[key] for key in keys]


class LinkedRecordCountByContactIdLoader(Loader[TabKey, int]):
    """Count each contact's records of a tab: one statement per tab."""

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[TabKey]
    ) -> list[int]:
        groups: dict[LinkedTab, list[uuid.UUID]] = defaultdict(list)
        for contact_id, tab in keys:
            groups[tab].append(contact_id)
        counts: dict[TabKey, int] = {}
        for tab, contact_ids in groups.items():
            found = await repository.record_counts(
                session, self.tenant_id, contact_ids, tab
            )
            counts |= {(c, tab): found.get(c, 0) for c in contact_ids}
        return [counts[key] for key in keys]
