"""Add, edit and remove a contact's notes and logged calls; set its preferences.

Every change locks the contact (``get_live_contact``), writes an audit row and
a ``contact.updated`` outbox event in the same transaction, and checks all of
its input before it writes anything.
"""

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.audit.service import changed_fields, record_change
from contacts_graph.auth.sessions import Viewer
from contacts_graph.contacts.service import get_live_contact
from contacts_graph.contacts.validation import visible_text
from contacts_graph.errors import FieldError, NotFound, ValidationFailed
from contacts_graph.notes import repository
from contacts_graph.notes.models import DIRECTIONS, OUTCOMES, ContactCall, ContactNote
from contacts_graph.notes.text import multiline_text, text_errors

MAX_BODY = 10_000
MAX_SUMMARY = 4_000
MAX_PHONE_NUMBER = 64
MAX_DURATION = 86_400
EARLIEST_CALL = datetime(1970, 1, 1, tzinfo=UTC)
CALL_FIELDS = (
    "direction",
    "started_at",
    "duration_seconds",
    "outcome",
    "phone_number",
    "summary",
)


def _audit(
    session: AsyncSession,
    viewer: Viewer,
    action: str,
    contact_id: uuid.UUID,
    changes: dict[str, Any],
) -> None:
    record_change(
        session,
        viewer,
        action=action,
        entity_type="contact",
        entity_id=contact_id,
        changes=changes,
        event="contact.updated",
    )


def clean_note_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Check and normalise note input (``body``, ``is_pinned``); collect errors."""
    cleaned = dict(values)
    errors: list[FieldError] = []
    if "body" in cleaned:
        cleaned["body"] = multiline_text(cleaned["body"] or "")
        errors += text_errors("body", cleaned["body"], MAX_BODY, required=True)
    if "is_pinned" in cleaned:
        cleaned["is_pinned"] = bool(cleaned["is_pinned"])
    if errors:
        raise ValidationFailed(errors)
    return cleaned


async def add_note(
    session: AsyncSession,
    viewer: Viewer,
    contact_id: uuid.UUID,
    body: str,
    *,
    is_pinned: bool = False,
) -> ContactNote:
    """Add a note to a live contact, written by the viewer."""
    cleaned = clean_note_values({"body": body, "is_pinned": is_pinned})
    contact = await get_live_contact(session, viewer, contact_id, field="contactId")

    note = ContactNote(
        id=uuid.uuid4(),
        tenant_id=viewer.tenant_id,
        contact_id=contact.id,
        author=viewer.actor,
        **cleaned,
    )
    session.add(note)
    changes = changed_fields({}, cleaned)
    changes["note"] = {"before": None, "after": str(note.id)}
    _audit(session, viewer, "note.add", contact.id, changes)
    await session.flush()
    return note


async def get_note(
    session: AsyncSession, viewer: Viewer, note_id: uuid.UUID
) -> ContactNote:
    """Return a note of a live contact, with that contact locked.

    Raises:
        NotFound: no such note in the tenant, or its contact was deleted.
    """
    note = await repository.find_note(session, viewer.tenant_id, note_id)
    if note is None:
        raise NotFound("note", "id")
    try:
        await get_live_contact(session, viewer, note.contact_id)
    except NotFound:
        raise NotFound("note", "id") from None
    return note


async def edit_note(
    session: AsyncSession, viewer: Viewer, note_id: uuid.UUID, values: Mapping[str, Any]
) -> ContactNote:
    """Change a note's ``body`` or ``is_pinned``; keys left out stay as they are."""
    cleaned = clean_note_values(values)
    note = await get_note(session, viewer, note_id)

    before = {"body": note.body, "is_pinned": note.is_pinned}
    changes = changed_fields(before, {**before, **cleaned})
    if not changes:
        return note
    for key, value in cleaned.items():
        setattr(note, key, value)
    note.updated_at = datetime.now(UTC)
    # Names the note whose fields changed.
    changes["note_id"] = str(note.id)
    _audit(session, viewer, "note.edit", note.contact_id, changes)
    await session.flush()
    return note


async def remove_note(
    session: AsyncSession, viewer: Viewer, note_id: uuid.UUID
) -> None:
    """Delete a note; its text stays in the audit trail."""
    note = await get_note(session, viewer, note_id)
    changes = changed_fields({"body": note.body, "is_pinned": note.is_pinned}, {})
    changes["note"] = {"before": str(note.id), "after": None}
    await session.delete(note)
    _audit(session, viewer, "note.remove", note.contact_id, changes)
    await session.flush()


def _started_at_errors(started_at: Any, now: datetime) -> list[FieldError]:
    if not isinstance(started_at, datetime):
        return [FieldError("startedAt", "REQUIRED", "A call needs a start time.")]
    if started_at.tzinfo is None or started_at.utcoffset() is None:
        return [
            FieldError(
                "startedAt",
                "INVALID",
                "startedAt needs a time zone, e.g. 2024-05-01T09:00:00Z.",
            )
        ]
    if started_at > now:
        return [
            FieldError("startedAt", "IN_FUTURE", "A call cannot start in the future.")
        ]
    if started_at < EARLIEST_CALL:
        return [
            FieldError(
                "startedAt", "OUT_OF_RANGE", "A call starts on or after 1970-01-01."
            )
        ]
    return []


