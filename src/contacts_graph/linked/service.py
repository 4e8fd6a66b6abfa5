"""Link records that other products own to contacts, and unlink them."""

import math
import re
import uuid
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.audit.service import changed_fields, record_change
from contacts_graph.auth.sessions import Viewer
from contacts_graph.contacts.service import get_live_contact
from contacts_graph.contacts.validation import JSON_NUMBER_LIMIT, visible_text
from contacts_graph.errors import FieldError, ValidationFailed
from contacts_graph.linked import repository
from contacts_graph.linked.models import (
    MAX_EXTERNAL_ID,
    MAX_KIND,
    MAX_STATUS,
    MAX_TITLE,
    LinkedRecord,
)
from contacts_graph.linked.tabs import PRODUCTS

KIND = re.compile(r"^[a-z][a-z0-9_]*$")
CURRENCY = re.compile(r"^[A-Z]{3}$")
CENT = Decimal("0.01")
# NUMERIC(18, 2): sixteen digits before the point.
AMOUNT_LIMIT = Decimal(10) ** 16
MAX_PAYLOAD_BYTES = 16 * 1024
# The fields a link writes, as stored; they make the audit's before and after.
STATE_FIELDS = (
    "contact_id",
    "title",
    "status",
    "amount",
    "currency",
    "occurred_at",
    "payload",
)


def clean_key(product: Any, kind: Any, external_id: Any) -> tuple[str, str, str]:
    """Check the product's key of a record; return it trimmed."""
    errors: list[FieldError] = []
    product = str(getattr(product, "value", product) or "").strip().upper()
    if product not in PRODUCTS:
        errors.append(
            FieldError(
                "product", "INVALID", f"product is one of {', '.join(PRODUCTS)}."
            )
        )
    kind = (kind or "").strip()
    errors += _kind_errors(kind)
    external_id = visible_text(external_id or "")
    errors += _text_errors("externalId", external_id, MAX_EXTERNAL_ID, required=True)
    if errors:
        raise ValidationFailed(errors)
    return product, kind, external_id


def _kind_errors(kind: str) -> list[FieldError]:
    if not kind:
        return [FieldError("kind", "REQUIRED", "A linked record needs a kind.")]
    if len(kind) > MAX_KIND:
        return [_too_long("kind", MAX_KIND)]
    if not KIND.match(kind):
        return [
            FieldError(
                "kind",
                "INVALID",
                "kind is lower-case letters, digits and underscores, e.g. work_order.",
            )
        ]
    return []


def _text_errors(
    field: str, value: str, limit: int, *, required: bool = False
) -> list[FieldError]:
    if required and not value:
        return [FieldError(field, "REQUIRED", f"A linked record needs a {field}.")]
    if len(value) > limit:
        return [_too_long(field, limit)]
    return []


def _too_long(field: str, limit: int) -> FieldError:
    return FieldError(field, "TOO_LONG", f"{field} takes at most {limit} characters.")


def _amount_errors(amount: Any) -> list[FieldError]:
    if amount is None:
        return []
    # Money never passes through floats: a float has already lost the cents.
    if isinstance(amount, float | bool) or not isinstance(amount, Decimal | int | str):
        return [FieldError("amount", "INVALID", "amount is a decimal number.")]
    try:
        value = Decimal(amount)
    except InvalidOperation:
        return [FieldError("amount", "INVALID", "amount is a decimal number.")]
    if not value.is_finite() or abs(value) >= AMOUNT_LIMIT:
        return [
            FieldError(
                "amount",
                "OUT_OF_RANGE",
                "amount has at most 16 digits before the decimal point.",
            )
        ]
    if value != value.quantize(CENT):
        return [FieldError("amount", "INVALID", "amount has at most 2 decimals.")]
    return []


def _money_errors(amount: Any, currency: str | None) -> list[FieldError]:
    errors = _amount_errors(amount)
    if currency and not CURRENCY.match(currency):
        errors.append(
            FieldError(
                "currency", "INVALID", "currency is a 3-letter ISO 4217 code, e.g. EUR."
            )
        )
    if amount is not None and not currency:
        errors.append(FieldError("currency", "REQUIRED", "An amount needs a currency."))
    if currency and amount is None:
        errors.append(FieldError("amount", "REQUIRED", "A currency needs an amount."))
    return errors


def _payload_errors(payload: Any) -> list[FieldError]:
    invalid = FieldError(
        "payload",
        "INVALID",
        "payload is one JSON object whose numbers are finite and between -2^63 "
        "and 2^63.",
    )
    if not isinstance(payload, dict) or not _storable_numbers(payload):
        return [invalid]
    try:
        size = len(orjson.dumps(payload))
    except orjson.JSONEncodeError:
        return [invalid]
    if size > MAX_PAYLOAD_BYTES:
        return [
            FieldError(
                "payload",
                "TOO_LONG",
                f"payload takes at most {MAX_PAYLOAD_BYTES // 1024} KiB of JSON.",
            )
        ]
    return []


def _storable_numbers(value: Any) -> bool:
    """Return whether every number within ``value`` fits JSON and PostgreSQL."""
    # A stack, not recursion: a deeply nested value must not exhaust Python's.
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif (
            isinstance(item, float)
            and not math.isfinite(item)
            or isinstance(item, int | float)
            and not (-JSON_NUMBER_LIMIT <= item < JSON_NUMBER_LIMIT)
        ):
            return False
    return True


