"""Bulk mutations: update, tag, untag and delete many contacts at once."""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from contacts_graph.app import create_app
from contacts_graph.settings import Settings
from tests.conftest import run_graphql, token_for

CREATE_CONTACT = """
mutation CreateContact($input: CreateContactInput!) {
  createContact(input: $input) {
    contact { id }
    userErrors { field code message }
  }
}
"""

BULK_UPDATE_CONTACTS = """
mutation BulkUpdateContacts($target: BulkTarget!, $input: BulkUpdateInput!) {
  bulkUpdateContacts(target: $target, input: $input) {
    results { contactId status changedFields errors { field code message } }
    changedCount
    failedCount
    userErrors { field code message }
  }
}
"""

BULK_TAG_CONTACTS = """
mutation BulkTagContacts($target: BulkTarget!, $tagId: ID, $tagName: String) {
  bulkTagContacts(target: $target, tagId: $tagId, tagName: $tagName) {
    results { contactId status changedFields }
    changedCount
    failedCount
    userErrors { field code message }
  }
}
"""

BULK_UNTAG_CONTACTS = """
mutation BulkUntagContacts($target: BulkTarget!, $tagId: ID, $tagName: String) {
  bulkUntagContacts(target: $target, tagId: $tagId, tagName: $tagName) {
    results { contactId status changedFields }
    changedCount
    failedCount
    userErrors { field code message }
  }
}
"""

BULK_DELETE_CONTACTS = """
mutation BulkDeleteContacts($target: BulkTarget!) {
  bulkDeleteContacts(target: $target) {
    results { contactId status changedFields errors { field code } }
    changedCount
    failedCount
    userErrors { field code message }
  }
}
"""

CONTACT = """
query Contact($id: ID!) {
  contact(id: $id) { id displayName givenName email role roles locale tags { name } }
}
"""

CONTACTS = """
query Contacts($filter: ContactFilter) {
  contacts(filter: $filter, first: 50) { totalCount edges { node { id displayName } } }
}
"""

MISSING_ID = "00000000-0000-4000-8000-000000000000"


