"""Create, change, delete contacts and record consent: the rules of the record."""

import logging
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.audit.service import changed_fields, record_change
from contacts_graph.auth.sessions import Viewer
from contacts_graph.contacts import repository
from contacts_graph.contacts.models import ConsentEvent, Contact, ContactExternalId
from contacts_graph.contacts.roles import DEFAULT_ROLE
from contacts_graph.contacts.validation import clean_contact_values, complete_contact
from contacts_graph.errors import FieldError, NotFound, ValidationFailed

logger = logging.getLogger(__name__)

# Column widths of contact_external_ids and consent_events.
MAX_EXTERNAL_SOURCE = 63
MAX_EXTERNAL_ID = 255
MAX_CONSENT_TEXT = 63
# Consent given before 1970 is a typing error, and year 1 in a time zone far
# east of UTC is before the earliest timestamp PostgreSQL stores.
EARLIEST_CONSENT = datetime(1970, 1, 1, tzinfo=UTC)

# Columns a caller may write; consent has its own path through consent events.
WRITABLE = (
    "given_name",
    "family_name",
    "display_name",
    "email",
    "extra_emails",
    "phone",
    "phone_e164",
    "extra_phones",
    "primary_role",
    "roles",
    "street",
    "city",
    "region",
    "postal_code",
    "country",
    "date_of_birth",
    "locale",
    "custom_fields",
)


def contact_state(contact: Contact) -> dict[str, Any]:
    """Return the audited fields of ``contact`` as a plain mapping."""
    return {key: getattr(contact, key) for key in WRITABLE}


async def get_live_contact(
    session: AsyncSession, viewer: Viewer, contact_id: uuid.UUID, *, field: str = "id"
) -> Contact:
    """Return the live contact ``contact_id``, following a merge to its survivor.

    Raises:
        NotFound: no such contact in the tenant, or it was deleted.
    """
    contacts = await repository.contacts_by_ids(
        session, viewer.tenant_id, [contact_id], for_update=True
    )
    contact = contacts.get(contact_id)
    if contact is not None and contact.merged_into_id is not None:
        return await get_live_contact(
            session, viewer, contact.merged_into_id, field=field
        )
    if contact is None or contact.deleted_at is not None:
        raise NotFound("contact", field)
    return contact


async def create_contact(
    session: AsyncSession,
    viewer: Viewer,
    values: Mapping[str, Any],
    *,
    region: str,
    source: str = "api",
) -> Contact:
    """Validate ``values`` and add a contact, with its audit row and event.

    Raises:
        ValidationFailed: with every problem of the input.
    """
    state = clean_contact_values(values, region=region)
    state.setdefault("primary_role", DEFAULT_ROLE.value)
    errors = complete_contact(state)
    if errors:
        raise ValidationFailed(errors)

    contact = Contact(id=uuid.uuid4(), tenant_id=viewer.tenant_id, **state)
    session.add(contact)
    record_change(
        session,
        viewer,
        action="contact.create",
        entity_type="contact",
        entity_id=contact.id,
        changes={**changed_fields({}, contact_state(contact)), "source": source},
        event="contact.created",
    )
    await session.flush()
    logger.debug("contact.created", extra={"contact_id": str(contact.id)})
    return contact


def apply_changes(contact: Contact, values: Mapping[str, Any]) -> dict[str, Any]:
    """Set cleaned ``values`` on ``contact``; return the audited difference."""
    before = contact_state(contact)
    state = {**before, **values}
    if "display_name" not in values and values.keys() & {"given_name", "family_name"}:
        state["display_name"] = None
    if "roles" in values:
        state["roles"] = values["roles"]
    elif "primary_role" in values:
        state["roles"] = [r for r in before["roles"] if r != before["primary_role"]]
    errors = complete_contact(state)
    if errors:
        raise ValidationFailed(errors)
    for key, value in state.items():
        if getattr(contact, key) != value:
            setattr(contact, key, value)
    # search_text is derived from the audited fields, so it is not audited.
    state.pop("search_text")
    return changed_fields(before, state)


async def update_contact(
    session: AsyncSession,
    viewer: Viewer,
    contact_id: uuid.UUID,
    values: Mapping[str, Any],
    *,
    region: str,
) -> Contact:
    """Change the given fields of a contact; fields not given stay as they are.

    Raises:
        NotFound: no live contact has that id.
        ValidationFailed: with every problem of the input; nothing is changed.
    """
    cleaned = clean_contact_values(values, region=region)
    contact = await get_live_contact(session, viewer, contact_id)
    changes = apply_changes(contact, cleaned)
    if not changes:
        return contact
    contact.updated_at = datetime.now(UTC)
    record_change(
        session,
        viewer,
        action="contact.update",
        entity_type="contact",
        entity_id=contact.id,
        changes=changes,
        event="contact.updated",
    )
    await session.flush()
    return contact


