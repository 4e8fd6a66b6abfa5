"""GraphQL inputs of contacts, and their translation to service values."""

from datetime import date
from typing import Any

import strawberry
from strawberry.scalars import JSON

from contacts_graph.contacts import filters
from contacts_graph.contacts.roles import Product as DomainProduct, Role as DomainRole
from contacts_graph.contacts.types import Product, Role, parse_id
from contacts_graph.errors import ValidationFailed
from contacts_graph.graphql.enums import described_enum
from contacts_graph.pagination import OrderDirection

ContactOrderField = described_enum(
    "ContactOrderField",
    {
        "DISPLAY_NAME": "By display name, case-insensitively.",
        "FAMILY_NAME": "By last name; contacts without one first.",
        "CREATED_AT": "By when the record was created.",
        "UPDATED_AT": "By when the record last changed.",
    },
    "What a contact list is sorted by.",
)


@strawberry.input(description="The order of a contact list.")
class ContactOrder:
    field: ContactOrderField = strawberry.field(  # type: ignore[valid-type]
        default=ContactOrderField.DISPLAY_NAME, description="The sort key."
    )
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="The sort direction."
    )


@strawberry.input(
    description="Narrows a contact list; every criterion given must hold."
)
class ContactFilter:
    role: Role | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Holds this role, primary or not."
    )
    roles: list[Role] | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Holds at least one of these roles."
    )
    product: Product | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Holds a role this product works with."
    )
    search: str | None = strawberry.field(
        default=None,
        description="Text found in a name, email, phone or organization name.",
    )
    tag_id: strawberry.ID | None = strawberry.field(
        default=None, description="Carries the tag with this id."
    )
    tag: str | None = strawberry.field(
        default=None, description="Carries the tag with this name (any case)."
    )
    organization_id: strawberry.ID | None = strawberry.field(
        default=None, description="Belongs to this organization."
    )
    consent_marketing: bool | None = strawberry.field(
        default=None, description="Has (true) or lacks (false) marketing consent."
    )

    def to_query(self) -> filters.ContactQuery:
        """Translate to the service's query; a malformed id raises ValidationFailed."""
        return filters.ContactQuery(
            role=DomainRole(self.role.value) if self.role else None,
            roles=tuple(DomainRole(r.value) for r in self.roles or ()),
            product=DomainProduct(self.product.value) if self.product else None,
            search=self.search,
            tag_id=_id(self.tag_id, "filter.tagId"),
            tag_name=self.tag,
            organization_id=_id(self.organization_id, "filter.organizationId"),
            consent_marketing=self.consent_marketing,
        )


def _id(value: strawberry.ID | None, field: str) -> Any:
    if value is None:
        return None
    parsed = parse_id(value)
    if parsed is None:
        raise ValidationFailed.one(field, "INVALID", f"{field} is not a valid id.")
    return parsed


@strawberry.input(description="A postal address; empty strings clear a part.")
class AddressInput:
    street: str | None = strawberry.field(
        default=None, description="Street and number."
    )
    city: str | None = strawberry.field(default=None, description="City or town.")
    region: str | None = strawberry.field(
        default=None, description="State or province."
    )
    postal_code: str | None = strawberry.field(default=None, description="Postal code.")
    country: str | None = strawberry.field(default=None, description="Country.")


@strawberry.input(description="Fields of a contact. Omitted fields are left alone.")
class ContactFieldsInput:
    given_name: str | None = strawberry.field(
        default=strawberry.UNSET, description="First name."
    )
    family_name: str | None = strawberry.field(
        default=strawberry.UNSET, description="Last name."
    )
    display_name: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="Name to show; derived from the names or email when omitted.",
    )
    email: str | None = strawberry.field(
        default=strawberry.UNSET, description="Primary email address."
    )
    emails: list[str] | None = strawberry.field(
        default=strawberry.UNSET,
        description="Further email addresses, at most 20; repeats and the primary "
        "address are dropped.",
    )
    phone: str | None = strawberry.field(
        default=strawberry.UNSET, description="Primary phone, in any common notation."
    )
    phones: list[str] | None = strawberry.field(
        default=strawberry.UNSET,
        description="Further phone numbers, at most 20; repeats and the primary "
        "number are dropped.",
    )
    role: Role | None = strawberry.field(  # type: ignore[valid-type]
        default=strawberry.UNSET, description="Primary role; PROSPECT when omitted."
    )
    roles: list[Role] | None = strawberry.field(  # type: ignore[valid-type]
        default=strawberry.UNSET, description="Further roles held."
    )
    address: AddressInput | None = strawberry.field(
        default=strawberry.UNSET, description="Postal address."
    )
    date_of_birth: date | None = strawberry.field(
        default=strawberry.UNSET, description="Date of birth."
    )
    locale: str | None = strawberry.field(
        default=strawberry.UNSET, description="Preferred language (BCP 47)."
    )
    custom_fields: JSON | None = strawberry.field(
        default=strawberry.UNSET,
        description="Values with no column of their own, as one JSON object of at "
        "most 100 keys and 16 KiB, with finite numbers between -2^63 and 2^63. It "
        "replaces the stored object whole: send every key to keep.",
    )

    def to_values(self) -> dict[str, Any]:
        """Return the given fields under the service's column names."""
        pairs = {
            "given_name": self.given_name,
            "family_name": self.family_name,
            "display_name": self.display_name,
            "email": self.email,
            "extra_emails": self.emails,
            "phone": self.phone,
            "extra_phones": self.phones,
            "primary_role": self.role.value if self.role else self.role,
            "roles": [r.value for r in self.roles] if self.roles else self.roles,
            "date_of_birth": self.date_of_birth,
            "locale": self.locale,
            "custom_fields": self.custom_fields,
        }
        values = {k: v for k, v in pairs.items() if v is not strawberry.UNSET}
        if values.get("extra_emails") is None and "extra_emails" in values:
            values["extra_emails"] = []
        if values.get("extra_phones") is None and "extra_phones" in values:
            values["extra_phones"] = []
        if values.get("roles") is None and "roles" in values:
            values["roles"] = []
        if values.get("custom_fields") is None and "custom_fields" in values:
            values["custom_fields"] = {}
        if values.get("primary_role", "") is None:
            del values["primary_role"]
        if self.address is None and self.address is not strawberry.UNSET:
            values |= dict.fromkeys(
                ("street", "city", "region", "postal_code", "country")
            )
        elif self.address:
            values |= {
                key: getattr(self.address, key)
                for key in ("street", "city", "region", "postal_code", "country")
                if getattr(self.address, key) is not None
            }
        return values


@strawberry.input(description="A new contact.")
class CreateContactInput(ContactFieldsInput):
    external_source: str | None = strawberry.field(
        default=None,
        description="System the contact comes from, e.g. hubspot; at most 63 "
        "characters.",
    )
    external_id: str | None = strawberry.field(
        default=None,
        description="The contact's id in that system; at most 255 characters.",
    )


@strawberry.input(description="Changes to a contact.")
class UpdateContactInput(ContactFieldsInput):
    id: strawberry.ID = strawberry.field(description="The contact to change.")
