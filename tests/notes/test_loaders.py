"""The tab loaders: newest first, keyset pages, and one statement per batch."""

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from contacts_graph.db.request import RequestDatabase
from contacts_graph.notes import loaders, preferences, service
from contacts_graph.notes.repository import NOTE_ORDER
from contacts_graph.pagination import (
    InvalidCursor,
    PageRequest,
    encode_cursor,
    trim_page,
)
from tests.factories import create_contact

START = datetime(2024, 5, 1, 9, tzinfo=UTC)


def _loader(cls, session, viewer):
    return cls(RequestDatabase(session), viewer.tenant_id)


async def _calls(session, viewer, contact, count):
    return [
        await service.log_call(
            session,
            viewer,
            contact.id,
            {
                "direction": "OUTBOUND",
                "started_at": START + timedelta(minutes=n),
                "outcome": "ANSWERED",
            },
        )
        for n in range(count)
    ]


def _cursor(call):
    return encode_cursor("call:newest", call.started_at.isoformat(), call.id)


async def test_calls_come_latest_first_and_page_both_ways(session, viewer) -> None:
    contact = await create_contact(session, viewer)
    calls = await _calls(session, viewer, contact, 5)
    newest_first = [call.id for call in reversed(calls)]

    async def page(**arguments):
        request = PageRequest.of(**arguments)
        loader = _loader(loaders.CallsByContactIdLoader, session, viewer)
        rows = await loader.load((contact.id, request))
        items, has_more = trim_page(rows, request)
        return [row.ContactCall.id for row in items], has_more

    assert await page(first=2) == (newest_first[:2], True)
    assert await page(first=2, after=_cursor(calls[3])) == (newest_first[2:4], True)
    assert await page(first=5, after=_cursor(calls[1])) == (newest_first[4:], False)
    assert await page(last=2) == (newest_first[3:], True)
    assert await page(last=5, before=_cursor(calls[2])) == (newest_first[:2], False)


async def test_calls_that_started_together_order_by_id(session, viewer) -> None:
    contact = await create_contact(session, viewer)
    same = {
        "direction": "INBOUND",
        "started_at": START,
        "outcome": "BUSY",
    }
    calls = [await service.log_call(session, viewer, contact.id, same) for _ in "abc"]
    by_id = sorted((call.id for call in calls), reverse=True)
    request = PageRequest.of(1, after=_cursor(max(calls, key=lambda c: c.id)))

    rows = await _loader(loaders.CallsByContactIdLoader, session, viewer).load(
        (contact.id, request)
    )

    assert [row.ContactCall.id for row in rows] == by_id[1:]


async def test_a_cursor_of_another_list_is_refused(session, viewer) -> None:
    contact = await create_contact(session, viewer)
    calls = await _calls(session, viewer, contact, 1)
    forged = encode_cursor(NOTE_ORDER, "yesterday", calls[0].id)

    for cursor in (_cursor(calls[0]), forged):
        with pytest.raises(InvalidCursor):
            await _loader(loaders.NotesByContactIdLoader, session, viewer).load(
                (contact.id, PageRequest.of(1, after=cursor))
            )


async def test_notes_come_newest_first(session, viewer) -> None:
    contact = await create_contact(session, viewer)
    first = await service.add_note(session, viewer, contact.id, "First")
    # created_at is the transaction's now(); spread them out to order them.
    first.created_at = START
    second = await service.add_note(session, viewer, contact.id, "Second")
    second.created_at = START + timedelta(days=1)
    await session.flush()

    rows = await _loader(loaders.NotesByContactIdLoader, session, viewer).load(
        (contact.id, PageRequest.of(10))
    )

    assert [row.ContactNote.body for row in rows] == ["Second", "First"]


async def test_a_page_of_fifty_contacts_costs_one_statement_per_loader(
    session, viewer, statements
) -> None:
    contacts = [await create_contact(session, viewer) for _ in range(50)]
    for n, contact in enumerate(contacts):
        await service.add_note(session, viewer, contact.id, f"Note {n}")
        await _calls(session, viewer, contact, 2)
        await preferences.set_preferences(
            session, viewer, contact.id, {"channels": ["EMAIL"]}
        )
    db = RequestDatabase(session)
    batch = {
        name: cls(db, viewer.tenant_id)
        for name, cls in [
            ("notes", loaders.NotesByContactIdLoader),
            ("calls", loaders.CallsByContactIdLoader),
            ("note_count", loaders.NoteCountByContactIdLoader),
            ("call_count", loaders.CallCountByContactIdLoader),
            ("preferences", loaders.PreferencesByContactIdLoader),
        ]
    }
    request = PageRequest.of(1)
    statements.statements.clear()

    notes, calls, note_counts, call_counts, prefs = await asyncio.gather(
        batch["notes"].load_many([(c.id, request) for c in contacts]),
        batch["calls"].load_many([(c.id, request) for c in contacts]),
        batch["note_count"].load_many([c.id for c in contacts]),
        batch["call_count"].load_many([c.id for c in contacts]),
        batch["preferences"].load_many([c.id for c in contacts]),
    )

    assert len(statements) == 5
    assert all(len(page) == 1 for page in notes)
    assert all(len(page) == 2 for page in calls)
    assert set(note_counts) == {1}
    assert set(call_counts) == {2}
    assert all(p.channels == ["EMAIL"] for p in prefs)


async def test_a_contact_without_preferences_gets_the_defaults(session, viewer) -> None:
    contact = await create_contact(session, viewer)

    found = await _loader(loaders.PreferencesByContactIdLoader, session, viewer).load(
        contact.id
    )

    assert found.channels == []
    assert (found.language, found.quiet_hours_start, found.time_zone) == (
        None,
        None,
        None,
    )
