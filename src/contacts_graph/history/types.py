"""GraphQL types of the consent history and audit trail tabs."""

import uuid
from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from contacts_graph.context import Info
from contacts_graph.history import repository
from contacts_graph.pagination import (
    PageInfo,
    PageRequest,
    encode_cursor,
    make_page_info,
    trim_page,
)


@strawberry.type(
    description="One grant or withdrawal of marketing consent, as recorded."
)
class ConsentEvent:
    id: strawberry.ID = strawberry.field(description="Id of the event.")
    granted: bool = strawberry.field(
        description="True for a grant, false for a withdrawal."
    )
    source: str = strawberry.field(description="Where it came from: api, import:csv…")
    legal_basis: str = strawberry.field(description="GDPR legal basis, e.g. consent.")
    actor: str = strawberry.field(description="Who recorded it.")
    recorded_at: datetime = strawberry.field(
        description="When the service recorded it."
    )
    effective_at: datetime = strawberry.field(
        description="When the person gave or withdrew it."
    )


@strawberry.type(description="One recorded change to the contact's data.")
class AuditEntry:
    id: strawberry.ID = strawberry.field(description="Id of the entry.")
    actor: str = strawberry.field(description="Who made the change.")
    action: str = strawberry.field(description="What was done, e.g. contact.update.")
    changes: JSON = strawberry.field(
        description="Changed fields, each with its value before and after."
    )
    created_at: datetime = strawberry.field(description="When it was done.")


@strawberry.type(description="A consent event in the history.")
class ConsentEventEdge:
    cursor: str = strawberry.field(description="Pass as after or before to page on.")
    node: ConsentEvent = strawberry.field(description="The event.")


@strawberry.type(description="A contact's consent events, latest recorded first.")
class ConsentEventConnection:
    edges: list[ConsentEventEdge] = strawberry.field(description="This page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")
    contact_id: strawberry.Private[uuid.UUID]

    @strawberry.field(description="How many consent events the contact has.")
    async def total_count(self, info: Info) -> int:
        return await info.context.loaders.consent_event_count_by_contact_id.load(
            self.contact_id
        )


@strawberry.type(description="An entry of the audit trail.")
class AuditEntryEdge:
    cursor: str = strawberry.field(description="Pass as after or before to page on.")
    node: AuditEntry = strawberry.field(description="The entry.")


@strawberry.type(description="A contact's audit trail, newest first.")
class AuditEntryConnection:
    edges: list[AuditEntryEdge] = strawberry.field(description="This page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")
    contact_id: strawberry.Private[uuid.UUID]

    @strawberry.field(description="How many audit entries the contact has.")
    async def total_count(self, info: Info) -> int:
        return await info.context.loaders.audit_entry_count_by_contact_id.load(
            self.contact_id
        )


async def consent_history(
    info: Info, contact_id: uuid.UUID, request: PageRequest
) -> ConsentEventConnection:
    """Resolve the consentHistory tab; it needs compliance:read."""
    info.context.require("compliance:read")
    rows = await info.context.loaders.consent_events_by_contact_id.load(
        (contact_id, request)
    )
    items, has_more = trim_page(rows, request)
    edges = [
        ConsentEventEdge(
            cursor=encode_cursor(repository.CONSENT_ORDER, row.sort_key, e.id),
            node=ConsentEvent(
                id=strawberry.ID(str(e.id)),
                granted=e.granted,
                source=e.source,
                legal_basis=e.legal_basis,
                actor=e.actor,
                recorded_at=e.recorded_at,
                effective_at=e.effective_at,
            ),
        )
        for row in items
        for e in (row.ConsentEvent,)
    ]
    cursors = [edge.cursor for edge in edges]
    return ConsentEventConnection(
        edges=edges,
        page_info=make_page_info(cursors, has_more, request),
        contact_id=contact_id,
    )


async def audit_trail(
    info: Info, contact_id: uuid.UUID, request: PageRequest
) -> AuditEntryConnection:
    """Resolve the auditTrail tab; it needs compliance:read."""
    info.context.require("compliance:read")
    rows = await info.context.loaders.audit_entries_by_contact_id.load(
        (contact_id, request)
    )
    items, has_more = trim_page(rows, request)
    edges = [
        AuditEntryEdge(
            cursor=encode_cursor(repository.AUDIT_ORDER, row.sort_key, a.id),
            node=AuditEntry(
                id=strawberry.ID(str(a.id)),
                actor=a.actor,
                action=a.action,
                changes=a.changes,
                created_at=a.created_at,
            ),
        )
        for row in items
        for a in (row.AuditEntry,)
    ]
    cursors = [edge.cursor for edge in edges]
    return AuditEntryConnection(
        edges=edges,
        page_info=make_page_info(cursors, has_more, request),
        contact_id=contact_id,
    )
