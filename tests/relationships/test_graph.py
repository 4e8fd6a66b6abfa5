"""The relationship graph: links both ways, a contact's relationships, its network."""

import pytest
from sqlalchemy import func, select

from contacts_graph.audit.models import AuditEntry
from tests.conftest import run_graphql

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

LINK_CONTACTS = """
mutation LinkContacts($input: LinkContactsInput!) {
  linkContacts(input: $input) {
    contact { id displayName }
    relatedContact { id displayName }
    changed
    userErrors { field code message }
  }
}
"""

UNLINK_CONTACTS = """
mutation UnlinkContacts($input: LinkContactsInput!) {
  unlinkContacts(input: $input) {
    changed
    userErrors { field code message }
  }
}
"""

RELATIONSHIPS = """
query Relationships(
  $id: ID!, $kinds: [RelationshipKind!], $first: Int, $after: String,
  $last: Int, $before: String
) {
  contact(id: $id) {
    relationships(kinds: $kinds, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      edges { cursor kind createdAt node { id displayName } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
}
"""

NETWORK = """
query Network($id: ID!, $depth: Int!, $kinds: [RelationshipKind!]) {
  contact(id: $id) {
    network(depth: $depth, kinds: $kinds) {
      depth
      contact { id displayName }
      path { kind contact { displayName } }
    }
  }
}
"""

MISSING_ID = "00000000-0000-4000-8000-000000000000"


async def _contact(graphql, name):
    data = await graphql(CREATE_CONTACT, {"input": {"givenName": name}})
    return data["createContact"]["contact"]["id"]


async def _link(graphql, contact_id, related_id, kind):
    data = await graphql(
        LINK_CONTACTS,
        {
            "input": {
                "contactId": contact_id,
                "relatedContactId": related_id,
                "kind": kind,
            }
        },
    )
    assert data["linkContacts"]["userErrors"] == []
    return data["linkContacts"]


async def _audited(session, action):
    return await session.scalar(
        select(func.count()).select_from(AuditEntry).where(AuditEntry.action == action)
    )


async def _relations(graphql, contact_id, **arguments):
    data = await graphql(RELATIONSHIPS, {"id": contact_id, **arguments})
    return data["contact"]["relationships"]


async def _pairs(graphql, contact_id, **arguments):
    connection = await _relations(graphql, contact_id, **arguments)
    return [(e["kind"], e["node"]["displayName"]) for e in connection["edges"]]


async def _network(graphql, contact_id, depth, kinds=None):
    data = await graphql(NETWORK, {"id": contact_id, "depth": depth, "kinds": kinds})
    return [
        (
            entry["contact"]["displayName"],
            entry["depth"],
            [(hop["kind"], hop["contact"]["displayName"]) for hop in entry["path"]],
        )
        for entry in data["contact"]["network"]
    ]


async def _family(graphql):
    """Build a family: Cleo's parents Pat and Max, Pat's mother Gran, Cleo's sister Sam."""
    names = ("Cleo", "Pat", "Max", "Gran", "Sam", "Stranger")
    ids = {name: await _contact(graphql, name) for name in names}
    await _link(graphql, ids["Cleo"], ids["Pat"], "PARENT")
    await _link(graphql, ids["Cleo"], ids["Max"], "PARENT")
    await _link(graphql, ids["Pat"], ids["Max"], "SPOUSE")
    await _link(graphql, ids["Pat"], ids["Gran"], "PARENT")
    await _link(graphql, ids["Cleo"], ids["Sam"], "SIBLING")
    return ids


# linkContacts and unlinkContacts


async def test_link_contacts_writes_both_directions(graphql):
    child, parent = await _contact(graphql, "Child"), await _contact(graphql, "Parent")

    payload = await _link(graphql, child, parent, "PARENT")

    assert payload["changed"] is True
    assert payload["contact"] == {"id": child, "displayName": "Child"}
    assert payload["relatedContact"] == {"id": parent, "displayName": "Parent"}
    assert await _pairs(graphql, child) == [("PARENT", "Parent")]
    assert await _pairs(graphql, parent) == [("CHILD", "Child")]


async def test_link_kinds_have_their_inverse(graphql):
    worker, boss = await _contact(graphql, "Worker"), await _contact(graphql, "Boss")
    fan, friend = await _contact(graphql, "Fan"), await _contact(graphql, "Friend")

    await _link(graphql, worker, boss, "EMPLOYER")
    await _link(graphql, fan, friend, "REFERRER")

    assert await _pairs(graphql, boss) == [("EMPLOYEE", "Worker")]
    assert await _pairs(graphql, friend) == [("REFERRED", "Fan")]


