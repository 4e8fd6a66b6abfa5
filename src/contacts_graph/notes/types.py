"""GraphQL types of the notes, calls and preferences tabs."""

import uuid
from datetime import datetime, time
from typing import Any

import strawberry

from contacts_graph.context import Info
from contacts_graph.graphql.enums import described_enum
from contacts_graph.notes import models
from contacts_graph.notes.repository import CALL_ORDER, NOTE_ORDER
from contacts_graph.pagination import (
    PageInfo,
    PageRequest,
    encode_cursor,
    make_page_info,
    trim_page,
)

CallDirection = described_enum(
    "CallDirection",
    {
        "INBOUND": "The contact called us.",
        "OUTBOUND": "We called the contact.",
    },
    "Who placed a call.",
)
CallOutcome = described_enum(
    "CallOutcome",
    {
        "ANSWERED": "Someone picked up and the call took place.",
        "MISSED": "Nobody picked up.",
        "VOICEMAIL": "A message was left on voicemail.",
        "BUSY": "The line was busy.",
        "FAILED": "The call did not connect.",
    },
    "How a call ended.",
)
ContactChannel = described_enum(
    "ContactChannel",
    {
        "EMAIL": "Email.",
        "SMS": "Text message.",
        "PHONE": "Phone call.",
        "POST": "Letters by post.",
        "WHATSAPP": "WhatsApp message.",
        "PUSH": "Push notification in an app.",
    },
    "A way of reaching a contact.",
)


