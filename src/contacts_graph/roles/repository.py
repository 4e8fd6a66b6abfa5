"""SQL of the role tabs: pages, counts and lookups."""

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import DateTime, cast, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.contacts.models import Contact
from contacts_graph.db.windows import pages_per_parent
from contacts_graph.pagination import PageRequest
from contacts_graph.roles.models import Employment, Investment, PropertyHolding, Tenancy

# Limitation: the tabs are read by the contact's own id; the ids merged into a
# contact join its tabs when merging exists, as for the financial tabs.

TENANCY_ORDER = "tenancy:starts-on"
PROPERTY_ORDER = "property:acquired-on"
INVESTMENT_ORDER = "investment:invested-on"
EMPLOYMENT_ORDER = "employment:starts-on"

RoleModel = type[Tenancy] | type[PropertyHolding] | type[Investment] | type[Employment]

# A cursor's sort value is text bound with the sort column's type, and the
# windows module parses timestamps only; a date sorts the same as timestamp.
# A holding with no acquisition day sorts as the oldest, so it comes last.
_UNKNOWN_DAY = literal(date(1, 1, 1))
_SORTS: dict[Any, tuple[Any, str]] = {
    Tenancy: (cast(Tenancy.starts_on, DateTime()), TENANCY_ORDER),
    PropertyHolding: (
        cast(func.coalesce(PropertyHolding.acquired_on, _UNKNOWN_DAY), DateTime()),
        PROPERTY_ORDER,
    ),
    Investment: (cast(Investment.invested_on, DateTime()), INVESTMENT_ORDER),
    Employment: (cast(Employment.starts_on, DateTime()), EMPLOYMENT_ORDER),
}


async def tab_pages(
    session: AsyncSession,
    model: RoleModel,
    tenant_id: uuid.UUID,
    contact_ids: Sequence[uuid.UUID],
    request: PageRequest,
) -> dict[uuid.UUID, list[Any]]:
    """Return a page of ``model`` rows per contact, newest first, in one statement."""
    sort, order_key = _SORTS[model]
    return await pages_per_parent(
        session,
        base=select(model).where(model.tenant_id == tenant_id),
        parent=model.contact_id,
        sort=sort,
        row_id=model.id,
        fetch=select(model),
        parent_ids=contact_ids,
        request=request,
        order_key=order_key,
        newest_first=True,
    )


async def tab_counts(
    session: AsyncSession,
    model: RoleModel,
    tenant_id: uuid.UUID,
    contact_ids: Sequence[uuid.UUID],
) -> dict[uuid.UUID, int]:
    """Count ``model`` rows per contact."""
    stmt = (
        select(model.contact_id, func.count())
        .where(model.tenant_id == tenant_id, model.contact_id.in_(contact_ids))
        .group_by(model.contact_id)
    )
    return dict((await session.execute(stmt)).all())


async def find(
    session: AsyncSession, model: RoleModel, tenant_id: uuid.UUID, id_: uuid.UUID
) -> Any:
    """Return the row of ``model`` with that id, locked for the change, or None."""
    stmt = (
        select(model)
        .where(model.tenant_id == tenant_id, model.id == id_)
        .with_for_update()
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def live_contact_ids(
    session: AsyncSession, tenant_id: uuid.UUID, ids: Sequence[uuid.UUID]
) -> set[uuid.UUID]:
    """Return which of ``ids`` are contacts of the tenant, not deleted or merged."""
    stmt = select(Contact.id).where(
        Contact.tenant_id == tenant_id,
        Contact.id.in_(ids),
        Contact.deleted_at.is_(None),
        Contact.merged_into_id.is_(None),
    )
    return set((await session.scalars(stmt)).all())