async def test_linking_twice_changes_nothing(graphql):
    child, parent = await _contact(graphql, "Child"), await _contact(graphql, "Parent")
    await _link(graphql, child, parent, "PARENT")

    await _link(graphql, child, parent, "PARENT")

    assert (await _relations(graphql, child))["totalCount"] == 1
    assert (await _relations(graphql, parent))["totalCount"] == 1


async def test_linking_twice_reports_no_change_and_audits_once(graphql, session):
    child, parent = await _contact(graphql, "Child"), await _contact(graphql, "Parent")
    await _link(graphql, child, parent, "PARENT")

    again = await _link(graphql, child, parent, "PARENT")
    inverse = await _link(graphql, parent, child, "CHILD")

    assert (again["changed"], inverse["changed"]) == (False, False)
    assert again["contact"] == {"id": child, "displayName": "Child"}
    assert await _audited(session, "relationship.link") == 1


@pytest.mark.parametrize(
    ("first", "second", "existing"),
    [
        ("PARENT", "CHILD", "PARENT"),
        ("SPOUSE", "SIBLING", "SPOUSE"),
        ("EMPLOYER", "EMPLOYEE", "EMPLOYER"),
        ("REFERRED", "REFERRER", "REFERRED"),
    ],
)
async def test_linking_a_pair_again_as_a_kind_of_the_same_group_is_refused(
    graphql, first, second, existing
):
    ada, bob = await _contact(graphql, "Ada"), await _contact(graphql, "Bob")
    await _link(graphql, ada, bob, first)

    data = await graphql(
        LINK_CONTACTS,
        {"input": {"contactId": ada, "relatedContactId": bob, "kind": second}},
    )

    payload = data["linkContacts"]
    assert payload["changed"] is False
    assert payload["userErrors"] == [
        {
            "field": "kind",
            "code": "CONFLICTING_RELATIONSHIP",
            "message": f"These contacts are already related as {existing}; "
            "unlink that first.",
        }
    ]
    assert await _pairs(graphql, ada) == [(first, "Bob")]


async def test_a_conflicting_kind_is_refused_from_the_other_side_too(graphql):
    child, parent = await _contact(graphql, "Child"), await _contact(graphql, "Parent")
    await _link(graphql, child, parent, "PARENT")

    data = await graphql(
        LINK_CONTACTS,
        {"input": {"contactId": parent, "relatedContactId": child, "kind": "PARENT"}},
    )

    assert data["linkContacts"]["userErrors"][0]["message"] == (
        "These contacts are already related as CHILD; unlink that first."
    )
    assert await _pairs(graphql, parent) == [("CHILD", "Child")]


async def test_kinds_of_different_groups_link_the_same_pair(graphql):
    worker, boss = await _contact(graphql, "Worker"), await _contact(graphql, "Boss")
    await _link(graphql, worker, boss, "EMPLOYER")

    payload = await _link(graphql, worker, boss, "REFERRER")

    assert payload["changed"] is True
    assert sorted(await _pairs(graphql, worker)) == [
        ("EMPLOYER", "Boss"),
        ("REFERRER", "Boss"),
    ]


async def test_linking_a_contact_to_itself_is_refused(graphql):
    ada = await _contact(graphql, "Ada")

    data = await graphql(
        LINK_CONTACTS,
        {"input": {"contactId": ada, "relatedContactId": ada, "kind": "SIBLING"}},
    )

    payload = data["linkContacts"]
    assert payload["changed"] is False
    assert payload["contact"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        ("relatedContactId", "SELF_LINK")
    ]
    assert (await _relations(graphql, ada))["totalCount"] == 0


@pytest.mark.parametrize("field", ["contactId", "relatedContactId"])
async def test_linking_to_an_unknown_contact_is_not_found(graphql, field):
    ada = await _contact(graphql, "Ada")
    ids = {"contactId": ada, "relatedContactId": ada, field: MISSING_ID}

    data = await graphql(LINK_CONTACTS, {"input": {**ids, "kind": "SPOUSE"}})

    assert [(e["field"], e["code"]) for e in data["linkContacts"]["userErrors"]] == [
        (field, "NOT_FOUND")
    ]
    assert (await _relations(graphql, ada))["totalCount"] == 0


