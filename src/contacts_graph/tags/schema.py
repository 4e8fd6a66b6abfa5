"""Root fields of tags: list, create, rename, delete, tag and untag."""

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.contacts.mutations import contact_id_of
from contacts_graph.contacts.service import get_live_contact
from contacts_graph.contacts.types import Contact
from contacts_graph.context import Info
from contacts_graph.errors import ValidationFailed
from contacts_graph.graphql.errors import UserError, attempt
from contacts_graph.tags import models, repository, service
from contacts_graph.tags.types import Tag


@strawberry.type(description="Result of createTag and renameTag.")
class TagPayload:
    tag: Tag | None = strawberry.field(description="The tag.")
    user_errors: list[UserError] = strawberry.field(description="Why nothing changed.")


@strawberry.type(description="Result of deleteTag.")
class DeleteTagPayload:
    deleted_tag_id: strawberry.ID | None = strawberry.field(
        description="The tag deleted."
    )
    untagged_count: int = strawberry.field(description="Contacts that lost the tag.")
    user_errors: list[UserError] = strawberry.field(description="Why nothing changed.")


@strawberry.type(description="Result of tagContact and untagContact.")
class TagContactPayload:
    contact: Contact | None = strawberry.field(description="The contact.")
    tag: Tag | None = strawberry.field(description="The tag.")
    changed: bool = strawberry.field(description="Whether the contact's tags changed.")
    user_errors: list[UserError] = strawberry.field(description="Why nothing changed.")


@strawberry.input(description="A tag for one contact, named by id or by name.")
class TagContactInput:
    contact_id: strawberry.ID = strawberry.field(description="The contact.")
    tag_id: strawberry.ID | None = strawberry.field(
        default=None, description="The tag, by id."
    )
    tag_name: str | None = strawberry.field(
        default=None,
        description="The tag, by name; tagContact creates it when it does not exist.",
    )


async def resolve_tag(
    session: AsyncSession,
    info: Info,
    tag_id: strawberry.ID | None,
    tag_name: str | None,
    *,
    create: bool,
) -> models.Tag:
    """Return the tag named by id or name; with ``create``, make a missing name."""
    viewer = info.context.viewer
    if tag_id is not None and tag_name:
        raise ValidationFailed.one(
            "tagName", "INVALID", "Name the tag by tagId or by tagName, not both."
        )
    if tag_id is not None:
        return await service.get_tag(session, viewer, contact_id_of(tag_id, "tagId"))
    if not tag_name:
        raise ValidationFailed.one(
            "tagId", "REQUIRED", "Name a tag by tagId or tagName."
        )
    return await service.find_tag_by_name(session, viewer, tag_name, create=create)


@strawberry.type
class TagQueries:
    @strawberry.field(description="Tags by name, each with its contact count.")
    async def tags(self, info: Info, search: str | None = None) -> list[Tag]:
        info.context.require("contacts:read")
        async with info.context.db.use() as session:
            rows = await repository.list_tags(
                session, info.context.viewer.tenant_id, search
            )
        return [Tag.from_model(row) for row in rows]


@strawberry.type
class TagMutations:
    @strawberry.mutation(description="Create a tag.")
    async def create_tag(
        self, info: Info, name: str, color: str | None = None
    ) -> TagPayload:
        info.context.require("contacts:write")

        async def create(session: AsyncSession) -> models.Tag:
            return await service.create_tag(session, info.context.viewer, name, color)

        tag, errors = await attempt(info, create)
        return TagPayload(tag=Tag.from_model(tag) if tag else None, user_errors=errors)

    @strawberry.mutation(description="Rename a tag; contacts keep it.")
    async def rename_tag(self, info: Info, id: strawberry.ID, name: str) -> TagPayload:
        info.context.require("contacts:write")

        async def rename(session: AsyncSession) -> models.Tag:
            return await service.rename_tag(
                session, info.context.viewer, contact_id_of(id), name
            )

        tag, errors = await attempt(info, rename)
        return TagPayload(tag=Tag.from_model(tag) if tag else None, user_errors=errors)

    @strawberry.mutation(description="Delete a tag, taking it off every contact.")
    async def delete_tag(self, info: Info, id: strawberry.ID) -> DeleteTagPayload:
        info.context.require("contacts:write")

        async def delete(session: AsyncSession) -> int:
            return await service.delete_tag(
                session, info.context.viewer, contact_id_of(id)
            )

        untagged, errors = await attempt(info, delete)
        return DeleteTagPayload(
            deleted_tag_id=None if errors else id,
            untagged_count=untagged or 0,
            user_errors=errors,
        )

    @strawberry.mutation(description="Put a tag on a contact.")
    async def tag_contact(
        self, info: Info, input: TagContactInput
    ) -> TagContactPayload:
        info.context.require("contacts:write")
        return await _change_tag(info, input, add=True)

    @strawberry.mutation(description="Take a tag off a contact.")
    async def untag_contact(
        self, info: Info, input: TagContactInput
    ) -> TagContactPayload:
        info.context.require("contacts:write")
        return await _change_tag(info, input, add=False)


async def _change_tag(
    info: Info, input: TagContactInput, *, add: bool
) -> TagContactPayload:
    viewer = info.context.viewer

    async def change(session: AsyncSession) -> tuple[object, models.Tag, bool]:
        contact = await get_live_contact(
            session,
            viewer,
            contact_id_of(input.contact_id, "contactId"),
            field="contactId",
        )
        tag = await resolve_tag(session, info, input.tag_id, input.tag_name, create=add)
        apply = service.tag_contacts if add else service.untag_contacts
        changed = await apply(session, viewer, tag, [contact.id])
        return contact, tag, bool(changed)

    result, errors = await attempt(info, change)
    if result is None:
        return TagContactPayload(
            contact=None, tag=None, changed=False, user_errors=errors
        )
    contact, tag, changed = result
    return TagContactPayload(
        contact=Contact.from_model(contact),  # type: ignore[arg-type]
        tag=Tag.from_model(tag),
        changed=changed,
        user_errors=[],
    )
