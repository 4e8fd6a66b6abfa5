"""SQL over contacts: pages, counts, look-ups by id, email and external id."""

import uuid
from collections.abc import Iterable, Sequence

from sqlalchemy import func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.contacts.filters import (
    ContactOrder,
    ContactQuery,
    contact_conditions,
    keyset_condition,
    sort_expression,
    sort_value,
)
from contacts_graph.contacts.models import Contact, ContactExternalId
from contacts_graph.pagination import (
    OrderDirection,
    Page,
    PageRequest,
    decode_cursor,
    encode_cursor,
    trim_page,
)


async def page_contacts(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    query: ContactQuery,
    order: ContactOrder,
    direction: OrderDirection,
    request: PageRequest,
) -> Page[Contact]:
    """Fetch one page of contacts in ``order``, keyset-paginated."""
    order_key = f"{order.value}:{direction.value}"
    ascending = (direction is OrderDirection.ASC) != request.backward
    sort = sort_expression(order)
    stmt = select(Contact).where(*contact_conditions(tenant_id, query))

    for cursor, walk_ascending in (
        (request.after, direction is OrderDirection.ASC),
        (request.before, direction is not OrderDirection.ASC),
    ):
        if cursor:
            value, id_ = decode_cursor(cursor, order_key)
            stmt = stmt.where(
                keyset_condition(order, value, id_, ascending=walk_ascending)
            )

    keys = (sort, Contact.id) if ascending else (sort.desc(), Contact.id.desc())
    rows = (await session.scalars(stmt.order_by(*keys).limit(request.size + 1))).all()
    items, has_more = trim_page(rows, request)
    cursors = [encode_cursor(order_key, sort_value(order, c), c.id) for c in items]
    return Page(items=items, cursors=cursors, has_more=has_more, request=request)


async def count_contacts(
    session: AsyncSession, tenant_id: uuid.UUID, query: ContactQuery
) -> int:
    stmt = select(func.count()).select_from(Contact)
    return await session.scalar(stmt.where(*contact_conditions(tenant_id, query))) or 0


async def matching_contact_ids(
    session: AsyncSession, tenant_id: uuid.UUID, query: ContactQuery, *, limit: int
) -> list[uuid.UUID]:
    """Return up to ``limit`` ids of contacts matching ``query``, oldest first."""
    stmt = (
        select(Contact.id)
        .where(*contact_conditions(tenant_id, query))
        .order_by(Contact.created_at, Contact.id)
        .limit(limit)
    )
    return list((await session.scalars(stmt)).all())


async def contacts_by_ids(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    ids: Iterable[uuid.UUID],
    *,
    for_update: bool = False,
) -> dict[uuid.UUID, Contact]:
    """Load contacts by id, deleted and merged ones included, in one statement."""
    stmt = select(Contact).where(Contact.tenant_id == tenant_id, Contact.id.in_(ids))
    if for_update:
        stmt = stmt.with_for_update()
    return {c.id: c for c in (await session.scalars(stmt)).all()}


async def contacts_by_primary_email(
    session: AsyncSession, tenant_id: uuid.UUID, emails: Sequence[str]
) -> list[Contact]:
    """Return live contacts whose primary email is one of ``emails``, oldest first."""
    stmt = (
        select(Contact)
        .where(
            Contact.tenant_id == tenant_id,
            Contact.email.in_(emails),
            Contact.deleted_at.is_(None),
        )
        .order_by(Contact.created_at, Contact.id)
    )
    return list((await session.scalars(stmt)).all())


async def external_ids_for(
    session: AsyncSession, tenant_id: uuid.UUID, contact_ids: Sequence[uuid.UUID]
) -> list[ContactExternalId]:
    stmt = (
        select(ContactExternalId)
        .where(
            ContactExternalId.tenant_id == tenant_id,
            ContactExternalId.contact_id.in_(contact_ids),
        )
        .order_by(ContactExternalId.source, ContactExternalId.external_id)
    )
    return list((await session.scalars(stmt)).all())


async def contact_ids_by_external_id(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    keys: Sequence[tuple[str, str]],
) -> dict[tuple[str, str], uuid.UUID]:
    """Map ``(source, external id)`` pairs to the contacts that carry them."""
    if not keys:
        return {}
    stmt = select(
        ContactExternalId.source,
        ContactExternalId.external_id,
        ContactExternalId.contact_id,
    ).where(
        ContactExternalId.tenant_id == tenant_id,
        tuple_(ContactExternalId.source, ContactExternalId.external_id).in_(keys),
    )
    return {(s, e): c for s, e, c in (await session.execute(stmt)).all()}