@strawberry.type(description="A note on a contact (the notes tab).")
class ContactNote:
    id: strawberry.ID = strawberry.field(description="Stable id of the note.")
    contact_id: strawberry.ID = strawberry.field(description="The contact it is on.")
    body: str = strawberry.field(description="The text; line breaks are kept.")
    author: str = strawberry.field(description="Who wrote it, as the audit names them.")
    is_pinned: bool = strawberry.field(description="Pinned to the top by a user.")
    created_at: datetime = strawberry.field(description="When it was written.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @classmethod
    def from_model(cls, model: models.ContactNote) -> "ContactNote":
        return cls(
            id=strawberry.ID(str(model.id)),
            contact_id=strawberry.ID(str(model.contact_id)),
            body=model.body,
            author=model.author,
            is_pinned=model.is_pinned,
            created_at=model.created_at,
            updated_at=model.updated_at,
        )


@strawberry.type(description="A phone call with a contact (the calls tab).")
class ContactCall:
    id: strawberry.ID = strawberry.field(description="Stable id of the call.")
    contact_id: strawberry.ID = strawberry.field(description="The contact called.")
    direction: CallDirection = strawberry.field(description="Who placed the call.")  # type: ignore[valid-type]
    started_at: datetime = strawberry.field(description="When the call started.")
    duration_seconds: int = strawberry.field(description="How long it lasted.")
    outcome: CallOutcome = strawberry.field(description="How it ended.")  # type: ignore[valid-type]
    phone_number: str | None = strawberry.field(
        description="The number dialled or calling, as typed."
    )
    summary: str | None = strawberry.field(description="What was said.")
    recorded_by: str = strawberry.field(description="Who logged the call.")
    created_at: datetime = strawberry.field(description="When it was logged.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @classmethod
    def from_model(cls, model: models.ContactCall) -> "ContactCall":
        return cls(
            id=strawberry.ID(str(model.id)),
            contact_id=strawberry.ID(str(model.contact_id)),
            direction=CallDirection(model.direction),
            started_at=model.started_at,
            duration_seconds=model.duration_seconds,
            outcome=CallOutcome(model.outcome),
            phone_number=model.phone_number,
            summary=model.summary,
            recorded_by=model.recorded_by,
            created_at=model.created_at,
            updated_at=model.updated_at,
        )


@strawberry.type(description="How a contact likes to be reached (the preferences tab).")
class ContactPreferences:
    channels: list[ContactChannel] = strawberry.field(  # type: ignore[valid-type]
        description="Channels the contact accepts; empty when none were given."
    )
    language: str | None = strawberry.field(
        description="Language to write in, as a BCP 47 tag such as en-GB."
    )
    quiet_hours_start: time | None = strawberry.field(
        description="Local time from which not to reach the contact."
    )
    quiet_hours_end: time | None = strawberry.field(
        description="Local time until which not to reach the contact; before the "
        "start when the quiet hours span midnight."
    )
    time_zone: str | None = strawberry.field(
        description="IANA time zone of the quiet hours, e.g. Europe/London."
    )
    updated_at: datetime | None = strawberry.field(
        description="When they last changed; null when never set."
    )

    @classmethod
    def from_model(cls, model: models.ContactPreferences) -> "ContactPreferences":
        return cls(
            channels=[ContactChannel(c) for c in model.channels],
            language=model.language,
            quiet_hours_start=model.quiet_hours_start,
            quiet_hours_end=model.quiet_hours_end,
            time_zone=model.time_zone,
            updated_at=model.updated_at,
        )


@strawberry.type(description="A note in a contact's notes tab.")
class ContactNoteEdge:
    cursor: str = strawberry.field(description="Pass as after or before to page on.")
    node: ContactNote = strawberry.field(description="The note.")


@strawberry.type(description="A contact's notes, newest first.")
class ContactNoteConnection:
    edges: list[ContactNoteEdge] = strawberry.field(description="This page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")
    contact_id: strawberry.Private[uuid.UUID]

    @strawberry.field(description="How many notes the contact has.")
    async def total_count(self, info: Info) -> int:
        return await info.context.loaders.note_count_by_contact_id.load(self.contact_id)


@strawberry.type(description="A call in a contact's calls tab.")
class ContactCallEdge:
    cursor: str = strawberry.field(description="Pass as after or before to page on.")
    node: ContactCall = strawberry.field(description="The call.")


@strawberry.type(description="A contact's calls, latest started first.")
class ContactCallConnection:
    edges: list[ContactCallEdge] = strawberry.field(description="This page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")
    contact_id: strawberry.Private[uuid.UUID]

    @strawberry.field(description="How many calls are logged with the contact.")
    async def total_count(self, info: Info) -> int:
        return await info.context.loaders.call_count_by_contact_id.load(self.contact_id)


def _page_info(edges: list[Any], has_more: bool, request: PageRequest) -> PageInfo:
    return make_page_info([edge.cursor for edge in edges], has_more, request)


async def contact_notes(
    info: Info, contact_id: uuid.UUID, request: PageRequest
) -> ContactNoteConnection:
    """Resolve ``Contact.notes`` for one contact through its loader."""
    rows = await info.context.loaders.notes_by_contact_id.load((contact_id, request))
    items, has_more = trim_page(rows, request)
    edges = [
        ContactNoteEdge(
            cursor=encode_cursor(NOTE_ORDER, row.sort_key, row.ContactNote.id),
            node=ContactNote.from_model(row.ContactNote),
        )
        for row in items
    ]
    return ContactNoteConnection(
        edges=edges,
        page_info=_page_info(edges, has_more, request),
        contact_id=contact_id,
    )


async def contact_calls(
    info: Info, contact_id: uuid.UUID, request: PageRequest
) -> ContactCallConnection:
    """Resolve ``Contact.calls`` for one contact through its loader."""
    rows = await info.context.loaders.calls_by_contact_id.load((contact_id, request))
    items, has_more = trim_page(rows, request)
    edges = [
        ContactCallEdge(
            cursor=encode_cursor(CALL_ORDER, row.sort_key, row.ContactCall.id),
            node=ContactCall.from_model(row.ContactCall),
        )
        for row in items
    ]
    return ContactCallConnection(
        edges=edges,
        page_info=_page_info(edges, has_more, request),
        contact_id=contact_id,
    )


async def contact_preferences(info: Info, contact_id: uuid.UUID) -> ContactPreferences:
    """Resolve ``Contact.preferences`` for one contact through its loader."""
    model = await info.context.loaders.preferences_by_contact_id.load(contact_id)
    return ContactPreferences.from_model(model)
