"""Create, rename and delete tags; put them on contacts and take them off."""

import re
import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.audit.service import record_change
from contacts_graph.auth.sessions import Viewer
from contacts_graph.contacts.validation import visible_text
from contacts_graph.errors import NotFound, ValidationFailed
from contacts_graph.tags import repository
from contacts_graph.tags.models import Tag

COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
MAX_NAME = 100


def _check_name(name: str) -> str:
    # As with contact names: "Case\u200bTag" from a copy-paste is "CaseTag".
    name = visible_text(name)
    if not name:
        raise ValidationFailed.one("name", "REQUIRED", "A tag needs a name.")
    if len(name) > MAX_NAME:
        raise ValidationFailed.one(
            "name", "TOO_LONG", f"A tag name takes at most {MAX_NAME} characters."
        )
    return name


async def _check_unique(
    session: AsyncSession, viewer: Viewer, name: str, own_id: uuid.UUID | None = None
) -> None:
    existing = (await repository.tags_by_names(session, viewer.tenant_id, [name])).get(
        name.lower()
    )
    if existing is not None and existing.id != own_id:
        raise ValidationFailed.one(
            "name", "DUPLICATE_NAME", "Another tag already has that name."
        )


async def get_tag(session: AsyncSession, viewer: Viewer, tag_id: uuid.UUID) -> Tag:
    tag = (await repository.tags_by_ids(session, viewer.tenant_id, [tag_id])).get(
        tag_id
    )
    if tag is None:
        raise NotFound("tag", "tagId")
    return tag


def _record_created(session: AsyncSession, viewer: Viewer, tag: Tag) -> None:
    record_change(
        session,
        viewer,
        action="tag.create",
        entity_type="tag",
        entity_id=tag.id,
        changes={"name": {"before": None, "after": tag.name}},
    )


async def _insert_tags(
    session: AsyncSession, viewer: Viewer, tags: Sequence[tuple[str, str | None]]
) -> list[Tag]:
    """Insert (name, color) tags whose names are free; audit and return those."""
    rows = [
        {"id": uuid.uuid4(), "tenant_id": viewer.tenant_id, "name": n, "color": c}
        for n, c in tags
    ]
    created = await repository.insert_tags(session, rows)
    for tag in created:
        _record_created(session, viewer, tag)
    await session.flush()
    return created


async def create_tag(
    session: AsyncSession, viewer: Viewer, name: str, color: str | None = None
) -> Tag:
    """Add a tag; names are unique per tenant whatever their case."""
    name = _check_name(name)
    if color is not None and not COLOR.match(color):
        raise ValidationFailed.one("color", "INVALID", "A color is written #RRGGBB.")

    # The insert skips a taken name, even one a concurrent request has not
    # committed yet, so a lost race reads as a duplicate, not a crash.
    created = await _insert_tags(session, viewer, [(name, color)])
    if not created:
        raise ValidationFailed.one(
            "name", "DUPLICATE_NAME", "Another tag already has that name."
        )
    return created[0]


async def find_or_create_tags(
    session: AsyncSession, viewer: Viewer, names: Sequence[str]
) -> dict[str, Tag]:
    """Return tags by lower-cased name, creating the ones that do not exist.

    Names are cleaned as tag names are stored ("Case\u200bTag" is "casetag").

    Safe against concurrent requests creating the same names: whoever loses
    the race reads the winner's tag.
    """
    wanted = {name.lower(): name for name in map(_check_name, names)}
    found = await repository.tags_by_names(session, viewer.tenant_id, list(wanted))
    missing = [name for key, name in wanted.items() if key not in found]
    created = await _insert_tags(session, viewer, [(name, None) for name in missing])
    found.update((tag.name.lower(), tag) for tag in created)

    if len(found) < len(wanted):
        # Taken meanwhile by another transaction, which has committed by now.
        found = await repository.tags_by_names(session, viewer.tenant_id, list(wanted))
    return found


async def find_tag_by_name(
    session: AsyncSession, viewer: Viewer, name: str, *, create: bool
) -> Tag:
    """Return the tag called ``name`` (cleaned, any case); with ``create``, make it."""
    key = _check_name(name).lower()
    if create:
        return (await find_or_create_tags(session, viewer, [name]))[key]
    found = await repository.tags_by_names(session, viewer.tenant_id, [key])
    if key not in found:
        raise NotFound("tag", "tagName")
    return found[key]


async def rename_tag(
    session: AsyncSession, viewer: Viewer, tag_id: uuid.UUID, name: str
) -> Tag:
    name = _check_name(name)
    tag = await get_tag(session, viewer, tag_id)
    await _check_unique(session, viewer, name, own_id=tag.id)
    before, tag.name = tag.name, name
    record_change(
        session,
        viewer,
        action="tag.rename",
        entity_type="tag",
        entity_id=tag.id,
        changes={"name": {"before": before, "after": name}},
    )
    await session.flush()
    return tag


async def delete_tag(session: AsyncSession, viewer: Viewer, tag_id: uuid.UUID) -> int:
    """Delete a tag, untagging everyone first; return how many were untagged."""
    tag = await get_tag(session, viewer, tag_id)
    untagged = await repository.remove_tag_from_contacts(
        session, viewer.tenant_id, tag.id, None
    )
    await session.delete(tag)
    record_change(
        session,
        viewer,
        action="tag.delete",
        entity_type="tag",
        entity_id=tag.id,
        changes={
            "name": {"before": tag.name, "after": None},
            "untagged": len(untagged),
        },
    )
    await session.flush()
    return len(untagged)


async def tag_contacts(
    session: AsyncSession, viewer: Viewer, tag: Tag, contact_ids: Sequence[uuid.UUID]
) -> set[uuid.UUID]:
    """Put ``tag`` on live contacts; return the ids that did not have it yet."""
    added = await repository.add_tag_to_contacts(
        session, viewer.tenant_id, tag.id, contact_ids
    )
    for contact_id in added:
        record_change(
            session,
            viewer,
            action="contact.tag",
            entity_type="contact",
            entity_id=contact_id,
            changes={"tags": {"before": None, "after": tag.name}},
            event="contact.updated",
        )
    await session.flush()
    return added


async def untag_contacts(
    session: AsyncSession, viewer: Viewer, tag: Tag, contact_ids: Sequence[uuid.UUID]
) -> set[uuid.UUID]:
    """Take ``tag`` off contacts; return the ids that had it."""
    removed = await repository.remove_tag_from_contacts(
        session, viewer.tenant_id, tag.id, contact_ids
    )
    for contact_id in removed:
        record_change(
            session,
            viewer,
            action="contact.untag",
            entity_type="contact",
            entity_id=contact_id,
            changes={"tags": {"before": tag.name, "after": None}},
            event="contact.updated",
        )
    await session.flush()
    return removed
