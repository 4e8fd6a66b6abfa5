"""Set how a contact likes to be reached: channels, language, quiet hours."""

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.audit.service import changed_fields, record_change
from contacts_graph.auth.sessions import Viewer
from contacts_graph.contacts.normalize import InvalidValue, normalize_locale
from contacts_graph.contacts.service import get_live_contact
from contacts_graph.errors import FieldError, ValidationFailed
from contacts_graph.notes import repository
from contacts_graph.notes.models import CHANNELS, ContactPreferences

FIELDS = ("channels", "language", "quiet_hours_start", "quiet_hours_end", "time_zone")
MAX_TIME_ZONE = 64
QUIET_HOURS = {
    "quiet_hours_start": "quietHoursStart",
    "quiet_hours_end": "quietHoursEnd",
}


def default_preferences(
    tenant_id: uuid.UUID, contact_id: uuid.UUID
) -> ContactPreferences:
    """Return the unsaved preferences of a contact that never set any."""
    return ContactPreferences(
        tenant_id=tenant_id,
        contact_id=contact_id,
        channels=[],
        language=None,
        quiet_hours_start=None,
        quiet_hours_end=None,
        time_zone=None,
    )


def _channels(given: Any, errors: list[FieldError]) -> list[str]:
    names = [str(getattr(c, "value", c)).upper() for c in given or []]
    unknown = [name for name in names if name not in CHANNELS]
    if unknown:
        errors.append(
            FieldError(
                "channels",
                "INVALID",
                f"{unknown[0]!r} is not a channel; use {', '.join(CHANNELS)}.",
            )
        )
    # Stored in the catalogue's order, once each, so equal sets compare equal.
    return [channel for channel in CHANNELS if channel in names]


def _language(given: str | None, errors: list[FieldError]) -> str | None:
    if not given or not given.strip():
        return None
    try:
        return normalize_locale(given)
    except InvalidValue as error:
        errors.append(FieldError("language", error.code, error.message))
        return None


def _time_zone(given: str | None, errors: list[FieldError]) -> str | None:
    name = (given or "").strip()
    if not name:
        return None
    if len(name) > MAX_TIME_ZONE:
        errors.append(
            FieldError("timeZone", "TOO_LONG", "timeZone takes at most 64 characters.")
        )
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        errors.append(
            FieldError(
                "timeZone", "INVALID", "timeZone is an IANA name such as Europe/London."
            )
        )
        return None
    return name


def _quiet_hours_errors(state: Mapping[str, Any]) -> list[FieldError]:
    start, end = state["quiet_hours_start"], state["quiet_hours_end"]
    if (start is None) == (end is None):
        return []
    missing = "quietHoursEnd" if end is None else "quietHoursStart"
    return [
        FieldError(
            missing, "REQUIRED", "Quiet hours need both a start and an end, or neither."
        )
    ]


def _local_time(field: str, value: Any, errors: list[FieldError]) -> time | None:
    # Quiet hours are wall-clock times in the contact's own zone (timeZone);
    # an offset on the time itself would contradict it.
    if value is None:
        return None
    if value.tzinfo is not None:
        errors.append(
            FieldError(
                field, "INVALID", f"{field} is a local time such as 22:00, no offset."
            )
        )
        return None
    return value.replace(microsecond=0)


def _plain_times(state: Mapping[str, Any]) -> dict[str, Any]:
    """Write times as text, which the audit trail's JSON can hold."""
    return {k: v.isoformat() if isinstance(v, time) else v for k, v in state.items()}


def clean_preference_values(
    current: Mapping[str, Any], values: Mapping[str, Any]
) -> dict[str, Any]:
    """Return the whole new state: ``current`` with ``values`` applied and checked."""
    errors: list[FieldError] = []
    state = dict(current)
    if "channels" in values:
        state["channels"] = _channels(values["channels"], errors)
    if "language" in values:
        state["language"] = _language(values["language"], errors)
    if "time_zone" in values:
        state["time_zone"] = _time_zone(values["time_zone"], errors)
    time_errors: list[FieldError] = []
    for key, field in QUIET_HOURS.items():
        if key in values:
            state[key] = _local_time(field, values[key], time_errors)
    # A refused time is not a missing one: pair the times only when both read.
    errors += time_errors or _quiet_hours_errors(state)
    if errors:
        raise ValidationFailed(errors)
    return state


async def set_preferences(
    session: AsyncSession,
    viewer: Viewer,
    contact_id: uuid.UUID,
    values: Mapping[str, Any],
) -> ContactPreferences:
    """Create or change a contact's preferences; keys left out stay as they are."""
    contact = await get_live_contact(session, viewer, contact_id, field="contactId")
    found = await repository.preferences_by_contact(
        session, viewer.tenant_id, [contact.id]
    )
    # The contact's row lock serialises setters, so the row cannot appear
    # between this read and the insert below.
    preferences = found.get(contact.id)
    current = preferences or default_preferences(viewer.tenant_id, contact.id)
    before = {key: getattr(current, key) for key in FIELDS}
    after = clean_preference_values(before, values)

    changes = changed_fields(_plain_times(before), _plain_times(after))
    if not changes:
        return current
    if preferences is None:
        preferences = current
        session.add(preferences)
    for key, value in after.items():
        setattr(preferences, key, value)
    preferences.updated_at = datetime.now(UTC)
    record_change(
        session,
        viewer,
        action="preferences.set",
        entity_type="contact",
        entity_id=contact.id,
        changes=changes,
        event="contact.updated",
    )
    await session.flush()
    return preferences
