"""Link and unlink contacts, and walk the relationship graph."""

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.audit.service import record_change
from contacts_graph.auth.sessions import Viewer
from contacts_graph.contacts.service import get_live_contact
from contacts_graph.errors import ValidationFailed
from contacts_graph.relationships import repository
from contacts_graph.relationships.kinds import (
    GROUP,
    INVERSE,
    Kind,
)
from contacts_graph.relationships.models import Relationship


async def _links_between(
    session: AsyncSession, viewer: Viewer, contact_id: uuid.UUID, related_id: uuid.UUID
) -> list[Relationship]:
    # Links are stored both ways, so one direction holds every link of a pair.
    stmt = select(Relationship).where(
        Relationship.tenant_id == viewer.tenant_id,
        Relationship.from_contact_id == contact_id,
        Relationship.to_contact_id == related_id,
    )
    return list((await session.scalars(stmt)).all())


def _check_no_conflict(links: Sequence[Relationship], kind: Kind) -> None:
    """Refuse ``kind`` when the pair already has another kind of its group."""
    for link in links:
        if link.kind != kind.value and Kind(link.kind) in GROUP[kind]:
            raise ValidationFailed.one(
                "kind",
                "CONFLICTING_RELATIONSHIP",
                f"These contacts are already related as {link.kind}; "
                "unlink that first.",
            )


async def link_contacts(
    session: AsyncSession,
    viewer: Viewer,
    contact_id: uuid.UUID,
    related_id: uuid.UUID,
    kind: Kind,
) -> tuple[Relationship, bool]:
    """Record that ``related_id`` is ``contact_id``'s ``kind``, and the inverse.

    Return the link and whether it is new: linking twice changes nothing.
    Both contacts are locked, so concurrent links of one pair take turns.

    Raises:
        ValidationFailed: a self link, or the pair already has another kind
            of the same group (PARENT and CHILD, EMPLOYER and EMPLOYEE…).
    """
    if contact_id == related_id:
        raise ValidationFailed.one(
            "relatedContactId", "SELF_LINK", "A contact cannot be related to itself."
        )
    # Lock the pair in one order whichever side a request names first, so
    # A-to-B and B-to-A links made at once queue instead of deadlocking.
    fields = {contact_id: "contactId", related_id: "relatedContactId"}
    locked = {
        key: await get_live_contact(session, viewer, key, field=fields[key])
        for key in sorted(fields)
    }
    contact, related = locked[contact_id], locked[related_id]
    links = await _links_between(session, viewer, contact.id, related.id)
    existing = next((link for link in links if link.kind == kind.value), None)
    if existing is not None:
        return existing, False
    _check_no_conflict(links, kind)

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
    return forward, True


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
