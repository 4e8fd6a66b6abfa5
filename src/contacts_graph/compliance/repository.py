"""SQL of the compliance tabs: pages, counts and lookups."""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import DateTime, cast, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.compliance.models import (
    AmlScreening,
    IdentityDocument,
    KycCheck,
    RightToRentCheck,
)
from contacts_graph.db.windows import pages_per_parent
from contacts_graph.documents.models import ContactDocument
from contacts_graph.pagination import PageRequest

# Limitation: the tabs are read by the contact's own id; the ids merged into a
# contact join its tabs when merging exists, as for the finance tabs.

IDENTITY_ORDER = "identity:created-at"
KYC_ORDER = "kyc:requested-at"
AML_ORDER = "aml:screened-at"
RIGHT_TO_RENT_ORDER = "right-to-rent:checked-on"

ComplianceModel = (
    type[IdentityDocument]
    | type[KycCheck]
    | type[AmlScreening]
    | type[RightToRentCheck]
)

# A cursor's sort value is text bound with the sort column's type, and the
# windows module parses timestamps only; a date sorts the same as timestamp.
_SORTS: dict[Any, tuple[Any, str]] = {
    IdentityDocument: (IdentityDocument.created_at, IDENTITY_ORDER),
    KycCheck: (KycCheck.requested_at, KYC_ORDER),
    AmlScreening: (AmlScreening.screened_at, AML_ORDER),
    RightToRentCheck: (
        cast(RightToRentCheck.checked_on, DateTime()),
        RIGHT_TO_RENT_ORDER,
    ),
}


async def tab_pages(
    session: AsyncSession,
    model: ComplianceModel,
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
    model: ComplianceModel,
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
    session: AsyncSession, model: ComplianceModel, tenant_id: uuid.UUID, id_: uuid.UUID
) -> Any:
    """Return the row of ``model`` with that id, locked for the change, or None."""
    stmt = (
        select(model)
        .where(model.tenant_id == tenant_id, model.id == id_)
        .with_for_update()
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def document_owner(
    session: AsyncSession, tenant_id: uuid.UUID, document_id: uuid.UUID
) -> uuid.UUID | None:
    """Return the contact a document of the documents tab belongs to, or None."""
    stmt = select(ContactDocument.contact_id).where(
        ContactDocument.tenant_id == tenant_id, ContactDocument.id == document_id
    )
    return (await session.execute(stmt)).scalar_one_or_none()
