"""Check and normalise contact input into column values, collecting every error."""

import math
import unicodedata
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

import orjson

from contacts_graph.contacts.normalize import (
    InvalidValue,
    display_name_for,
    fold_for_search,
    normalize_email,
    normalize_locale,
    normalize_phone,
    phone_region_for,
    phone_search_digits,
)
from contacts_graph.contacts.roles import Role
from contacts_graph.errors import FieldError, ValidationFailed

TEXT_LIMITS = {
    "given_name": ("givenName", 200),
    "family_name": ("familyName", 200),
    "display_name": ("displayName", 400),
    "street": ("street", 400),
    "city": ("city", 200),
    "region": ("region", 200),
    "postal_code": ("postalCode", 32),
    "country": ("country", 200),
    "locale": ("locale", 35),
}
MAX_CUSTOM_FIELDS = 100
MAX_CUSTOM_FIELDS_BYTES = 16 * 1024
MAX_EXTRA_EMAILS = 20
MAX_EXTRA_PHONES = 20
# orjson writes whole numbers of 64 bits at most, and PostgreSQL's JSON has
# no NaN or Infinity. PostgreSQL also writes 1e300 back without an exponent,
# as a 301-digit whole number, so decimals keep to the same range.
JSON_NUMBER_LIMIT = 2**63
EARLIEST_BIRTH = date(1850, 1, 1)


def visible_text(value: str) -> str:
    """Drop control and format characters (tabs, newlines, zero-width marks).

    They come in from spreadsheets and copy-paste, and a name made only of
    them would show as nothing at all. The text is also composed (NFC), so
    an "é" typed as "e" plus an accent is stored as the one letter.
    """
    shown = "".join(ch for ch in value if unicodedata.category(ch) not in ("Cc", "Cf"))
    return unicodedata.normalize("NFC", shown).strip()


def _clean_text(values: dict[str, Any], errors: list[FieldError]) -> None:
    for key, (field, limit) in TEXT_LIMITS.items():
        if key not in values or values[key] is None:
            continue
        text = visible_text(str(values[key]))
        if len(text) > limit:
            errors.append(
                FieldError(
                    field, "TOO_LONG", f"{field} takes at most {limit} characters."
                )
            )
        values[key] = text or None


def _clean_emails(values: dict[str, Any], errors: list[FieldError]) -> None:
    if values.get("email"):
        try:
            values["email"] = normalize_email(values["email"])
        except InvalidValue as error:
            errors.append(FieldError("email", error.code, error.message))
    elif "email" in values:
        values["email"] = None
    if "extra_emails" in values:
        given = values["extra_emails"] or []
        if len(given) > MAX_EXTRA_EMAILS:
            errors.append(
                FieldError(
                    "emails",
                    "TOO_MANY",
                    f"A contact has at most {MAX_EXTRA_EMAILS} further email "
                    "addresses.",
                )
            )
            return
        cleaned = []
        for index, email in enumerate(given):
            try:
                cleaned.append(normalize_email(email))
            except InvalidValue as error:
                errors.append(FieldError(f"emails[{index}]", error.code, error.message))
        values["extra_emails"] = list(dict.fromkeys(cleaned))


def _clean_phones(
    values: dict[str, Any], region: str, errors: list[FieldError]
) -> None:
    region = phone_region_for(values.get("country"), region) or region
    if values.get("phone"):
        try:
            phone = normalize_phone(values["phone"], region)
            values["phone"], values["phone_e164"] = phone.number, phone.e164
        except InvalidValue as error:
            errors.append(FieldError("phone", error.code, error.message))
    elif "phone" in values:
        values["phone"] = values["phone_e164"] = None
    if "extra_phones" in values:
        given = values["extra_phones"] or []
        if len(given) > MAX_EXTRA_PHONES:
            errors.append(
                FieldError(
                    "phones",
                    "TOO_MANY",
                    f"A contact has at most {MAX_EXTRA_PHONES} further phone numbers.",
                )
            )
            return
        cleaned = []
        for index, number in enumerate(given):
            try:
                phone = normalize_phone(number, region)
                cleaned.append({"number": phone.number, "e164": phone.e164})
            except InvalidValue as error:
                errors.append(FieldError(f"phones[{index}]", error.code, error.message))
        values["extra_phones"] = cleaned


def _clean_roles(values: dict[str, Any], errors: list[FieldError]) -> None:
    known = {role.value for role in Role}
    if "primary_role" in values:
        role = values["primary_role"]
        role = role.value if isinstance(role, Role) else str(role or "").upper()
        if role not in known:
            errors.append(
                FieldError("role", "UNKNOWN_ROLE", f"{role!r} is not a contact role.")
            )
        values["primary_role"] = role
    if "roles" in values:
        roles = [
            r.value if isinstance(r, Role) else str(r).upper() for r in values["roles"]
        ]
        unknown = [r for r in roles if r not in known]
        if unknown:
            errors.append(
                FieldError(
                    "roles", "UNKNOWN_ROLE", f"{unknown[0]!r} is not a contact role."
                )
            )
        values["roles"] = list(dict.fromkeys(roles))


