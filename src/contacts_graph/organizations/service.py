"""Create and change organizations; add contacts to them and remove them."""

import re
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.audit.service import changed_fields, record_change
from contacts_graph.auth.sessions import Viewer
from contacts_graph.contacts.service import get_live_contact
from contacts_graph.contacts.validation import custom_fields_errors
from contacts_graph.errors import FieldError, NotFound, ValidationFailed
from contacts_graph.organizations import repository
from contacts_graph.organizations.models import Membership, Organization

DOMAIN = re.compile(
    r"^(?=.{1,255}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"
)
FIELDS = ("name", "domain", "notes", "custom_fields")
MAX_NAME = 300
MAX_DOMAIN = 255
# notes is a text column without a width; the cap keeps one record readable.
MAX_NOTES = 10_000
MAX_TITLE = 200
MAX_ROLE = 100


def clean_organization_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Check and normalise organization input, collecting every error."""
    cleaned = dict(values)
    errors = []
    if "name" in cleaned:
        cleaned["name"] = (cleaned["name"] or "").strip()
        errors += _name_errors(cleaned["name"])
    if cleaned.get("domain"):
        cleaned["domain"] = cleaned["domain"].strip().lower().removeprefix("www.")
        errors += _domain_errors(cleaned["domain"])
    if cleaned.get("notes") and len(cleaned["notes"]) > MAX_NOTES:
        errors.append(_too_long("notes", MAX_NOTES))
    if cleaned.get("custom_fields") is not None:
        errors += custom_fields_errors(cleaned["custom_fields"])
    if errors:
        raise ValidationFailed(errors)
    return cleaned


def _name_errors(name: str) -> list[FieldError]:
    if not name:
        return [FieldError("name", "REQUIRED", "An organization needs a name.")]
    if len(name) > MAX_NAME:
        return [
            FieldError(
                "name", "TOO_LONG", f"A name takes at most {MAX_NAME} characters."
            )
        ]
    return []


def _domain_errors(domain: str) -> list[FieldError]:
    if len(domain) > MAX_DOMAIN:
        return [_too_long("domain", MAX_DOMAIN)]
    if not DOMAIN.match(domain):
        return [
            FieldError("domain", "INVALID_DOMAIN", "A domain looks like example.com.")
        ]
    return []


def _too_long(field: str, limit: int) -> FieldError:
    return FieldError(field, "TOO_LONG", f"{field} takes at most {limit} characters.")


async def _check_unique_name(
    session: AsyncSession, viewer: Viewer, name: str, own_id: uuid.UUID | None = None
) -> None:
    found = await repository.organizations_by_names(session, viewer.tenant_id, [name])
    existing = found.get(name.lower())
    if existing is not None and existing.id != own_id:
        raise ValidationFailed.one(
            "name", "DUPLICATE_NAME", "Another organization already has that name."
        )


async def get_organization(
    session: AsyncSession,
    viewer: Viewer,
    organization_id: uuid.UUID,
    *,
    field: str = "organizationId",
) -> Organization:
    found = await repository.organizations_by_ids(
        session, viewer.tenant_id, [organization_id]
    )
    if organization_id not in found:
        raise NotFound("organization", field)
    return found[organization_id]


async def _insert_organizations(
    session: AsyncSession, viewer: Viewer, cleaned: Sequence[Mapping[str, Any]]
) -> list[Organization]:
    """Insert organizations whose names are free; audit and return those."""
    rows = {uuid.uuid4(): values for values in cleaned}
    created = await repository.insert_organizations(
        session,
        [{"id": id_, "tenant_id": viewer.tenant_id, **v} for id_, v in rows.items()],
    )
    for organization in created:
        record_change(
            session,
            viewer,
            action="organization.create",
            entity_type="organization",
            entity_id=organization.id,
            changes=changed_fields({}, rows[organization.id]),
        )
    await session.flush()
    return created


async def create_organization(
    session: AsyncSession, viewer: Viewer, values: Mapping[str, Any]
) -> Organization:
    """Add an organization; its name is unique per tenant whatever its case."""
    cleaned = clean_organization_values({"name": "", **values})

    # The insert skips a taken name, even one a concurrent request has not
    # committed yet, so a lost race reads as a duplicate, not a crash.
    created = await _insert_organizations(session, viewer, [cleaned])
    if not created:
        raise ValidationFailed.one(
            "name", "DUPLICATE_NAME", "Another organization already has that name."
        )
    return created[0]


async def find_or_create_organizations(
    session: AsyncSession, viewer: Viewer, names: Sequence[str]
) -> dict[str, Organization]:
    """Return organizations by lower-cased name, creating those that are new.

    Safe against concurrent requests creating the same names: whoever loses
    the race reads the winner's organization.
    """
    wanted = {name.strip().lower(): name.strip() for name in names if name.strip()}
    found = await repository.organizations_by_names(
        session, viewer.tenant_id, list(wanted)
    )
    missing = [
        clean_organization_values({"name": name})
        for key, name in wanted.items()
        if key not in found
    ]
    created = await _insert_organizations(session, viewer, missing)
    found.update((organization.name.lower(), organization) for organization in created)

    if len(found) < len(wanted):
        # Taken meanwhile by another transaction, which has committed by now.
        found = await repository.organizations_by_names(
            session, viewer.tenant_id, list(wanted)
        )
    return found


async def update_organization(
    session: AsyncSession,
    viewer: Viewer,
    organization_id: uuid.UUID,
    values: Mapping[str, Any],
) -> Organization:
    cleaned = clean_organization_values(values)
    organization = await get_organization(session, viewer, organization_id, field="id")
    if "name" in cleaned:
        await _check_unique_name(
            session, viewer, cleaned["name"], own_id=organization.id
        )
    before = {key: getattr(organization, key) for key in FIELDS}
    changes = changed_fields(before, {**before, **cleaned})
    if not changes:
        return organization
    for key, value in cleaned.items():
        setattr(organization, key, value)
    organization.updated_at = datetime.now(UTC)
    record_change(
        session,
        viewer,
        action="organization.update",
        entity_type="organization",
        entity_id=organization.id,
        changes=changes,
    )
    await session.flush()
    return organization


def _membership_state(membership: Membership | None) -> dict[str, Any]:
    if membership is None:
        return {"title": None, "role": None, "is_primary": False}
    return {
        "title": membership.title,
        "role": membership.role,
        "is_primary": membership.is_primary,
    }


def _membership_text(title: str | None, role: str | None) -> tuple[str, str]:
    """Return title and role trimmed; refuse ones longer than their columns."""
    title, role = (title or "").strip(), (role or "").strip()
    errors = []
    if len(title) > MAX_TITLE:
        errors.append(_too_long("title", MAX_TITLE))
    if len(role) > MAX_ROLE:
        errors.append(_too_long("role", MAX_ROLE))
    if errors:
        raise ValidationFailed(errors)
    return title, role


async def add_membership(
    session: AsyncSession,
    viewer: Viewer,
    contact_id: uuid.UUID,
    organization_id: uuid.UUID,
    *,
    title: str | None = None,
    role: str | None = None,
    is_primary: bool = False,
) -> tuple[Membership, bool]:
    """Add a contact to an organization, or update the membership it has.

    Blank ``title`` and ``role`` keep what the membership has, and making a
    membership primary makes the contact's other memberships not. Return the
    membership and whether anything changed.
    """
    title, role = _membership_text(title, role)
    contact = await get_live_contact(session, viewer, contact_id, field="contactId")
    organization = await get_organization(session, viewer, organization_id)
    membership = await repository.find_membership(
        session, viewer.tenant_id, contact.id, organization.id
    )
    before = _membership_state(membership)
    after = {
        "title": title or before["title"],
        "role": role or before["role"],
        "is_primary": is_primary or before["is_primary"],
    }
    changes = changed_fields(before, after)
    if membership is not None and not changes:
        return membership, False

    if after["is_primary"] and not before["is_primary"]:
        await repository.clear_primary_memberships(
            session, viewer.tenant_id, contact.id
        )
    if membership is None:
        membership = Membership(
            id=uuid.uuid4(),
            tenant_id=viewer.tenant_id,
            contact_id=contact.id,
            organization_id=organization.id,
        )
        session.add(membership)
        changes["organization"] = {"before": None, "after": str(organization.id)}
    else:
        # Names the membership whose fields changed.
        changes["organization_id"] = str(organization.id)
    for key, value in after.items():
        setattr(membership, key, value)
    record_change(
        session,
        viewer,
        action="membership.add",
        entity_type="contact",
        entity_id=contact.id,
        changes=changes,
        event="contact.updated",
    )
    await session.flush()
    return membership, True


async def remove_membership(
    session: AsyncSession,
    viewer: Viewer,
    contact_id: uuid.UUID,
    organization_id: uuid.UUID,
) -> bool:
    """Remove a contact from an organization; return whether it was a member."""
    membership = await repository.find_membership(
        session, viewer.tenant_id, contact_id, organization_id
    )
    if membership is None:
        return False
    await session.delete(membership)
    record_change(
        session,
        viewer,
        action="membership.remove",
        entity_type="contact",
        entity_id=contact_id,
        changes={"organization": {"before": str(organization_id), "after": None}},
        event="contact.updated",
    )
    await session.flush()
    return True
