"""Create and change organizations; add contacts to them and remove them."""

import re
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.audit.service import changed_fields, record_change
from contacts_graph.auth.sessions import Viewer
from contacts_graph.contacts.service import get_live_contact
from contacts_graph.errors import FieldError, NotFound, ValidationFailed
from contacts_graph.organizations import repository
from contacts_graph.organizations.models import Membership, Organization

DOMAIN = re.compile(
    r"^(?=.{1,255}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"
)
FIELDS = ("name", "domain", "notes", "custom_fields")


def clean_organization_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Check and normalise organization input, collecting every error."""
    cleaned = dict(values)
    errors = []
    if "name" in cleaned:
        cleaned["name"] = (cleaned["name"] or "").strip()
        if not cleaned["name"]:
            errors.append(
                FieldError("name", "REQUIRED", "An organization needs a name.")
            )
        elif len(cleaned["name"]) > 300:
            errors.append(
                FieldError("name", "TOO_LONG", "A name takes at most 300 characters.")
            )
    if cleaned.get("domain"):
        domain = cleaned["domain"].strip().lower().removeprefix("www.")
        if not DOMAIN.match(domain):
            errors.append(
                FieldError(
                    "domain", "INVALID_DOMAIN", "A domain looks like example.com."
                )
            )
        cleaned["domain"] = domain
    if errors:
        raise ValidationFailed(errors)
    return cleaned


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
    session: AsyncSession, viewer: Viewer, organization_id: uuid.UUID
) -> Organization:
    found = await repository.organizations_by_ids(
        session, viewer.tenant_id, [organization_id]
    )
    if organization_id not in found:
        raise NotFound("organization", "organizationId")
    return found[organization_id]


async def create_organization(
    session: AsyncSession, viewer: Viewer, values: Mapping[str, Any]
) -> Organization:
    """Add an organization; its name is unique per tenant whatever its case."""
    cleaned = clean_organization_values({"name": "", **values})
    await _check_unique_name(session, viewer, cleaned["name"])
    organization = Organization(id=uuid.uuid4(), tenant_id=viewer.tenant_id, **cleaned)
    session.add(organization)
    record_change(
        session,
        viewer,
        action="organization.create",
        entity_type="organization",
        entity_id=organization.id,
        changes=changed_fields({}, cleaned),
    )
    await session.flush()
    return organization


async def find_or_create_organizations(
    session: AsyncSession, viewer: Viewer, names: Sequence[str]
) -> dict[str, Organization]:
    """Return organizations by lower-cased name, creating those that are new."""
    wanted = {name.strip().lower(): name.strip() for name in names if name.strip()}
    found = await repository.organizations_by_names(
        session, viewer.tenant_id, list(wanted)
    )
    for key, name in wanted.items():
        if key not in found:
            found[key] = await create_organization(session, viewer, {"name": name})
    return found


async def update_organization(
    session: AsyncSession,
    viewer: Viewer,
    organization_id: uuid.UUID,
    values: Mapping[str, Any],
) -> Organization:
    cleaned = clean_organization_values(values)
    organization = await get_organization(session, viewer, organization_id)
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


async def add_membership(
    session: AsyncSession,
    viewer: Viewer,
    contact_id: uuid.UUID,
    organization_id: uuid.UUID,
    *,
    title: str | None = None,
    role: str | None = None,
    is_primary: bool = False,
) -> Membership:
    """Add a contact to an organization, or update the membership it has.

    Making a membership primary makes the contact's other memberships not.
    """
    contact = await get_live_contact(session, viewer, contact_id)
    organization = await get_organization(session, viewer, organization_id)
    membership = await repository.find_membership(
        session, viewer.tenant_id, contact.id, organization.id
    )
    if is_primary:
        await session.execute(
            update(Membership)
            .where(
                Membership.tenant_id == viewer.tenant_id,
                Membership.contact_id == contact.id,
                Membership.organization_id != organization.id,
                Membership.is_primary,
            )
            .values(is_primary=False)
        )
    if membership is None:
        membership = Membership(
            id=uuid.uuid4(),
            tenant_id=viewer.tenant_id,
            contact_id=contact.id,
            organization_id=organization.id,
        )
        session.add(membership)
    membership.title = title.strip() if title else membership.title
    membership.role = role.strip() if role else membership.role
    membership.is_primary = is_primary or membership.is_primary
    record_change(
        session,
        viewer,
        action="membership.add",
        entity_type="contact",
        entity_id=contact.id,
        changes={"organization": {"before": None, "after": str(organization.id)}},
        event="contact.updated",
    )
    await session.flush()
    return membership


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
