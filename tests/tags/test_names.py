"""Tag names are compared as shown: invisible characters do not count."""

import pytest

from tests.tags.test_tags import (
    CONTACT_TAGS,
    CREATE_TAG,
    RENAME_TAG,
    TAG_CONTACT,
    _contact,
    _tag,
    _tags,
)


def problems(payload):
    return [(e["field"], e["code"]) for e in payload["userErrors"]]


async def test_create_tag_drops_invisible_characters(graphql):
    data = await graphql(CREATE_TAG, {"name": "\tCase\u200bTag\u2060\n"})

    assert data["createTag"]["userErrors"] == []
    assert data["createTag"]["tag"]["name"] == "CaseTag"


async def test_a_name_differing_only_by_a_zero_width_space_is_a_duplicate(graphql):
    await _tag(graphql, "CaseTag")

    data = await graphql(CREATE_TAG, {"name": "Case\u200bTag"})

    assert problems(data["createTag"]) == [("name", "DUPLICATE_NAME")]
    assert [t["name"] for t in await _tags(graphql)] == ["CaseTag"]


@pytest.mark.parametrize("name", ["\u200b", "\u200b \ufeff", "\t\r\n\u2060"])
async def test_a_name_of_invisible_characters_only_is_required(graphql, name):
    data = await graphql(CREATE_TAG, {"name": name})

    assert problems(data["createTag"]) == [("name", "REQUIRED")]
    assert await _tags(graphql) == []


async def test_rename_to_invisible_characters_only_leaves_the_name(graphql):
    tag = await _tag(graphql, "CaseTag")

    data = await graphql(RENAME_TAG, {"id": tag["id"], "name": "\u200b\u200b"})

    assert problems(data["renameTag"]) == [("name", "REQUIRED")]
    assert [t["name"] for t in await _tags(graphql)] == ["CaseTag"]


async def test_rename_to_another_name_but_for_a_format_character_is_a_duplicate(
    graphql,
):
    await _tag(graphql, "CaseTag")
    other = await _tag(graphql, "Other")

    data = await graphql(RENAME_TAG, {"id": other["id"], "name": "case\u200dtag"})

    assert problems(data["renameTag"]) == [("name", "DUPLICATE_NAME")]
    assert sorted(t["name"] for t in await _tags(graphql)) == ["CaseTag", "Other"]


async def test_tag_contact_by_a_name_with_a_zero_width_space_reuses_the_tag(graphql):
    tag = await _tag(graphql, "CaseTag")
    contact_id = await _contact(graphql)

    data = await graphql(
        TAG_CONTACT, {"input": {"contactId": contact_id, "tagName": " Case\u200bTag "}}
    )

    assert data["tagContact"]["userErrors"] == []
    assert data["tagContact"]["tag"]["id"] == tag["id"]
    assert (await graphql(CONTACT_TAGS, {"id": contact_id}))["contact"]["tags"] == [
        {"id": tag["id"], "name": "CaseTag"}
    ]
    assert len(await _tags(graphql)) == 1


async def test_tag_contact_by_an_invisible_name_tags_nothing(graphql):
    contact_id = await _contact(graphql)

    data = await graphql(
        TAG_CONTACT, {"input": {"contactId": contact_id, "tagName": "\u200b"}}
    )

    assert problems(data["tagContact"]) == [("name", "REQUIRED")]
    assert await _tags(graphql) == []
    assert (await graphql(CONTACT_TAGS, {"id": contact_id}))["contact"]["tags"] == []
