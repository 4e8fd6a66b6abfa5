"""Linked-record test data, written through the service as products do."""

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.auth.sessions import Viewer
from contacts_graph.linked import service
from contacts_graph.linked.models import LinkedRecord

START = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)


async def link(
    session: AsyncSession,
    viewer: Viewer,
    contact_id: Any,
    *,
    product: str = "INBOX",
    kind: str = "thread",
    external_id: str = "thread-1",
    title: str = "Boiler quote",
    hours: int = 0,
    **values: Any,
) -> LinkedRecord:
    record, _ = await service.link_record(
        session,
        viewer,
        contact_id,
        {
            "product": product,
            "kind": kind,
            "external_id": external_id,
            "title": title,
            "occurred_at": START + timedelta(hours=hours),
            **values,
        },
    )
    return record