def _occurred_at_errors(occurred_at: Any) -> list[FieldError]:
    if occurred_at is None:
        return [FieldError("occurredAt", "REQUIRED", "A linked record needs a time.")]
    if not isinstance(occurred_at, datetime) or occurred_at.utcoffset() is None:
        return [
            FieldError(
                "occurredAt",
                "INVALID",
                "occurredAt is a date and time with a time zone, e.g. "
                "2026-05-01T09:30:00Z.",
            )
        ]
    return []


def clean_link_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Check and normalise a record's fields, collecting every error."""
    errors: list[FieldError] = []
    try:
        product, kind, external_id = clean_key(
            values.get("product"), values.get("kind"), values.get("external_id")
        )
    except ValidationFailed as failure:
        errors += failure.errors
        product = kind = external_id = ""
    title = visible_text(values.get("title") or "")
    status = visible_text(values.get("status") or "") or None
    currency = (values.get("currency") or "").strip().upper() or None
    amount, payload = values.get("amount"), values.get("payload")
    payload = {} if payload is None else payload

    errors += _text_errors("title", title, MAX_TITLE, required=True)
    errors += _text_errors("status", status or "", MAX_STATUS)
    errors += _money_errors(amount, currency)
    errors += _payload_errors(payload)
    errors += _occurred_at_errors(values.get("occurred_at"))
    if errors:
        raise ValidationFailed(errors)
    return {
        "product": product,
        "kind": kind,
        "external_id": external_id,
        "title": title,
        "status": status,
        "amount": None if amount is None else Decimal(amount).quantize(CENT),
        "currency": currency,
        "occurred_at": values["occurred_at"],
        "payload": payload,
    }


def _state(record: LinkedRecord | None) -> dict[str, Any]:
    """Return a record's stored fields as the audit log writes them."""
    if record is None:
        return {}
    state = {name: getattr(record, name) for name in STATE_FIELDS}
    return _audit_values(state)


def _audit_values(state: Mapping[str, Any]) -> dict[str, Any]:
    # The audit row is JSON: decimals as exact strings, ids as text.
    plain = dict(state)
    if plain.get("amount") is not None:
        plain["amount"] = str(plain["amount"])
    plain["contact_id"] = str(plain["contact_id"])
    return plain


def _record_name(cleaned: Mapping[str, Any]) -> str:
    return f"{cleaned['product']}/{cleaned['kind']}/{cleaned['external_id']}"


async def link_record(
    session: AsyncSession,
    viewer: Viewer,
    contact_id: uuid.UUID,
    values: Mapping[str, Any],
) -> tuple[LinkedRecord, bool]:
    """Write a product's record against a contact; return it and whether it changed.

    Idempotent on ``(product, kind, external_id)``: writing a known record
    again updates it, and naming another contact moves it there. A merged
    contact's id links to the contact it became.
    """
    cleaned = clean_link_values(values)
    contact = await get_live_contact(session, viewer, contact_id, field="contactId")
    existing = await repository.find_record(
        session,
        viewer.tenant_id,
        cleaned["product"],
        cleaned["kind"],
        cleaned["external_id"],
    )
    before = _state(existing)
    after = _audit_values(
        {
            **{k: cleaned[k] for k in STATE_FIELDS if k != "contact_id"},
            "contact_id": contact.id,
        }
    )
    changes = changed_fields(before, after)
    if existing is not None and not changes:
        return existing, False

    # Read before the upsert, which refreshes ``existing`` in place.
    moved_from = existing.contact_id if existing is not None else None
    record = await repository.upsert_record(
        session, {"tenant_id": viewer.tenant_id, **cleaned, "contact_id": contact.id}
    )
    if moved_from is not None and moved_from != contact.id:
        _audit(session, viewer, "linked_record.unlink", moved_from, cleaned, before)
    _audit(session, viewer, "linked_record.link", contact.id, cleaned, before, after)
    await session.flush()
    return record, True


def _audit(
    session: AsyncSession,
    viewer: Viewer,
    action: str,
    contact_id: uuid.UUID,
    key: Mapping[str, Any],
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> None:
    changes: dict[str, Any] = changed_fields(before or {}, after or {})
    # Names the record whose fields changed, as the product knows it.
    changes["linked_record"] = _record_name(key)
    record_change(
        session,
        viewer,
        action=action,
        entity_type="contact",
        entity_id=contact_id,
        changes=changes,
        event="contact.updated",
    )


async def unlink_record(
    session: AsyncSession, viewer: Viewer, product: Any, kind: Any, external_id: Any
) -> LinkedRecord | None:
    """Delete a product's record; return it, or None when none was linked.

    Unlinking a record that is not there is not an error, so a product can
    repeat the call safely.
    """
    product, kind, external_id = clean_key(product, kind, external_id)
    record = await repository.find_record(
        session, viewer.tenant_id, product, kind, external_id
    )
    if record is None:
        return None
    before = _state(record)
    await repository.delete_record(session, record)
    key = {"product": product, "kind": kind, "external_id": external_id}
    _audit(session, viewer, "linked_record.unlink", record.contact_id, key, before)
    await session.flush()
    return record
