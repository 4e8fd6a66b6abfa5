"""Limits of contact input: each value PostgreSQL or JSON cannot take is refused.

Every test sends the bad value itself and checks that nothing was stored.
"""

import json

import pytest
from sqlalchemy import func, select

from contacts_graph.contacts.models import ConsentEvent, ContactExternalId
from tests.contacts.test_mutations import (
    CREATE_CONTACT,
    SET_MARKETING_CONSENT,
    UPDATE_CONTACT,
)

CONTACT_IDS = "{ contacts { totalCount } }"

CONTACT_POINTS = """
query ContactPoints($id: ID!) {
  contact(id: $id) {
    email emails phone phoneE164 phones { number e164 isPrimary } customFields
    consentMarketing consentTimestamp
  }
}
"""

UPDATE_POINTS = """
mutation UpdateContact($input: UpdateContactInput!) {
  updateContact(input: $input) {
    contact { id email emails phone phones { number e164 } customFields }
    userErrors { field code message }
  }
}
"""

BULK_UPDATE_CONTACTS = """
mutation BulkUpdateContacts($target: BulkTarget!, $input: BulkUpdateInput!) {
  bulkUpdateContacts(target: $target, input: $input) {
    results { contactId status }
    userErrors { field code message }
  }
}
"""

ROLES = "query Roles($id: ID!) { contact(id: $id) { role roles } }"


def problems(payload):
    return [(e["field"], e["code"]) for e in payload["userErrors"]]


async def create(graphql, **fields):
    return (await graphql(CREATE_CONTACT, {"input": fields}))["createContact"]


async def created_id(graphql, **fields):
    payload = await create(graphql, **fields)
    assert payload["userErrors"] == []
    return payload["contact"]["id"]


async def contact_count(graphql):
    return (await graphql(CONTACT_IDS))["contacts"]["totalCount"]


async def points(graphql, contact_id):
    return (await graphql(CONTACT_POINTS, {"id": contact_id}))["contact"]


async def count_rows(session, model):
    return await session.scalar(select(func.count()).select_from(model))


# createContact: external ids


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"externalSource": "s" * 64, "externalId": "1"},
            [("externalSource", "TOO_LONG")],
        ),
        (
            {"externalSource": "crm", "externalId": "x" * 256},
            [("externalId", "TOO_LONG")],
        ),
        (
            {"externalSource": "s" * 64, "externalId": "x" * 256},
            [("externalSource", "TOO_LONG"), ("externalId", "TOO_LONG")],
        ),
    ],
)
async def test_an_external_id_longer_than_its_column_creates_nothing(
    graphql, session, fields, expected
):
    payload = await create(graphql, givenName="Ada", **fields)

    assert problems(payload) == expected
    assert payload["contact"] is None
    assert await contact_count(graphql) == 0
    assert await count_rows(session, ContactExternalId) == 0


async def test_an_external_id_at_its_column_width_is_kept(graphql):
    payload = await create(
        graphql, givenName="Ada", externalSource="s" * 63, externalId="x" * 255
    )

    assert payload["userErrors"] == []
    assert payload["contact"]["externalIds"] == [
        {"source": "s" * 63, "externalId": "x" * 255}
    ]


# setMarketingConsent


async def _consent(graphql, contact_id, **fields):
    data = await graphql(
        SET_MARKETING_CONSENT,
        {"input": {"contactId": contact_id, "granted": True, **fields}},
    )
    return data["setMarketingConsent"]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"source": "w" * 64}, [("source", "TOO_LONG")]),
        ({"legalBasis": "b" * 64}, [("legalBasis", "TOO_LONG")]),
        ({"source": "   "}, [("source", "REQUIRED")]),
        ({"legalBasis": ""}, [("legalBasis", "REQUIRED")]),
        (
            {"source": "", "legalBasis": "b" * 64},
            [("source", "REQUIRED"), ("legalBasis", "TOO_LONG")],
        ),
        ({"effectiveAt": "2020-01-01T00:00:00"}, [("effectiveAt", "INVALID")]),
        (
            {"effectiveAt": "0001-01-01T00:00:00+14:00"},
            [("effectiveAt", "OUT_OF_RANGE")],
        ),
        ({"effectiveAt": "1969-12-31T23:59:59Z"}, [("effectiveAt", "OUT_OF_RANGE")]),
    ],
)
async def test_a_bad_consent_event_records_nothing(graphql, session, fields, expected):
    contact_id = await created_id(graphql, givenName="Ada")

    payload = await _consent(graphql, contact_id, **fields)

    assert problems(payload) == expected
    assert payload["contact"] is None
    stored = await points(graphql, contact_id)
    assert (stored["consentMarketing"], stored["consentTimestamp"]) == (False, None)
    assert await count_rows(session, ConsentEvent) == 0


