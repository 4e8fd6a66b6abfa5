"""Tags: create, rename, delete, list with counts, tag and untag a contact."""

CREATE_CONTACT = """
mutation CreateContact($input: CreateContactInput!) {
  createContact(input: $input) { contact { id } userErrors { code } }
}
"""

DELETE_CONTACT = """
mutation DeleteContact($id: ID!) {
  deleteContact(id: $id) { deletedContactId }
}
"""

CREATE_TAG = """
mutation CreateTag($name: String!, $color: String) {
  createTag(name: $name, color: $color) {
    tag { id name color contactCount }
    userErrors { field code message }
  }
}
"""

RENAME_TAG = """
mutation RenameTag($id: ID!, $name: String!) {
  renameTag(id: $id, name: $name) {
    tag { id name color }
    userErrors { field code message }
  }
}
"""

DELETE_TAG = """
mutation DeleteTag($id: ID!) {
  deleteTag(id: $id) {
    deletedTagId
    untaggedCount
    userErrors { field code message }
  }
}
"""

TAG_CONTACT = """
mutation TagContact($input: TagContactInput!) {
  tagContact(input: $input) {
    contact { id tags { name } }
    tag { id name contactCount }
    changed
    userErrors { field code message }
  }
}
"""

UNTAG_CONTACT = """
mutation UntagContact($input: TagContactInput!) {
  untagContact(input: $input) {
    contact { id }
    tag { id name }
    changed
    userErrors { field code message }
  }
}
"""

TAGS = """
query Tags($search: String) {
  tags(search: $search) { id name color contactCount }
}
"""

CONTACT_TAGS = """
query ContactTags($id: ID!) {
  contact(id: $id) { tags { id name } }
}
"""

MISSING_ID = "00000000-0000-4000-8000-000000000000"


async def _contact(graphql, name="Ada"):
    data = await graphql(CREATE_CONTACT, {"input": {"givenName": name}})
    return data["createContact"]["contact"]["id"]


async def _tag(graphql, name, color=None):
    data = await graphql(CREATE_TAG, {"name": name, "color": color})
    assert data["createTag"]["userErrors"] == []
    return data["createTag"]["tag"]


async def _tags(graphql, search=None):
    return (await graphql(TAGS, {"search": search}))["tags"]


async def _tag_contact(graphql, contact_id, **tag):
    data = await graphql(TAG_CONTACT, {"input": {"contactId": contact_id, **tag}})
    assert data["tagContact"]["userErrors"] == []
    return data["tagContact"]


# createTag


async def test_create_tag_keeps_name_and_color(graphql):
    data = await graphql(CREATE_TAG, {"name": "  VIP ", "color": "#FF8800"})

    payload = data["createTag"]
    assert payload["userErrors"] == []
    assert payload["tag"]["name"] == "VIP"
    assert payload["tag"]["color"] == "#FF8800"
    assert payload["tag"]["contactCount"] == 0
    assert [t["name"] for t in await _tags(graphql)] == ["VIP"]


async def test_create_tag_with_a_taken_name_in_any_case_is_a_duplicate(graphql):
    await _tag(graphql, "VIP", "#112233")

    data = await graphql(CREATE_TAG, {"name": "vip"})

    payload = data["createTag"]
    assert payload["tag"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        ("name", "DUPLICATE_NAME")
    ]
    assert [(t["name"], t["color"]) for t in await _tags(graphql)] == [
        ("VIP", "#112233")
    ]


async def test_create_tag_with_a_bad_color_is_invalid(graphql):
    data = await graphql(CREATE_TAG, {"name": "VIP", "color": "orange"})

    payload = data["createTag"]
    assert payload["tag"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        ("color", "INVALID")
    ]
    assert "#RRGGBB" in payload["userErrors"][0]["message"]
    assert await _tags(graphql) == []


