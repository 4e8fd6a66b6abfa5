"""Contact list filters and sort orders, as SQL over the contacts table."""

import enum
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, literal, or_, select, tuple_

from contacts_graph.contacts.models import Contact
from contacts_graph.contacts.normalize import fold_for_search, phone_digits_of_search
from contacts_graph.contacts.roles import PRODUCT_ROLES, Product, Role
from contacts_graph.organizations.models import Membership, Organization
from contacts_graph.pagination import InvalidCursor
from contacts_graph.tags.models import ContactTag, Tag


class ContactOrder(enum.Enum):
    DISPLAY_NAME = "DISPLAY_NAME"
    FAMILY_NAME = "FAMILY_NAME"
    CREATED_AT = "CREATED_AT"
    UPDATED_AT = "UPDATED_AT"


@dataclass(frozen=True)
class ContactQuery:
    """What a contact list is narrowed to; every criterion must hold."""

    role: Role | None = None
    roles: tuple[Role, ...] = ()
    product: Product | None = None
    search: str | None = None
    tag_id: uuid.UUID | None = None
    tag_name: str | None = None
    organization_id: uuid.UUID | None = None
    consent_marketing: bool | None = None
    ids: tuple[uuid.UUID, ...] | None = None


def like_pattern(text: str) -> str:
    """Return a LIKE pattern matching ``text`` anywhere, wildcards escaped."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _search_condition(tenant_id: uuid.UUID, text: str) -> ColumnElement[bool]:
    """Match the term in names, emails and phones, or in an organization's name.

    Contacts' search text is folded for case and accents, so the term is too;
    a term written like a phone number ("(212) 555-0020") matches by digits.
    """
    pattern = like_pattern(text.strip())
    in_organization = exists(
        select(1)
        .select_from(Membership)
        .join(
            Organization,
            and_(
                Organization.tenant_id == Membership.tenant_id,
                Organization.id == Membership.organization_id,
            ),
        )
        .where(
            Membership.tenant_id == tenant_id,
            Membership.contact_id == Contact.id,
            func.lower(Organization.name).like(pattern),
        )
    )
    matches = [Contact.search_text.like(like_pattern(fold_for_search(text.strip())))]
    digits = phone_digits_of_search(text.strip())
    if digits:
        matches.append(Contact.search_text.like(like_pattern(digits)))
    return or_(*matches, in_organization)


def _tag_condition(tenant_id: uuid.UUID, query: ContactQuery) -> ColumnElement[bool]:
    tagged = (
        select(1)
        .select_from(ContactTag)
        .where(ContactTag.tenant_id == tenant_id, ContactTag.contact_id == Contact.id)
    )
    if query.tag_id is not None:
        tagged = tagged.where(ContactTag.tag_id == query.tag_id)
    if query.tag_name is not None:
        tagged = tagged.join(
            Tag,
            and_(Tag.tenant_id == ContactTag.tenant_id, Tag.id == ContactTag.tag_id),
        ).where(func.lower(Tag.name) == query.tag_name.strip().lower())
    return exists(tagged)


def contact_conditions(
    tenant_id: uuid.UUID, query: ContactQuery
) -> list[ColumnElement[bool]]:
    """Return the WHERE conditions of ``query`` over live contacts of a tenant."""
    conditions = [Contact.tenant_id == tenant_id, Contact.deleted_at.is_(None)]
    if query.role is not None:
        conditions.append(Contact.roles.contains([query.role.value]))
    if query.roles:
        conditions.append(Contact.roles.overlap([r.value for r in query.roles]))
    if query.product is not None:
        product_roles = [r.value for r in PRODUCT_ROLES[query.product]]
        conditions.append(Contact.roles.overlap(product_roles))
    if query.search and query.search.strip():
        conditions.append(_search_condition(tenant_id, query.search))
    if query.tag_id is not None or query.tag_name is not None:
        conditions.append(_tag_condition(tenant_id, query))
    if query.organization_id is not None:
        conditions.append(
            exists(
                select(1).where(
                    Membership.tenant_id == tenant_id,
                    Membership.contact_id == Contact.id,
                    Membership.organization_id == query.organization_id,
                )
            )
        )
    if query.consent_marketing is not None:
        conditions.append(Contact.consent_marketing.is_(query.consent_marketing))
    if query.ids is not None:
        conditions.append(Contact.id.in_(query.ids))
    return conditions


def sort_expression(order: ContactOrder) -> ColumnElement[Any]:
    """Return the SQL sort key of ``order``; it matches an index expression."""
    match order:
        case ContactOrder.DISPLAY_NAME:
            return func.lower(Contact.display_name).collate("C")
        case ContactOrder.FAMILY_NAME:
            return func.coalesce(func.lower(Contact.family_name), "").collate("C")
        case ContactOrder.CREATED_AT:
            return Contact.created_at
        case ContactOrder.UPDATED_AT:
            return Contact.updated_at


def sort_value(order: ContactOrder, contact: Contact) -> Any:
    """Return the value of the sort key for a loaded contact, for its cursor."""
    match order:
        case ContactOrder.DISPLAY_NAME:
            return contact.display_name.lower()
        case ContactOrder.FAMILY_NAME:
            return (contact.family_name or "").lower()
        case ContactOrder.CREATED_AT:
            return contact.created_at.isoformat()
        case ContactOrder.UPDATED_AT:
            return contact.updated_at.isoformat()


def keyset_condition(
    order: ContactOrder, value: Any, id_: str, *, ascending: bool
) -> ColumnElement[bool]:
    """Return ``(sort, id)`` strictly past the cursor in the walking direction."""
    if order in (ContactOrder.CREATED_AT, ContactOrder.UPDATED_AT):
        try:
            value = datetime.fromisoformat(value)
        except ValueError as error:
            raise InvalidCursor("The cursor is not one this service issued.") from error
    key = tuple_(sort_expression(order), Contact.id)
    bound = tuple_(literal(value), literal(uuid.UUID(id_)))
    return key > bound if ascending else key < bound
