"""Input rules of the contact record: each bad value is refused by name."""

import asyncio

import pytest

from tests.conftest import run_graphql
from tests.contacts.test_mutations import CREATE_CONTACT, UPDATE_CONTACT

CONTACTS = "{ contacts { totalCount edges { node { displayName customFields } } } }"


async def create(graphql, **fields):
    return (await graphql(CREATE_CONTACT, {"input": fields}))["createContact"]


def problems(payload):
    return [(e["field"], e["code"]) for e in payload["userErrors"]]


async def test_an_external_id_in_use_is_refused_and_nothing_is_created(graphql):
    first = await create(
        graphql, givenName="Ada", externalSource="hubspot", externalId="hs-1"
    )

    second = await create(
        graphql, givenName="Eve", externalSource="HubSpot", externalId="hs-1"
    )

    assert first["userErrors"] == []
    assert problems(second) == [("externalId", "DUPLICATE_EXTERNAL_ID")]
    assert second["contact"] is None
    assert (await graphql(CONTACTS))["contacts"]["totalCount"] == 1


async def test_concurrent_creates_with_one_external_id_create_one_contact(
    client, graphql
):
    payloads = await asyncio.gather(
        *(
            run_graphql(
                client,
                CREATE_CONTACT,
                {
                    "input": {
                        "givenName": f"P{n}",
                        "externalSource": "crm",
                        "externalId": "x",
                    }
                },
            )
            for n in range(6)
        )
    )

    created = [p for p in payloads if p["data"]["createContact"]["contact"]]
    refused = [
        p["data"]["createContact"]["userErrors"] for p in payloads if p not in created
    ]
    assert all("errors" not in p for p in payloads)
    assert len(created) == 1
    assert all(
        e
        == [
            {
                "field": "externalId",
                "code": "DUPLICATE_EXTERNAL_ID",
                "message": "Another contact already has this id in crm.",
            }
        ]
        for e in refused
    )
    assert (await graphql(CONTACTS))["contacts"]["totalCount"] == 1


@pytest.mark.parametrize(
    ("born", "code"), [("2999-01-01", "IN_FUTURE"), ("0001-01-01", "OUT_OF_RANGE")]
)
async def test_an_impossible_date_of_birth_is_refused(graphql, born, code):
    payload = await create(graphql, givenName="Ada", dateOfBirth=born)

    assert problems(payload) == [("dateOfBirth", code)]


async def test_control_and_invisible_characters_are_dropped_from_names(graphql):
    payload = await create(graphql, givenName="Ada\t\u200b", familyName="Love\nlace")

    assert payload["contact"]["displayName"] == "Ada Lovelace"


async def test_a_name_of_invisible_characters_only_is_no_name(graphql):
    payload = await create(graphql, givenName="\u200b\u200d")

    assert problems(payload) == [("displayName", "REQUIRED")]


async def test_a_locale_is_normalised_or_refused(graphql):
    good = await create(graphql, givenName="Ada", locale="en_gb")
    bad = await create(graphql, givenName="Eve", locale="not a locale!!")

    contact_id = good["contact"]["id"]
    updated = await graphql(
        UPDATE_CONTACT, {"input": {"id": contact_id, "locale": "fr"}}
    )
    assert updated["updateContact"]["contact"]["locale"] == "fr"
    assert problems(bad) == [("locale", "INVALID_LOCALE")]


async def test_custom_fields_over_16_kib_are_refused_and_the_stored_ones_stay(graphql):
    created = await create(
        graphql, givenName="Ada", customFields={"website": "a.example"}
    )

    update = await graphql(
        UPDATE_CONTACT,
        {
            "input": {
                "id": created["contact"]["id"],
                "customFields": {"big": "x" * 20_000},
            }
        },
    )

    assert problems(update["updateContact"]) == [("customFields", "TOO_LONG")]
    stored = (await graphql(CONTACTS))["contacts"]["edges"][0]["node"]
    assert stored["customFields"] == {"website": "a.example"}


async def test_a_bulk_target_with_ids_and_a_filter_is_refused(graphql):
    data = await graphql(
        """
        mutation ($target: BulkTarget!) {
          bulkDeleteContacts(target: $target) { userErrors { field code } }
        }
        """,
        {"target": {"ids": [], "filter": {"role": "CLIENT"}}},
    )

    assert data["bulkDeleteContacts"]["userErrors"] == [
        {"field": "target", "code": "INVALID"}
    ]


async def test_a_page_size_error_names_the_argument(client):
    body = await run_graphql(client, "{ contacts(last: 500) { totalCount } }")

    assert body["errors"][0]["message"].startswith("last takes 0 to 200")
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_role_both_added_and_removed_in_bulk_is_refused(graphql):
    created = await create(graphql, givenName="Ada", role="CLIENT")

    data = await graphql(
        """
        mutation ($target: BulkTarget!, $input: BulkUpdateInput!) {
          bulkUpdateContacts(target: $target, input: $input) {
            changedCount userErrors { field code }
          }
        }
        """,
        {
            "target": {"ids": [created["contact"]["id"]]},
            "input": {"addRoles": ["GUEST"], "removeRoles": ["GUEST"]},
        },
    )

    assert data["bulkUpdateContacts"] == {
        "changedCount": 0,
        "userErrors": [{"field": "removeRoles", "code": "INVALID"}],
    }


async def test_a_tag_named_by_id_and_name_at_once_is_refused(graphql):
    created = await create(graphql, givenName="Ada")
    tag = await graphql('mutation { createTag(name: "vip") { tag { id } } }')

    data = await graphql(
        """
        mutation ($input: TagContactInput!) {
          tagContact(input: $input) { changed userErrors { field code } }
        }
        """,
        {
            "input": {
                "contactId": created["contact"]["id"],
                "tagId": tag["createTag"]["tag"]["id"],
                "tagName": "other",
            }
        },
    )

    assert data["tagContact"] == {
        "changed": False,
        "userErrors": [{"field": "tagName", "code": "INVALID"}],
    }


async def test_updating_an_unknown_organization_names_the_id_field(graphql):
    data = await graphql(
        """
        mutation ($input: UpdateOrganizationInput!) {
          updateOrganization(input: $input) { userErrors { field code } }
        }
        """,
        {"input": {"id": "00000000-0000-4000-8000-000000000000", "notes": "x"}},
    )

    assert data["updateOrganization"]["userErrors"] == [
        {"field": "id", "code": "NOT_FOUND"}
    ]
