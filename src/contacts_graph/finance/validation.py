"""Checks of financial input: exact money, currencies, times, choices, text.

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
from contacts_graph.finance.models import (
    DIRECTIONS,
    ENTRY_KINDS,
    ENTRY_STATUSES,
    INVOICE_STATUSES,
    METHODS,
)

CURRENCY = re.compile(r"^[A-Z]{3}$")
CENT = Decimal("0.01")
# NUMERIC(18, 2): sixteen digits before the point.
AMOUNT_LIMIT = Decimal(10) ** 16
MAX_DESCRIPTION = 500
MAX_NUMBER = 50
MAX_REFERENCE = 100


def _required(field: str) -> FieldError:
    return FieldError(field, "REQUIRED", f"{field} needs a value.")


def money_errors(
    field: str, value: Any, *, allow_zero: bool = False
) -> list[FieldError]:
    """Check an amount: a Decimal (never a float), at most 2 places, in range."""
    if value is None:
        return [_required(field)]
    # A float has already lost the cents, so only exact types are taken.
    if isinstance(value, float | bool) or not isinstance(value, Decimal | int):
        return [FieldError(field, "INVALID", f"{field} is a decimal number.")]
    value = Decimal(value)
    if not value.is_finite():
        return [FieldError(field, "INVALID", f"{field} is a decimal number.")]
    if value < 0 or (value == 0 and not allow_zero) or value >= AMOUNT_LIMIT:
        lowest = "0" if allow_zero else "more than 0"
        return [
            FieldError(
                field,
                "OUT_OF_RANGE",
                f"{field} is {lowest} and has at most 16 digits before the point.",
            )
        ]
    if value != value.quantize(CENT):
        return [FieldError(field, "INVALID", f"{field} has at most 2 decimals.")]
    return []


def _currency(values: dict[str, Any], errors: list[FieldError]) -> None:
    currency = (values.get("currency") or "").strip().upper()
    values["currency"] = currency
    if not currency:
        errors.append(_required("currency"))
    elif not CURRENCY.match(currency):
        errors.append(
            FieldError(
                "currency", "INVALID", "currency is an ISO 4217 code such as EUR."
            )
        )


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
    text = (values.get(key) or "").strip()
    values[key] = text or None
    if required and not text:
        return [_required(field)]
    if len(text) > limit:
        return [
            FieldError(field, "TOO_LONG", f"{field} takes at most {limit} characters.")
        ]
    return []


def _moment(values: dict[str, Any], key: str, field: str) -> list[FieldError]:
    moment = values.get(key)
    if moment is None:
        return [_required(field)]
    if not isinstance(moment, datetime) or moment.utcoffset() is None:
        return [
            FieldError(field, "INVALID", f"{field} needs a date, a time and a zone.")
        ]
    return []


def _amount(
    values: dict[str, Any], key: str, field: str, **kw: Any
) -> list[FieldError]:
    errors = money_errors(field, values.get(key), **kw)
    if not errors:
        values[key] = Decimal(values[key]).quantize(CENT)
    return errors


def _raise_if(errors: list[FieldError]) -> None:
    if errors:
        raise ValidationFailed(errors)


def _dates(values: dict[str, Any]) -> list[FieldError]:
    errors = []
    for key, field in (("issued_on", "issuedOn"), ("due_on", "dueOn")):
        if values.get(key) is None:
            errors.append(_required(field))
        elif not isinstance(values[key], date) or isinstance(values[key], datetime):
            errors.append(FieldError(field, "INVALID", f"{field} is a date."))
    if not errors and values["due_on"] < values["issued_on"]:
        errors.append(
            FieldError("dueOn", "OUT_OF_RANGE", "dueOn is on or after issuedOn.")
        )
    return errors


def clean_ledger_entry(record: Mapping[str, Any]) -> dict[str, Any]:
    """Check a whole ledger entry; return the values to store."""
    values = dict(record)
    errors = _choice(values, "direction", "direction", DIRECTIONS)
    errors += _amount(values, "amount", "amount")
    _currency(values, errors)
    errors += _text(values, "description", "description", MAX_DESCRIPTION)
    errors += _moment(values, "booked_at", "bookedAt")
    errors += _choice(values, "status", "status", ENTRY_STATUSES)
    errors += _choice(values, "kind", "kind", ENTRY_KINDS)
    _raise_if(errors)
    return values


def clean_invoice(record: Mapping[str, Any]) -> dict[str, Any]:
    """Check a whole invoice; OVERDUE is derived, so it is never stored."""
    values = dict(record)
    errors = _text(values, "number", "number", MAX_NUMBER, required=True)
    errors += _dates(values)
    _currency(values, errors)
    errors += _amount(values, "total", "total", allow_zero=True)
    errors += _choice(values, "status", "status", INVOICE_STATUSES)
    errors += _text(values, "description", "description", MAX_DESCRIPTION)
    _raise_if(errors)
    return values


def clean_payment(record: Mapping[str, Any]) -> dict[str, Any]:
    """Check a whole payment; the invoice it names is checked by the service."""
    values = dict(record)
    errors = _amount(values, "amount", "amount")
    _currency(values, errors)
    errors += _moment(values, "paid_at", "paidAt")
    errors += _choice(values, "method", "method", METHODS)
    errors += _text(values, "reference", "reference", MAX_REFERENCE)
    _raise_if(errors)
    return values
