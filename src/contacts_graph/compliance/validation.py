"""Checks of compliance input: choices, countries, dates, times, text, JSON.

Each ``clean_*`` function takes a whole record (the stored values with the
changes laid over them), collects every problem, and returns the values to
store or raises ``ValidationFailed``. Messages never quote the values, since
document numbers and share codes are personal data.
"""

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import orjson

from contacts_graph.compliance.models import (
    AML_LISTS,
    AML_RESULTS,
    DOCUMENT_KINDS,
    KYC_DECIDED,
    KYC_LEVELS,
    KYC_STATUSES,
    MAX_MATCH_DETAILS,
    RTR_METHODS,
    RTR_OUTCOMES,
)
from contacts_graph.contacts.countries import COUNTRY_NAMES
from contacts_graph.contacts.validation import visible_text
from contacts_graph.errors import FieldError, ValidationFailed

MAX_NUMBER = 64
MAX_PERSON = 200
MAX_NOTES = 2000
MAX_PROVIDER = 100
MAX_PROVIDER_REFERENCE = 200
MAX_SHARE_CODE = 20


def _required(field: str) -> FieldError:
    return FieldError(field, "REQUIRED", f"{field} needs a value.")


def _choice(
    values: dict[str, Any], key: str, field: str, choices: tuple[str, ...]
) -> list[FieldError]:
    value = getattr(values.get(key), "value", values.get(key))
    values[key] = value
    if value is None:
        return [_required(field)]
    if value not in choices:
        return [
            FieldError(field, "INVALID", f"{field} is one of {', '.join(choices)}.")
        ]
    return []


def _text(
    values: dict[str, Any], key: str, field: str, limit: int, *, required: bool = False
) -> list[FieldError]:
    text = visible_text(values.get(key) or "")
    values[key] = text or None
    if required and not text:
        return [_required(field)]
    if len(text) > limit:
        return [
            FieldError(field, "TOO_LONG", f"{field} takes at most {limit} characters.")
        ]
    return []


def _moment(
    values: dict[str, Any], key: str, field: str, *, required: bool = True
) -> list[FieldError]:
    moment = values.get(key)
    if moment is None:
        return [_required(field)] if required else []
    if not isinstance(moment, datetime) or moment.utcoffset() is None:
        return [
            FieldError(field, "INVALID", f"{field} needs a date, a time and a zone.")
        ]
    return []


def _day(
    values: dict[str, Any], key: str, field: str, *, required: bool = False
) -> list[FieldError]:
    day = values.get(key)
    if day is None:
        return [_required(field)] if required else []
    if not isinstance(day, date) or isinstance(day, datetime):
        return [FieldError(field, "INVALID", f"{field} is a date.")]
    return []


def _not_before(
    values: dict[str, Any], later: str, earlier: str, field: str, other: str
) -> list[FieldError]:
    """``later`` is on or after ``earlier`` when both are set and well formed."""
    first, last = values.get(earlier), values.get(later)
    if first is None or last is None or type(first) is not type(last):
        return []
    if last < first:
        return [FieldError(field, "OUT_OF_RANGE", f"{field} is not before {other}.")]
    return []


def _raise_if(errors: list[FieldError]) -> None:
    if errors:
        raise ValidationFailed(errors)


def _country(values: dict[str, Any]) -> list[FieldError]:
    country = (values.get("issuing_country") or "").strip().upper()
    values["issuing_country"] = country
    if not country:
        return [_required("issuingCountry")]
    if country not in COUNTRY_NAMES:
        return [
            FieldError(
                "issuingCountry",
                "INVALID",
                "issuingCountry is an ISO 3166-1 alpha-2 code such as GB.",
            )
        ]
    return []


def _number(values: dict[str, Any]) -> list[FieldError]:
    # Stored as given: only surrounding spaces go, never inner characters.
    number = (values.get("number") or "").strip()
    values["number"] = number
    if not number:
        return [_required("number")]
    if len(number) > MAX_NUMBER:
        return [FieldError("number", "TOO_LONG", "number takes at most 64 characters.")]
    return []


def clean_identity_document(record: Mapping[str, Any]) -> dict[str, Any]:
    """Check a whole identity document; return the values to store."""
    values = dict(record)
    errors = _choice(values, "kind", "kind", DOCUMENT_KINDS)
    errors += _country(values)
    errors += _number(values)
    errors += _day(values, "issued_on", "issuedOn")
    errors += _day(values, "expires_on", "expiresOn")
    errors += _not_before(values, "expires_on", "issued_on", "expiresOn", "issuedOn")
    errors += _moment(values, "verified_at", "verifiedAt", required=False)
    errors += _text(values, "verified_by", "verifiedBy", MAX_PERSON)
    _raise_if(errors)
    return values


