"""The notes, calls and preferences tabs through GraphQL."""

from datetime import UTC, datetime, timedelta

import httpx

from tests.conftest import make_viewer, run_graphql, token_for

CREATE_CONTACT = """
mutation ($input: CreateContactInput!) {
  createContact(input: $input) { contact { id } userErrors { code } }
}
"""
DELETE_CONTACT = "mutation ($id: ID!) { deleteContact(id: $id) { deletedContactId } }"
ADD_NOTE = """
mutation ($input: AddNoteInput!) {
  addNote(input: $input) {
    note { id contactId body author isPinned createdAt updatedAt }
    userErrors { field code message }
  }
}
"""
EDIT_NOTE = """
mutation ($input: EditNoteInput!) {
  editNote(input: $input) {
    note { id body isPinned }
    userErrors { field code message }
  }
}
"""
REMOVE_NOTE = """
mutation ($id: ID!) {
  removeNote(id: $id) { removedNoteId userErrors { field code message } }
}
"""
LOG_CALL = """
mutation ($input: LogCallInput!) {
  logCall(input: $input) {
    call {
      id direction startedAt durationSeconds outcome phoneNumber summary recordedBy
    }
    userErrors { field code message }
  }
}
"""
EDIT_CALL = """
mutation ($input: EditCallInput!) {
  editCall(input: $input) {
    call { id outcome summary durationSeconds }
    userErrors { field code message }
  }
}
"""
REMOVE_CALL = """
mutation ($id: ID!) {
  removeCall(id: $id) { removedCallId userErrors { field code message } }
}
"""
SET_PREFERENCES = """
mutation ($input: SetPreferencesInput!) {
  setPreferences(input: $input) {
    preferences { channels language quietHoursStart quietHoursEnd timeZone }
    userErrors { field code message }
  }
}
"""
TABS = """
query ($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
  contact(id: $id) {
    notes(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      edges { cursor node { id body isPinned } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
    calls(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      edges { cursor node { id startedAt outcome } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
    preferences { channels language quietHoursStart quietHoursEnd timeZone updatedAt }
  }
}
"""
CALLS = """
query ($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
  contact(id: $id) {
    calls(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      edges { cursor node { id startedAt outcome } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
}
"""
MISSING_ID = "00000000-0000-4000-8000-000000000000"
AN_HOUR_AGO = (datetime.now(UTC) - timedelta(hours=1)).isoformat()


async def _contact(graphql, name="Ada"):
    data = await graphql(CREATE_CONTACT, {"input": {"givenName": name}})
    return data["createContact"]["contact"]["id"]


async def _tabs(graphql, contact_id, **page):
    data = await graphql(TABS, {"id": contact_id, **page})
    return data["contact"]


async def _calls(graphql, contact_id, **page):
    data = await graphql(CALLS, {"id": contact_id, **page})
    return data["contact"]["calls"]


def _call(contact_id, minutes_ago, **fields):
    started = datetime.now(UTC) - timedelta(minutes=minutes_ago)
    return {
        "contactId": contact_id,
        "direction": "OUTBOUND",
        "startedAt": started.isoformat(),
        "outcome": "ANSWERED",
        **fields,
    }


async def test_a_contact_opens_with_empty_tabs(graphql) -> None:
    contact_id = await _contact(graphql)

    tabs = await _tabs(graphql, contact_id)

    assert tabs["notes"]["totalCount"] == 0
    assert tabs["calls"]["edges"] == []
    assert tabs["preferences"] == {
        "channels": [],
        "language": None,
        "quietHoursStart": None,
        "quietHoursEnd": None,
        "timeZone": None,
        "updatedAt": None,
    }


async def test_notes_are_added_edited_and_removed(graphql, viewer) -> None:
    contact_id = await _contact(graphql)

    added = (
        await graphql(
            ADD_NOTE, {"input": {"contactId": contact_id, "body": "Line one\nTwo"}}
        )
    )["addNote"]
    note_id = added["note"]["id"]
    edited = (await graphql(EDIT_NOTE, {"input": {"id": note_id, "isPinned": True}}))[
        "editNote"
    ]
    tabs = await _tabs(graphql, contact_id)
    removed = (await graphql(REMOVE_NOTE, {"id": note_id}))["removeNote"]

    assert added["userErrors"] == []
    assert added["note"]["author"] == viewer.actor
    assert added["note"]["body"] == "Line one\nTwo"
    assert edited["note"] == {"id": note_id, "body": "Line one\nTwo", "isPinned": True}
    assert tabs["notes"]["totalCount"] == 1
    assert removed == {"removedNoteId": note_id, "userErrors": []}
    assert (await _tabs(graphql, contact_id))["notes"]["totalCount"] == 0


