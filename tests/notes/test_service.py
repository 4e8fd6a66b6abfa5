"""Notes, calls and preferences through their services: checks, audit, isolation."""

import uuid
from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from contacts_graph.audit.models import AuditEntry, OutboxEvent
from contacts_graph.db.session import tenant_session
from contacts_graph.errors import NotFound, ValidationFailed
from contacts_graph.notes import preferences, repository, service
from contacts_graph.notes.models import ContactCall, ContactNote, ContactPreferences
from tests.factories import create_contact

MISSING = uuid.UUID("00000000-0000-4000-8000-000000000000")


def _codes(failure: pytest.ExceptionInfo[ValidationFailed]) -> set[tuple[str, str]]:
    return {(error.field, error.code) for error in failure.value.errors}


async def _count(session, model) -> int:
    return await session.scalar(select(func.count()).select_from(model)) or 0


def _call(**values):
    return {
        "direction": "OUTBOUND",
        "started_at": datetime.now(UTC) - timedelta(hours=1),
        "outcome": "ANSWERED",
        "duration_seconds": 120,
        **values,
    }


async def test_a_note_keeps_its_lines_and_is_audited(session, viewer) -> None:
    contact = await create_contact(session, viewer)

    note = await service.add_note(
        session, viewer, contact.id, "  Called\r\nabout the\u200b lease\n\n\n\nok  "
    )

    assert note.body == "Called\nabout the lease\n\nok"
    assert note.author == viewer.actor
    assert note.is_pinned is False
    audit = await session.scalar(
        select(AuditEntry).where(AuditEntry.action == "note.add")
    )
    assert audit.entity_id == contact.id
    assert audit.changes["note"] == {"before": None, "after": str(note.id)}
    events = await session.scalars(
        select(OutboxEvent.event_type).where(OutboxEvent.entity_id == contact.id)
    )
    assert "contact.updated" in events.all()


@pytest.mark.parametrize(
    ("body", "code"),
    [("", "REQUIRED"), (" \u200b\n\t ", "REQUIRED"), ("x" * 10_001, "TOO_LONG")],
)
async def test_a_bad_body_stores_nothing(session, viewer, body, code) -> None:
    contact = await create_contact(session, viewer)

    with pytest.raises(ValidationFailed) as failure:
        await service.add_note(session, viewer, contact.id, body)

    assert _codes(failure) == {("body", code)}
    assert await _count(session, ContactNote) == 0


async def test_ten_thousand_characters_with_line_breaks_fit(session, viewer) -> None:
    contact = await create_contact(session, viewer)
    body = "\n".join(["x" * 1_000] * 10)

    note = await service.add_note(session, viewer, contact.id, body)

    assert note.body == body


async def test_a_note_needs_a_live_contact(session, viewer) -> None:
    with pytest.raises(NotFound) as failure:
        await service.add_note(session, viewer, MISSING, "Hello")

    assert failure.value.field == "contactId"


async def test_editing_a_note_changes_only_what_is_given(session, viewer) -> None:
    contact = await create_contact(session, viewer)
    note = await service.add_note(session, viewer, contact.id, "First")

    edited = await service.edit_note(session, viewer, note.id, {"is_pinned": True})

    assert (edited.body, edited.is_pinned) == ("First", True)
    audit = await session.scalar(
        select(AuditEntry).where(AuditEntry.action == "note.edit")
    )
    assert audit.changes["is_pinned"] == {"before": False, "after": True}
    assert "body" not in audit.changes


async def test_an_edit_that_changes_nothing_writes_no_audit(session, viewer) -> None:
    contact = await create_contact(session, viewer)
    note = await service.add_note(session, viewer, contact.id, "Same")

    await service.edit_note(session, viewer, note.id, {"body": "Same"})

    assert (
        await session.scalar(
            select(func.count()).where(AuditEntry.action == "note.edit")
        )
        == 0
    )


async def test_removing_a_note_keeps_its_text_in_the_audit(session, viewer) -> None:
    contact = await create_contact(session, viewer)
    note = await service.add_note(session, viewer, contact.id, "Secret plan")

    await service.remove_note(session, viewer, note.id)

    assert await _count(session, ContactNote) == 0
    audit = await session.scalar(
        select(AuditEntry).where(AuditEntry.action == "note.remove")
    )
    assert audit.changes["body"] == {"before": "Secret plan", "after": None}
    with pytest.raises(NotFound):
        await service.remove_note(session, viewer, note.id)


async def test_a_call_is_logged_with_its_defaults(session, viewer) -> None:
    contact = await create_contact(session, viewer)

    call = await service.log_call(
        session,
        viewer,
        contact.id,
        {
            "direction": "INBOUND",
            "started_at": datetime(2024, 5, 1, 9, tzinfo=UTC),
            "outcome": "MISSED",
            "phone_number": " +44 20\t7946 0000 ",
        },
    )

    assert call.duration_seconds == 0
    assert call.phone_number == "+44 207946 0000"
    assert call.summary is None
    assert call.recorded_by == viewer.actor


async def test_every_bad_call_field_is_reported_and_nothing_stored(
    session, viewer
) -> None:
    contact = await create_contact(session, viewer)
    values = {
        "direction": "SIDEWAYS",
        "started_at": datetime.now(UTC) + timedelta(hours=1),
        "outcome": None,
        "duration_seconds": 86_401,
        "phone_number": "1" * 65,
        "summary": "s" * 4_001,
    }

    with pytest.raises(ValidationFailed) as failure:
        await service.log_call(session, viewer, contact.id, values)

    assert _codes(failure) == {
        ("direction", "INVALID"),
        ("startedAt", "IN_FUTURE"),
        ("outcome", "REQUIRED"),
        ("durationSeconds", "OUT_OF_RANGE"),
        ("phoneNumber", "TOO_LONG"),
        ("summary", "TOO_LONG"),
    }
    assert await _count(session, ContactCall) == 0