async def test_a_naive_effective_time_is_refused_with_an_example(graphql):
    contact_id = await created_id(graphql, givenName="Ada")

    payload = await _consent(graphql, contact_id, effectiveAt="2020-01-01T00:00:00")

    assert payload["userErrors"] == [
        {
            "field": "effectiveAt",
            "code": "INVALID",
            "message": "effectiveAt needs a time zone, e.g. 2024-05-01T09:00:00Z.",
        }
    ]


async def test_consent_source_and_basis_are_stored_trimmed(graphql, session):
    contact_id = await created_id(graphql, givenName="Ada")

    payload = await _consent(
        graphql,
        contact_id,
        source=" web form ",
        legalBasis=" consent ",
        effectiveAt="1970-01-01T00:00:00Z",
    )

    assert payload["userErrors"] == []
    event = await session.scalar(select(ConsentEvent))
    assert (event.source, event.legal_basis) == ("web form", "consent")


# customFields


async def _post_raw(client, body: str):
    response = await client.post(
        "/graphql", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


def _create_body(custom_fields_json: str) -> str:
    query = json.dumps(CREATE_CONTACT)
    return (
        f'{{"query": {query}, "variables": {{"input": '
        f'{{"givenName": "Ada", "customFields": {custom_fields_json}}}}}}}'
    )


@pytest.mark.parametrize(
    "custom_fields",
    [
        '{"big": 18446744073709551616}',
        '{"big": -9223372036854775809}',
        '{"big": 9223372036854775808}',
        '{"nested": {"list": [1, 2, 18446744073709551616]}}',
        '{"nan": NaN}',
        '{"inf": Infinity}',
        '{"minus_inf": -Infinity}',
        '{"huge": 1e400}',
        '{"large": 1.5e300}',
        '{"large": -1e19}',
    ],
)
async def test_custom_fields_with_a_number_json_cannot_store_create_nothing(
    client, graphql, custom_fields
):
    data = await _post_raw(client, _create_body(custom_fields))

    payload = data["createContact"]
    assert problems(payload) == [("customFields", "INVALID")]
    assert payload["userErrors"][0]["message"].startswith(
        "customFields holds a number JSON cannot store"
    )
    assert await contact_count(graphql) == 0


async def test_custom_fields_keep_the_largest_64_bit_numbers(client, graphql):
    data = await _post_raw(
        client,
        _create_body(
            '{"max": 9223372036854775807, "min": -9223372036854775808, '
            '"f": 1.5e18, "g": -2.5e-300}'
        ),
    )

    payload = data["createContact"]
    assert payload["userErrors"] == []
    stored = await points(graphql, payload["contact"]["id"])
    assert stored["customFields"] == {
        "max": 9223372036854775807,
        "min": -9223372036854775808,
        "f": 1500000000000000000,
        "g": -2.5e-300,
    }


async def test_custom_fields_nested_deeper_than_json_is_written_is_refused(graphql):
    deep: dict = {}
    for _ in range(300):
        deep = {"a": deep}

    payload = await create(graphql, givenName="Ada", customFields=deep)

    assert problems(payload) == [("customFields", "INVALID")]
    assert await contact_count(graphql) == 0


async def test_update_with_an_unstorable_number_leaves_custom_fields_alone(
    client, graphql
):
    contact_id = await created_id(graphql, givenName="Ada", customFields={"a": 1})
    query = json.dumps(UPDATE_POINTS)
    body = (
        f'{{"query": {query}, "variables": {{"input": '
        f'{{"id": "{contact_id}", "customFields": {{"a": NaN}}}}}}}}'
    )

    data = await _post_raw(client, body)

    assert problems(data["updateContact"]) == [("customFields", "INVALID")]
    assert (await points(graphql, contact_id))["customFields"] == {"a": 1}


# emails and phones: repeats and caps


async def test_a_further_email_equal_to_the_primary_is_stored_once(graphql):
    contact_id = await created_id(
        graphql,
        email="dupe@example.com",
        emails=["DUPE@example.com", "other@example.com", "Other@Example.com"],
    )

    stored = await points(graphql, contact_id)
    assert (stored["email"], stored["emails"]) == (
        "dupe@example.com",
        ["dupe@example.com", "other@example.com"],
    )


async def test_update_drops_a_further_email_equal_to_the_primary(graphql):
    contact_id = await created_id(graphql, email="dupe@example.com")

    data = await graphql(
        UPDATE_POINTS,
        {
            "input": {
                "id": contact_id,
                "emails": [" Dupe@Example.com ", "b@example.com"],
            }
        },
    )

    assert data["updateContact"]["userErrors"] == []
    stored = await points(graphql, contact_id)
    assert stored["emails"] == ["dupe@example.com", "b@example.com"]


async def test_update_making_a_further_email_primary_keeps_it_once(graphql):
    contact_id = await created_id(
        graphql, email="a@example.com", emails=["b@example.com"]
    )

    await graphql(
        UPDATE_POINTS, {"input": {"id": contact_id, "email": "b@example.com"}}
    )

    stored = await points(graphql, contact_id)
    assert (stored["email"], stored["emails"]) == ("b@example.com", ["b@example.com"])


async def test_further_phones_repeating_the_primary_or_each_other_are_dropped(graphql):
    contact_id = await created_id(
        graphql,
        givenName="Ada",
        phone="+1 212 456 7890",
        phones=["(212) 456-7890", "+44 7911 123456", "+447911123456", "12-34", "1234"],
    )

    stored = await points(graphql, contact_id)
    assert stored["phone"] == "+1 212 456 7890"
    assert [(p["number"], p["e164"]) for p in stored["phones"][1:]] == [
        ("+44 7911 123456", "+447911123456"),
        ("12-34", None),
    ]


async def test_update_drops_a_further_phone_equal_to_the_stored_primary(graphql):
    contact_id = await created_id(graphql, givenName="Ada", phone="+1 212 456 7890")

    data = await graphql(
        UPDATE_POINTS,
        {"input": {"id": contact_id, "phones": ["(212) 456-7890", "+44 7911 123456"]}},
    )

    assert data["updateContact"]["userErrors"] == []
    assert [p["number"] for p in data["updateContact"]["contact"]["phones"]] == [
        "+1 212 456 7890",
        "+44 7911 123456",
    ]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"emails": [f"p{n}@example.com" for n in range(21)]}, "emails"),
        ({"phones": [f"+44 20 7946 {n:04d}" for n in range(21)]}, "phones"),
    ],
)
async def test_more_than_twenty_further_emails_or_phones_create_nothing(
    graphql, fields, field
):
    payload = await create(graphql, givenName="Ada", **fields)

    assert problems(payload) == [(field, "TOO_MANY")]
    assert await contact_count(graphql) == 0


