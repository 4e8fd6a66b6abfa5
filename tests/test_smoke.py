CREATE = """
mutation ($input: CreateContactInput!) {
  createContact(input: $input) {
    contact { id displayName email role roles phones { number e164 } }
    userErrors { field code message }
  }
}
"""


async def test_create_and_read_contact(graphql):
    data = await graphql(
        CREATE,
        {
            "input": {
                "givenName": "Ada",
                "familyName": "Lovelace",
                "email": "ADA@Example.com",
                "phone": "+44 20 7946 0018",
                "role": "CLIENT",
            }
        },
    )
    contact = data["createContact"]["contact"]
    assert data["createContact"]["userErrors"] == []
    assert contact["displayName"] == "Ada Lovelace"
    assert contact["email"] == "ada@example.com"
    assert contact["phones"] == [
        {"number": "+44 20 7946 0018", "e164": "+442079460018"}
    ]

    listed = await graphql("{ contacts { edges { node { id } } } }")
    assert [e["node"]["id"] for e in listed["contacts"]["edges"]] == [contact["id"]]
