"""Loaders of the documents tab: a page, or a count, per contact."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.documents import repository
from contacts_graph.loaders import Loader
from contacts_graph.pagination import PageRequest

PageKey = tuple[uuid.UUID, PageRequest]


class DocumentsByContactIdLoader(Loader[PageKey, list[Any]]):
    """Load a page of each contact's documents, newest first."""

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[PageKey]
    ) -> list[list[Any]]:
        groups: dict[PageRequest, list[uuid.UUID]] = defaultdict(list)
        for contact_id, request in keys:
            groups[request].append(contact_id)
        pages: dict[PageKey, list[Any]] = {}
        for request, contact_ids in groups.items():
            found = await repository.document_pages(
                session, self.tenant_id, contact_ids, request
            )
            pages |= {(c, request): found.get(c, []) for c in contact_ids}
        return [pages[key] for key in keys]


class DocumentCountByContactIdLoader(Loader[uuid.UUID, int]):
    """Count each contact's documents."""

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[uuid.UUID]
    ) -> list[int]:
        counts = await repository.document_counts(session, self.tenant_id, keys)
        return [counts.get(key, 0) for key in keys]
