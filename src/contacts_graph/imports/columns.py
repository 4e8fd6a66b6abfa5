"""Map the headers of an import file to contact fields.

Headers match whatever their case, accents, spacing, punctuation and
underscores ("E-mail", "first_name", "Phone 2"). The rules:

- Emails, phones, tags and roles may come in several columns; a trailing
  number ("Phone 2") is ignored. Every other field takes its first column, and
  a later column for the same field is kept as a custom field.
- A column that only counts rows ("Index", "Row", "#") is dropped: its
  numbers describe the file, not the person.
- Any other header becomes a custom field keyed by its snake_case form
  ("Subscription Date" becomes ``subscription_date``).
"""

import enum
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass


class Target(enum.StrEnum):
    """What a column's values fill in a contact."""

    FULL_NAME = "full_name"
    GIVEN_NAME = "given_name"
    FAMILY_NAME = "family_name"
    EMAIL = "email"
    PHONE = "phone"
    ORGANIZATION_NAME = "organization_name"
    TITLE = "title"
    ROLE = "role"
    ROLES = "roles"
    STREET = "street"
    CITY = "city"
    REGION = "region"
    POSTAL_CODE = "postal_code"
    COUNTRY = "country"
    DATE_OF_BIRTH = "date_of_birth"
    LOCALE = "locale"
    TAGS = "tags"
    CONSENT_MARKETING = "consent_marketing"
    EXTERNAL_ID = "external_id"
    CUSTOM = "custom"
    IGNORED = "ignored"


MULTI_VALUED = frozenset({Target.EMAIL, Target.PHONE, Target.TAGS, Target.ROLES})
_REPEATABLE = MULTI_VALUED | {Target.CUSTOM, Target.IGNORED}

_HEADERS: dict[Target, tuple[str, ...]] = {
    Target.FULL_NAME: ("name", "fullname", "contactname", "displayname"),
    Target.GIVEN_NAME: ("firstname", "givenname", "forename", "first"),
    Target.FAMILY_NAME: ("lastname", "surname", "familyname", "last"),
    Target.EMAIL: (
        "email",
        "emailaddress",
        "workemail",
        "personalemail",
        "homeemail",
        "mail",
    ),
    Target.PHONE: (
        "phone",
        "phonenumber",
        "mobile",
        "mobilephone",
        "mobilenumber",
        "telephone",
        "tel",
        "cell",
        "cellphone",
        "workphone",
        "homephone",
    ),
    Target.ORGANIZATION_NAME: (
        "company",
        "companyname",
        "organization",
        "organisation",
        "organizationname",
        "organisationname",
        "employer",
        "accountname",
    ),
    Target.TITLE: ("jobtitle", "title", "position"),
    Target.ROLE: ("type", "role", "contacttype", "contactrole"),
    Target.ROLES: ("roles",),
    Target.STREET: ("street", "address", "streetaddress", "addressline1", "address1"),
    Target.CITY: ("city", "town"),
    Target.REGION: ("state", "region", "county", "province", "stateprovince"),
    Target.POSTAL_CODE: ("zip", "zipcode", "postalcode", "postcode"),
    Target.COUNTRY: ("country", "countryname"),
    Target.DATE_OF_BIRTH: ("dateofbirth", "dob", "birthday", "birthdate"),
    Target.LOCALE: ("language", "locale", "preferredlanguage"),
    Target.TAGS: ("tags", "tag", "labels"),
    Target.CONSENT_MARKETING: (
        "marketingconsent",
        "consentmarketing",
        "consent",
        "optin",
        "marketingoptin",
        "emailoptin",
    ),
    Target.EXTERNAL_ID: ("customerid", "externalid", "id", "contactid"),
    Target.IGNORED: ("index", "row", "rowno", "rownumber", "rowindex"),
}
_TARGET_BY_KEY = {key: target for target, keys in _HEADERS.items() for key in keys}


@dataclass(frozen=True)
class Column:
    """One column of the file: its header as written and the field it fills."""

    position: int
    header: str
    target: Target
    custom_key: str | None = None

    @property
    def label(self) -> str:
        """Return how a report names the column: its header, else its number."""
        return self.header if self.header.strip() else f"column {self.position + 1}"


@dataclass(frozen=True)
class ColumnMapping:
    """The columns of a file in order, each with the field it fills."""

    columns: tuple[Column, ...]

    def __iter__(self) -> Iterator[Column]:
        return iter(self.columns)

    def __len__(self) -> int:
        return len(self.columns)

    def has(self, target: Target) -> bool:
        """Return whether some column fills ``target``."""
        return any(column.target is target for column in self.columns)


def map_columns(
    headers: Sequence[str], overrides: Mapping[int, Target] | None = None
) -> ColumnMapping:
    """Return the field each header maps to, by position.

    ``overrides`` sets the target of a column by its position, for a person
    who corrects the automatic choice.
    """
    overrides = overrides or {}
    # A field a person chose keeps its column even where a header before it
    # would have matched the same field.
    chosen = {target for target in overrides.values() if target not in _REPEATABLE}
    taken: set[Target] = set()
    custom_keys: set[str] = set()
    columns = []
    for position, header in enumerate(headers):
        override = overrides.get(position)
        target = override or _target_for(header)
        if target not in _REPEATABLE and (
            target in taken or (override is None and target in chosen)
        ):
            target = Target.CUSTOM
        taken.add(target)
        key = (
            _custom_key(header, position, custom_keys)
            if target is Target.CUSTOM
            else None
        )
        columns.append(Column(position, header, target, key))
    return ColumnMapping(tuple(columns))


def _target_for(header: str) -> Target:
    if header.strip() == "#":
        return Target.IGNORED
    key = header_key(header)
    target = _TARGET_BY_KEY.get(key)
    if target is not None:
        return target

    # "Phone 2", "Email1": a numbered column of a field that takes several.
    numbered = _TARGET_BY_KEY.get(key.rstrip("0123456789"))
    if numbered in MULTI_VALUED:
        return numbered
    return Target.CUSTOM


def header_key(header: str) -> str:
    """Return the header as matched: lower-case letters and digits only."""
    decomposed = unicodedata.normalize("NFKD", header)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return "".join(char for char in plain.casefold() if char.isalnum())


def snake_case(header: str) -> str:
    """Return a header as a snake_case key: "Subscription Date" is subscription_date."""
    decomposed = unicodedata.normalize("NFKD", header)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    # "SubscriptionDate" and "subscriptionDate" split at the capital.
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", plain)
    return "_".join(re.findall(r"[^\W_]+", spaced.casefold()))


def _custom_key(header: str, position: int, taken: set[str]) -> str:
    base = snake_case(header) or f"column_{position + 1}"
    key, suffix = base, 2
    while key in taken:
        key, suffix = f"{base}_{suffix}", suffix + 1
    taken.add(key)
    return key
