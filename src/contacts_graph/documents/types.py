"""GraphQL types of the documents tab."""

import uuid
from datetime import datetime

import strawberry

from contacts_graph.context import Info
from contacts_graph.documents import models, repository
from contacts_graph.pagination import (
    PageInfo,
    PageRequest,
    encode_cursor,
    make_page_info,
    trim_page,
)


@strawberry.type(
    description="A file linked to a contact; the file store serves its bytes."
)
class Document:
    id: strawberry.ID = strawberry.field(description="Id of the document.")
    name: str = strawberry.field(description="File name to show.")
    content_type: str = strawberry.field(description="MIME type, e.g. application/pdf.")
    size: float = strawberry.field(description="Size in bytes.")
    storage_key: str = strawberry.field(
        description="Key of the file in the file store."
    )
    uploaded_by: str = strawberry.field(description="Who linked it.")
    created_at: datetime = strawberry.field(description="When it was linked.")

    @classmethod
    def from_model(cls, model: models.ContactDocument) -> "Document":
        return cls(
            id=strawberry.ID(str(model.id)),
            name=model.name,
            content_type=model.content_type,
            size=model.size_bytes,
            storage_key=model.storage_key,
            uploaded_by=model.uploaded_by,
            created_at=model.created_at,
        )


@strawberry.type(description="A document of the contact.")
class DocumentEdge:
    cursor: str = strawberry.field(description="Pass as after or before to page on.")
    node: Document = strawberry.field(description="The document.")


@strawberry.type(description="A contact's documents, newest first.")
class DocumentConnection:
    edges: list[DocumentEdge] = strawberry.field(description="This page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")
    contact_id: strawberry.Private[uuid.UUID]

    @strawberry.field(description="How many documents the contact has.")
    async def total_count(self, info: Info) -> int:
        return await info.context.loaders.document_count_by_contact_id.load(
            self.contact_id
        )


async def contact_documents(
    info: Info, contact_id: uuid.UUID, request: PageRequest
) -> DocumentConnection:
    """Resolve the documents tab through its loader."""
    rows = await info.context.loaders.documents_by_contact_id.load(
        (contact_id, request)
    )
    items, has_more = trim_page(rows, request)
    edges = [
        DocumentEdge(
            cursor=encode_cursor(
                repository.ORDER, row.sort_key, row.ContactDocument.id
            ),
            node=Document.from_model(row.ContactDocument),
        )
        for row in items
    ]
    return DocumentConnection(
        edges=edges,
        page_info=make_page_info([e.cursor for e in edges], has_more, request),
        contact_id=contact_id,
    )
