"""Limits of organization and membership input, each refused by name."""

import json

import pytest
from sqlalchemy import func, select

from contacts_graph.organizations.models import Membership
from tests.organizations.test_organizations import (
    ADD_MEMBERSHIP,
    CONTACT_ORGANIZATIONS,
    CREATE_ORGANIZATION,
    ORGANIZATION,
    ORGANIZATIONS,
    UPDATE_ORGANIZATION,
    _contact,
    _organization,
)

STORED = """
query Organization($id: ID!) {
  organization(id: $id) { name domain notes customFields }
}
"""


def problems(payload):
    return [(e["field"], e["code"]) for e in payload["userErrors"]]


async def _create(graphql, **fields):
    data = await graphql(CREATE_ORGANIZATION, {"input": fields})
    return data["createOrganization"]


async def _update(graphql, organization_id, **fields):
    data = await graphql(
        UPDATE_ORGANIZATION, {"input": {"id": organization_id, **fields}}
    )
    return data["updateOrganization"]


async def _count(graphql):
    return (await graphql(ORGANIZATIONS, {"first": 10}))["organizations"]["totalCount"]


async def _stored(graphql, organization_id):
    return (await graphql(STORED, {"id": organization_id}))["organization"]


async def _post_raw(client, query, input_json):
    body = f'{{"query": {json.dumps(query)}, "variables": {{"input": {input_json}}}}}'
    response = await client.post(
        "/graphql", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 200, response.text
    assert "errors" not in response.json(), response.text
    return response.json()["data"]


LONG_DOMAIN = ".".join(["a" * 60] * 4) + ".com"  # 247 characters
BAD_FIELDS = [
    ({"notes": "n" * 10_001}, [("notes", "TOO_LONG")]),
    ({"domain": "a" * 252 + ".com"}, [("domain", "TOO_LONG")]),
    ({"domain": LONG_DOMAIN + ".abcdefgh"}, [("domain", "TOO_LONG")]),
    ({"customFields": [1, 2]}, [("customFields", "INVALID")]),
    ({"customFields": {f"k{n}": n for n in range(101)}}, [("customFields", "INVALID")]),
    ({"customFields": {"k": "v" * 17_000}}, [("customFields", "TOO_LONG")]),
    (
        {"notes": "n" * 10_001, "domain": "a" * 256, "customFields": "text"},
        [("domain", "TOO_LONG"), ("notes", "TOO_LONG"), ("customFields", "INVALID")],
    ),
]


@pytest.mark.parametrize(("fields", "expected"), BAD_FIELDS)
async def test_create_organization_with_a_value_over_its_limit_creates_nothing(
    graphql, fields, expected
):
    payload = await _create(graphql, name="Acme", **fields)

    assert problems(payload) == expected
    assert payload["organization"] is None
    assert await _count(graphql) == 0


@pytest.mark.parametrize(("fields", "expected"), BAD_FIELDS)
async def test_update_organization_with_a_value_over_its_limit_changes_nothing(
    graphql, fields, expected
):
    organization_id = await _organization(
        graphql, "Acme", domain="acme.com", notes="n", customFields={"a": 1}
    )

    payload = await _update(graphql, organization_id, **fields)

    assert problems(payload) == expected
    assert await _stored(graphql, organization_id) == {
        "name": "Acme",
        "domain": "acme.com",
        "notes": "n",
        "customFields": {"a": 1},
    }


async def test_organization_values_at_their_limits_are_kept(graphql):
    payload = await _create(
        graphql,
        name="Acme",
        domain="www." + LONG_DOMAIN,
        notes="n" * 10_000,
        customFields={f"k{n}": n for n in range(100)},
    )

    assert payload["userErrors"] == []
    stored = payload["organization"]
    assert (stored["domain"], len(stored["notes"])) == (LONG_DOMAIN, 10_000)


@pytest.mark.parametrize(
    "custom_fields",
    ['{"big": 18446744073709551616}', '{"nan": NaN}', '{"inf": 1e400}'],
)
async def test_organization_custom_fields_with_an_unstorable_number_are_refused(
    client, graphql, custom_fields
):
    organization_id = await _organization(graphql, "Acme", customFields={"a": 1})

    created = await _post_raw(
        client,
        CREATE_ORGANIZATION,
        f'{{"name": "Other", "customFields": {custom_fields}}}',
    )
    updated = await _post_raw(
        client,
        UPDATE_ORGANIZATION,
        f'{{"id": "{organization_id}", "customFields": {custom_fields}}}',
    )

    assert problems(created["createOrganization"]) == [("customFields", "INVALID")]
    assert problems(updated["updateOrganization"]) == [("customFields", "INVALID")]
    assert await _count(graphql) == 1
    assert (await _stored(graphql, organization_id))["customFields"] == {"a": 1}


# addMembership


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"title": "t" * 201}, [("title", "TOO_LONG")]),
        ({"role": "r" * 101}, [("role", "TOO_LONG")]),
        (
            {"title": "t" * 201, "role": "r" * 101},
            [("title", "TOO_LONG"), ("role", "TOO_LONG")],
        ),
    ],
)
async def test_add_membership_with_a_long_title_or_role_adds_nothing(
    graphql, session, fields, expected
):
    contact_id = await _contact(graphql, "Ada")
    organization_id = await _organization(graphql, "Acme")

    data = await graphql(
        ADD_MEMBERSHIP,
        {
            "input": {
                "contactId": contact_id,
                "organizationId": organization_id,
                **fields,
            }
        },
    )

    payload = data["addMembership"]
    assert problems(payload) == expected
    assert (payload["organization"], payload["changed"]) == (None, False)
    assert await session.scalar(select(func.count()).select_from(Membership)) == 0
    assert (await _read_contact(graphql, contact_id))["organizations"][
        "totalCount"
    ] == 0


async def test_add_membership_with_a_long_title_leaves_an_existing_one_alone(graphql):
    contact_id = await _contact(graphql, "Ada")
    organization_id = await _organization(graphql, "Acme")
    await graphql(
        ADD_MEMBERSHIP,
        {
            "input": {
                "contactId": contact_id,
                "organizationId": organization_id,
                "title": "CEO",
                "role": "Board",
            }
        },
    )

    data = await graphql(
        ADD_MEMBERSHIP,
        {
            "input": {
                "contactId": contact_id,
                "organizationId": organization_id,
                "title": "t" * 201,
            }
        },
    )

    assert problems(data["addMembership"]) == [("title", "TOO_LONG")]
    edges = (await _read(graphql, organization_id))["contacts"]["edges"]
    assert [(e["title"], e["role"]) for e in edges] == [("CEO", "Board")]


async def test_add_membership_at_the_limits_keeps_title_and_role(graphql):
    contact_id = await _contact(graphql, "Ada")
    organization_id = await _organization(graphql, "Acme")

    data = await graphql(
        ADD_MEMBERSHIP,
        {
            "input": {
                "contactId": contact_id,
                "organizationId": organization_id,
                "title": " " + "t" * 200 + " ",
                "role": "r" * 100,
            }
        },
    )

    assert data["addMembership"]["userErrors"] == []
    edges = (await _read(graphql, organization_id))["contacts"]["edges"]
    assert [(e["title"], e["role"]) for e in edges] == [("t" * 200, "r" * 100)]


async def _read_contact(graphql, contact_id):
    return (await graphql(CONTACT_ORGANIZATIONS, {"id": contact_id}))["contact"]


async def _read(graphql, organization_id):
    return (await graphql(ORGANIZATION, {"id": organization_id}))["organization"]
