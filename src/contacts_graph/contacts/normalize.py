"""Check and normalise single contact values: emails, phones, dates, countries.

Every check raises ``InvalidValue``. Its ``code`` (INVALID_EMAIL, INVALID_PHONE,
INVALID_DATE, INVALID_BOOLEAN, INVALID_LOCALE, UNKNOWN_ROLE, TOO_LONG, REQUIRED)
never holds any part of the value, so it is the part to log; its ``message`` is
one sentence for the person who typed the value, and may quote a piece of it
(a role name, a character of an email address).
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from contacts_graph.contacts.countries import COUNTRY_ALIASES, COUNTRY_NAMES
from contacts_graph.contacts.roles import Role, parse_role

MAX_PHONE_LENGTH = 64
MIN_PHONE_DIGITS = 3
# An international prefix (00, 011) and a 15-digit E.164 number still fit.
MAX_PHONE_DIGITS = 20
# A trailing extension: "x718", "ext. 12", "extension 5", "#44".
_EXTENSION = re.compile(r"[\s,;]*(?:ext(?:ension)?\.?:?|x|#)\s*\d{1,10}$", re.I)
_PHONE_TEXT = re.compile(r"[\w\s+\-\u2010-\u2015.()\[\]/#*,;:]+")
_LOCALE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{1,8})*")
_YEAR_FIRST = re.compile(
    r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})"
    r"(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?"
)
_NUMERIC = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})")
_DAY_NAMED_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[ -]([a-z]+)\.?,?[ -](\d{4})")
_NAMED_MONTH_DAY = re.compile(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})")
# Spelled out: calendar.month_name follows the process locale.
_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTHS = {
    **{name: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    **{name[:3]: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    "sept": 9,
}
_TRUE = frozenset({"yes", "y", "true", "t", "1", "on"})
_FALSE = frozenset({"no", "n", "false", "f", "0", "off"})


class InvalidValue(ValueError):
    """A value that cannot be stored, with a stable code and a readable message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class PhoneNumber:
    """A phone number as typed, with its E.164 form when the number is valid."""

    number: str
    e164: str | None


def clean_text(value: str | None, *, max_length: int) -> str | None:
    """Return ``value`` trimmed, or None when nothing is left."""
    if value is None:
        return None
    # PostgreSQL text cannot hold NUL characters.
    text = value.replace("\x00", "").strip()
    if len(text) > max_length:
        raise InvalidValue("TOO_LONG", f"Use at most {max_length} characters.")
    return text or None


def normalize_email(value: str) -> str:
    """Return the address as stored: checked, normalised and lower-cased."""
    text = value.strip()
    if not text:
        raise InvalidValue("INVALID_EMAIL", "The email address is empty.")
    try:
        checked = validate_email(text, check_deliverability=False)
    except EmailNotValidError as error:
        # The library explains the problem in one sentence; it may quote a
        # character of the address, never the whole of it.
        raise InvalidValue("INVALID_EMAIL", str(error)) from error
    return checked.normalized.lower()


def normalize_phone(value: str, region: str | None) -> PhoneNumber:
    """Return the number as typed, with its E.164 form when it is valid.

    ``region`` (ISO 3166-1 alpha-2) is where a number without a country code
    is read; a number is never refused only for lacking an E.164 form.
    """
    text = value.strip()
    if not text:
        raise InvalidValue("INVALID_PHONE", "The phone number is empty.")
    if len(text) > MAX_PHONE_LENGTH:
        raise InvalidValue(
            "INVALID_PHONE",
            f"A phone number has at most {MAX_PHONE_LENGTH} characters.",
        )
    if not _PHONE_TEXT.fullmatch(text):
        raise InvalidValue(
            "INVALID_PHONE", "The phone number holds characters a phone number cannot."
        )

    digits = len(_digits(_EXTENSION.sub("", text)))
    if digits < MIN_PHONE_DIGITS:
        raise InvalidValue("INVALID_PHONE", "The phone number has too few digits.")
    if digits > MAX_PHONE_DIGITS:
        raise InvalidValue("INVALID_PHONE", "The phone number has too many digits.")
    return PhoneNumber(number=text, e164=_e164(text, region))


def _e164(text: str, region: str | None) -> str | None:
    try:
        parsed = phonenumbers.parse(text, region.upper() if region else None)
    except phonenumbers.NumberParseException:
        return None
    # Valid, not merely possible: a wrong E.164 form would match the wrong
    # person in duplicate checks, while no form only loses a convenience.
    if not phonenumbers.is_valid_number(parsed):
        return None
    # E.164 has no room for an extension; the typed number keeps it.
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def phone_search_digits(number: str | None, e164: str | None = None) -> str:
    """Return the digit strings that free-text search matches a phone by."""
    if not number:
        return ""
    forms = [_digits(_EXTENSION.sub("", number))]
    if e164:
        forms.append(_digits(e164))
    return " ".join(dict.fromkeys(form for form in forms if form))


def fold_for_search(text: str) -> str:
    """Fold case and accents, so "Zoé", "ZOE" and a decomposed "Zoe\u0301" match."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


_PHONE_LIKE = re.compile(r"^[\d\s+\-.()/]+$")


def phone_digits_of_search(text: str) -> str | None:
    """Return the digits of a search term written as a phone number, if it is one."""
    if not _PHONE_LIKE.match(text):
        return None
    digits = _digits(text)
    return digits if len(digits) >= 3 else None


def _digits(text: str) -> str:
    # Any script's decimal digits count, as phonenumbers reads them too.
    return "".join(str(unicodedata.decimal(char)) for char in text if char.isdecimal())


def display_name_for(given: str | None, family: str | None, email: str | None) -> str:
    """Return the name to show: given and family name, else the email's local part."""
    name = " ".join(part.strip() for part in (given, family) if part and part.strip())
    if name:
        return name
    if not email or not email.strip():
        return ""
    local, _, _ = email.strip().rpartition("@")
    return local or email.strip()


