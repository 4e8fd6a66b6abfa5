"""SQL over organizations and memberships."""

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, func, literal, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.contacts.models import Contact
from contacts_graph.db.windows import pages_per_parent
from contacts_graph.organizations.models import Membership, Organization
from contacts_graph.pagination import (
    PageRequest,
    decode_cursor,
    encode_cursor,
    trim_page,
)

ORGANIZATION_SORT = func.lower(Organization.name).collate("C")
CONTACT_SORT = func.lower(Contact.display_name).collate("C")


def _joined_organization() -> Any:
    return and_(
        Organization.tenant_id == Membership.tenant_id,
        Organization.id == Membership.organization_id,
    )


def _joined_live_contact() -> Any:
    return and_(
        Contact.tenant_id == Membership.tenant_id,
        Contact.id == Membership.contact_id,
        Contact.deleted_at.is_(None),
    )


async def organizations_by_ids(
    session: AsyncSession, tenant_id: uuid.UUID, ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, Organization]:
    stmt = select(Organization).where(
        Organization.tenant_id == tenant_id, Organization.id.in_(ids)
    )
    return {o.id: o for o in (await session.scalars(stmt)).all()}


async def organizations_by_names(
    session: AsyncSession, tenant_id: uuid.UUID, names: Sequence[str]
) -> dict[str, Organization]:
    """Map lower-cased names to the organizations that carry them."""
    lowered = list({name.strip().lower() for name in names})
    stmt = select(Organization).where(
        Organization.tenant_id == tenant_id, func.lower(Organization.name).in_(lowered)
    )
    return {o.name.lower(): o for o in (await session.scalars(stmt)).all()}


async def insert_organizations(
    session: AsyncSession, rows: Sequence[Mapping[str, Any]]
) -> list[Organization]:
    """Insert the organizations whose names are free; return the ones inserted.

    A name another transaction holds, committed or not, is skipped without an
    error: the insert waits for that transaction, then does nothing.
    """
    if not rows:
        return []
    stmt = (
        insert(Organization)
        .values(list(rows))
        .on_conflict_do_nothing(
            index_elements=[Organization.tenant_id, func.lower(Organization.name)]
        )
        .returning(Organization)
    )
    return list((await session.scalars(stmt)).all())


def organization_conditions(
    tenant_id: uuid.UUID, search: str | None
) -> list[ColumnElement[bool]]:
    from contacts_graph.contacts.filters import like_pattern

    conditions = [Organization.tenant_id == tenant_id]
    if search and search.strip():
        pattern = like_pattern(search.strip())
        conditions.append(
            func.lower(Organization.name).like(pattern)
            | func.coalesce(Organization.domain, "").like(pattern)
        )
    return conditions


async def page_organizations(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    search: str | None,
    request: PageRequest,
    order_key: str,
) -> tuple[list[Organization], list[str], bool]:
    """Fetch one page of organizations by name; return them, cursors, more-follow."""
    stmt = select(Organization).where(*organization_conditions(tenant_id, search))
    if request.after:
        value, id_ = decode_cursor(request.after, order_key)
        stmt = stmt.where(
            tuple_(ORGANIZATION_SORT, Organization.id)
            > tuple_(literal(value), literal(uuid.UUID(id_)))
        )
    stmt = stmt.order_by(ORGANIZATION_SORT, Organization.id).limit(request.size + 1)
    rows = (await session.scalars(stmt)).all()
    items, has_more = trim_page(rows, request)
    cursors = [encode_cursor(order_key, o.name.lower(), o.id) for o in items]
    return items, cursors, has_more


async def count_organizations(
    session: AsyncSession, tenant_id: uuid.UUID, search: str | None
) -> int:
    stmt = select(func.count()).select_from(Organization)
    return (
        await session.scalar(stmt.where(*organization_conditions(tenant_id, search)))
        or 0
    )


