"""Mutations of a single contact: create, update, delete, consent."""

import uuid
from datetime import datetime

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.contacts import service
from contacts_graph.contacts.inputs import CreateContactInput, UpdateContactInput
from contacts_graph.contacts.models import Contact as ContactModel
from contacts_graph.contacts.types import Contact, parse_id
from contacts_graph.context import Info
from contacts_graph.errors import ValidationFailed
from contacts_graph.graphql.errors import UserError, attempt


@strawberry.type(description="Result of createContact.")
class CreateContactPayload:
    contact: Contact | None = strawberry.field(description="The new contact.")
    user_errors: list[UserError] = strawberry.field(
        description="Why nothing was created."
    )


@strawberry.type(description="Result of updateContact.")
class UpdateContactPayload:
    contact: Contact | None = strawberry.field(description="The contact as it is now.")
    user_errors: list[UserError] = strawberry.field(description="Why nothing changed.")


@strawberry.type(description="Result of deleteContact.")
class DeleteContactPayload:
    deleted_contact_id: strawberry.ID | None = strawberry.field(
        description="Id of the contact deleted."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why nothing was deleted."
    )


@strawberry.type(description="Result of setMarketingConsent.")
class SetMarketingConsentPayload:
    contact: Contact | None = strawberry.field(
        description="The contact, consent updated."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why nothing was recorded."
    )


@strawberry.input(description="A grant or withdrawal of marketing consent.")
class SetMarketingConsentInput:
    contact_id: strawberry.ID = strawberry.field(description="The contact.")
    granted: bool = strawberry.field(description="True to grant, false to withdraw.")
    source: str = strawberry.field(
        default="api", description="Where it was given: web form, phone call, api…"
    )
    legal_basis: str = strawberry.field(
        default="consent", description="GDPR legal basis, e.g. consent."
    )
    effective_at: datetime | None = strawberry.field(
        default=None,
        description="When the person gave or withdrew it; now when omitted. Never "
        "in the future.",
    )


def contact_id_of(value: strawberry.ID, field: str = "id") -> uuid.UUID:
    contact_id = parse_id(value)
    if contact_id is None:
        raise ValidationFailed.one(field, "INVALID", f"{field} is not a valid id.")
    return contact_id


@strawberry.type
class ContactMutations:
    @strawberry.mutation(description="Create a contact.")
    async def create_contact(
        self, info: Info, input: CreateContactInput
    ) -> CreateContactPayload:
        info.context.require("contacts:write")
        viewer, region = info.context.viewer, info.context.settings.default_phone_region

        async def create(session: AsyncSession) -> ContactModel:
            contact = await service.create_contact(
                session, viewer, input.to_values(), region=region
            )
            if input.external_source or input.external_id:
                await service.attach_external_id(
                    session,
                    viewer,
                    contact,
                    input.external_source or "",
                    input.external_id or "",
                )
            return contact

        contact, errors = await attempt(info, create)
        return CreateContactPayload(
            contact=Contact.from_model(contact) if contact else None, user_errors=errors
        )

    @strawberry.mutation(description="Change fields of a contact.")
    async def update_contact(
        self, info: Info, input: UpdateContactInput
    ) -> UpdateContactPayload:
        info.context.require("contacts:write")
        viewer, region = info.context.viewer, info.context.settings.default_phone_region

        async def update(session: AsyncSession) -> ContactModel:
            return await service.update_contact(
                session,
                viewer,
                contact_id_of(input.id),
                input.to_values(),
                region=region,
            )

        contact, errors = await attempt(info, update)
        return UpdateContactPayload(
            contact=Contact.from_model(contact) if contact else None, user_errors=errors
        )

    @strawberry.mutation(
        description="Soft-delete a contact: it leaves every list; its history stays."
    )
    async def delete_contact(
        self, info: Info, id: strawberry.ID
    ) -> DeleteContactPayload:
        info.context.require("contacts:write")
        viewer = info.context.viewer

        async def delete(session: AsyncSession) -> ContactModel:
            return await service.delete_contact(session, viewer, contact_id_of(id))

        contact, errors = await attempt(info, delete)
        return DeleteContactPayload(
            deleted_contact_id=strawberry.ID(str(contact.id)) if contact else None,
            user_errors=errors,
        )

    @strawberry.mutation(
        description="Record a grant or withdrawal of marketing consent as an event."
    )
    async def set_marketing_consent(
        self, info: Info, input: SetMarketingConsentInput
    ) -> SetMarketingConsentPayload:
        info.context.require("contacts:write")
        viewer = info.context.viewer

        async def record(session: AsyncSession) -> ContactModel:
            return await service.set_marketing_consent(
                session,
                viewer,
                contact_id_of(input.contact_id, "contactId"),
                granted=input.granted,
                source=input.source,
                legal_basis=input.legal_basis,
                effective_at=input.effective_at,
            )

        contact, errors = await attempt(info, record)
        return SetMarketingConsentPayload(
            contact=Contact.from_model(contact) if contact else None, user_errors=errors
        )