def region_for_country(country: str | None) -> str | None:
    """Return the ISO 3166-1 alpha-2 code of a country given by code or English name."""
    if not country or not country.strip():
        return None
    text = country.strip()
    if len(text) == 2 and text.upper() in COUNTRY_NAMES:
        return text.upper()

    # "Slovakia (Slovak Republic)": try the whole, then without and within
    # the brackets.
    candidates = [text, re.sub(r"\(.*?\)", " ", text), *re.findall(r"\((.*?)\)", text)]
    for candidate in candidates:
        code = _COUNTRY_INDEX.get(_country_key(candidate))
        if code:
            return code
    return None


def phone_region_for(country: str | None, default: str | None) -> str | None:
    """Return the region phones of ``country`` are read in, else ``default``."""
    region = region_for_country(country)
    if region in phonenumbers.SUPPORTED_REGIONS:
        return region
    return default


def _country_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.replace("&", " and "))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    words = [
        "saint" if word == "st" else word
        for word in re.findall(r"\w+", plain.casefold())
    ]
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


# Limitation: countries are recognised by alpha-2 code and English name only
# (plus USA); alpha-3 codes and names in other languages give no region, so the
# caller's default region applies to their phone numbers.
_COUNTRY_INDEX = {
    **{_country_key(name): code for code, name in COUNTRY_NAMES.items()},
    **{_country_key(alias): code for alias, code in COUNTRY_ALIASES.items()},
}


def parse_date(value: str, *, day_first: bool | None = None) -> date:
    """Return the date written in ``value``.

    Accepts ISO dates (2020-08-24, also with a time), dates with a month name
    (24 August 2020, Aug 24, 2020) and numeric day/month/year dates. Numeric
    dates with dots are day first; with slashes or dashes they are accepted
    when only one reading exists (24/08/2020, 08/24/2020), unless ``day_first``
    says which order the whole source uses.
    """
    text = " ".join(value.strip().lower().split())
    if match := _YEAR_FIRST.fullmatch(text):
        year, _, month, day = match.groups()
        return _date(int(year), int(month), int(day))
    if match := _NUMERIC.fullmatch(text):
        return _numeric_date(match, day_first)
    if match := _DAY_NAMED_MONTH.fullmatch(text):
        day, month, year = match.groups()
        return _date(int(year), _month(month), int(day))
    if match := _NAMED_MONTH_DAY.fullmatch(text):
        month, day, year = match.groups()
        return _date(int(year), _month(month), int(day))
    raise InvalidValue("INVALID_DATE", "Write the date as YYYY-MM-DD, like 2020-08-24.")


def _numeric_date(match: re.Match[str], day_first: bool | None) -> date:
    first, separator, second, year = match.groups()
    a, b = int(first), int(second)
    if separator == ".":
        day_first = True
    if day_first is None and a != b and a <= 12 and b <= 12:
        raise InvalidValue(
            "INVALID_DATE",
            "The date reads both day first and month first; write it as YYYY-MM-DD.",
        )
    if day_first is None:
        day_first = a > 12
    day, month = (a, b) if day_first else (b, a)
    return _date(int(year), month, day)


def _month(name: str) -> int:
    if name not in _MONTHS:
        raise InvalidValue("INVALID_DATE", "The month name is not an English month.")
    return _MONTHS[name]


def _date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidValue("INVALID_DATE", "The date does not exist.") from None


def parse_bool(value: str) -> bool:
    """Return the yes or no written in ``value`` (yes/no, true/false, 1/0)."""
    text = value.strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise InvalidValue("INVALID_BOOLEAN", "Write yes or no, true or false, or 1 or 0.")


def normalize_role(value: str) -> Role:
    """Return the role named in ``value``, in any case and spacing."""
    role = parse_role(value)
    if role is None:
        shown = value.strip()[:40]
        valid = ", ".join(Role)
        raise InvalidValue(
            "UNKNOWN_ROLE", f'"{shown}" is not a contact role; use one of {valid}.'
        )
    return role


def normalize_locale(value: str) -> str:
    """Return a language tag in its usual case: "en_gb" becomes "en-GB"."""
    text = value.strip().replace("_", "-").lower()
    if len(text) > 35 or not _LOCALE.fullmatch(text):
        raise InvalidValue(
            "INVALID_LOCALE", "Write the language as a tag such as en or en-GB."
        )
    language, *subtags = text.split("-")
    return "-".join([language, *(_subtag_case(subtag) for subtag in subtags)])


def _subtag_case(subtag: str) -> str:
    if len(subtag) == 2 and subtag.isalpha():
        return subtag.upper()
    if len(subtag) == 4 and subtag.isalpha():
        return subtag.title()
    return subtag


def split_list(value: str) -> list[str]:
    """Return the items of a comma or semicolon separated list, once each."""
    items: dict[str, str] = {}
    for part in re.split(r"[,;]", value):
        item = part.strip()
        if item:
            items.setdefault(item.casefold(), item)
    return list(items.values())