@pytest.fixture
async def small_limit_client(
    settings: Settings, viewer: Any
) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an app that lets one bulk operation take two contacts."""
    application = create_app(settings.model_copy(update={"bulk_limit": 2}))
    headers = {"Authorization": f"Bearer {token_for(viewer)}"}
    transport = httpx.ASGITransport(app=application)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://test", headers=headers
    ) as http:
        yield http
    await application.state.services.engine.dispose()


async def _create(graphql, **fields):
    data = await graphql(CREATE_CONTACT, {"input": fields})
    assert data["createContact"]["userErrors"] == []
    return data["createContact"]["contact"]["id"]


async def _contact(graphql, contact_id):
    return (await graphql(CONTACT, {"id": contact_id}))["contact"]


def _by_id(results):
    return {r["contactId"]: r for r in results}


# bulkUpdateContacts by ids


async def test_bulk_update_sets_the_primary_role_on_each_contact(graphql):
    ada = await _create(graphql, givenName="Ada", role="PROSPECT")
    grace = await _create(graphql, givenName="Grace", role="GUEST", roles=["TENANT"])

    data = await graphql(
        BULK_UPDATE_CONTACTS,
        {"target": {"ids": [ada, grace]}, "input": {"role": "CLIENT"}},
    )

    payload = data["bulkUpdateContacts"]
    assert payload["userErrors"] == []
    assert (payload["changedCount"], payload["failedCount"]) == (2, 0)
    assert [r["contactId"] for r in payload["results"]] == [ada, grace]
    assert all(r["status"] == "CHANGED" for r in payload["results"])
    assert payload["results"][0]["changedFields"] == ["role", "roles"]
    assert (await _contact(graphql, ada))["roles"] == ["CLIENT"]
    stored = await _contact(graphql, grace)
    assert (stored["role"], stored["roles"]) == ("CLIENT", ["CLIENT", "TENANT"])


async def test_bulk_update_adds_and_removes_extra_roles(graphql):
    ada = await _create(graphql, givenName="Ada", role="CLIENT", roles=["GUEST"])
    grace = await _create(graphql, givenName="Grace", role="OWNER")

    data = await graphql(
        BULK_UPDATE_CONTACTS,
        {
            "target": {"ids": [ada, grace]},
            "input": {"addRoles": ["INVESTOR"], "removeRoles": ["GUEST"]},
        },
    )

    assert data["bulkUpdateContacts"]["changedCount"] == 2
    assert (await _contact(graphql, ada))["roles"] == ["CLIENT", "INVESTOR"]
    assert (await _contact(graphql, grace))["roles"] == ["OWNER", "INVESTOR"]


async def test_bulk_update_reports_an_unknown_id_and_changes_the_others(graphql):
    ada = await _create(graphql, givenName="Ada", role="PROSPECT")
    grace = await _create(graphql, givenName="Grace", role="PROSPECT")

    data = await graphql(
        BULK_UPDATE_CONTACTS,
        {"target": {"ids": [ada, MISSING_ID, grace]}, "input": {"role": "CLIENT"}},
    )

    payload = data["bulkUpdateContacts"]
    assert payload["userErrors"] == []
    assert (payload["changedCount"], payload["failedCount"]) == (2, 1)
    assert [r["contactId"] for r in payload["results"]] == [ada, MISSING_ID, grace]
    missing = _by_id(payload["results"])[MISSING_ID]
    assert missing["status"] == "FAILED"
    assert [(e["field"], e["code"]) for e in missing["errors"]] == [("id", "NOT_FOUND")]
    assert (await _contact(graphql, ada))["role"] == "CLIENT"
    assert (await _contact(graphql, grace))["role"] == "CLIENT"


async def test_bulk_update_reports_nothing_to_change_as_unchanged(graphql):
    ada = await _create(graphql, givenName="Ada", role="CLIENT")

    data = await graphql(
        BULK_UPDATE_CONTACTS, {"target": {"ids": [ada]}, "input": {"role": "CLIENT"}}
    )

    payload = data["bulkUpdateContacts"]
    assert payload["results"] == [
        {"contactId": ada, "status": "UNCHANGED", "changedFields": [], "errors": []}
    ]
    assert payload["changedCount"] == 0


async def test_bulk_update_never_half_applies_an_item_that_would_become_invalid(
    graphql,
):
    with_email = await _create(graphql, givenName="Ada", email="ada@example.com")
    name_only = await _create(graphql, givenName="Grace")

    data = await graphql(
        BULK_UPDATE_CONTACTS,
        {
            "target": {"ids": [with_email, name_only]},
            "input": {"givenName": None, "locale": "fr"},
        },
    )

    payload = data["bulkUpdateContacts"]
    results = _by_id(payload["results"])
    assert results[with_email]["status"] == "CHANGED"
    assert results[name_only]["status"] == "FAILED"
    assert [(e["field"], e["code"]) for e in results[name_only]["errors"]] == [
        ("displayName", "REQUIRED")
    ]
    assert (payload["changedCount"], payload["failedCount"]) == (1, 1)
    changed = await _contact(graphql, with_email)
    assert (changed["givenName"], changed["displayName"], changed["locale"]) == (
        None,
        "ada",
        "fr",
    )
    untouched = await _contact(graphql, name_only)
    assert (untouched["givenName"], untouched["displayName"], untouched["locale"]) == (
        "Grace",
        "Grace",
        None,
    )


async def test_bulk_update_cannot_remove_the_primary_role(graphql):
    ada = await _create(graphql, givenName="Ada", role="CLIENT", roles=["GUEST"])

    data = await graphql(
        BULK_UPDATE_CONTACTS,
        {
            "target": {"ids": [ada]},
            "input": {"removeRoles": ["CLIENT"], "locale": "de"},
        },
    )

    result = data["bulkUpdateContacts"]["results"][0]
    assert result["status"] == "FAILED"
    assert [(e["field"], e["code"]) for e in result["errors"]] == [
        ("removeRoles", "INVALID")
    ]
    stored = await _contact(graphql, ada)
    assert (stored["role"], stored["roles"], stored["locale"]) == (
        "CLIENT",
        ["CLIENT", "GUEST"],
        None,
    )


async def test_bulk_update_with_invalid_input_changes_nobody(graphql):
    ada = await _create(graphql, givenName="Ada", email="ada@example.com")
    grace = await _create(graphql, givenName="Grace", email="grace@example.com")

    data = await graphql(
        BULK_UPDATE_CONTACTS,
        {
            "target": {"ids": [ada, grace]},
            "input": {"email": "broken@", "locale": "fr"},
        },
    )

    payload = data["bulkUpdateContacts"]
    assert payload["results"] == []
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        ("email", "INVALID_EMAIL")
    ]
    assert (await _contact(graphql, ada))["email"] == "ada@example.com"
    assert (await _contact(graphql, grace))["locale"] is None


async def test_bulk_update_with_a_malformed_id_changes_nobody(graphql):
    ada = await _create(graphql, givenName="Ada", role="PROSPECT")

    data = await graphql(
        BULK_UPDATE_CONTACTS,
        {"target": {"ids": [ada, "not-an-id"]}, "input": {"role": "CLIENT"}},
    )

    payload = data["bulkUpdateContacts"]
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        ("target.ids[1]", "INVALID")
    ]
    assert (await _contact(graphql, ada))["role"] == "PROSPECT"


async def test_bulk_update_needs_ids_or_a_filter(graphql):
    data = await graphql(
        BULK_UPDATE_CONTACTS, {"target": {}, "input": {"role": "CLIENT"}}
    )

    payload = data["bulkUpdateContacts"]
    assert [e["code"] for e in payload["userErrors"]] == ["REQUIRED"]
    assert payload["results"] == []


# bulkUpdateContacts by filter


async def test_bulk_update_by_filter_changes_only_matching_contacts(graphql):
    guest = await _create(graphql, givenName="Guest", role="GUEST")
    extra_guest = await _create(
        graphql, givenName="Extra", role="TENANT", roles=["GUEST"]
    )
    client = await _create(graphql, givenName="Client", role="CLIENT")

    data = await graphql(
        BULK_UPDATE_CONTACTS,
        {"target": {"filter": {"role": "GUEST"}}, "input": {"addRoles": ["VENDOR"]}},
    )

    payload = data["bulkUpdateContacts"]
    assert payload["changedCount"] == 2
    assert {r["contactId"] for r in payload["results"]} == {guest, extra_guest}
    assert (await _contact(graphql, guest))["roles"] == ["GUEST", "VENDOR"]
    assert (await _contact(graphql, extra_guest))["roles"] == [
        "TENANT",
        "GUEST",
        "VENDOR",
    ]
    assert (await _contact(graphql, client))["roles"] == ["CLIENT"]


async def test_bulk_update_by_filter_over_the_limit_is_refused_with_the_count(
    small_limit_client, graphql
):
    ids = [
        await _create(graphql, givenName=f"Guest {n}", role="GUEST") for n in range(3)
    ]

    body = await run_graphql(
        small_limit_client,
        BULK_UPDATE_CONTACTS,
        {"target": {"filter": {"role": "GUEST"}}, "input": {"role": "CLIENT"}},
    )

    payload = body["data"]["bulkUpdateContacts"]
    assert payload["results"] == []
    assert payload["changedCount"] == 0
    [error] = payload["userErrors"]
    assert (error["field"], error["code"]) == ("target.filter", "TOO_MANY")
    assert "3 contacts" in error["message"]
    assert "2" in error["message"]
    for contact_id in ids:
        assert (await _contact(graphql, contact_id))["role"] == "GUEST"


async def test_bulk_update_by_filter_at_the_limit_runs(small_limit_client, graphql):
    ids = [
        await _create(graphql, givenName=f"Guest {n}", role="GUEST") for n in range(2)
    ]

    body = await run_graphql(
        small_limit_client,
        BULK_UPDATE_CONTACTS,
        {"target": {"filter": {"role": "GUEST"}}, "input": {"role": "CLIENT"}},
    )

    assert body["data"]["bulkUpdateContacts"]["changedCount"] == 2
    assert [(await _contact(graphql, i))["role"] for i in ids] == ["CLIENT", "CLIENT"]


async def test_bulk_update_with_more_ids_than_the_limit_is_refused(
    small_limit_client, graphql
):
    ids = [await _create(graphql, givenName=f"P{n}", role="GUEST") for n in range(3)]

    body = await run_graphql(
        small_limit_client,
        BULK_UPDATE_CONTACTS,
        {"target": {"ids": ids}, "input": {"role": "CLIENT"}},
    )

    [error] = body["data"]["bulkUpdateContacts"]["userErrors"]
    assert (error["field"], error["code"]) == ("target.ids", "TOO_MANY")
    assert error["message"].startswith("3 ids")
    assert (await _contact(graphql, ids[0]))["role"] == "GUEST"


async def test_bulk_delete_by_filter_over_the_limit_deletes_nothing(
    small_limit_client, graphql
):
    for n in range(3):
        await _create(graphql, givenName=f"P{n}")

    body = await run_graphql(
        small_limit_client,
        BULK_DELETE_CONTACTS,
        {"target": {"filter": {"search": "p"}}},
    )

    assert [e["code"] for e in body["data"]["bulkDeleteContacts"]["userErrors"]] == [
        "TOO_MANY"
    ]
    assert (await graphql(CONTACTS))["contacts"]["totalCount"] == 3


# bulkTagContacts and bulkUntagContacts


async def test_bulk_tag_by_name_creates_the_tag_and_tags_everyone(graphql):
    ada = await _create(graphql, givenName="Ada")
    grace = await _create(graphql, givenName="Grace")

    data = await graphql(
        BULK_TAG_CONTACTS, {"target": {"ids": [ada, grace]}, "tagName": "Newsletter"}
    )

    payload = data["bulkTagContacts"]
    assert payload["userErrors"] == []
    assert payload["changedCount"] == 2
    assert [r["changedFields"] for r in payload["results"]] == [["tags"], ["tags"]]
    tagged = await graphql(CONTACTS, {"filter": {"tag": "newsletter"}})
    assert tagged["contacts"]["totalCount"] == 2


async def test_bulk_tag_twice_leaves_tagged_contacts_unchanged(graphql):
    ada = await _create(graphql, givenName="Ada")
    grace = await _create(graphql, givenName="Grace")
    await graphql(BULK_TAG_CONTACTS, {"target": {"ids": [ada]}, "tagName": "vip"})

    data = await graphql(
        BULK_TAG_CONTACTS,
        {"target": {"ids": [ada, grace, MISSING_ID]}, "tagName": "VIP"},
    )

    payload = data["bulkTagContacts"]
    statuses = {r["contactId"]: r["status"] for r in payload["results"]}
    assert statuses == {ada: "UNCHANGED", grace: "CHANGED", MISSING_ID: "FAILED"}
    assert (payload["changedCount"], payload["failedCount"]) == (1, 1)
    assert (await _contact(graphql, grace))["tags"] == [{"name": "vip"}]


async def test_bulk_tag_by_filter(graphql):
    await _create(graphql, givenName="Guest", role="GUEST")
    client = await _create(graphql, givenName="Client", role="CLIENT")

    data = await graphql(
        BULK_TAG_CONTACTS,
        {"target": {"filter": {"role": "CLIENT"}}, "tagName": "deals"},
    )

    assert [r["contactId"] for r in data["bulkTagContacts"]["results"]] == [client]
    tagged = await graphql(CONTACTS, {"filter": {"tag": "deals"}})
    assert [e["node"]["id"] for e in tagged["contacts"]["edges"]] == [client]


async def test_bulk_tag_without_a_tag_is_refused(graphql):
    ada = await _create(graphql, givenName="Ada")

    data = await graphql(BULK_TAG_CONTACTS, {"target": {"ids": [ada]}})

    assert [(e["field"], e["code"]) for e in data["bulkTagContacts"]["userErrors"]] == [
        ("tagId", "REQUIRED")
    ]


async def test_bulk_untag_by_name_takes_the_tag_off(graphql):
    ada = await _create(graphql, givenName="Ada")
    grace = await _create(graphql, givenName="Grace")
    await graphql(
        BULK_TAG_CONTACTS, {"target": {"ids": [ada, grace]}, "tagName": "vip"}
    )

    data = await graphql(
        BULK_UNTAG_CONTACTS, {"target": {"ids": [ada]}, "tagName": "VIP"}
    )

    payload = data["bulkUntagContacts"]
    assert payload["results"] == [
        {"contactId": ada, "status": "CHANGED", "changedFields": ["tags"]}
    ]
    assert (await _contact(graphql, ada))["tags"] == []
    assert (await _contact(graphql, grace))["tags"] == [{"name": "vip"}]


async def test_bulk_untag_with_an_unknown_tag_name_is_not_found(graphql):
    ada = await _create(graphql, givenName="Ada")

    data = await graphql(
        BULK_UNTAG_CONTACTS, {"target": {"ids": [ada]}, "tagName": "never-made"}
    )

    payload = data["bulkUntagContacts"]
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        ("tagName", "NOT_FOUND")
    ]
    tags = await graphql("query { tags { name } }")
    assert tags["tags"] == []


# bulkDeleteContacts


async def test_bulk_delete_soft_deletes_each_contact(graphql):
    ada = await _create(graphql, givenName="Ada")
    grace = await _create(graphql, givenName="Grace")
    kept = await _create(graphql, givenName="Kept")

    data = await graphql(
        BULK_DELETE_CONTACTS, {"target": {"ids": [ada, MISSING_ID, grace]}}
    )

    payload = data["bulkDeleteContacts"]
    assert (payload["changedCount"], payload["failedCount"]) == (2, 1)
    assert [r["status"] for r in payload["results"]] == ["CHANGED", "FAILED", "CHANGED"]
    assert payload["results"][1]["errors"] == [{"field": "id", "code": "NOT_FOUND"}]
    assert (await _contact(graphql, ada)) is None
    assert (await _contact(graphql, grace)) is None
    listed = (await graphql(CONTACTS))["contacts"]
    assert [e["node"]["id"] for e in listed["edges"]] == [kept]


async def test_bulk_delete_by_filter(graphql):
    guest = await _create(graphql, givenName="Guest", role="GUEST")
    client = await _create(graphql, givenName="Client", role="CLIENT")

    data = await graphql(
        BULK_DELETE_CONTACTS, {"target": {"filter": {"role": "GUEST"}}}
    )

    assert [r["contactId"] for r in data["bulkDeleteContacts"]["results"]] == [guest]
    listed = (await graphql(CONTACTS))["contacts"]
    assert [e["node"]["id"] for e in listed["edges"]] == [client]


async def test_bulk_delete_of_an_already_deleted_contact_fails_that_item(graphql):
    ada = await _create(graphql, givenName="Ada")
    await graphql(BULK_DELETE_CONTACTS, {"target": {"ids": [ada]}})

    data = await graphql(BULK_DELETE_CONTACTS, {"target": {"ids": [ada]}})

    [result] = data["bulkDeleteContacts"]["results"]
    assert (result["status"], result["errors"]) == (
        "FAILED",
        [{"field": "id", "code": "NOT_FOUND"}],
    )


async def test_bulk_operations_do_not_reach_other_tenants(graphql, app, other_viewer):
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {token_for(other_viewer)}"}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://test", headers=headers
    ) as other:
        created = await run_graphql(
            other, CREATE_CONTACT, {"input": {"givenName": "Theirs"}}
        )
        theirs_id = created["data"]["createContact"]["contact"]["id"]

        data = await graphql(BULK_DELETE_CONTACTS, {"target": {"ids": [theirs_id]}})

        still = await run_graphql(other, CONTACT, {"id": theirs_id})
    assert data["bulkDeleteContacts"]["results"][0]["status"] == "FAILED"
    assert still["data"]["contact"]["displayName"] == "Theirs"
