"""SQL over tags and the contacts that carry them."""

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import and_, delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.contacts.models import Contact
from contacts_graph.tags.models import ContactTag, Tag

MAX_TAGS_LISTED = 1000


async def list_tags(
    session: AsyncSession, tenant_id: uuid.UUID, search: str | None
) -> list[Tag]:
    stmt = select(Tag).where(Tag.tenant_id == tenant_id)
    if search and search.strip():
        from contacts_graph.contacts.filters import like_pattern

        stmt = stmt.where(func.lower(Tag.name).like(like_pattern(search.strip())))
    stmt = stmt.order_by(func.lower(Tag.name).collate("C"), Tag.id).limit(
        MAX_TAGS_LISTED
    )
    return list((await session.scalars(stmt)).all())


async def tags_by_ids(
    session: AsyncSession, tenant_id: uuid.UUID, ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, Tag]:
    stmt = select(Tag).where(Tag.tenant_id == tenant_id, Tag.id.in_(ids))
    return {t.id: t for t in (await session.scalars(stmt)).all()}


async def tags_by_names(
    session: AsyncSession, tenant_id: uuid.UUID, names: Sequence[str]
) -> dict[str, Tag]:
    """Map lower-cased names to existing tags."""
    lowered = list({name.strip().lower() for name in names})
    stmt = select(Tag).where(
        Tag.tenant_id == tenant_id, func.lower(Tag.name).in_(lowered)
    )
    return {t.name.lower(): t for t in (await session.scalars(stmt)).all()}


async def insert_tags(
    session: AsyncSession, rows: Sequence[Mapping[str, Any]]
) -> list[Tag]:
    """Insert the tags whose names are free; return the ones inserted.

    A name another transaction holds, committed or not, is skipped without an
    error: the insert waits for that transaction, then does nothing.
    """
    if not rows:
        return []
    stmt = (
        insert(Tag)
        .values(list(rows))
        .on_conflict_do_nothing(index_elements=[Tag.tenant_id, func.lower(Tag.name)])
        .returning(Tag)
    )
    return list((await session.scalars(stmt)).all())


async def tags_of_contacts(
    session: AsyncSession, tenant_id: uuid.UUID, contact_ids: Sequence[uuid.UUID]
) -> list[tuple[uuid.UUID, Tag]]:
    stmt = (
        select(ContactTag.contact_id, Tag)
        .join(
            Tag,
            and_(Tag.tenant_id == ContactTag.tenant_id, Tag.id == ContactTag.tag_id),
        )
        .where(
            ContactTag.tenant_id == tenant_id, ContactTag.contact_id.in_(contact_ids)
        )
        .order_by(ContactTag.contact_id, func.lower(Tag.name).collate("C"))
    )
    return list((await session.execute(stmt)).all())


async def live_contact_counts(
    session: AsyncSession, tenant_id: uuid.UUID, tag_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, int]:
    stmt = (
        select(ContactTag.tag_id, func.count())
        .join(
            Contact,
            and_(
                Contact.tenant_id == ContactTag.tenant_id,
                Contact.id == ContactTag.contact_id,
                Contact.deleted_at.is_(None),
            ),
        )
        .where(ContactTag.tenant_id == tenant_id, ContactTag.tag_id.in_(tag_ids))
        .group_by(ContactTag.tag_id)
    )
    return dict((await session.execute(stmt)).all())


async def add_tag_to_contacts(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    tag_id: uuid.UUID,
    contact_ids: Sequence[uuid.UUID],
) -> set[uuid.UUID]:
    """Tag contacts that lack the tag; return the ids that newly got it."""
    if not contact_ids:
        return set()
    stmt = (
        insert(ContactTag)
        .values(
            [
                {"tenant_id": tenant_id, "tag_id": tag_id, "contact_id": c}
                for c in contact_ids
            ]
        )
        .on_conflict_do_nothing()
        .returning(ContactTag.contact_id)
    )
    return set((await session.scalars(stmt)).all())


async def remove_tag_from_contacts(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    tag_id: uuid.UUID,
    contact_ids: Sequence[uuid.UUID] | None,
) -> set[uuid.UUID]:
    """Untag the given contacts (every contact when None); return who lost it."""
    stmt = delete(ContactTag).where(
        ContactTag.tenant_id == tenant_id, ContactTag.tag_id == tag_id
    )
    if contact_ids is not None:
        stmt = stmt.where(ContactTag.contact_id.in_(contact_ids))
    return set((await session.scalars(stmt.returning(ContactTag.contact_id))).all())