async def test_a_bad_note_names_its_field_and_stores_nothing(graphql) -> None:
    contact_id = await _contact(graphql)

    too_long = await graphql(
        ADD_NOTE, {"input": {"contactId": contact_id, "body": "x" * 10_001}}
    )
    blank = await graphql(ADD_NOTE, {"input": {"contactId": contact_id, "body": " "}})
    nobody = await graphql(ADD_NOTE, {"input": {"contactId": MISSING_ID, "body": "Hi"}})
    not_an_id = await graphql(ADD_NOTE, {"input": {"contactId": "x", "body": "Hi"}})
    no_note = await graphql(EDIT_NOTE, {"input": {"id": MISSING_ID, "body": "Hi"}})
    gone = await graphql(REMOVE_NOTE, {"id": MISSING_ID})

    def first_error(data, field):
        error = data[field]["userErrors"][0]
        return error["field"], error["code"]

    assert first_error(too_long, "addNote") == ("body", "TOO_LONG")
    assert first_error(blank, "addNote") == ("body", "REQUIRED")
    assert first_error(nobody, "addNote") == ("contactId", "NOT_FOUND")
    assert first_error(not_an_id, "addNote") == ("contactId", "INVALID")
    assert first_error(no_note, "editNote") == ("id", "NOT_FOUND")
    assert first_error(gone, "removeNote") == ("id", "NOT_FOUND")
    assert too_long["addNote"]["note"] is None
    assert (await _tabs(graphql, contact_id))["notes"]["totalCount"] == 0


async def test_a_deleted_contact_takes_no_notes(graphql) -> None:
    contact_id = await _contact(graphql)
    await graphql(DELETE_CONTACT, {"id": contact_id})

    data = await graphql(ADD_NOTE, {"input": {"contactId": contact_id, "body": "Hi"}})

    assert data["addNote"]["userErrors"][0]["code"] == "NOT_FOUND"


async def test_calls_page_latest_first_with_keyset_cursors(graphql) -> None:
    contact_id = await _contact(graphql)
    ids = []
    for minutes_ago in (50, 40, 30, 20, 10):
        data = await graphql(LOG_CALL, {"input": _call(contact_id, minutes_ago)})
        ids.append(data["logCall"]["call"]["id"])
    newest_first = ids[::-1]

    first = await _calls(graphql, contact_id, first=2)
    second = await _calls(
        graphql, contact_id, first=2, after=first["pageInfo"]["endCursor"]
    )
    back = await _calls(
        graphql, contact_id, last=2, before=second["pageInfo"]["startCursor"]
    )

    assert first["totalCount"] == 5
    assert [e["node"]["id"] for e in first["edges"]] == newest_first[:2]
    assert first["pageInfo"]["hasNextPage"] is True
    assert [e["node"]["id"] for e in second["edges"]] == newest_first[2:4]
    assert second["pageInfo"]["hasPreviousPage"] is True
    assert [e["node"]["id"] for e in back["edges"]] == newest_first[:2]


async def test_a_call_in_the_future_or_without_a_zone_is_refused(graphql) -> None:
    contact_id = await _contact(graphql)
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()

    ahead = await graphql(LOG_CALL, {"input": _call(contact_id, 0, startedAt=future)})
    naive = await graphql(
        LOG_CALL, {"input": _call(contact_id, 0, startedAt="2024-05-01T09:00:00")}
    )
    several = await graphql(
        LOG_CALL,
        {"input": _call(contact_id, 5, durationSeconds=90_000, phoneNumber="1" * 65)},
    )

    assert ahead["logCall"]["userErrors"][0]["code"] == "IN_FUTURE"
    assert naive["logCall"]["userErrors"][0]["field"] == "startedAt"
    assert {(e["field"], e["code"]) for e in several["logCall"]["userErrors"]} == {
        ("durationSeconds", "OUT_OF_RANGE"),
        ("phoneNumber", "TOO_LONG"),
    }
    assert (await _tabs(graphql, contact_id))["calls"]["totalCount"] == 0