async def test_create_tag_with_a_blank_name_is_required(graphql):
    data = await graphql(CREATE_TAG, {"name": "   "})

    assert [(e["field"], e["code"]) for e in data["createTag"]["userErrors"]] == [
        ("name", "REQUIRED")
    ]
    assert await _tags(graphql) == []


async def test_create_tag_with_a_long_name_is_too_long(graphql):
    data = await graphql(CREATE_TAG, {"name": "x" * 101})

    assert [(e["field"], e["code"]) for e in data["createTag"]["userErrors"]] == [
        ("name", "TOO_LONG")
    ]


# renameTag


async def test_rename_tag_keeps_it_on_its_contacts(graphql):
    ada = await _contact(graphql)
    tag = await _tag(graphql, "vip")
    await _tag_contact(graphql, ada, tagId=tag["id"])

    data = await graphql(RENAME_TAG, {"id": tag["id"], "name": "Key account"})

    assert data["renameTag"] == {
        "tag": {"id": tag["id"], "name": "Key account", "color": None},
        "userErrors": [],
    }
    tags = (await graphql(CONTACT_TAGS, {"id": ada}))["contact"]["tags"]
    assert tags == [{"id": tag["id"], "name": "Key account"}]


async def test_rename_tag_to_its_own_name_in_another_case(graphql):
    tag = await _tag(graphql, "vip")

    data = await graphql(RENAME_TAG, {"id": tag["id"], "name": "VIP"})

    assert data["renameTag"]["userErrors"] == []
    assert data["renameTag"]["tag"]["name"] == "VIP"


async def test_rename_tag_to_another_tags_name_is_a_duplicate(graphql):
    await _tag(graphql, "vip")
    other = await _tag(graphql, "newsletter")

    data = await graphql(RENAME_TAG, {"id": other["id"], "name": "Vip"})

    assert [(e["field"], e["code"]) for e in data["renameTag"]["userErrors"]] == [
        ("name", "DUPLICATE_NAME")
    ]
    assert [t["name"] for t in await _tags(graphql)] == ["newsletter", "vip"]


async def test_rename_unknown_tag_is_not_found(graphql):
    data = await graphql(RENAME_TAG, {"id": MISSING_ID, "name": "x"})

    assert [e["code"] for e in data["renameTag"]["userErrors"]] == ["NOT_FOUND"]


# deleteTag


async def test_delete_tag_untags_everyone(graphql):
    ada, grace = await _contact(graphql, "Ada"), await _contact(graphql, "Grace")
    tag = await _tag(graphql, "vip")
    kept = await _tag(graphql, "newsletter")
    for contact_id in (ada, grace):
        await _tag_contact(graphql, contact_id, tagId=tag["id"])
    await _tag_contact(graphql, ada, tagId=kept["id"])

    data = await graphql(DELETE_TAG, {"id": tag["id"]})

    assert data["deleteTag"] == {
        "deletedTagId": tag["id"],
        "untaggedCount": 2,
        "userErrors": [],
    }
    assert [t["name"] for t in await _tags(graphql)] == ["newsletter"]
    ada_tags = (await graphql(CONTACT_TAGS, {"id": ada}))["contact"]["tags"]
    assert [t["name"] for t in ada_tags] == ["newsletter"]
    assert (await graphql(CONTACT_TAGS, {"id": grace}))["contact"]["tags"] == []


async def test_delete_unknown_tag_is_not_found(graphql):
    data = await graphql(DELETE_TAG, {"id": MISSING_ID})

    assert data["deleteTag"]["deletedTagId"] is None
    assert data["deleteTag"]["untaggedCount"] == 0
    assert [e["code"] for e in data["deleteTag"]["userErrors"]] == ["NOT_FOUND"]


# tags