def _choice_errors(
    field: str, value: Any, allowed: tuple[str, ...]
) -> list[FieldError]:
    if value is None:
        return [FieldError(field, "REQUIRED", f"A call needs a {field}.")]
    if value not in allowed:
        return [
            FieldError(field, "INVALID", f"{field} is one of {', '.join(allowed)}.")
        ]
    return []


def _duration_errors(duration: Any) -> list[FieldError]:
    if duration is None:
        return [FieldError("durationSeconds", "REQUIRED", "A call needs a duration.")]
    if isinstance(duration, bool) or not isinstance(duration, int):
        return [FieldError("durationSeconds", "INVALID", "Give whole seconds.")]
    if not 0 <= duration <= MAX_DURATION:
        return [
            FieldError(
                "durationSeconds",
                "OUT_OF_RANGE",
                f"A call lasts 0 to {MAX_DURATION:,} seconds (one day).",
            )
        ]
    return []


def _enum_value(value: Any) -> Any:
    return getattr(value, "value", value)


def clean_call_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Check and normalise the call columns present in ``values``; collect errors."""
    cleaned = {key: _enum_value(value) for key, value in values.items()}
    errors: list[FieldError] = []
    if "direction" in cleaned:
        errors += _choice_errors("direction", cleaned["direction"], DIRECTIONS)
    if "outcome" in cleaned:
        errors += _choice_errors("outcome", cleaned["outcome"], OUTCOMES)
    if "started_at" in cleaned:
        errors += _started_at_errors(cleaned["started_at"], datetime.now(UTC))
    if "duration_seconds" in cleaned:
        errors += _duration_errors(cleaned["duration_seconds"])
    if "phone_number" in cleaned:
        number = visible_text(cleaned["phone_number"] or "")
        errors += text_errors("phoneNumber", number, MAX_PHONE_NUMBER)
        cleaned["phone_number"] = number or None
    if "summary" in cleaned:
        summary = multiline_text(cleaned["summary"] or "")
        errors += text_errors("summary", summary, MAX_SUMMARY)
        cleaned["summary"] = summary or None
    if errors:
        raise ValidationFailed(errors)
    return cleaned


async def log_call(
    session: AsyncSession,
    viewer: Viewer,
    contact_id: uuid.UUID,
    values: Mapping[str, Any],
) -> ContactCall:
    """Log a call with a live contact, recorded by the viewer.

    ``values`` holds the columns of ``CALL_FIELDS``; ``duration_seconds``
    defaults to 0 and ``phone_number`` and ``summary`` to none.
    """
    defaults = {"duration_seconds": 0, "phone_number": None, "summary": None}
    required = {"direction": None, "started_at": None, "outcome": None}
    cleaned = clean_call_values({**required, **defaults, **values})
    contact = await get_live_contact(session, viewer, contact_id, field="contactId")

    call = ContactCall(
        id=uuid.uuid4(),
        tenant_id=viewer.tenant_id,
        contact_id=contact.id,
        recorded_by=viewer.actor,
        **cleaned,
    )
    session.add(call)
    changes = changed_fields({}, cleaned)
    changes["call"] = {"before": None, "after": str(call.id)}
    _audit(session, viewer, "call.log", contact.id, changes)
    await session.flush()
    return call


async def get_call(
    session: AsyncSession, viewer: Viewer, call_id: uuid.UUID
) -> ContactCall:
    """Return a call of a live contact, with that contact locked.

    Raises:
        NotFound: no such call in the tenant, or its contact was deleted.
    """
    call = await repository.find_call(session, viewer.tenant_id, call_id)
    if call is None:
        raise NotFound("call", "id")
    try:
        await get_live_contact(session, viewer, call.contact_id)
    except NotFound:
        raise NotFound("call", "id") from None
    return call


async def edit_call(
    session: AsyncSession, viewer: Viewer, call_id: uuid.UUID, values: Mapping[str, Any]
) -> ContactCall:
    """Change the call columns present in ``values``; the rest stay."""
    cleaned = clean_call_values(values)
    call = await get_call(session, viewer, call_id)

    before = {key: getattr(call, key) for key in CALL_FIELDS}
    changes = changed_fields(before, {**before, **cleaned})
    if not changes:
        return call
    for key, value in cleaned.items():
        setattr(call, key, value)
    call.updated_at = datetime.now(UTC)
    changes["call_id"] = str(call.id)
    _audit(session, viewer, "call.edit", call.contact_id, changes)
    await session.flush()
    return call


async def remove_call(
    session: AsyncSession, viewer: Viewer, call_id: uuid.UUID
) -> None:
    """Delete a logged call; what it held stays in the audit trail."""
    call = await get_call(session, viewer, call_id)
    changes = changed_fields({key: getattr(call, key) for key in CALL_FIELDS}, {})
    changes["call"] = {"before": str(call.id), "after": None}
    await session.delete(call)
    _audit(session, viewer, "call.remove", call.contact_id, changes)
    await session.flush()