async def test_a_call_is_edited_and_removed(graphql) -> None:
    contact_id = await _contact(graphql)
    logged = await graphql(
        LOG_CALL, {"input": _call(contact_id, 5, summary="Left a message")}
    )
    call_id = logged["logCall"]["call"]["id"]

    edited = await graphql(
        EDIT_CALL, {"input": {"id": call_id, "outcome": "VOICEMAIL", "summary": None}}
    )
    removed = await graphql(REMOVE_CALL, {"id": call_id})

    assert logged["logCall"]["call"]["durationSeconds"] == 0
    assert edited["editCall"]["call"] == {
        "id": call_id,
        "outcome": "VOICEMAIL",
        "summary": None,
        "durationSeconds": 0,
    }
    assert removed["removeCall"] == {"removedCallId": call_id, "userErrors": []}


async def test_preferences_are_set_and_read_back(graphql) -> None:
    contact_id = await _contact(graphql)

    data = await graphql(
        SET_PREFERENCES,
        {
            "input": {
                "contactId": contact_id,
                "channels": ["SMS", "EMAIL"],
                "language": "pt_br",
                "quietHoursStart": "22:00:00",
                "quietHoursEnd": "07:00:00",
                "timeZone": "America/Sao_Paulo",
            }
        },
    )
    partial = await graphql(
        SET_PREFERENCES, {"input": {"contactId": contact_id, "channels": ["POST"]}}
    )

    expected = {
        "channels": ["EMAIL", "SMS"],
        "language": "pt-BR",
        "quietHoursStart": "22:00:00",
        "quietHoursEnd": "07:00:00",
        "timeZone": "America/Sao_Paulo",
    }
    assert data["setPreferences"] == {"preferences": expected, "userErrors": []}
    assert partial["setPreferences"]["preferences"] == {
        **expected,
        "channels": ["POST"],
    }
    tabs = await _tabs(graphql, contact_id)
    assert tabs["preferences"]["channels"] == ["POST"]


async def test_bad_preferences_change_nothing(graphql) -> None:
    contact_id = await _contact(graphql)
    await graphql(
        SET_PREFERENCES, {"input": {"contactId": contact_id, "language": "en"}}
    )

    data = await graphql(
        SET_PREFERENCES,
        {
            "input": {
                "contactId": contact_id,
                "language": "fr",
                "quietHoursEnd": "07:00:00",
                "timeZone": "Nowhere/Special",
            }
        },
    )

    assert {(e["field"], e["code"]) for e in data["setPreferences"]["userErrors"]} == {
        ("quietHoursStart", "REQUIRED"),
        ("timeZone", "INVALID"),
    }
    assert (await _tabs(graphql, contact_id))["preferences"]["language"] == "en"


async def test_another_tenant_cannot_read_or_change_the_tabs(
    app, graphql, other_viewer
) -> None:
    contact_id = await _contact(graphql)
    note = await graphql(ADD_NOTE, {"input": {"contactId": contact_id, "body": "Ours"}})
    note_id = note["addNote"]["note"]["id"]
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {token_for(other_viewer)}"}

    async with httpx.AsyncClient(
        transport=transport, base_url="http://test", headers=headers
    ) as http:
        read = await run_graphql(http, TABS, {"id": contact_id})
        edit = await run_graphql(
            http, EDIT_NOTE, {"input": {"id": note_id, "body": "Theirs"}}
        )
        add = await run_graphql(
            http, ADD_NOTE, {"input": {"contactId": contact_id, "body": "Theirs"}}
        )

    assert read["data"]["contact"] is None
    assert edit["data"]["editNote"]["userErrors"][0]["code"] == "NOT_FOUND"
    assert add["data"]["addNote"]["userErrors"][0]["code"] == "NOT_FOUND"
    tabs = await _tabs(graphql, contact_id)
    assert [e["node"]["body"] for e in tabs["notes"]["edges"]] == ["Ours"]


async def test_writing_needs_contacts_write(app, engine, graphql) -> None:
    contact_id = await _contact(graphql)
    reader = await make_viewer(engine, permissions=frozenset({"contacts:read"}))
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {token_for(reader)}"}

    async with httpx.AsyncClient(
        transport=transport, base_url="http://test", headers=headers
    ) as http:
        body = await run_graphql(
            http, ADD_NOTE, {"input": {"contactId": contact_id, "body": "Hi"}}
        )

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
