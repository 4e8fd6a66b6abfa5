"""SQL over a contact's consent events and audit entries, newest first."""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.audit.models import AuditEntry
from contacts_graph.contacts.models import ConsentEvent
from contacts_graph.db.windows import pages_per_parent
from contacts_graph.pagination import PageRequest

# Limitation: history is read by the contact's own id; the ids merged into a
# contact join its history when merging exists.

CONSENT_ORDER = "consent:recorded-at"
AUDIT_ORDER = "audit:created-at"


async def consent_pages(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    contact_ids: Sequence[uuid.UUID],
    request: PageRequest,
) -> dict[uuid.UUID, list[Any]]:
    """Return a page of consent events per contact, latest recorded first."""
    return await pages_per_parent(
        session,
        base=select(ConsentEvent).where(ConsentEvent.tenant_id == tenant_id),
        parent=ConsentEvent.contact_id,
        sort=ConsentEvent.recorded_at,
        row_id=ConsentEvent.id,
        fetch=select(ConsentEvent),
        parent_ids=contact_ids,
        request=request,
        order_key=CONSENT_ORDER,
        newest_first=True,
    )


async def audit_pages(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    contact_ids: Sequence[uuid.UUID],
    request: PageRequest,
) -> dict[uuid.UUID, list[Any]]:
    """Return a page of audit entries per contact, newest first."""
    return await pages_per_parent(
        session,
        base=select(AuditEntry).where(
            AuditEntry.tenant_id == tenant_id, AuditEntry.entity_type == "contact"
        ),
        parent=AuditEntry.entity_id,
        sort=AuditEntry.created_at,
        row_id=AuditEntry.id,
        fetch=select(AuditEntry),
        parent_ids=contact_ids,
        request=request,
        order_key=AUDIT_ORDER,
        newest_first=True,
    )


async def consent_counts(
    session: AsyncSession, tenant_id: uuid.UUID, contact_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, int]:
    stmt = (
        select(ConsentEvent.contact_id, func.count())
        .where(
            ConsentEvent.tenant_id == tenant_id,
            ConsentEvent.contact_id.in_(contact_ids),
        )
        .group_by(ConsentEvent.contact_id)
    )
    return dict((await session.execute(stmt)).all())


async def audit_counts(
    session: AsyncSession, tenant_id: uuid.UUID, contact_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, int]:
    stmt = (
        select(AuditEntry.entity_id, func.count())
        .where(
            AuditEntry.tenant_id == tenant_id,
            AuditEntry.entity_type == "contact",
            AuditEntry.entity_id.in_(contact_ids),
        )
        .group_by(AuditEntry.entity_id)
    )
    return dict((await session.execute(stmt)).all())