async def delete_contact(
    session: AsyncSession, viewer: Viewer, contact_id: uuid.UUID
) -> Contact:
    """Soft-delete a contact: it leaves every list but its history stays."""
    contact = await get_live_contact(session, viewer, contact_id)
    contact.deleted_at = datetime.now(UTC)
    record_change(
        session,
        viewer,
        action="contact.delete",
        entity_type="contact",
        entity_id=contact.id,
        changes={
            "deleted_at": {"before": None, "after": contact.deleted_at.isoformat()}
        },
        event="contact.updated",
    )
    await session.flush()
    return contact


async def set_marketing_consent(
    session: AsyncSession,
    viewer: Viewer,
    contact_id: uuid.UUID,
    *,
    granted: bool,
    source: str,
    legal_basis: str,
    effective_at: datetime | None = None,
) -> Contact:
    """Append a consent event and bring the contact's current consent in line.

    Current consent is the event with the latest ``effective_at``; an event
    effective before the current one is kept as history without changing it.
    """
    now = datetime.now(UTC)
    effective_at = effective_at or now
    source, legal_basis = source.strip(), legal_basis.strip()
    errors = [
        *_consent_text_errors("source", source),
        *_consent_text_errors("legalBasis", legal_basis),
        *_effective_at_errors(effective_at, now),
    ]
    if errors:
        raise ValidationFailed(errors)
    contact = await get_live_contact(session, viewer, contact_id, field="contactId")
    session.add(
        ConsentEvent(
            tenant_id=viewer.tenant_id,
            contact_id=contact.id,
            granted=granted,
            source=source,
            legal_basis=legal_basis,
            actor=viewer.actor,
            recorded_at=now,
            effective_at=effective_at,
        )
    )
    current = contact.consent_timestamp
    # A tie with the current event means withdrawn: the safer reading.
    is_newer = current is None or effective_at > current
    is_tie_withdrawal = current is not None and effective_at == current and not granted
    if is_newer or is_tie_withdrawal:
        before = contact.consent_marketing
        contact.consent_marketing = granted
        contact.consent_timestamp = effective_at
        # Set here, not by the column's onupdate: a server-side value would
        # expire the attribute, and reading it after the flush would need IO.
        contact.updated_at = now
        record_change(
            session,
            viewer,
            action="contact.consent",
            entity_type="contact",
            entity_id=contact.id,
            changes={"consent_marketing": {"before": before, "after": granted}},
            event="consent.changed",
        )
    await session.flush()
    return contact


def _too_long(field: str, value: str, limit: int) -> list[FieldError]:
    if len(value) <= limit:
        return []
    return [FieldError(field, "TOO_LONG", f"{field} takes at most {limit} characters.")]


def _consent_text_errors(field: str, value: str) -> list[FieldError]:
    if not value:
        return [FieldError(field, "REQUIRED", f"A consent event needs a {field}.")]
    return _too_long(field, value, MAX_CONSENT_TEXT)


def _effective_at_errors(effective_at: datetime, now: datetime) -> list[FieldError]:
    if effective_at.tzinfo is None or effective_at.utcoffset() is None:
        return [
            FieldError(
                "effectiveAt",
                "INVALID",
                "effectiveAt needs a time zone, e.g. 2024-05-01T09:00:00Z.",
            )
        ]
    if effective_at > now:
        return [
            FieldError(
                "effectiveAt", "IN_FUTURE", "Consent cannot take effect in the future."
            )
        ]
    if effective_at < EARLIEST_CONSENT:
        return [
            FieldError(
                "effectiveAt",
                "OUT_OF_RANGE",
                "Consent takes effect on or after 1970-01-01.",
            )
        ]
    return []


async def attach_external_id(
    session: AsyncSession,
    viewer: Viewer,
    contact: Contact,
    source: str,
    external_id: str,
) -> None:
    """Record ``contact``'s id in another system, so later syncs update it."""
    source, external_id = source.strip().lower(), external_id.strip()
    if not source or not external_id:
        raise ValidationFailed.one(
            "externalId", "REQUIRED", "An external id needs a source and an id."
        )
    errors = [
        *_too_long("externalSource", source, MAX_EXTERNAL_SOURCE),
        *_too_long("externalId", external_id, MAX_EXTERNAL_ID),
    ]
    if errors:
        raise ValidationFailed(errors)
    taken = await repository.contact_ids_by_external_id(
        session, viewer.tenant_id, [(source, external_id)]
    )
    if taken:
        raise _external_id_taken(source)
    try:
        # A savepoint, so that a concurrent request that took the id first
        # leaves this one a user error that names the source.
        async with session.begin_nested():
            session.add(
                ContactExternalId(
                    tenant_id=viewer.tenant_id,
                    contact_id=contact.id,
                    source=source,
                    external_id=external_id,
                )
            )
    except IntegrityError as error:
        raise _external_id_taken(source) from error


def _external_id_taken(source: str) -> ValidationFailed:
    return ValidationFailed.one(
        "externalId",
        "DUPLICATE_EXTERNAL_ID",
        f"Another contact already has this id in {source}.",
    )
