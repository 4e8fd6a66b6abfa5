"""Mutations of the documents tab."""

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.contacts.mutations import contact_id_of
from contacts_graph.context import Info
from contacts_graph.documents import models, service
from contacts_graph.documents.types import Document
from contacts_graph.graphql.errors import UserError, attempt


@strawberry.input(description="A file of the file store to link to a contact.")
class AddDocumentInput:
    contact_id: strawberry.ID = strawberry.field(description="The contact.")
    name: str = strawberry.field(
        description="File name to show, at most 255 characters."
    )
    content_type: str = strawberry.field(description="MIME type, e.g. application/pdf.")
    size: float = strawberry.field(description="Size in bytes, a whole number.")
    storage_key: str = strawberry.field(
        description="Key of the file in the file store, at most 1024 characters."
    )


@strawberry.type(
    description="Result of addDocument, renameDocument and removeDocument."
)
class DocumentPayload:
    document: Document | None = strawberry.field(description="The document.")
    user_errors: list[UserError] = strawberry.field(description="Why nothing changed.")


def _payload(
    model: models.ContactDocument | None, errors: list[UserError]
) -> DocumentPayload:
    document = Document.from_model(model) if model else None
    return DocumentPayload(document=document, user_errors=errors)


@strawberry.type
class DocumentMutations:
    @strawberry.mutation(description="Link a file of the file store to a contact.")
    async def add_document(
        self, info: Info, input: AddDocumentInput
    ) -> DocumentPayload:
        info.context.require("contacts:write")
        viewer = info.context.viewer

        async def add(session: AsyncSession) -> models.ContactDocument:
            values = {
                "name": input.name,
                "content_type": input.content_type,
                "size_bytes": input.size,
                "storage_key": input.storage_key,
            }
            contact_id = contact_id_of(input.contact_id, "contactId")
            return await service.add_document(session, viewer, contact_id, values)

        return _payload(*await attempt(info, add))

    @strawberry.mutation(description="Rename a document.")
    async def rename_document(
        self, info: Info, id: strawberry.ID, name: str
    ) -> DocumentPayload:
        info.context.require("contacts:write")

        async def rename(session: AsyncSession) -> models.ContactDocument:
            return await service.rename_document(
                session, info.context.viewer, contact_id_of(id), name
            )

        return _payload(*await attempt(info, rename))

    @strawberry.mutation(
        description="Unlink a document; the file store deletes the file itself."
    )
    async def remove_document(self, info: Info, id: strawberry.ID) -> DocumentPayload:
        info.context.require("contacts:write")

        async def remove(session: AsyncSession) -> models.ContactDocument:
            return await service.remove_document(
                session, info.context.viewer, contact_id_of(id)
            )

        return _payload(*await attempt(info, remove))
