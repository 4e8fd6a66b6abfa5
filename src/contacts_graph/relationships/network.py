"""Walk the relationship graph breadth-first, for many starting contacts at once."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.contacts.models import Contact
from contacts_graph.errors import ValidationFailed
from contacts_graph.relationships import repository
from contacts_graph.relationships.kinds import MAX_NETWORK_DEPTH, MAX_NETWORK_SIZE

# Rows one hop may read for all walks together; a hub with more links than
# this is cut off, so no request reads an unbounded neighbourhood.
MAX_HOP_ROWS = 20_000


@dataclass(frozen=True)
class Hop:
    kind: str
    contact: Contact


@dataclass(frozen=True)
class Reached:
    """A contact reached by a walk, how far away, and the hops that lead to it."""

    contact: Contact
    depth: int
    path: tuple[Hop, ...]


def check_depth(depth: int) -> None:
    if not 1 <= depth <= MAX_NETWORK_DEPTH:
        raise ValidationFailed.one(
            "depth", "OUT_OF_RANGE", f"depth must be between 1 and {MAX_NETWORK_DEPTH}."
        )


class Walk:
    """One breadth-first walk: what it reached, and its next frontier."""

    def __init__(self, start_id: uuid.UUID) -> None:
        self.paths: dict[uuid.UUID, tuple[Hop, ...]] = {start_id: ()}
        self.reached: list[Reached] = []
        self.frontier = [start_id]

    def step(self, level: int, links: dict[uuid.UUID, list[Any]]) -> None:
        """Follow this hop's links out of the frontier."""
        frontier, self.frontier = self.frontier, []
        for node in frontier:
            for relationship, contact in links.get(node, ()):
                if contact.id in self.paths or len(self.reached) >= MAX_NETWORK_SIZE:
                    continue
                path = (*self.paths[node], Hop(relationship.kind, contact))
                self.paths[contact.id] = path
                self.reached.append(Reached(contact=contact, depth=level, path=path))
                self.frontier.append(contact.id)


async def walk_networks(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    start_ids: Sequence[uuid.UUID],
    kinds: Sequence[str] | None,
    depth: int,
) -> dict[uuid.UUID, list[Reached]]:
    """Walk from every start at once: one statement per hop, whatever the starts.

    Each contact is reported once per walk, at its shortest distance, and a
    walk stops at ``MAX_NETWORK_SIZE`` contacts.
    """
    check_depth(depth)
    walks = {start_id: Walk(start_id) for start_id in start_ids}
    for level in range(1, depth + 1):
        nodes = {node for walk in walks.values() for node in walk.frontier}
        if not nodes:
            break
        rows = await repository.neighbours(
            session, tenant_id, list(nodes), kinds, limit=MAX_HOP_ROWS
        )
        links: dict[uuid.UUID, list[Any]] = defaultdict(list)
        for relationship, contact in rows:
            links[relationship.from_contact_id].append((relationship, contact))
        for walk in walks.values():
            walk.step(level, links)
    return {start_id: walk.reached for start_id, walk in walks.items()}
