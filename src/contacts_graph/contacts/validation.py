"""Check and normalise contact input into column values, collecting every error."""

import unicodedata
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

import orjson

from contacts_graph.contacts.normalize import (
    InvalidValue,
    display_name_for,
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
EARLIEST_BIRTH = date(1850, 1, 1)


def visible_text(value: str) -> str:
    """Drop control and format characters (tabs, newlines, zero-width marks).

    They come in from spreadsheets and copy-paste, and a name made only of
    them would show as nothing at all.
    """
    return "".join(
        ch for ch in value if unicodedata.category(ch) not in ("Cc", "Cf")
    ).strip()


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
        cleaned = []
        for index, email in enumerate(values["extra_emails"] or []):
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
        cleaned = []
        for index, number in enumerate(values["extra_phones"] or []):
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


def _clean_custom_fields(values: dict[str, Any], errors: list[FieldError]) -> None:
    fields = values.get("custom_fields")
    if fields is None:
        return
    if not isinstance(fields, dict) or len(fields) > MAX_CUSTOM_FIELDS:
        errors.append(
            FieldError(
                "customFields",
                "INVALID",
                f"customFields is an object of at most {MAX_CUSTOM_FIELDS} keys.",
            )
        )
    elif len(orjson.dumps(fields)) > MAX_CUSTOM_FIELDS_BYTES:
        errors.append(
            FieldError(
                "customFields",
                "TOO_LONG",
                f"customFields takes at most {MAX_CUSTOM_FIELDS_BYTES // 1024} KiB "
                "of JSON.",
            )
        )


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
    state["search_text"] = search_text_for(state)
    return errors


def search_text_for(state: Mapping[str, Any]) -> str:
    """Return the lower-cased text that free-text search matches a contact by."""
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
    return " ".join(p for p in parts if p).lower()