async def test_linking_a_malformed_id_names_the_field(graphql):
    ada = await _contact(graphql, "Ada")

    data = await graphql(
        LINK_CONTACTS,
        {"input": {"contactId": ada, "relatedContactId": "nope", "kind": "SPOUSE"}},
    )

    assert [(e["field"], e["code"]) for e in data["linkContacts"]["userErrors"]] == [
        ("relatedContactId", "INVALID")
    ]


async def test_unlink_contacts_removes_both_directions(graphql):
    child, parent = await _contact(graphql, "Child"), await _contact(graphql, "Parent")
    await _link(graphql, child, parent, "PARENT")

    data = await graphql(
        UNLINK_CONTACTS,
        {"input": {"contactId": parent, "relatedContactId": child, "kind": "CHILD"}},
    )

    assert data["unlinkContacts"] == {"changed": True, "userErrors": []}
    assert (await _relations(graphql, child))["totalCount"] == 0
    assert (await _relations(graphql, parent))["totalCount"] == 0


async def test_unlink_of_a_missing_link_changes_nothing(graphql):
    child, parent = await _contact(graphql, "Child"), await _contact(graphql, "Parent")
    await _link(graphql, child, parent, "PARENT")

    data = await graphql(
        UNLINK_CONTACTS,
        {"input": {"contactId": child, "relatedContactId": parent, "kind": "SPOUSE"}},
    )

    assert data["unlinkContacts"] == {"changed": False, "userErrors": []}
    assert await _pairs(graphql, child) == [("PARENT", "Parent")]


# Contact.relationships


async def test_relationships_filter_by_kinds(graphql):
    ids = await _family(graphql)

    parents = await _pairs(graphql, ids["Cleo"], kinds=["PARENT"])
    family = await _pairs(graphql, ids["Cleo"], kinds=["PARENT", "SIBLING"])
    counted = await _relations(graphql, ids["Cleo"], kinds=["SIBLING"])

    assert parents == [("PARENT", "Max"), ("PARENT", "Pat")]
    assert family == [("PARENT", "Max"), ("PARENT", "Pat"), ("SIBLING", "Sam")]
    assert counted["totalCount"] == 1


async def test_relationships_page_forward_without_gaps(graphql):
    hub = await _contact(graphql, "Hub")
    for n in range(5):
        await _link(graphql, hub, await _contact(graphql, f"Friend {n}"), "REFERRED")
    seen, after = [], None

    for _ in range(3):
        connection = await _relations(graphql, hub, first=2, after=after)
        seen += [e["node"]["displayName"] for e in connection["edges"]]
        after = connection["pageInfo"]["endCursor"]

    assert seen == [f"Friend {n}" for n in range(5)]
    assert connection["pageInfo"]["hasNextPage"] is False
    assert connection["totalCount"] == 5


async def test_relationships_page_backward(graphql):
    hub = await _contact(graphql, "Hub")
    for n in range(4):
        await _link(graphql, hub, await _contact(graphql, f"Friend {n}"), "SIBLING")

    tail = await _relations(graphql, hub, last=2)
    head = await _relations(
        graphql, hub, last=2, before=tail["pageInfo"]["startCursor"]
    )

    assert [e["node"]["displayName"] for e in tail["edges"]] == ["Friend 2", "Friend 3"]
    assert [e["node"]["displayName"] for e in head["edges"]] == ["Friend 0", "Friend 1"]
    assert tail["pageInfo"]["hasPreviousPage"] is True


async def test_relationships_leave_out_deleted_contacts(graphql):
    ids = await _family(graphql)
    await graphql(DELETE_CONTACT, {"id": ids["Sam"]})

    connection = await _relations(graphql, ids["Cleo"])

    assert connection["totalCount"] == 2
    assert [e["node"]["displayName"] for e in connection["edges"]] == ["Max", "Pat"]


async def test_relationships_cursor_of_another_kind_filter_is_refused(client, graphql):
    ids = await _family(graphql)
    page = await _relations(graphql, ids["Cleo"], first=1)

    body = await run_graphql(
        client,
        RELATIONSHIPS,
        {
            "id": ids["Cleo"],
            "kinds": ["SIBLING"],
            "first": 1,
            "after": page["pageInfo"]["endCursor"],
        },
    )

    assert body["data"] == {"contact": None}
    assert "cursor" in body["errors"][0]["message"].lower()


