"""Write the audit trail and outbox events in the transaction of a change."""

import uuid
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.audit.models import AuditEntry, OutboxEvent
from contacts_graph.auth.sessions import Viewer


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def changed_fields(
    before: Mapping[str, Any], after: Mapping[str, Any]
) -> dict[str, dict[str, Any]]:
    """Return ``{field: {"before": old, "after": new}}`` for fields that differ."""
    return {
        key: {"before": _plain(before.get(key)), "after": _plain(after.get(key))}
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def record_change(
    session: AsyncSession,
    viewer: Viewer,
    *,
    action: str,
    entity_type: str,
    entity_id: uuid.UUID,
    changes: Mapping[str, Any],
    event: str | None = None,
) -> None:
    """Add an audit row and, when ``event`` is given, an outbox event.

    Both are only added to the session: they are written by the flush that
    writes the change itself, so they commit or roll back with it.
    """
    session.add(
        AuditEntry(
            tenant_id=viewer.tenant_id,
            actor=viewer.actor,
            action=action,
            entity_type=entity_type,
            entity_id=entity_id,
            changes=dict(changes),
        )
    )
    if event is not None:
        session.add(
            OutboxEvent(
                tenant_id=viewer.tenant_id,
                event_type=event,
                entity_id=entity_id,
                payload={"id": str(entity_id), "fields": sorted(changes)},
            )
        )
