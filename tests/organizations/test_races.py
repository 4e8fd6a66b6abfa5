"""Organizations created by requests that race each other for the same name."""

import asyncio

from tests.conftest import run_graphql
from tests.imports.test_import_service import (
    CONTACT_BY_EMAIL,
    IMPORT_CONTACTS,
    _upload,
)
from tests.organizations.test_organizations import CREATE_ORGANIZATION, ORGANIZATIONS

RACERS = 6


async def test_imports_racing_to_create_an_organization_all_join_it(client, graphql):
    files = [
        await _upload(
            client,
            f"Name,Email,Company\nRacer {n},racer{n}@example.com,Race Corp\n".encode(),
        )
        for n in range(RACERS)
    ]

    bodies = await asyncio.gather(
        *(run_graphql(client, IMPORT_CONTACTS, {"fileId": f}) for f in files)
    )

    assert [body.get("errors") for body in bodies] == [None] * RACERS
    reports = [body["data"]["importContacts"] for body in bodies]
    assert [(r["createdCount"], r["rejectedCount"]) for r in reports] == [
        (1, 0)
    ] * RACERS
    listed = (await graphql(ORGANIZATIONS))["organizations"]
    assert [e["node"]["name"] for e in listed["edges"]] == ["Race Corp"]
    for n in range(RACERS):
        contact = (await graphql(CONTACT_BY_EMAIL, {"email": f"racer{n}@example.com"}))[
            "contactByEmail"
        ]
        assert contact["primaryOrganization"] == {"name": "Race Corp"}


async def test_create_organization_racing_for_one_name_reports_the_rest(
    client, graphql
):
    bodies = await asyncio.gather(
        *(
            run_graphql(client, CREATE_ORGANIZATION, {"input": {"name": "Race Corp"}})
            for _ in range(RACERS)
        )
    )

    assert [body.get("errors") for body in bodies] == [None] * RACERS
    payloads = [body["data"]["createOrganization"] for body in bodies]
    assert sum(p["organization"] is not None for p in payloads) == 1
    assert sorted(
        [(e["field"], e["code"]) for e in p["userErrors"]] for p in payloads
    ) == [[]] + [[("name", "DUPLICATE_NAME")]] * (RACERS - 1)
    listed = (await graphql(ORGANIZATIONS))["organizations"]
    assert listed["totalCount"] == 1
