"""Loaders of a contact's relationships and their counts."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.loaders import Loader
from contacts_graph.pagination import PageRequest
from contacts_graph.relationships import repository
from contacts_graph.relationships.network import Reached, walk_networks

Kinds = tuple[str, ...] | None
PageKey = tuple[uuid.UUID, Kinds, PageRequest]
CountKey = tuple[uuid.UUID, Kinds]


def order_key(kinds: Kinds) -> str:
    """Name the order of a relationship list; cursors carry it."""
    return "relationship:name:" + ",".join(kinds or ())


class RelationshipsByContactIdLoader(Loader[PageKey, list[Any]]):
    """Load a page of each contact's relationships with the related contacts."""

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[PageKey]
    ) -> list[list[Any]]:
        groups: dict[tuple[Kinds, PageRequest], list[uuid.UUID]] = defaultdict(list)
        for contact_id, kinds, request in keys:
            groups[(kinds, request)].append(contact_id)
        pages: dict[PageKey, list[Any]] = {}
        for (kinds, request), contact_ids in groups.items():
            rows = await repository.relationships_by_contact(
                session, self.tenant_id, contact_ids, kinds, request, order_key(kinds)
            )
            pages |= {(c, kinds, request): rows.get(c, []) for c in contact_ids}
        return [pages[key] for key in keys]


class RelationshipCountByContactIdLoader(Loader[CountKey, int]):
    """Count each contact's relationships to live contacts."""

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[CountKey]
    ) -> list[int]:
        groups: dict[Kinds, list[uuid.UUID]] = defaultdict(list)
        for contact_id, kinds in keys:
            groups[kinds].append(contact_id)
        counts: dict[CountKey, int] = {}
        for kinds, contact_ids in groups.items():
            found = await repository.relationship_counts(
                session, self.tenant_id, contact_ids, kinds
            )
            counts |= {(c, kinds): found.get(c, 0) for c in contact_ids}
        return [counts[key] for key in keys]


NetworkKey = tuple[uuid.UUID, Kinds, int]


class NetworkByContactIdLoader(Loader[NetworkKey, list[Reached]]):
    """Walk the graph from each contact; one statement per hop for all of them."""

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[NetworkKey]
    ) -> list[list[Reached]]:
        groups: dict[tuple[Kinds, int], list[uuid.UUID]] = defaultdict(list)
        for contact_id, kinds, depth in keys:
            groups[(kinds, depth)].append(contact_id)
        walks: dict[NetworkKey, list[Reached]] = {}
        for (kinds, depth), contact_ids in groups.items():
            found = await walk_networks(
                session, self.tenant_id, contact_ids, kinds, depth
            )
            walks |= {(c, kinds, depth): found[c] for c in contact_ids}
        return [walks[key] for key in keys]
