"""Import limits: an over-long source, and a file with a header but no rows."""

import pytest
from sqlalchemy import func, select

from contacts_graph.contacts.models import ConsentEvent, ContactExternalId
from contacts_graph.errors import ValidationFailed
from contacts_graph.imports import service
from tests.imports.test_import_service import CONTACTS, _upload

IMPORT_WITH_SOURCE = """
mutation ImportContacts($fileId: ID!, $source: String!) {
  importContacts(fileId: $fileId, source: $source) {
    createdCount
    rejectedCount
    rows { line status problems { field code } }
    fileProblems { line column field code message }
    userErrors { field code message }
  }
}
"""

ROWS_CSV = (
    b"Customer Id,First Name,Email,Marketing Consent\nA1,Ada,ada@example.com,yes\n"
)


async def _import(graphql, file_id, source):
    data = await graphql(IMPORT_WITH_SOURCE, {"fileId": file_id, "source": source})
    return data["importContacts"]


async def _count(session, model):
    return await session.scalar(select(func.count()).select_from(model))


async def test_an_import_source_too_long_to_record_reads_nothing(
    client, graphql, session
):
    file_id = await _upload(client, ROWS_CSV)

    payload = await _import(graphql, file_id, "s" * (service.MAX_SOURCE + 1))

    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        ("source", "TOO_LONG")
    ]
    assert (payload["rows"], payload["fileProblems"]) == ([], [])
    assert (await graphql(CONTACTS, {"first": 1}))["contacts"]["totalCount"] == 0
    assert await _count(session, ContactExternalId) == 0
    assert await _count(session, ConsentEvent) == 0


async def test_an_import_source_of_the_longest_length_records_consent(
    client, graphql, session
):
    source = "s" * service.MAX_SOURCE
    file_id = await _upload(client, ROWS_CSV)

    payload = await _import(graphql, file_id, source.upper())

    assert payload["userErrors"] == []
    assert payload["createdCount"] == 1
    event = await session.scalar(select(ConsentEvent))
    assert event.source == f"import:{source}"
    assert await session.scalar(select(ContactExternalId.source)) == source


async def test_the_source_is_refused_before_the_file_is_read(session, viewer):
    # Not even CSV: a file problem would show the file had been read.
    with pytest.raises(ValidationFailed) as failure:
        await service.import_csv(
            session, viewer, b"\x00\x01", source="s" * 100, region="US"
        )

    assert [(e.field, e.code) for e in failure.value.errors] == [("source", "TOO_LONG")]


async def test_a_file_with_a_header_and_no_rows_reports_no_rows(client, graphql):
    file_id = await _upload(client, b"Customer Id,First Name,Email\n\n  ,  ,\n")

    payload = await _import(graphql, file_id, "csv")

    assert payload["rows"] == []
    assert payload["fileProblems"] == [
        {
            "line": 1,
            "column": None,
            "field": "file",
            "code": "NO_ROWS",
            "message": "The file has a header but no rows.",
        }
    ]
    assert (await graphql(CONTACTS, {"first": 1}))["contacts"]["totalCount"] == 0


async def test_a_file_whose_rows_are_all_rejected_reports_no_file_problem(
    client, graphql
):
    file_id = await _upload(client, b"First Name,Email\n,not-an-email\n")

    payload = await _import(graphql, file_id, "csv")

    assert [r["status"] for r in payload["rows"]] == ["REJECTED"]
    assert payload["fileProblems"] == []


async def test_a_row_with_an_over_long_customer_id_is_rejected_alone(
    client, graphql, session
):
    file_id = await _upload(
        client,
        b"Customer Id,First Name\n" + b"x" * 256 + b",Ada\nB2,Grace\n",
    )

    payload = await _import(graphql, file_id, "csv")

    assert [(r["line"], r["status"]) for r in payload["rows"]] == [
        (2, "REJECTED"),
        (3, "CREATED"),
    ]
    assert payload["rows"][0]["problems"] == [
        {"field": "externalId", "code": "TOO_LONG"}
    ]
    assert await _count(session, ContactExternalId) == 1
