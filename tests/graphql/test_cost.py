from graphql import parse

from contacts_graph.federation.schema import build_schema
from contacts_graph.graphql.cost import operation_cost

SCHEMA = build_schema()._schema

PAGE = """
query Page($first: Int) {
  contacts(first: $first) {
    edges { node { id tags { name }
      organizations { edges { node { name } } }
      relationships(first: 10) { edges { node { displayName } } } } }
  }
}
"""

ALIASED_NETWORKS = (
    "{ "
    + " ".join(
        f"a{i}: contacts(first: 200) {{ edges {{ node {{ network(depth: 4) {{ "
        "contact { network(depth: 4) { contact { displayName } } } } } } }"
        for i in range(29)
    )
    + " }"
)


def cost(query: str, variables=None, operation=None) -> int:
    return operation_cost(SCHEMA, parse(query), operation, variables)


def test_a_page_costs_its_edges_and_what_each_edge_lists():
    # 50 contacts + 50 tag lists + 50x50 organizations + 50x10 relationships
    # + the connection objects themselves, counted once per parent.
    assert cost(PAGE, {"first": 50}) == cost(PAGE, {"first": 25}) * 2
    assert cost(PAGE, {"first": 50}) < 50_000


def test_an_omitted_page_size_counts_as_the_default_page():
    assert cost(PAGE) == cost(PAGE, {"first": 50})


def test_entities_count_once_each_and_short_lists_not_at_all():
    query = """
    query ($r: [_Any!]!) { _entities(representations: $r) { ...C } }
    fragment C on Contact { tags { name } }
    """
    representations = [{"__typename": "Contact", "id": str(i)} for i in range(100)]

    assert cost(query, {"r": representations}) == 100


def test_aliased_nested_networks_cost_far_more_than_the_limit():
    assert cost(ALIASED_NETWORKS) > 1_000_000_000


async def test_a_too_costly_operation_is_refused_before_it_runs(client, statements):
    response = await client.post("/graphql", json={"query": ALIASED_NETWORKS})

    body = response.json()
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "one request may ask for 50000" in body["errors"][0]["message"]
    assert len(statements) == 1  # entering the tenant, nothing more


async def test_a_page_of_50_with_networks_and_their_paths_is_allowed(graphql):
    data = await graphql(
        """
        { contacts(first: 50) { edges { node { displayName
            network(depth: 2) { depth path { kind contact { displayName } } } } } } }
        """
    )

    assert data["contacts"]["edges"] == []


async def test_an_oversized_page_is_refused_by_its_own_rule(client):
    body = (
        await client.post(
            "/graphql", json={"query": "{ contacts(first: 2147483647) { totalCount } }"}
        )
    ).json()

    assert body["errors"][0]["message"].startswith("first takes 0 to 200")
