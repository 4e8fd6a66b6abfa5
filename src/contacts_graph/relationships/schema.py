"""Mutations of the relationship graph."""

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.contacts.mutations import contact_id_of
from contacts_graph.contacts.types import Contact
from contacts_graph.context import Info
from contacts_graph.graphql.errors import UserError, attempt
from contacts_graph.relationships import service
from contacts_graph.relationships.kinds import Kind
from contacts_graph.relationships.types import RelationshipKind


@strawberry.input(description="A link between two contacts.")
class LinkContactsInput:
    contact_id: strawberry.ID = strawberry.field(description="The contact.")
    related_contact_id: strawberry.ID = strawberry.field(
        description="The other contact."
    )
    kind: RelationshipKind = strawberry.field(  # type: ignore[valid-type]
        description="What the other contact is to the first, e.g. PARENT: the other "
        "is the first's parent. The inverse link is recorded too."
    )


@strawberry.type(description="Result of linkContacts and unlinkContacts.")
class LinkContactsPayload:
    contact: Contact | None = strawberry.field(description="The first contact.")
    related_contact: Contact | None = strawberry.field(description="The other contact.")
    changed: bool = strawberry.field(description="Whether a link was added or removed.")
    user_errors: list[UserError] = strawberry.field(description="Why nothing changed.")


@strawberry.type
class RelationshipMutations:
    @strawberry.mutation(
        description="Link two contacts; linking twice changes nothing. A pair has "
        "at most one kind of each group: family (PARENT, CHILD, SIBLING, SPOUSE), "
        "work (EMPLOYER, EMPLOYEE) and referral (REFERRER, REFERRED)."
    )
    async def link_contacts(
        self, info: Info, input: LinkContactsInput
    ) -> LinkContactsPayload:
        info.context.require("contacts:write")
        return await _change_link(info, input, link=True)

    @strawberry.mutation(description="Remove a link between two contacts, both ways.")
    async def unlink_contacts(
        self, info: Info, input: LinkContactsInput
    ) -> LinkContactsPayload:
        info.context.require("contacts:write")
        return await _change_link(info, input, link=False)


async def _change_link(
    info: Info, input: LinkContactsInput, *, link: bool
) -> LinkContactsPayload:
    viewer = info.context.viewer

    async def change(session: AsyncSession) -> bool:
        contact_id = contact_id_of(input.contact_id, "contactId")
        related_id = contact_id_of(input.related_contact_id, "relatedContactId")
        kind = Kind(input.kind.value)
        if link:
            _, created = await service.link_contacts(
                session, viewer, contact_id, related_id, kind
            )
            return created
        return await service.unlink_contacts(
            session, viewer, contact_id, related_id, kind
        )

    changed, errors = await attempt(info, change)
    if errors:
        return LinkContactsPayload(
            contact=None, related_contact=None, changed=False, user_errors=errors
        )
    loader = info.context.loaders.contact_by_id
    contact, related = await loader.load_many(
        [contact_id_of(input.contact_id), contact_id_of(input.related_contact_id)]
    )
    return LinkContactsPayload(
        contact=Contact.from_model(contact) if contact else None,
        related_contact=Contact.from_model(related) if related else None,
        changed=bool(changed),
        user_errors=[],
    )
