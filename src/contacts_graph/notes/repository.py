"""SQL over notes, calls and preferences."""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.db.windows import pages_per_parent
from contacts_graph.notes.models import ContactCall, ContactNote, ContactPreferences
from contacts_graph.pagination import PageRequest

NOTE_ORDER = "note:newest"
CALL_ORDER = "call:newest"


async def notes_by_contact(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    contact_ids: Sequence[uuid.UUID],
    request: PageRequest,
) -> dict[uuid.UUID, list[Any]]:
    """Return a page of ``(ContactNote, parent_id, sort_key)`` rows per contact.

    Newest first, then by id.
    """
    return await pages_per_parent(
        session,
        base=select(ContactNote).where(ContactNote.tenant_id == tenant_id),
        parent=ContactNote.contact_id,
        sort=ContactNote.created_at,
        row_id=ContactNote.id,
        fetch=select(ContactNote),
        parent_ids=contact_ids,
        request=request,
        order_key=NOTE_ORDER,
        newest_first=True,
    )


async def calls_by_contact(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    contact_ids: Sequence[uuid.UUID],
    request: PageRequest,
) -> dict[uuid.UUID, list[Any]]:
    """Return a page of ``(ContactCall, parent_id, sort_key)`` rows per contact.

    Latest started first, then by id.
    """
    return await pages_per_parent(
        session,
        base=select(ContactCall).where(ContactCall.tenant_id == tenant_id),
        parent=ContactCall.contact_id,
        sort=ContactCall.started_at,
        row_id=ContactCall.id,
        fetch=select(ContactCall),
        parent_ids=contact_ids,
        request=request,
        order_key=CALL_ORDER,
        newest_first=True,
    )


async def counts_by_contact(
    session: AsyncSession,
    entity: type[ContactNote] | type[ContactCall],
    tenant_id: uuid.UUID,
    contact_ids: Sequence[uuid.UUID],
) -> dict[uuid.UUID, int]:
    """Count each contact's notes or calls."""
    stmt = (
        select(entity.contact_id, func.count())
        .where(entity.tenant_id == tenant_id, entity.contact_id.in_(contact_ids))
        .group_by(entity.contact_id)
    )
    return dict((await session.execute(stmt)).all())  # type: ignore[arg-type]


async def preferences_by_contact(
    session: AsyncSession, tenant_id: uuid.UUID, contact_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, ContactPreferences]:
    stmt = select(ContactPreferences).where(
        ContactPreferences.tenant_id == tenant_id,
        ContactPreferences.contact_id.in_(contact_ids),
    )
    return {p.contact_id: p for p in (await session.scalars(stmt)).all()}


async def find_note(
    session: AsyncSession, tenant_id: uuid.UUID, note_id: uuid.UUID
) -> ContactNote | None:
    return await session.get(ContactNote, (tenant_id, note_id))


async def find_call(
    session: AsyncSession, tenant_id: uuid.UUID, call_id: uuid.UUID
) -> ContactCall | None:
    return await session.get(ContactCall, (tenant_id, call_id))
