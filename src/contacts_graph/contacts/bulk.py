"""Bulk operations on up to ``bulk_limit`` contacts, each item on its own.

Every item is checked by itself and reported by itself: an item that cannot
change never blocks the others and is never half-applied, because changes
are computed and validated in memory before any of them is written.
"""

import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.audit.service import record_change
from contacts_graph.auth.sessions import Viewer
from contacts_graph.contacts import repository
from contacts_graph.contacts.filters import ContactQuery
from contacts_graph.contacts.models import Contact
from contacts_graph.contacts.service import apply_changes
from contacts_graph.contacts.validation import clean_contact_values
from contacts_graph.errors import FieldError, ValidationFailed
from contacts_graph.tags import service as tags
from contacts_graph.tags.models import Tag


def in_request_order(
    results: list["ItemResult"], ids: Sequence[uuid.UUID]
) -> list["ItemResult"]:
    """Order per-item results as the caller named the contacts."""
    position = {contact_id: index for index, contact_id in enumerate(ids)}
    return sorted(results, key=lambda result: position[result.contact_id])


@dataclass
class ItemResult:
    """What happened to one contact of a bulk operation."""

    contact_id: uuid.UUID
    status: str  # CHANGED, UNCHANGED or FAILED
    changed_fields: list[str] = field(default_factory=list)
    errors: list[FieldError] = field(default_factory=list)


async def resolve_targets(
    session: AsyncSession,
    viewer: Viewer,
    *,
    ids: Sequence[uuid.UUID] | None,
    query: ContactQuery | None,
    limit: int,
) -> list[uuid.UUID]:
    """Return the contact ids a bulk operation works on.

    Raises:
        ValidationFailed: neither or both of ids and filter are given, or
            more contacts are named or matched than ``limit``; then nothing
            changes, and the message carries the count.
    """
    if ids is None and query is None:
        raise ValidationFailed.one(
            "target", "REQUIRED", "Name contacts by ids or by a filter."
        )
    if ids is not None and query is not None:
        raise ValidationFailed.one(
            "target", "INVALID", "Name contacts by ids or by a filter, not both."
        )
    if ids is not None:
        if len(ids) > limit:
            raise ValidationFailed.one(
                "target.ids",
                "TOO_MANY",
                f"{len(ids)} ids given; one operation takes {limit}.",
            )
        return list(dict.fromkeys(ids))
    matched = await repository.count_contacts(session, viewer.tenant_id, query)
    if matched > limit:
        raise ValidationFailed.one(
            "target.filter",
            "TOO_MANY",
            f"The filter matches {matched} contacts; one operation takes {limit}. "
            "Narrow the filter.",
        )
    return await repository.matching_contact_ids(
        session, viewer.tenant_id, query, limit=limit
    )


async def _live_contacts(
    session: AsyncSession, viewer: Viewer, ids: Sequence[uuid.UUID]
) -> tuple[dict[uuid.UUID, Contact], list[ItemResult]]:
    found = await repository.contacts_by_ids(
        session, viewer.tenant_id, ids, for_update=True
    )
    missing = [
        ItemResult(
            contact_id=i,
            status="FAILED",
            errors=[FieldError("id", "NOT_FOUND", "No live contact has this id.")],
        )
        for i in ids
        if i not in found or found[i].deleted_at is not None or found[i].merged_into_id
    ]
    failed = {r.contact_id for r in missing}
    return {i: c for i, c in found.items() if i not in failed}, missing


async def update_contacts(
    session: AsyncSession,
    viewer: Viewer,
    ids: Sequence[uuid.UUID],
    values: Mapping[str, Any],
    *,
    add_roles: Sequence[str] = (),
    remove_roles: Sequence[str] = (),
    region: str,
) -> list[ItemResult]:
    """Set the same fields, and add or remove roles, on each contact."""
    errors = _role_list_errors(values, add_roles, remove_roles)
    try:
        cleaned = clean_contact_values(values, region=region)
    except ValidationFailed as failure:
        errors = [*failure.errors, *errors]
    if errors:
        raise ValidationFailed(errors)
    live, results = await _live_contacts(session, viewer, ids)
    now = datetime.now(UTC)
    for contact_id in ids:
        contact = live.get(contact_id)
        if contact is None:
            continue
        item = dict(cleaned)
        if add_roles or remove_roles:
            roles = [r for r in contact.roles if r not in remove_roles]
            item["roles"] = list(dict.fromkeys([*roles, *add_roles]))
            if contact.primary_role in remove_roles and "primary_role" not in item:
                item["errors"] = FieldError(
                    "removeRoles",
                    "INVALID",
                    "The primary role cannot be removed; set another primary role.",
                )
        results.append(_apply_one(session, viewer, contact, item, now))
    await session.flush()
    return in_request_order(results, ids)


