"""SQL over the relationship graph."""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.contacts.models import Contact
from contacts_graph.db.windows import pages_per_parent
from contacts_graph.pagination import PageRequest
from contacts_graph.relationships.models import Relationship

RELATED_SORT = func.lower(Contact.display_name).collate("C")


def _joined_related() -> Any:
    return and_(
        Contact.tenant_id == Relationship.tenant_id,
        Contact.id == Relationship.to_contact_id,
        Contact.deleted_at.is_(None),
    )


def _kinds_condition(kinds: Sequence[str] | None) -> Any:
    return Relationship.kind.in_(kinds) if kinds else True


async def relationships_by_contact(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    contact_ids: Sequence[uuid.UUID],
    kinds: Sequence[str] | None,
    request: PageRequest,
    order_key: str,
) -> dict[uuid.UUID, list[Any]]:
    """Return a page of (Relationship, Contact) rows per contact, by related name."""
    return await pages_per_parent(
        session,
        base=select(Relationship)
        .join(Contact, _joined_related())
        .where(Relationship.tenant_id == tenant_id, _kinds_condition(kinds)),
        parent=Relationship.from_contact_id,
        sort=RELATED_SORT,
        row_id=Relationship.id,
        fetch=select(Relationship, Contact).join(Contact, _joined_related()),
        parent_ids=contact_ids,
        request=request,
        order_key=order_key,
    )


async def relationship_counts(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    contact_ids: Sequence[uuid.UUID],
    kinds: Sequence[str] | None,
) -> dict[uuid.UUID, int]:
    stmt = (
        select(Relationship.from_contact_id, func.count())
        .join(Contact, _joined_related())
        .where(
            Relationship.tenant_id == tenant_id,
            Relationship.from_contact_id.in_(contact_ids),
            _kinds_condition(kinds),
        )
        .group_by(Relationship.from_contact_id)
    )
    return dict((await session.execute(stmt)).all())


async def neighbours(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    contact_ids: Sequence[uuid.UUID],
    kinds: Sequence[str] | None,
    *,
    limit: int,
) -> list[Any]:
    """Return one hop of the graph: (Relationship, Contact) rows out of ``contact_ids``."""
    stmt = (
        select(Relationship, Contact)
        .join(Contact, _joined_related())
        .where(
            Relationship.tenant_id == tenant_id,
            Relationship.from_contact_id.in_(contact_ids),
            _kinds_condition(kinds),
        )
        .order_by(Relationship.from_contact_id, RELATED_SORT, Relationship.id)
        .limit(limit)
    )
    return list((await session.execute(stmt)).all())


async def delete_link(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    contact_id: uuid.UUID,
    related_id: uuid.UUID,
    kind: str,
    inverse: str,
) -> int:
    """Delete both rows of a link; return how many rows went."""
    stmt = delete(Relationship).where(
        Relationship.tenant_id == tenant_id,
        or_(
            and_(
                Relationship.from_contact_id == contact_id,
                Relationship.to_contact_id == related_id,
                Relationship.kind == kind,
            ),
            and_(
                Relationship.from_contact_id == related_id,
                Relationship.to_contact_id == contact_id,
                Relationship.kind == inverse,
            ),
        ),
    )
    result = await session.execute(stmt)
    return result.rowcount or 0
