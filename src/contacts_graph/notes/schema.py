"""Mutations of the notes, calls and preferences tabs."""

from datetime import datetime, time
from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.contacts.mutations import contact_id_of
from contacts_graph.context import Info
from contacts_graph.graphql.errors import UserError, attempt
from contacts_graph.notes import models, preferences, service
from contacts_graph.notes.types import (
    CallDirection,
    CallOutcome,
    ContactCall,
    ContactChannel,
    ContactNote,
    ContactPreferences,
)


def _given(values: dict[str, Any]) -> dict[str, Any]:
    """Drop the fields the caller left out, keeping explicit nulls."""
    return {k: v for k, v in values.items() if v is not strawberry.UNSET}


@strawberry.input(description="A note to add to a contact.")
class AddNoteInput:
    contact_id: strawberry.ID = strawberry.field(description="The contact.")
    body: str = strawberry.field(
        description="The text, at most 10,000 characters besides line breaks."
    )
    is_pinned: bool = strawberry.field(
        default=False, description="Pin the note to the top of the tab."
    )


@strawberry.input(description="Changes to a note. Omitted fields are left alone.")
class EditNoteInput:
    id: strawberry.ID = strawberry.field(description="The note to change.")
    body: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="New text, at most 10,000 characters besides line breaks.",
    )
    is_pinned: bool | None = strawberry.field(
        default=strawberry.UNSET, description="Pin or unpin the note."
    )

    def to_values(self) -> dict[str, Any]:
        values = _given({"body": self.body, "is_pinned": self.is_pinned})
        if values.get("is_pinned", False) is None:
            del values["is_pinned"]
        return values


@strawberry.input(description="A call to log against a contact.")
class LogCallInput:
    contact_id: strawberry.ID = strawberry.field(description="The contact.")
    direction: CallDirection = strawberry.field(description="Who placed the call.")  # type: ignore[valid-type]
    started_at: datetime = strawberry.field(
        description="When it started, with a time zone offset; not in the future."
    )
    outcome: CallOutcome = strawberry.field(description="How it ended.")  # type: ignore[valid-type]
    duration_seconds: int = strawberry.field(
        default=0, description="How long it lasted, 0 to 86,400 seconds."
    )
    phone_number: str | None = strawberry.field(
        default=None, description="The number, as typed; at most 64 characters."
    )
    summary: str | None = strawberry.field(
        default=None, description="What was said, at most 4,000 characters."
    )

    def to_values(self) -> dict[str, Any]:
        return {
            "direction": self.direction,
            "started_at": self.started_at,
            "outcome": self.outcome,
            "duration_seconds": self.duration_seconds,
            "phone_number": self.phone_number,
            "summary": self.summary,
        }


@strawberry.input(
    description="Changes to a logged call. Omitted fields are left alone."
)
class EditCallInput:
    id: strawberry.ID = strawberry.field(description="The call to change.")
    direction: CallDirection | None = strawberry.field(  # type: ignore[valid-type]
        default=strawberry.UNSET, description="Who placed the call."
    )
    started_at: datetime | None = strawberry.field(
        default=strawberry.UNSET,
        description="When it started, with a time zone offset; not in the future.",
    )
    outcome: CallOutcome | None = strawberry.field(  # type: ignore[valid-type]
        default=strawberry.UNSET, description="How it ended."
    )
    duration_seconds: int | None = strawberry.field(
        default=strawberry.UNSET, description="How long it lasted, 0 to 86,400 seconds."
    )
    phone_number: str | None = strawberry.field(
        default=strawberry.UNSET, description="The number as typed; null clears it."
    )
    summary: str | None = strawberry.field(
        default=strawberry.UNSET, description="What was said; null clears it."
    )

    def to_values(self) -> dict[str, Any]:
        return _given(
            {
                "direction": self.direction,
                "started_at": self.started_at,
                "outcome": self.outcome,
                "duration_seconds": self.duration_seconds,
                "phone_number": self.phone_number,
                "summary": self.summary,
            }
        )


@strawberry.input(
    description="A contact's preferences. Omitted fields are left alone; null "
    "clears one."
)
class SetPreferencesInput:
    contact_id: strawberry.ID = strawberry.field(description="The contact.")
    channels: list[ContactChannel] | None = strawberry.field(  # type: ignore[valid-type]
        default=strawberry.UNSET, description="Channels the contact accepts."
    )
    language: str | None = strawberry.field(
        default=strawberry.UNSET, description="A BCP 47 tag such as en or en-GB."
    )
    quiet_hours_start: time | None = strawberry.field(
        default=strawberry.UNSET,
        description="Local time the quiet hours start; give the end too.",
    )
    quiet_hours_end: time | None = strawberry.field(
        default=strawberry.UNSET,
        description="Local time the quiet hours end; give the start too.",
    )
    time_zone: str | None = strawberry.field(
        default=strawberry.UNSET, description="An IANA name such as Europe/London."
    )

    def to_values(self) -> dict[str, Any]:
        return _given(
            {
                "channels": self.channels,
                "language": self.language,
                "quiet_hours_start": self.quiet_hours_start,
                "quiet_hours_end": self.quiet_hours_end,
                "time_zone": self.time_zone,
            }
        )