# Contact.network


async def test_network_depth_two_is_the_family_tree_with_paths(graphql):
    ids = await _family(graphql)

    network = await _network(graphql, ids["Cleo"], 2)

    assert sorted(network) == [
        ("Gran", 2, [("PARENT", "Pat"), ("PARENT", "Gran")]),
        ("Max", 1, [("PARENT", "Max")]),
        ("Pat", 1, [("PARENT", "Pat")]),
        ("Sam", 1, [("SIBLING", "Sam")]),
    ]
    assert [depth for _, depth, _ in network] == [1, 1, 1, 2]


async def test_network_reports_each_contact_once_at_its_shortest_depth(graphql):
    ids = await _family(graphql)

    network = await _network(graphql, ids["Cleo"], 3)

    names = [name for name, _, _ in network]
    assert sorted(names) == ["Gran", "Max", "Pat", "Sam"]
    assert dict((name, depth) for name, depth, _ in network)["Max"] == 1
    assert ids["Cleo"] not in names


async def test_network_depth_three_reaches_a_great_grandparent(graphql):
    ids = await _family(graphql)
    elder = await _contact(graphql, "Elder")
    await _link(graphql, ids["Gran"], elder, "PARENT")

    network = await _network(graphql, ids["Cleo"], 3)

    assert (
        "Elder",
        3,
        [("PARENT", "Pat"), ("PARENT", "Gran"), ("PARENT", "Elder")],
    ) in network
    assert "Elder" not in [
        name for name, _, _ in await _network(graphql, ids["Cleo"], 2)
    ]


async def test_network_follows_only_the_kinds_asked(graphql):
    ids = await _family(graphql)

    network = await _network(graphql, ids["Cleo"], 3, kinds=["PARENT"])

    assert sorted((name, depth) for name, depth, _ in network) == [
        ("Gran", 2),
        ("Max", 1),
        ("Pat", 1),
    ]


async def test_network_of_an_unlinked_contact_is_empty(graphql):
    loner = await _contact(graphql, "Loner")

    assert await _network(graphql, loner, 2) == []


async def test_network_depth_out_of_range_is_a_top_level_error(client, graphql):
    ada = await _contact(graphql, "Ada")

    for depth in (0, 5):
        body = await run_graphql(client, NETWORK, {"id": ada, "depth": depth})

        assert body["data"] == {"contact": None}
        assert "depth" in body["errors"][0]["message"]
        assert "4" in body["errors"][0]["message"]


async def test_network_costs_one_statement_per_hop(graphql, statements):
    chain = [await _contact(graphql, f"Gen {n}") for n in range(7)]
    for child, parent in zip(chain, chain[1:], strict=False):
        await _link(graphql, child, parent, "PARENT")
    statements.statements.clear()

    network = await _network(graphql, chain[0], 3)

    assert [(name, depth) for name, depth, _ in network] == [
        ("Gen 1", 1),
        ("Gen 2", 2),
        ("Gen 3", 3),
    ]
    sent = statements.statements
    assert sum("set_config" in s for s in sent) == 1
    assert sum("FROM relationships" in s for s in sent) == 3
    # Entering the tenant, loading the starting contact, then one per hop.
    assert len(sent) == 1 + 1 + 3


async def test_networks_of_a_whole_page_cost_one_statement_per_hop(graphql, statements):
    families = []
    for family in range(4):
        members = [await _contact(graphql, f"F{family} Gen {n}") for n in range(4)]
        for child, parent in zip(members, members[1:], strict=False):
            await _link(graphql, child, parent, "PARENT")
        families.append(members)
    statements.statements.clear()

    data = await graphql(
        """
        { contacts(first: 50) { edges { node { displayName
            network(depth: 2) { depth contact { displayName } } } } } }
        """
    )

    networks = {
        e["node"]["displayName"]: [
            n["contact"]["displayName"] for n in e["node"]["network"]
        ]
        for e in data["contacts"]["edges"]
    }
    assert networks["F2 Gen 0"] == ["F2 Gen 1", "F2 Gen 2"]
    assert networks["F3 Gen 1"] == ["F3 Gen 0", "F3 Gen 2", "F3 Gen 3"]
    # Entering the tenant, the page, then one statement per hop for all 16.
    assert len(statements.statements) == 1 + 1 + 2