async def memberships_by_contact(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    contact_ids: Sequence[uuid.UUID],
    request: PageRequest,
) -> dict[uuid.UUID, list[Any]]:
    """Return a page of (Membership, Organization) rows per contact, by name."""
    return await pages_per_parent(
        session,
        base=select(Membership)
        .join(Organization, _joined_organization())
        .where(Membership.tenant_id == tenant_id),
        parent=Membership.contact_id,
        sort=ORGANIZATION_SORT,
        row_id=Membership.id,
        fetch=select(Membership, Organization).join(
            Organization, _joined_organization()
        ),
        parent_ids=contact_ids,
        request=request,
        order_key="membership:organization-name",
    )


async def memberships_by_organization(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    organization_ids: Sequence[uuid.UUID],
    request: PageRequest,
) -> dict[uuid.UUID, list[Any]]:
    """Return a page of (Membership, Contact) rows per organization, by name."""
    return await pages_per_parent(
        session,
        base=select(Membership)
        .join(Contact, _joined_live_contact())
        .where(Membership.tenant_id == tenant_id),
        parent=Membership.organization_id,
        sort=CONTACT_SORT,
        row_id=Membership.id,
        fetch=select(Membership, Contact).join(Contact, _joined_live_contact()),
        parent_ids=organization_ids,
        request=request,
        order_key="membership:contact-name",
    )


async def primary_memberships(
    session: AsyncSession, tenant_id: uuid.UUID, contact_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, Any]:
    stmt = (
        select(Membership, Organization)
        .join(Organization, _joined_organization())
        .where(
            Membership.tenant_id == tenant_id,
            Membership.contact_id.in_(contact_ids),
            Membership.is_primary,
        )
    )
    return {
        row.Membership.contact_id: row for row in (await session.execute(stmt)).all()
    }


async def live_contact_counts(
    session: AsyncSession, tenant_id: uuid.UUID, organization_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, int]:
    stmt = (
        select(Membership.organization_id, func.count())
        .join(Contact, _joined_live_contact())
        .where(
            Membership.tenant_id == tenant_id,
            Membership.organization_id.in_(organization_ids),
        )
        .group_by(Membership.organization_id)
    )
    return dict((await session.execute(stmt)).all())


async def membership_counts(
    session: AsyncSession, tenant_id: uuid.UUID, contact_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, int]:
    stmt = (
        select(Membership.contact_id, func.count())
        .where(
            Membership.tenant_id == tenant_id, Membership.contact_id.in_(contact_ids)
        )
        .group_by(Membership.contact_id)
    )
    return dict((await session.execute(stmt)).all())


async def find_membership(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    contact_id: uuid.UUID,
    organization_id: uuid.UUID,
) -> Membership | None:
    return await session.scalar(
        select(Membership).where(
            Membership.tenant_id == tenant_id,
            Membership.contact_id == contact_id,
            Membership.organization_id == organization_id,
        )
    )


async def clear_primary_memberships(
    session: AsyncSession, tenant_id: uuid.UUID, contact_id: uuid.UUID
) -> None:
    """Make none of a contact's memberships its primary one."""
    await session.execute(
        update(Membership)
        .where(
            Membership.tenant_id == tenant_id,
            Membership.contact_id == contact_id,
            Membership.is_primary,
        )
        .values(is_primary=False)
    )


async def primary_contacts(
    session: AsyncSession, tenant_id: uuid.UUID, organization_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, Contact]:
    """Map organizations to the earliest live member whose main one it is."""
    # row_number() rather than DISTINCT ON: SQLAlchemy 2.1 deprecates
    # select().distinct(expr), and its replacement does not exist in 2.0.
    position = func.row_number().over(
        partition_by=Membership.organization_id,
        order_by=(Membership.created_at, Membership.id),
    )
    ranked = (
        select(
            Membership.organization_id,
            Membership.contact_id,
            position.label("position"),
        )
        .join(Contact, _joined_live_contact())
        .where(
            Membership.tenant_id == tenant_id,
            Membership.organization_id.in_(organization_ids),
            Membership.is_primary,
        )
        .subquery("ranked")
    )
    stmt = (
        select(ranked.c.organization_id, Contact)
        .join(
            Contact,
            and_(Contact.tenant_id == tenant_id, Contact.id == ranked.c.contact_id),
        )
        .where(ranked.c.position == 1)
    )
    return dict((await session.execute(stmt)).all())