def _decision(values: dict[str, Any]) -> list[FieldError]:
    if values.get("status") in KYC_DECIDED and values.get("decided_at") is None:
        return [
            FieldError(
                "decidedAt",
                "REQUIRED",
                "decidedAt is needed once approved or rejected.",
            )
        ]
    return []


def clean_kyc_check(record: Mapping[str, Any]) -> dict[str, Any]:
    """Check a whole KYC check; a decision needs its time."""
    values = dict(record)
    errors = _choice(values, "status", "status", KYC_STATUSES)
    errors += _choice(values, "level", "level", KYC_LEVELS)
    errors += _moment(values, "requested_at", "requestedAt")
    errors += _moment(values, "decided_at", "decidedAt", required=False)
    errors += _decision(values)
    errors += _not_before(
        values, "decided_at", "requested_at", "decidedAt", "requestedAt"
    )
    errors += _text(values, "decided_by", "decidedBy", MAX_PERSON)
    errors += _text(values, "notes", "notes", MAX_NOTES)
    errors += _text(values, "provider", "provider", MAX_PROVIDER)
    errors += _text(
        values, "provider_reference", "providerReference", MAX_PROVIDER_REFERENCE
    )
    _raise_if(errors)
    return values


def _lists(values: dict[str, Any]) -> list[FieldError]:
    given = values.get("lists_checked")
    if given is None:
        return [_required("listsChecked")]
    names = [getattr(item, "value", item) for item in given]
    if any(name not in AML_LISTS for name in names):
        return [
            FieldError(
                "listsChecked",
                "INVALID",
                f"listsChecked holds only {', '.join(AML_LISTS)}.",
            )
        ]
    # Each list once, in the order the API documents them.
    values["lists_checked"] = [name for name in AML_LISTS if name in names]
    return []


def _match_details(values: dict[str, Any]) -> list[FieldError]:
    details = values.get("match_details")
    if details is None:
        values["match_details"] = details = {}
    if not isinstance(details, dict):
        return [FieldError("matchDetails", "INVALID", "matchDetails is an object.")]
    try:
        size = len(orjson.dumps(details))
    except TypeError:
        return [FieldError("matchDetails", "INVALID", "matchDetails is plain JSON.")]
    if size > MAX_MATCH_DETAILS:
        return [
            FieldError(
                "matchDetails", "TOO_LONG", "matchDetails takes at most 16 KiB of JSON."
            )
        ]
    return []


def clean_aml_screening(record: Mapping[str, Any]) -> dict[str, Any]:
    """Check a whole AML screening; return the values to store."""
    values = dict(record)
    errors = _moment(values, "screened_at", "screenedAt")
    errors += _text(values, "provider", "provider", MAX_PROVIDER, required=True)
    errors += _choice(values, "result", "result", AML_RESULTS)
    errors += _lists(values)
    errors += _match_details(values)
    errors += _moment(values, "reviewed_at", "reviewedAt", required=False)
    errors += _text(values, "reviewed_by", "reviewedBy", MAX_PERSON)
    _raise_if(errors)
    return values


def _share_code(values: dict[str, Any]) -> list[FieldError]:
    code = (values.get("share_code") or "").strip()
    values["share_code"] = code or None
    if len(code) > MAX_SHARE_CODE:
        return [
            FieldError(
                "shareCode", "TOO_LONG", "shareCode takes at most 20 characters."
            )
        ]
    return []


def _follow_up(values: dict[str, Any]) -> list[FieldError]:
    if values.get("outcome") == "TIME_LIMITED" and values.get("follow_up_on") is None:
        return [
            FieldError(
                "followUpOn",
                "REQUIRED",
                "followUpOn is needed for a time-limited right.",
            )
        ]
    return _not_before(values, "follow_up_on", "checked_on", "followUpOn", "checkedOn")


def clean_right_to_rent_check(record: Mapping[str, Any]) -> dict[str, Any]:
    """Check a whole right-to-rent check; a time-limited right needs a follow-up."""
    values = dict(record)
    errors = _day(values, "checked_on", "checkedOn", required=True)
    errors += _choice(values, "method", "method", RTR_METHODS)
    errors += _share_code(values)
    errors += _choice(values, "outcome", "outcome", RTR_OUTCOMES)
    errors += _day(values, "follow_up_on", "followUpOn")
    if not errors:
        errors += _follow_up(values)
    errors += _text(values, "checked_by", "checkedBy", MAX_PERSON, required=True)
    _raise_if(errors)
    return values
