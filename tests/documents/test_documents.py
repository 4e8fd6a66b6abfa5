"""The documents tab: link, rename and unlink file metadata."""

from tests.conftest import run_graphql
from tests.factories import create_contact

ADD = """
mutation ($input: AddDocumentInput!) {
  addDocument(input: $input) {
    document { id name contentType size storageKey uploadedBy }
    userErrors { field code }
  }
}
"""
RENAME = """
mutation ($id: ID!, $name: String!) {
  renameDocument(id: $id, name: $name) { document { name } userErrors { field code } }
}
"""
REMOVE = """
mutation ($id: ID!) { removeDocument(id: $id) { document { id } userErrors { field code } } }
"""
DOCUMENTS = """
query ($id: ID!, $first: Int, $after: String) {
  contact(id: $id) {
    documents(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { name } }
    }
  }
}
"""


def document(contact_id, **overrides):
    return {
        "contactId": contact_id,
        "name": "Lease.pdf",
        "contentType": "application/pdf",
        "size": 48_213,
        "storageKey": "tenants/t1/lease.pdf",
        **overrides,
    }


async def contact_id(session, viewer):
    contact = await create_contact(session, viewer)
    await session.commit()
    return str(contact.id)


async def test_a_document_is_linked_renamed_and_unlinked(session, viewer, graphql):
    owner = await contact_id(session, viewer)

    added = (await graphql(ADD, {"input": document(owner)}))["addDocument"]
    doc_id = added["document"]["id"]
    renamed = await graphql(RENAME, {"id": doc_id, "name": "Lease 2026.pdf"})
    listed = (await graphql(DOCUMENTS, {"id": owner}))["contact"]["documents"]
    removed = (await graphql(REMOVE, {"id": doc_id}))["removeDocument"]
    after = (await graphql(DOCUMENTS, {"id": owner}))["contact"]["documents"]

    assert added["userErrors"] == []
    assert added["document"]["size"] == 48_213
    assert added["document"]["uploadedBy"] == "user:tester"
    assert renamed["renameDocument"]["document"]["name"] == "Lease 2026.pdf"
    assert [e["node"]["name"] for e in listed["edges"]] == ["Lease 2026.pdf"]
    assert removed["userErrors"] == []
    assert after["totalCount"] == 0


async def test_bad_metadata_is_refused_by_field_and_nothing_is_stored(
    session, viewer, graphql
):
    owner = await contact_id(session, viewer)

    payload = (
        await graphql(
            ADD,
            {
                "input": document(
                    owner, name="\u200b", contentType="pdf", size=1.5, storageKey=" "
                )
            },
        )
    )["addDocument"]
    negative = (await graphql(ADD, {"input": document(owner, size=-1)}))["addDocument"]

    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        ("name", "REQUIRED"),
        ("contentType", "INVALID"),
        ("size", "INVALID"),
        ("storageKey", "REQUIRED"),
    ]
    assert negative["userErrors"] == [{"field": "size", "code": "OUT_OF_RANGE"}]
    listed = (await graphql(DOCUMENTS, {"id": owner}))["contact"]["documents"]
    assert listed["totalCount"] == 0


async def test_unknown_contact_and_document_are_not_found(graphql):
    missing = "00000000-0000-4000-8000-000000000000"

    added = (await graphql(ADD, {"input": document(missing)}))["addDocument"]
    renamed = (await graphql(RENAME, {"id": missing, "name": "x"}))["renameDocument"]

    assert added["userErrors"] == [{"field": "contactId", "code": "NOT_FOUND"}]
    assert renamed["userErrors"] == [{"field": "id", "code": "NOT_FOUND"}]


async def test_another_tenant_cannot_see_or_touch_a_document(
    session, viewer, graphql, app, other_viewer
):
    import httpx

    from tests.conftest import token_for

    owner = await contact_id(session, viewer)
    doc_id = (await graphql(ADD, {"input": document(owner)}))["addDocument"][
        "document"
    ]["id"]
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {token_for(other_viewer)}"}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://test", headers=headers
    ) as other:
        removed = await run_graphql(other, REMOVE, {"id": doc_id})

    assert removed["data"]["removeDocument"]["userErrors"] == [
        {"field": "id", "code": "NOT_FOUND"}
    ]
    listed = (await graphql(DOCUMENTS, {"id": owner}))["contact"]["documents"]
    assert listed["totalCount"] == 1


async def test_documents_page_newest_first(session, viewer, graphql):
    owner = await contact_id(session, viewer)
    for n in range(5):
        await graphql(ADD, {"input": document(owner, name=f"doc{n}.pdf")})

    first = (await graphql(DOCUMENTS, {"id": owner, "first": 3}))["contact"][
        "documents"
    ]
    cursor = first["pageInfo"]["endCursor"]
    rest = (await graphql(DOCUMENTS, {"id": owner, "first": 3, "after": cursor}))[
        "contact"
    ]["documents"]

    names = [e["node"]["name"] for e in first["edges"] + rest["edges"]]
    assert names == [f"doc{n}.pdf" for n in (4, 3, 2, 1, 0)]
    assert first["pageInfo"]["hasNextPage"] is True
    assert rest["pageInfo"]["hasNextPage"] is False