def custom_fields_errors(fields: Any) -> list[FieldError]:
    """Return what keeps ``fields`` from being stored as custom fields.

    Contacts and organizations share these rules: one JSON object of at most
    ``MAX_CUSTOM_FIELDS`` keys and ``MAX_CUSTOM_FIELDS_BYTES`` of JSON, whose
    numbers JSON and PostgreSQL can store.
    """
    if not isinstance(fields, dict) or len(fields) > MAX_CUSTOM_FIELDS:
        return [
            FieldError(
                "customFields",
                "INVALID",
                f"customFields is an object of at most {MAX_CUSTOM_FIELDS} keys.",
            )
        ]
    unstorable = FieldError(
        "customFields",
        "INVALID",
        "customFields holds a number JSON cannot store; numbers must be finite "
        "and between -2^63 and 2^63.",
    )
    if not _storable_numbers(fields):
        return [unstorable]
    try:
        size = len(orjson.dumps(fields))
    except orjson.JSONEncodeError:
        # Nesting deeper than orjson writes, the one failure left after the walk.
        return [
            FieldError(
                "customFields",
                "INVALID",
                "customFields holds a value JSON cannot store.",
            )
        ]
    if size > MAX_CUSTOM_FIELDS_BYTES:
        return [
            FieldError(
                "customFields",
                "TOO_LONG",
                f"customFields takes at most {MAX_CUSTOM_FIELDS_BYTES // 1024} KiB "
                "of JSON.",
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
        elif not _storable_number(item):
            return False
    return True


def _storable_number(value: Any) -> bool:
    if isinstance(value, float) and not math.isfinite(value):
        return False
    if isinstance(value, int | float):
        return -JSON_NUMBER_LIMIT <= value < JSON_NUMBER_LIMIT
    return True


def _clean_custom_fields(values: dict[str, Any], errors: list[FieldError]) -> None:
    fields = values.get("custom_fields")
    if fields is not None:
        errors.extend(custom_fields_errors(fields))


def _clean_date_of_birth(values: dict[str, Any], errors: list[FieldError]) -> None:
    born = values.get("date_of_birth")
    if born is None:
        return
    if born > datetime.now(UTC).date():
        errors.append(
            FieldError(
                "dateOfBirth", "IN_FUTURE", "A date of birth cannot be in the future."
            )
        )
    elif born < EARLIEST_BIRTH:
        errors.append(
            FieldError(
                "dateOfBirth",
                "OUT_OF_RANGE",
                f"A date of birth is on or after {EARLIEST_BIRTH.isoformat()}.",
            )
        )


def _clean_locale(values: dict[str, Any], errors: list[FieldError]) -> None:
    if not values.get("locale"):
        return
    try:
        values["locale"] = normalize_locale(values["locale"])
    except InvalidValue as error:
        errors.append(FieldError("locale", error.code, error.message))


def clean_contact_values(values: Mapping[str, Any], *, region: str) -> dict[str, Any]:
    """Return normalised column values for the given input.

    Only the keys present are checked and returned, so the same function serves
    creates and partial updates.

    Raises:
        ValidationFailed: with every problem found, not just the first.
    """
    cleaned = dict(values)
    errors: list[FieldError] = []
    _clean_text(cleaned, errors)
    _clean_emails(cleaned, errors)
    _clean_phones(cleaned, region, errors)
    _clean_roles(cleaned, errors)
    _clean_custom_fields(cleaned, errors)
    _clean_date_of_birth(cleaned, errors)
    _clean_locale(cleaned, errors)
    if errors:
        raise ValidationFailed(errors)
    return cleaned


def complete_contact(state: dict[str, Any]) -> list[FieldError]:
    """Derive display name, role list and search text; report what is missing.

    ``state`` is the whole record as it will be stored, and is updated in place.
    """
    errors = []
    state["display_name"] = state.get("display_name") or display_name_for(
        state.get("given_name"), state.get("family_name"), state.get("email")
    )
    if not state["display_name"]:
        errors.append(
            FieldError(
                "displayName",
                "REQUIRED",
                "A contact needs a name or an email address.",
            )
        )
    roles = [state["primary_role"], *(state.get("roles") or [])]
    state["roles"] = list(dict.fromkeys(roles))
    _drop_repeated_contact_points(state)
    state["search_text"] = search_text_for(state)
    return errors


def _drop_repeated_contact_points(state: dict[str, Any]) -> None:
    """Drop further emails and phones that repeat the primary or an earlier one.

    Done on the whole record, so a primary set by one request and a further
    address sent by another never end up stored twice.
    """
    if "extra_emails" in state:
        emails = dict.fromkeys(state.get("extra_emails") or [])
        emails.pop(state.get("email"), None)
        state["extra_emails"] = list(emails)
    if "extra_phones" in state:
        seen = {_phone_key(state.get("phone"), state.get("phone_e164"))}
        kept = []
        for phone in state.get("extra_phones") or []:
            key = _phone_key(phone.get("number"), phone.get("e164"))
            if key not in seen:
                seen.add(key)
                kept.append(phone)
        state["extra_phones"] = kept


def _phone_key(number: str | None, e164: str | None) -> str | None:
    """Return what makes two phones the same: E.164, else the digits dialled."""
    if e164:
        return e164
    return phone_search_digits(number) or None


def search_text_for(state: Mapping[str, Any]) -> str:
    """Return the folded text that free-text search matches a contact by."""
    parts = [
        state.get("display_name"),
        state.get("given_name"),
        state.get("family_name"),
        state.get("email"),
        *(state.get("extra_emails") or []),
        phone_search_digits(state.get("phone")),
        state.get("phone_e164"),
        *(
            phone_search_digits(p.get("number"))
            for p in state.get("extra_phones") or []
        ),
    ]
    return fold_for_search(" ".join(p for p in parts if p))
