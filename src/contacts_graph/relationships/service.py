"""Link and unlink contacts, and walk the relationship graph."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.audit.service import record_change
from contacts_graph.auth.sessions import Viewer
from contacts_graph.contacts.models import Contact
from contacts_graph.contacts.service import get_live_contact
from contacts_graph.errors import ValidationFailed
from contacts_graph.relationships import repository
from contacts_graph.relationships.kinds import (
    INVERSE,
    MAX_NETWORK_DEPTH,
    MAX_NETWORK_SIZE,
    Kind,
)
from contacts_graph.relationships.models import Relationship


async def link_contacts(
    session: AsyncSession,
    viewer: Viewer,
    contact_id: uuid.UUID,
    related_id: uuid.UUID,
    kind: Kind,
) -> Relationship:
    """Record that ``related_id`` is ``contact_id``'s ``kind``, and the inverse.

    Linking twice returns the existing link.
    """
    if contact_id == related_id:
        raise ValidationFailed.one(
            "relatedContactId", "SELF_LINK", "A contact cannot be related to itself."
        )
    contact = await get_live_contact(session, viewer, contact_id)
    related = await get_live_contact(session, viewer, related_id)
    existing = await session.scalar(
        select(Relationship).where(
            Relationship.tenant_id == viewer.tenant_id,
            Relationship.from_contact_id == contact.id,
            Relationship.to_contact_id == related.id,
            Relationship.kind == kind.value,
        )
    )
    if existing is not None:
        return existing

    forward = Relationship(
        id=uuid.uuid4(),
        tenant_id=viewer.tenant_id,
        from_contact_id=contact.id,
        to_contact_id=related.id,
        kind=kind.value,
    )
    backward = Relationship(
        id=uuid.uuid4(),
        tenant_id=viewer.tenant_id,
        from_contact_id=related.id,
        to_contact_id=contact.id,
        kind=INVERSE[kind].value,
    )
    session.add_all([forward, backward])
    record_change(
        session,
        viewer,
        action="relationship.link",
        entity_type="contact",
        entity_id=contact.id,
        changes={
            "relationship": {"before": None, "after": [kind.value, str(related.id)]}
        },
        event="contact.updated",
    )
    await session.flush()
    return forward


async def unlink_contacts(
    session: AsyncSession,
    viewer: Viewer,
    contact_id: uuid.UUID,
    related_id: uuid.UUID,
    kind: Kind,
) -> bool:
    """Remove a link in both directions; return whether there was one."""
    removed = await repository.delete_link(
        session,
        viewer.tenant_id,
        contact_id,
        related_id,
        kind.value,
        INVERSE[kind].value,
    )
    if removed:
        record_change(
            session,
            viewer,
            action="relationship.unlink",
            entity_type="contact",
            entity_id=contact_id,
            changes={
                "relationship": {"before": [kind.value, str(related_id)], "after": None}
            },
            event="contact.updated",
        )
        await session.flush()
    return removed > 0


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


async def walk_network(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    start_id: uuid.UUID,
    kinds: Sequence[str] | None,
    depth: int,
) -> list[Reached]:
    """Walk the graph breadth-first from ``start_id``: one statement per hop.

    Each contact is reported once, at its shortest distance. The walk stops
    at ``MAX_NETWORK_SIZE`` contacts, so a hub cannot blow up a request.
    """
    if not 1 <= depth <= MAX_NETWORK_DEPTH:
        raise ValidationFailed.one(
            "depth",
            "OUT_OF_RANGE",
            f"depth must be between 1 and {MAX_NETWORK_DEPTH}.",
        )
    paths: dict[uuid.UUID, tuple[Hop, ...]] = {start_id: ()}
    reached: list[Reached] = []
    frontier = [start_id]
    for level in range(1, depth + 1):
        if not frontier or len(reached) >= MAX_NETWORK_SIZE:
            break
        rows = await repository.neighbours(
            session, tenant_id, frontier, kinds, limit=MAX_NETWORK_SIZE * 4
        )
        frontier = []
        for relationship, contact in rows:
            if contact.id in paths or len(reached) >= MAX_NETWORK_SIZE:
                continue
            path = (
                *paths[relationship.from_contact_id],
                Hop(relationship.kind, contact),
            )
            paths[contact.id] = path
            reached.append(Reached(contact=contact, depth=level, path=path))
            frontier.append(contact.id)
    return reached
