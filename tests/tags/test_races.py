"""Tags created by requests that race each other for the same name."""

import asyncio

from tests.conftest import run_graphql
from tests.tags.test_tags import CONTACT_TAGS, CREATE_TAG, TAG_CONTACT, _contact, _tags

RACERS = 8


async def test_tag_contacts_racing_to_create_a_tag_all_get_it(client, graphql):
    contacts = [await _contact(graphql, f"Racer {n}") for n in range(RACERS)]

    bodies = await asyncio.gather(
        *(
            run_graphql(
                client,
                TAG_CONTACT,
                {"input": {"contactId": contact_id, "tagName": "RaceTag"}},
            )
            for contact_id in contacts
        )
    )

    assert [body.get("errors") for body in bodies] == [None] * RACERS
    payloads = [body["data"]["tagContact"] for body in bodies]
    assert [(p["changed"], p["userErrors"]) for p in payloads] == [(True, [])] * RACERS
    assert len({p["tag"]["id"] for p in payloads}) == 1
    for contact_id in contacts:
        contact = (await graphql(CONTACT_TAGS, {"id": contact_id}))["contact"]
        assert [tag["name"] for tag in contact["tags"]] == ["RaceTag"]
    assert [(t["name"], t["contactCount"]) for t in await _tags(graphql)] == [
        ("RaceTag", RACERS)
    ]


async def test_create_tag_racing_for_one_name_makes_one_and_reports_the_rest(
    client, graphql
):
    bodies = await asyncio.gather(
        *(run_graphql(client, CREATE_TAG, {"name": "RaceTag"}) for _ in range(RACERS))
    )

    assert [body.get("errors") for body in bodies] == [None] * RACERS
    payloads = [body["data"]["createTag"] for body in bodies]
    assert sum(p["tag"] is not None for p in payloads) == 1
    assert sorted(
        [(e["field"], e["code"]) for e in p["userErrors"]] for p in payloads
    ) == [[]] + [[("name", "DUPLICATE_NAME")]] * (RACERS - 1)
    assert [t["name"] for t in await _tags(graphql)] == ["RaceTag"]


async def test_concurrent_renames_to_one_name_leave_one_winner(client, graphql):
    ids = [
        (await graphql(f'mutation {{ createTag(name: "t{n}") {{ tag {{ id }} }} }}'))[
            "createTag"
        ]["tag"]["id"]
        for n in range(4)
    ]

    payloads = await asyncio.gather(
        *(
            run_graphql(
                client,
                'mutation ($id: ID!) { renameTag(id: $id, name: "Same") '
                "{ tag { name } userErrors { field code } } }",
                {"id": tag_id},
            )
            for tag_id in ids
        )
    )

    results = [p["data"]["renameTag"] for p in payloads]
    assert all("errors" not in p for p in payloads)
    assert sum(r["tag"] is not None for r in results) == 1
    assert [r["userErrors"] for r in results if r["tag"] is None] == [
        [{"field": "name", "code": "DUPLICATE_NAME"}]
    ] * 3