@strawberry.type(description="Result of addNote and editNote.")
class NotePayload:
    note: ContactNote | None = strawberry.field(description="The note.")
    user_errors: list[UserError] = strawberry.field(description="Why nothing changed.")


@strawberry.type(description="Result of removeNote.")
class RemoveNotePayload:
    removed_note_id: strawberry.ID | None = strawberry.field(
        description="The note removed."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing changed.")


@strawberry.type(description="Result of logCall and editCall.")
class CallPayload:
    call: ContactCall | None = strawberry.field(description="The call.")
    user_errors: list[UserError] = strawberry.field(description="Why nothing changed.")


@strawberry.type(description="Result of removeCall.")
class RemoveCallPayload:
    removed_call_id: strawberry.ID | None = strawberry.field(
        description="The call removed."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing changed.")


@strawberry.type(description="Result of setPreferences.")
class SetPreferencesPayload:
    preferences: ContactPreferences | None = strawberry.field(
        description="The contact's preferences as they now are."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing changed.")


def _note(result: models.ContactNote | None, errors: list[UserError]) -> NotePayload:
    note = ContactNote.from_model(result) if result else None
    return NotePayload(note=note, user_errors=errors)


def _call(result: models.ContactCall | None, errors: list[UserError]) -> CallPayload:
    call = ContactCall.from_model(result) if result else None
    return CallPayload(call=call, user_errors=errors)


@strawberry.type
class NoteMutations:
    @strawberry.mutation(description="Add a note to a contact.")
    async def add_note(self, info: Info, input: AddNoteInput) -> NotePayload:
        info.context.require("contacts:write")
        viewer = info.context.viewer

        async def add(session: AsyncSession) -> models.ContactNote:
            return await service.add_note(
                session,
                viewer,
                contact_id_of(input.contact_id, "contactId"),
                input.body,
                is_pinned=input.is_pinned,
            )

        return _note(*await attempt(info, add))

    @strawberry.mutation(description="Change a note's text or pin.")
    async def edit_note(self, info: Info, input: EditNoteInput) -> NotePayload:
        info.context.require("contacts:write")
        viewer = info.context.viewer

        async def edit(session: AsyncSession) -> models.ContactNote:
            return await service.edit_note(
                session, viewer, contact_id_of(input.id, "id"), input.to_values()
            )

        return _note(*await attempt(info, edit))

    @strawberry.mutation(description="Remove a note.")
    async def remove_note(self, info: Info, id: strawberry.ID) -> RemoveNotePayload:
        info.context.require("contacts:write")
        viewer = info.context.viewer

        async def remove(session: AsyncSession) -> strawberry.ID:
            await service.remove_note(session, viewer, contact_id_of(id, "id"))
            return id

        removed, errors = await attempt(info, remove)
        return RemoveNotePayload(removed_note_id=removed, user_errors=errors)


@strawberry.type
class CallMutations:
    @strawberry.mutation(description="Log a call with a contact.")
    async def log_call(self, info: Info, input: LogCallInput) -> CallPayload:
        info.context.require("contacts:write")
        viewer = info.context.viewer

        async def log(session: AsyncSession) -> models.ContactCall:
            return await service.log_call(
                session,
                viewer,
                contact_id_of(input.contact_id, "contactId"),
                input.to_values(),
            )

        return _call(*await attempt(info, log))

    @strawberry.mutation(description="Change a logged call.")
    async def edit_call(self, info: Info, input: EditCallInput) -> CallPayload:
        info.context.require("contacts:write")
        viewer = info.context.viewer

        async def edit(session: AsyncSession) -> models.ContactCall:
            return await service.edit_call(
                session, viewer, contact_id_of(input.id, "id"), input.to_values()
            )

        return _call(*await attempt(info, edit))

    @strawberry.mutation(description="Remove a logged call.")
    async def remove_call(self, info: Info, id: strawberry.ID) -> RemoveCallPayload:
        info.context.require("contacts:write")
        viewer = info.context.viewer

        async def remove(session: AsyncSession) -> strawberry.ID:
            await service.remove_call(session, viewer, contact_id_of(id, "id"))
            return id

        removed, errors = await attempt(info, remove)
        return RemoveCallPayload(removed_call_id=removed, user_errors=errors)


@strawberry.type
class PreferenceMutations:
    @strawberry.mutation(
        description="Set how a contact likes to be reached; creates the record "
        "on first use."
    )
    async def set_preferences(
        self, info: Info, input: SetPreferencesInput
    ) -> SetPreferencesPayload:
        info.context.require("contacts:write")
        viewer = info.context.viewer

        async def set_(session: AsyncSession) -> models.ContactPreferences:
            return await preferences.set_preferences(
                session,
                viewer,
                contact_id_of(input.contact_id, "contactId"),
                input.to_values(),
            )

        result, errors = await attempt(info, set_)
        found = ContactPreferences.from_model(result) if result else None
        return SetPreferencesPayload(preferences=found, user_errors=errors)