@pytest.mark.parametrize(
    ("started_at", "code"),
    [
        (datetime(2024, 5, 1, 9), "INVALID"),
        (datetime(1969, 12, 31, tzinfo=UTC), "OUT_OF_RANGE"),
        (None, "REQUIRED"),
    ],
)
async def test_a_start_needs_a_zone_and_a_sane_date(
    session, viewer, started_at, code
) -> None:
    contact = await create_contact(session, viewer)

    with pytest.raises(ValidationFailed) as failure:
        await service.log_call(
            session, viewer, contact.id, _call(started_at=started_at)
        )

    assert _codes(failure) == {("startedAt", code)}


async def test_editing_a_call_clears_and_changes_fields(session, viewer) -> None:
    contact = await create_contact(session, viewer)
    call = await service.log_call(
        session, viewer, contact.id, _call(summary="Talked", phone_number="0123")
    )

    edited = await service.edit_call(
        session, viewer, call.id, {"summary": None, "outcome": "VOICEMAIL"}
    )

    assert (edited.summary, edited.outcome, edited.phone_number) == (
        None,
        "VOICEMAIL",
        "0123",
    )
    with pytest.raises(ValidationFailed) as failure:
        await service.edit_call(session, viewer, call.id, {"duration_seconds": -1})
    assert _codes(failure) == {("durationSeconds", "OUT_OF_RANGE")}
    await service.remove_call(session, viewer, call.id)
    assert await _count(session, ContactCall) == 0


async def test_preferences_are_created_then_changed(session, viewer) -> None:
    contact = await create_contact(session, viewer)

    first = await preferences.set_preferences(
        session,
        viewer,
        contact.id,
        {
            "channels": ["SMS", "EMAIL", "SMS"],
            "language": "en_gb",
            "quiet_hours_start": time(22, 0),
            "quiet_hours_end": time(7, 30),
            "time_zone": "Europe/London",
        },
    )
    second = await preferences.set_preferences(
        session, viewer, contact.id, {"channels": [], "language": None}
    )

    assert first is second
    assert second.channels == []
    assert second.language is None
    assert (second.quiet_hours_start, second.time_zone) == (
        time(22, 0),
        "Europe/London",
    )
    audits = await session.scalars(
        select(AuditEntry.changes).where(AuditEntry.action == "preferences.set")
    )
    changes = audits.all()
    assert changes[0]["channels"] == {"before": [], "after": ["EMAIL", "SMS"]}
    assert changes[0]["quiet_hours_start"] == {"before": None, "after": "22:00:00"}
    assert changes[0]["language"]["after"] == "en-GB"


async def test_bad_preferences_name_each_field_and_store_nothing(
    session, viewer
) -> None:
    contact = await create_contact(session, viewer)

    with pytest.raises(ValidationFailed) as failure:
        await preferences.set_preferences(
            session,
            viewer,
            contact.id,
            {
                "channels": ["EMAIL", "PIGEON"],
                "language": "not a language",
                "quiet_hours_start": time(22, 0),
                "time_zone": "Mars/Olympus",
            },
        )

    assert _codes(failure) == {
        ("channels", "INVALID"),
        ("language", "INVALID_LOCALE"),
        ("quietHoursEnd", "REQUIRED"),
        ("timeZone", "INVALID"),
    }
    assert await _count(session, ContactPreferences) == 0


async def test_setting_the_defaults_stores_nothing(session, viewer) -> None:
    contact = await create_contact(session, viewer)

    result = await preferences.set_preferences(
        session, viewer, contact.id, {"channels": []}
    )

    assert result.channels == []
    assert await _count(session, ContactPreferences) == 0


async def test_another_tenant_sees_and_changes_nothing(
    app, session, viewer, other_viewer
) -> None:
    contact = await create_contact(session, viewer)
    note = await service.add_note(session, viewer, contact.id, "Mine")
    call = await service.log_call(session, viewer, contact.id, _call())
    await session.commit()

    sessionmaker = app.state.services.sessionmaker
    async with tenant_session(sessionmaker, other_viewer.tenant_id) as other:
        # Row-level security hides them even without a tenant filter.
        assert await _count(other, ContactNote) == 0
        assert await _count(other, ContactCall) == 0
        with pytest.raises(NotFound):
            await service.edit_note(other, other_viewer, note.id, {"body": "Theirs"})
        with pytest.raises(NotFound):
            await service.remove_call(other, other_viewer, call.id)
        with pytest.raises(NotFound):
            await preferences.set_preferences(
                other, other_viewer, contact.id, {"language": "fr"}
            )
        pages = await repository.notes_by_contact(
            other, viewer.tenant_id, [contact.id], _page()
        )
        assert pages == {}


def _page():
    from contacts_graph.pagination import PageRequest

    return PageRequest.of(10)


async def test_the_demo_fills_the_three_tabs(session, viewer) -> None:
    from contacts_graph.notes.demo import seed_tabs

    contacts = [await create_contact(session, viewer) for _ in range(8)]

    await seed_tabs(session, viewer, contacts)

    assert await _count(session, ContactNote) == 12
    assert await _count(session, ContactCall) == 12
    assert await _count(session, ContactPreferences) == 8


async def test_quiet_hours_are_local_times(session, viewer) -> None:
    contact = await create_contact(session, viewer)
    offset = time(22, 0, tzinfo=UTC)

    with pytest.raises(ValidationFailed) as failure:
        await preferences.set_preferences(
            session,
            viewer,
            contact.id,
            {"quiet_hours_start": offset, "quiet_hours_end": time(7, 0)},
        )

    assert _codes(failure) == {("quietHoursStart", "INVALID")}