async def test_tags_list_by_name_with_live_contact_counts(graphql):
    ada, grace = await _contact(graphql, "Ada"), await _contact(graphql, "Grace")
    gone = await _contact(graphql, "Gone")
    for contact_id in (ada, grace, gone):
        await _tag_contact(graphql, contact_id, tagName="vip")
    await _tag_contact(graphql, ada, tagName="Newsletter")
    await _tag(graphql, "empty")
    await graphql(DELETE_CONTACT, {"id": gone})

    tags = await _tags(graphql)

    assert [(t["name"], t["contactCount"]) for t in tags] == [
        ("empty", 0),
        ("Newsletter", 1),
        ("vip", 2),
    ]


async def test_tags_search_matches_part_of_the_name(graphql):
    for name in ("vip", "VIP gold", "newsletter"):
        await _tag(graphql, name)

    assert [t["name"] for t in await _tags(graphql, "vi")] == ["vip", "VIP gold"]


# tagContact and untagContact


async def test_tag_contact_by_name_creates_the_tag(graphql):
    ada = await _contact(graphql)

    payload = await _tag_contact(graphql, ada, tagName="  Board ")

    assert payload["changed"] is True
    assert payload["tag"]["name"] == "Board"
    assert payload["tag"]["contactCount"] == 1
    assert payload["contact"]["tags"] == [{"name": "Board"}]
    assert [t["name"] for t in await _tags(graphql)] == ["Board"]


async def test_tag_contact_by_name_reuses_an_existing_tag_any_case(graphql):
    ada = await _contact(graphql)
    tag = await _tag(graphql, "VIP")

    payload = await _tag_contact(graphql, ada, tagName="vip")

    assert payload["tag"]["id"] == tag["id"]
    assert len(await _tags(graphql)) == 1


async def test_tag_contact_twice_changes_nothing(graphql):
    ada = await _contact(graphql)
    await _tag_contact(graphql, ada, tagName="vip")

    payload = await _tag_contact(graphql, ada, tagName="vip")

    assert payload["changed"] is False
    assert payload["tag"]["contactCount"] == 1


async def test_tag_contact_without_a_tag_is_required(graphql):
    ada = await _contact(graphql)

    data = await graphql(TAG_CONTACT, {"input": {"contactId": ada}})

    assert [(e["field"], e["code"]) for e in data["tagContact"]["userErrors"]] == [
        ("tagId", "REQUIRED")
    ]


async def test_tag_unknown_contact_is_not_found_and_creates_no_tag(graphql):
    data = await graphql(
        TAG_CONTACT, {"input": {"contactId": MISSING_ID, "tagName": "vip"}}
    )

    payload = data["tagContact"]
    assert payload["changed"] is False
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        ("contactId", "NOT_FOUND")
    ]
    assert await _tags(graphql) == []


async def test_untag_contact_takes_the_tag_off(graphql):
    ada = await _contact(graphql)
    tagged = await _tag_contact(graphql, ada, tagName="vip")

    data = await graphql(
        UNTAG_CONTACT, {"input": {"contactId": ada, "tagId": tagged["tag"]["id"]}}
    )

    payload = data["untagContact"]
    assert payload["changed"] is True
    assert payload["userErrors"] == []
    assert (await graphql(CONTACT_TAGS, {"id": ada}))["contact"]["tags"] == []
    assert [(t["name"], t["contactCount"]) for t in await _tags(graphql)] == [
        ("vip", 0)
    ]


async def test_untag_a_contact_without_the_tag_changes_nothing(graphql):
    ada = await _contact(graphql)
    await _tag(graphql, "vip")

    data = await graphql(UNTAG_CONTACT, {"input": {"contactId": ada, "tagName": "VIP"}})

    assert data["untagContact"]["changed"] is False
    assert data["untagContact"]["userErrors"] == []


async def test_untag_by_unknown_name_is_not_found_and_creates_no_tag(graphql):
    ada = await _contact(graphql)

    data = await graphql(
        UNTAG_CONTACT, {"input": {"contactId": ada, "tagName": "ghost"}}
    )

    assert [(e["field"], e["code"]) for e in data["untagContact"]["userErrors"]] == [
        ("tagName", "NOT_FOUND")
    ]
    assert await _tags(graphql) == []