def _role_list_errors(
    values: Mapping[str, Any], add_roles: Sequence[str], remove_roles: Sequence[str]
) -> list[FieldError]:
    both = sorted(set(add_roles) & set(remove_roles))
    if both:
        return [
            FieldError(
                "removeRoles",
                "INVALID",
                f"{both[0]} is both added and removed; name each role in one list "
                "only.",
            )
        ]
    primary = values.get("primary_role")
    if primary is not None and str(primary).upper() in remove_roles:
        # Removing the role just made primary would leave every item as it was.
        return [
            FieldError(
                "removeRoles",
                "INVALID",
                f"{str(primary).upper()} is set as the primary role, which cannot be "
                "removed.",
            )
        ]
    return []


def _apply_one(
    session: AsyncSession,
    viewer: Viewer,
    contact: Contact,
    values: dict[str, Any],
    now: datetime,
) -> ItemResult:
    error = values.pop("errors", None)
    if error is not None:
        return ItemResult(contact.id, "FAILED", errors=[error])
    try:
        changes = apply_changes(contact, values)
    except ValidationFailed as failure:
        return ItemResult(contact.id, "FAILED", errors=failure.errors)
    if not changes:
        return ItemResult(contact.id, "UNCHANGED")
    contact.updated_at = now
    record_change(
        session,
        viewer,
        action="contact.bulk_update",
        entity_type="contact",
        entity_id=contact.id,
        changes=changes,
        event="contact.updated",
    )
    return ItemResult(
        contact.id,
        "CHANGED",
        changed_fields=sorted({api_field(key) for key in changes}),
    )


def api_field(column: str) -> str:
    """Return the API name of a contact column: ``primary_role`` is ``role``."""
    renamed = {
        "primary_role": "role",
        "extra_emails": "emails",
        "extra_phones": "phones",
        "street": "address",
        "city": "address",
        "region": "address",
        "postal_code": "address",
        "country": "address",
    }
    head, *rest = renamed.get(column, column).split("_")
    return head + "".join(part.title() for part in rest)


async def delete_contacts(
    session: AsyncSession, viewer: Viewer, ids: Sequence[uuid.UUID]
) -> list[ItemResult]:
    """Soft-delete each live contact."""
    live, results = await _live_contacts(session, viewer, ids)
    now = datetime.now(UTC)
    for contact in live.values():
        contact.deleted_at = now
        record_change(
            session,
            viewer,
            action="contact.bulk_delete",
            entity_type="contact",
            entity_id=contact.id,
            changes={"deleted_at": {"before": None, "after": now.isoformat()}},
            event="contact.updated",
        )
        results.append(ItemResult(contact.id, "CHANGED", changed_fields=["deletedAt"]))
    await session.flush()
    return in_request_order(results, ids)


async def retag_contacts(
    session: AsyncSession,
    viewer: Viewer,
    ids: Sequence[uuid.UUID],
    tag: Tag,
    *,
    add: bool,
) -> list[ItemResult]:
    """Put ``tag`` on (or take it off) each live contact."""
    live, results = await _live_contacts(session, viewer, ids)
    change: Callable[..., Awaitable[set[uuid.UUID]]] = (
        tags.tag_contacts if add else tags.untag_contacts
    )
    changed = await change(session, viewer, tag, list(live))
    results += [
        ItemResult(i, "CHANGED", changed_fields=["tags"])
        if i in changed
        else ItemResult(i, "UNCHANGED")
        for i in live
    ]
    return in_request_order(results, ids)
