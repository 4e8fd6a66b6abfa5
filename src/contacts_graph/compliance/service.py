"""Add, edit and remove a contact's compliance records.

Those are identity documents, KYC checks, AML screenings and right-to-rent
checks. Every change is checked as a whole record, audited against the contact and
announced as ``contact.updated``. Document numbers, share codes and match
details are personal data: the audit says that they changed, never what they
were. Services only flush; the edge commits.
"""

import uuid
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.audit.service import changed_fields, record_change
from contacts_graph.auth.sessions import Viewer
from contacts_graph.compliance import repository, validation
from contacts_graph.compliance.models import (
    AmlScreening,
    IdentityDocument,
    KycCheck,
    RightToRentCheck,
)
from contacts_graph.contacts.service import get_live_contact
from contacts_graph.errors import NotFound, ValidationFailed

Cleaner = Callable[[Mapping[str, Any]], dict[str, Any]]
ComplianceModel = (
    type[IdentityDocument]
    | type[KycCheck]
    | type[AmlScreening]
    | type[RightToRentCheck]
)

# The stored fields of each record: they make the audit's before and after.
FIELDS: dict[Any, tuple[str, ...]] = {
    IdentityDocument: (
        "kind",
        "issuing_country",
        "number",
        "issued_on",
        "expires_on",
        "verified_at",
        "verified_by",
        "document_id",
    ),
    KycCheck: (
        "status",
        "level",
        "requested_at",
        "decided_at",
        "decided_by",
        "notes",
        "provider",
        "provider_reference",
    ),
    AmlScreening: (
        "screened_at",
        "provider",
        "result",
        "lists_checked",
        "match_details",
        "reviewed_at",
        "reviewed_by",
    ),
    RightToRentCheck: (
        "checked_on",
        "method",
        "share_code",
        "outcome",
        "follow_up_on",
        "checked_by",
    ),
}
# Audit action prefix and the words of a NOT_FOUND message.
NAMES = {
    IdentityDocument: "identity_document",
    KycCheck: "kyc_check",
    AmlScreening: "aml_screening",
    RightToRentCheck: "right_to_rent_check",
}
CLEANERS: dict[Any, Cleaner] = {
    IdentityDocument: validation.clean_identity_document,
    KycCheck: validation.clean_kyc_check,
    AmlScreening: validation.clean_aml_screening,
    RightToRentCheck: validation.clean_right_to_rent_check,
}
# Audited as set or unset only: the values are personal data.
REDACTED = frozenset({"number", "share_code", "match_details"})
HIDDEN = "[redacted]"


def _state(model: Any, values: Mapping[str, Any]) -> dict[str, Any]:
    return {key: values.get(key) for key in FIELDS[model]}


def _redact(changes: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Replace the before and after of personal fields with a marker."""
    return {
        key: (
            {side: None if v is None else HIDDEN for side, v in change.items()}
            if key in REDACTED
            else change
        )
        for key, change in changes.items()
    }


def _audit(
    session: AsyncSession, viewer: Viewer, row: Any, verb: str, changes: dict[str, Any]
) -> None:
    name = NAMES[type(row)]
    record_change(
        session,
        viewer,
        action=f"{name}.{verb}",
        entity_type="contact",
        entity_id=row.contact_id,
        # Names the record whose fields changed.
        changes={**_redact(changes), f"{name}_id": str(row.id)},
        event="contact.updated",
    )


async def _check_document(
    session: AsyncSession, viewer: Viewer, row: Any, values: Mapping[str, Any]
) -> None:
    """An identity document's scan is a document of the same contact."""
    document_id = values.get("document_id")
    if not isinstance(row, IdentityDocument) or document_id is None:
        return
    owner = await repository.document_owner(session, viewer.tenant_id, document_id)
    if owner is None:
        raise NotFound("document", "documentId")
    if owner != row.contact_id:
        raise ValidationFailed.one(
            "documentId", "INVALID", "The document belongs to another contact."
        )


def _defaults(model: Any, viewer: Viewer, values: Mapping[str, Any]) -> dict[str, Any]:
    record = {key: values.get(key) for key in FIELDS[model]}
    if model is RightToRentCheck and not record.get("checked_by"):
        record["checked_by"] = viewer.actor
    return record


async def add_record(
    session: AsyncSession,
    viewer: Viewer,
    model: ComplianceModel,
    contact_id: uuid.UUID,
    values: Mapping[str, Any],
) -> Any:
    """Add a compliance record to a live contact.

    A right-to-rent check without ``checked_by`` is checked by the viewer.

    Raises:
        ValidationFailed: every problem with ``values``.
        NotFound: no such contact (field ``contactId``) or document.
    """
    cleaned = CLEANERS[model](_defaults(model, viewer, values))
    contact = await get_live_contact(session, viewer, contact_id, field="contactId")
    row = model(
        id=uuid.uuid4(),
        tenant_id=viewer.tenant_id,
        contact_id=contact.id,
        **{key: cleaned[key] for key in FIELDS[model]},
    )
    await _check_document(session, viewer, row, cleaned)

    session.add(row)
    _audit(session, viewer, row, "add", changed_fields({}, _state(model, cleaned)))
    await session.flush()
    return row


async def get_record(
    session: AsyncSession, viewer: Viewer, model: Any, record_id: uuid.UUID
) -> Any:
    """Return a record of the tenant, locked for a change, or raise NotFound."""
    row = await repository.find(session, model, viewer.tenant_id, record_id)
    if row is None:
        raise NotFound(NAMES[model].replace("_", " "), "id")
    return row


async def edit_record(
    session: AsyncSession,
    viewer: Viewer,
    model: ComplianceModel,
    record_id: uuid.UUID,
    values: Mapping[str, Any],
) -> Any:
    """Change fields of a record; omitted fields keep their values."""
    row = await get_record(session, viewer, model, record_id)
    before = {key: getattr(row, key) for key in FIELDS[model]}
    cleaned = CLEANERS[model]({**before, **values})
    changes = changed_fields(_state(model, before), _state(model, cleaned))
    if not changes:
        return row
    await _check_document(session, viewer, row, cleaned)

    for key in FIELDS[model]:
        setattr(row, key, cleaned[key])
    _audit(session, viewer, row, "edit", changes)
    await session.flush()
    return row


async def remove_record(
    session: AsyncSession,
    viewer: Viewer,
    model: ComplianceModel,
    record_id: uuid.UUID,
) -> Any:
    """Remove a record; the audit keeps what it was, personal values redacted."""
    row = await get_record(session, viewer, model, record_id)
    state = _state(model, {key: getattr(row, key) for key in FIELDS[model]})
    await session.delete(row)
    _audit(session, viewer, row, "remove", changed_fields(state, {}))
    await session.flush()
    return row
