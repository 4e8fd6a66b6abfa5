"""Checks of role-record input: exact money and shares, dates, choices, text.

Each ``clean_*`` function takes a whole record (the stored values with the
changes laid over them), collects every problem, and returns the values to
store or raises ``ValidationFailed``.
"""

import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from contacts_graph.errors import FieldError, ValidationFailed
from contacts_graph.finance.validation import CENT, money_errors
from contacts_graph.roles.models import (
    EMPLOYMENT_TYPES,
    INVESTMENT_STATUSES,
    PROPERTY_KINDS,
    RENT_PERIODS,
    VEHICLES,
)

CURRENCY = re.compile(r"^[A-Z]{3}$")
HUNDRED = Decimal(100)


def _required(field: str) -> FieldError:
    return FieldError(field, "REQUIRED", f"{field} needs a value.")


def _text(
    values: dict[str, Any], key: str, field: str, limit: int, *, required: bool = False
) -> list[FieldError]:
    text = (values.get(key) or "").strip()
    values[key] = text or None
    if required and not text:
        return [_required(field)]
    if len(text) > limit:
        return [
            FieldError(field, "TOO_LONG", f"{field} takes at most {limit} characters.")
        ]
    return []


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


def _currency(values: dict[str, Any], *, required: bool = True) -> list[FieldError]:
    currency = (values.get("currency") or "").strip().upper() or None
    values["currency"] = currency
    if currency is None:
        return [_required("currency")] if required else []
    if not CURRENCY.match(currency):
        return [
            FieldError(
                "currency", "INVALID", "currency is an ISO 4217 code such as EUR."
            )
        ]
    return []


def _amount(
    values: dict[str, Any], key: str, field: str, *, optional: bool = False, **kw: Any
) -> list[FieldError]:
    if optional and values.get(key) is None:
        values[key] = None
        return []
    errors = money_errors(field, values.get(key), **kw)
    if not errors:
        values[key] = Decimal(values[key]).quantize(CENT)
    return errors


def _day(
    values: dict[str, Any], key: str, field: str, *, optional: bool = False
) -> list[FieldError]:
    day = values.get(key)
    if day is None:
        return [] if optional else [_required(field)]
    # A datetime is a date subclass; a moment is not a day.
    if not isinstance(day, date) or isinstance(day, datetime):
        return [FieldError(field, "INVALID", f"{field} is a date.")]
    return []


def _term(values: dict[str, Any]) -> list[FieldError]:
    """Check starts_on and ends_on: the end, when there is one, is not before."""
    errors = _day(values, "starts_on", "startsOn")
    errors += _day(values, "ends_on", "endsOn", optional=True)
    if not errors and values["ends_on"] and values["ends_on"] < values["starts_on"]:
        errors.append(
            FieldError("endsOn", "OUT_OF_RANGE", "endsOn is on or after startsOn.")
        )
    return errors


def _share(values: dict[str, Any]) -> list[FieldError]:
    share = values.get("share_percent")
    field = "sharePercent"
    if share is None:
        return [_required(field)]
    if isinstance(share, float | bool) or not isinstance(share, Decimal | int):
        return [FieldError(field, "INVALID", f"{field} is a decimal number.")]
    share = Decimal(share)
    if not share.is_finite():
        return [FieldError(field, "INVALID", f"{field} is a decimal number.")]
    if not 0 < share <= HUNDRED:
        return [
            FieldError(field, "OUT_OF_RANGE", f"{field} is more than 0, at most 100.")
        ]
    if share != share.quantize(CENT):
        return [FieldError(field, "INVALID", f"{field} has at most 2 decimals.")]
    values["share_percent"] = share.quantize(CENT)
    return []


def _raise_if(errors: list[FieldError]) -> None:
    if errors:
        raise ValidationFailed(errors)


def clean_tenancy(record: Mapping[str, Any]) -> dict[str, Any]:
    """Check a whole tenancy; its status follows from the dates, never stored."""
    values = dict(record)
    errors = _text(values, "property_address", "propertyAddress", 400, required=True)
    errors += _text(values, "unit", "unit", 50)
    errors += _term(values)
    errors += _amount(values, "rent", "rent", allow_zero=True)
    errors += _currency(values)
    errors += _choice(values, "rent_period", "rentPeriod", RENT_PERIODS)
    errors += _amount(values, "deposit", "deposit", optional=True, allow_zero=True)
    _raise_if(errors)
    return values


def clean_property_holding(record: Mapping[str, Any]) -> dict[str, Any]:
    """Check a whole holding; a value and its currency come together or not at all."""
    values = dict(record)
    errors = _text(values, "name", "name", 400, required=True)
    errors += _choice(values, "kind", "kind", PROPERTY_KINDS)
    errors += _share(values)
    errors += _day(values, "acquired_on", "acquiredOn", optional=True)
    errors += _amount(values, "value", "value", optional=True, allow_zero=True)
    has_value = record.get("value") is not None
    errors += _currency(values, required=has_value)
    if values["currency"] is not None and not has_value:
        errors.append(FieldError("value", "REQUIRED", "value goes with a currency."))
    _raise_if(errors)
    return values


def clean_investment(record: Mapping[str, Any]) -> dict[str, Any]:
    """Check a whole investment: a commitment of more than 0 on a day."""
    values = dict(record)
    errors = _text(values, "name", "name", 200, required=True)
    errors += _choice(values, "vehicle", "vehicle", VEHICLES)
    errors += _amount(values, "committed", "committed")
    errors += _currency(values)
    errors += _day(values, "invested_on", "investedOn")
    errors += _choice(values, "status", "status", INVESTMENT_STATUSES)
    _raise_if(errors)
    return values


def clean_employment(record: Mapping[str, Any]) -> dict[str, Any]:
    """Check a whole job; the manager it names is checked by the service."""
    values = dict(record)
    errors = _text(values, "job_title", "jobTitle", 200, required=True)
    errors += _text(values, "department", "department", 200)
    errors += _term(values)
    errors += _choice(values, "employment_type", "employmentType", EMPLOYMENT_TYPES)
    _raise_if(errors)
    return values