async def test_more_than_twenty_further_emails_leave_an_update_unapplied(graphql):
    contact_id = await created_id(graphql, email="a@example.com", emails=["b@x.org"])

    data = await graphql(
        UPDATE_CONTACT,
        {
            "input": {
                "id": contact_id,
                "givenName": "Eve",
                "emails": [f"p{n}@example.com" for n in range(21)],
            }
        },
    )

    assert problems(data["updateContact"]) == [("emails", "TOO_MANY")]
    stored = await points(graphql, contact_id)
    assert stored["emails"] == ["a@example.com", "b@x.org"]


async def test_twenty_further_emails_are_kept(graphql):
    emails = [f"p{n}@example.com" for n in range(20)]

    contact_id = await created_id(graphql, email="a@example.com", emails=emails)

    assert (await points(graphql, contact_id))["emails"] == ["a@example.com", *emails]


# bulkUpdateContacts


async def test_bulk_update_setting_and_removing_one_primary_role_changes_nobody(
    graphql,
):
    ada = await created_id(graphql, givenName="Ada", role="CLIENT", roles=["GUEST"])

    data = await graphql(
        BULK_UPDATE_CONTACTS,
        {
            "target": {"ids": [ada]},
            "input": {"role": "GUEST", "removeRoles": ["GUEST"], "locale": "de"},
        },
    )

    payload = data["bulkUpdateContacts"]
    assert problems(payload) == [("removeRoles", "INVALID")]
    assert payload["results"] == []
    stored = (await graphql(ROLES, {"id": ada}))["contact"]
    assert (stored["role"], stored["roles"]) == ("CLIENT", ["CLIENT", "GUEST"])


async def test_bulk_update_reports_bad_fields_and_role_lists_together(graphql):
    ada = await created_id(graphql, givenName="Ada")

    data = await graphql(
        BULK_UPDATE_CONTACTS,
        {
            "target": {"ids": [ada]},
            "input": {
                "email": "not-an-email",
                "addRoles": ["GUEST"],
                "removeRoles": ["GUEST"],
            },
        },
    )

    assert problems(data["bulkUpdateContacts"]) == [
        ("email", "INVALID_EMAIL"),
        ("removeRoles", "INVALID"),
    ]
