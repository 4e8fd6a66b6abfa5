"""SQL over document metadata."""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.db.windows import pages_per_parent
from contacts_graph.documents.models import ContactDocument
from contacts_graph.pagination import PageRequest

ORDER = "document:created-at"


async def document_pages(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    contact_ids: Sequence[uuid.UUID],
    request: PageRequest,
) -> dict[uuid.UUID, list[Any]]:
    """Return a page of documents per contact, newest first."""
    return await pages_per_parent(
        session,
        base=select(ContactDocument).where(ContactDocument.tenant_id == tenant_id),
        parent=ContactDocument.contact_id,
        sort=ContactDocument.created_at,
        row_id=ContactDocument.id,
        fetch=select(ContactDocument),
        parent_ids=contact_ids,
        request=request,
        order_key=ORDER,
        newest_first=True,
    )


async def document_counts(
    session: AsyncSession, tenant_id: uuid.UUID, contact_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, int]:
    stmt = (
        select(ContactDocument.contact_id, func.count())
        .where(
            ContactDocument.tenant_id == tenant_id,
            ContactDocument.contact_id.in_(contact_ids),
        )
        .group_by(ContactDocument.contact_id)
    )
    return dict((await session.execute(stmt)).all())
