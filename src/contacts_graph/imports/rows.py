"""Turn one row of an import file into a contact draft, or into its problems.

A row with any problem is rejected whole, with every problem it has: half of
a row imported (a contact without the date of birth the file gave) is worse
than a row the person fixes and imports again. Values are trimmed and empty
cells count as absent. Of several email or phone columns, the first that holds
a value gives the primary one and the others the extra ones.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from contacts_graph.contacts.normalize import (
    InvalidValue,
    clean_text,
    display_name_for,
    normalize_email,
    normalize_locale,
    normalize_phone,
    normalize_role,
    parse_bool,
    parse_date,
    phone_region_for,
    split_list,
)
from contacts_graph.contacts.roles import Role
from contacts_graph.imports.columns import Column, ColumnMapping, Target

NAME_PART_LENGTH = 200
DISPLAY_NAME_LENGTH = 400
TAG_LENGTH = 100
CUSTOM_VALUE_LENGTH = 10_000
# The widths of the columns each field is stored in.
_TEXT_LENGTHS = {
    Target.FULL_NAME: DISPLAY_NAME_LENGTH,
    Target.GIVEN_NAME: NAME_PART_LENGTH,
    Target.FAMILY_NAME: NAME_PART_LENGTH,
    Target.ORGANIZATION_NAME: 300,
    Target.TITLE: 200,
    Target.STREET: 400,
    Target.CITY: 200,
    Target.REGION: 200,
    Target.POSTAL_CODE: 32,
    Target.COUNTRY: 200,
    Target.EXTERNAL_ID: 255,
}
_NAME_SUFFIX = re.compile(r",?\s+(?:jr|sr|ii|iii|iv|phd|md|esq)\.?$", re.IGNORECASE)
_NAME_TARGETS = frozenset({Target.FULL_NAME, Target.GIVEN_NAME, Target.FAMILY_NAME})


@dataclass
class ContactDraft:
    """A contact read from a row, checked and normalised but not yet stored.

    ``primary_role`` None means the default role the caller chose; ``roles``
    holds the further roles only.
    """

    given_name: str | None = None
    family_name: str | None = None
    display_name: str = ""
    email: str | None = None
    extra_emails: list[str] = field(default_factory=list)
    phone: str | None = None
    phone_e164: str | None = None
    extra_phones: list[dict[str, str | None]] = field(default_factory=list)
    primary_role: Role | None = None
    roles: list[Role] = field(default_factory=list)
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    date_of_birth: date | None = None
    locale: str | None = None
    organization_name: str | None = None
    title: str | None = None
    external_id: str | None = None
    tags: list[str] = field(default_factory=list)
    consent_marketing: bool | None = None
    custom_fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RowProblem:
    """Why a row was not imported: where, which field, a code and a sentence."""

    line: int
    column: str | None
    field: str
    code: str
    message: str


def parse_row(
    line: int,
    values: Sequence[str],
    mapping: ColumnMapping,
    *,
    default_region: str | None,
) -> tuple[ContactDraft | None, list[RowProblem]]:
    """Return the draft a row gives, or None and every problem it has.

    ``default_region`` reads phone numbers without a country code when the
    row's country gives no region.
    """
    cells = _cells(values, mapping)
    country = next(
        (value for column, value in cells if column.target is Target.COUNTRY), None
    )
    parser = _RowParser(line, phone_region_for(country, default_region))
    parser.check_width(values, mapping)
    for column, value in cells:
        _HANDLERS.get(column.target, _RowParser.text)(parser, column, value)
    parser.finish(has_name_or_email=any(_names_or_email(column) for column, _ in cells))
    if parser.problems:
        return None, parser.problems
    return parser.draft, []


def _cells(values: Sequence[str], mapping: ColumnMapping) -> list[tuple[Column, str]]:
    cells = []
    for column in mapping:
        raw = values[column.position] if column.position < len(values) else ""
        # PostgreSQL text cannot hold NUL characters.
        value = raw.replace("\x00", "").strip()
        if value and column.target is not Target.IGNORED:
            cells.append((column, value))
    return cells


def _names_or_email(column: Column) -> bool:
    return column.target in _NAME_TARGETS or column.target is Target.EMAIL


def _field_name(target: Target, *, is_extra: bool = False) -> str:
    if target is Target.FULL_NAME:
        return "name"
    if target is Target.CUSTOM:
        return "customFields"
    if is_extra:
        return {Target.EMAIL: "extraEmails", Target.PHONE: "extraPhones"}[target]
    first, *rest = target.value.split("_")
    return first + "".join(word.title() for word in rest)


def split_full_name(name: str) -> tuple[str | None, str | None]:
    """Return the given and family name in a full name.

    "Smith, Jane" is family name first; otherwise the last word, before any
    suffix such as "Jr.", is the family name. The display name keeps the name
    as written, so a wrong split loses nothing.
    """
    family_first = _family_first(name)
    if family_first:
        family, given = family_first
        return given or None, family or None
    words = _NAME_SUFFIX.sub("", name).split()
    if len(words) < 2:
        return (words[0] if words else None), None
    return " ".join(words[:-1]), words[-1]


def _family_first(name: str) -> tuple[str, str] | None:
    if name.count(",") != 1 or _NAME_SUFFIX.search(name):
        return None
    family, _, given = name.partition(",")
    return family.strip(), given.strip()


class _RowParser:
    def __init__(self, line: int, region: str | None) -> None:
        self.line = line
        self.region = region
        self.draft = ContactDraft()
        self.problems: list[RowProblem] = []
        self.full_name: tuple[Column, str] | None = None
        self.seen: dict[Target, int] = {}

    def report(self, column: Column | None, field: str, error: InvalidValue) -> None:
        label = column.label if column else None
        self.problems.append(
            RowProblem(self.line, label, field, error.code, error.message)
        )

    def is_extra(self, column: Column) -> bool:
        """Return whether the cell is not the first value given for its field."""
        count = self.seen.get(column.target, 0)
        self.seen[column.target] = count + 1
        return count > 0

    def check_width(self, values: Sequence[str], mapping: ColumnMapping) -> None:
        """Report values beyond the header, a sign of an unquoted delimiter."""
        if any(value.strip() for value in values[len(mapping) :]):
            message = (
                f"The row has {len(values)} values for {len(mapping)} columns; "
                "quote values that hold the delimiter."
            )
            self.report(None, "row", InvalidValue("TOO_MANY_VALUES", message))

    def text(self, column: Column, value: str) -> None:
        try:
            cleaned = clean_text(value, max_length=_TEXT_LENGTHS[column.target])
        except InvalidValue as error:
            self.report(column, _field_name(column.target), error)
            return
        if column.target is Target.FULL_NAME and cleaned:
            self.full_name = (column, cleaned)
        else:
            setattr(self.draft, column.target.value, cleaned)

    def email(self, column: Column, value: str) -> None:
        is_extra = self.is_extra(column)
        try:
            email = normalize_email(value)
        except InvalidValue as error:
            self.report(column, _field_name(column.target, is_extra=is_extra), error)
            return
        if self.draft.email is None:
            self.draft.email = email
        elif email != self.draft.email and email not in self.draft.extra_emails:
            self.draft.extra_emails.append(email)

    def phone(self, column: Column, value: str) -> None:
        is_extra = self.is_extra(column)
        try:
            phone = normalize_phone(value, self.region)
        except InvalidValue as error:
            self.report(column, _field_name(column.target, is_extra=is_extra), error)
            return
        known = [
            self.draft.phone,
            *(extra["number"] for extra in self.draft.extra_phones),
        ]
        if self.draft.phone is None:
            self.draft.phone, self.draft.phone_e164 = phone.number, phone.e164
        elif phone.number not in known:
            self.draft.extra_phones.append({"number": phone.number, "e164": phone.e164})

    def role(self, column: Column, value: str) -> None:
        try:
            self.draft.primary_role = normalize_role(value)
        except InvalidValue as error:
            self.report(column, "role", error)

    def roles(self, column: Column, value: str) -> None:
        for item in split_list(value):
            try:
                role = normalize_role(item)
            except InvalidValue as error:
                self.report(column, "roles", error)
                continue
            if role not in self.draft.roles:
                self.draft.roles.append(role)

    def date_of_birth(self, column: Column, value: str) -> None:
        try:
            born = parse_date(value)
        except InvalidValue as error:
            self.report(column, "dateOfBirth", error)
            return
        if born > date.today():
            future = InvalidValue("INVALID_DATE", "The date of birth is in the future.")
            self.report(column, "dateOfBirth", future)
            return
        self.draft.date_of_birth = born

    def locale(self, column: Column, value: str) -> None:
        try:
            self.draft.locale = normalize_locale(value)
        except InvalidValue as error:
            self.report(column, "locale", error)

    def tags(self, column: Column, value: str) -> None:
        known = {tag.casefold() for tag in self.draft.tags}
        for tag in split_list(value):
            if len(tag) > TAG_LENGTH:
                message = f"A tag has at most {TAG_LENGTH} characters."
                self.report(column, "tags", InvalidValue("TOO_LONG", message))
            elif tag.casefold() not in known:
                known.add(tag.casefold())
                self.draft.tags.append(tag)

    def consent(self, column: Column, value: str) -> None:
        try:
            self.draft.consent_marketing = parse_bool(value)
        except InvalidValue as error:
            self.report(column, "consentMarketing", error)

    def custom(self, column: Column, value: str) -> None:
        if len(value) > CUSTOM_VALUE_LENGTH:
            message = f"Use at most {CUSTOM_VALUE_LENGTH} characters."
            self.report(column, "customFields", InvalidValue("TOO_LONG", message))
            return
        self.draft.custom_fields[column.custom_key or column.label] = value

    def finish(self, *, has_name_or_email: bool) -> None:
        """Derive the names and roles, and report a row that names nobody."""
        draft = self.draft
        if self.full_name:
            self.split_name(*self.full_name)
        draft.display_name = draft.display_name or display_name_for(
            draft.given_name, draft.family_name, draft.email
        )
        if len(draft.display_name) > DISPLAY_NAME_LENGTH:
            message = f"A name has at most {DISPLAY_NAME_LENGTH} characters."
            self.report(None, "name", InvalidValue("TOO_LONG", message))
        if draft.primary_role in draft.roles:
            draft.roles.remove(draft.primary_role)
        if not has_name_or_email:
            missing = InvalidValue(
                "MISSING_NAME_AND_EMAIL",
                "The row has neither a name nor an email address.",
            )
            self.report(None, "name", missing)

    def split_name(self, column: Column, full_name: str) -> None:
        """Fill given and family name from the full name, unless columns gave them."""
        given, family = split_full_name(full_name)
        if _family_first(full_name) is None:
            self.draft.display_name = full_name
        if self.draft.given_name or self.draft.family_name:
            return
        if max(len(given or ""), len(family or "")) > NAME_PART_LENGTH:
            message = (
                f"A given or family name has at most {NAME_PART_LENGTH} characters."
            )
            self.report(column, "name", InvalidValue("TOO_LONG", message))
            return
        self.draft.given_name, self.draft.family_name = given, family


_HANDLERS: dict[Target, Callable[[_RowParser, Column, str], None]] = {
    Target.EMAIL: _RowParser.email,
    Target.PHONE: _RowParser.phone,
    Target.ROLE: _RowParser.role,
    Target.ROLES: _RowParser.roles,
    Target.DATE_OF_BIRTH: _RowParser.date_of_birth,
    Target.LOCALE: _RowParser.locale,
    Target.TAGS: _RowParser.tags,
    Target.CONSENT_MARKETING: _RowParser.consent,
    Target.CUSTOM: _RowParser.custom,
}
