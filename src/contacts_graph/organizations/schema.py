"""Root fields of organizations and memberships."""

import uuid

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.scalars import JSON

from contacts_graph.contacts.mutations import contact_id_of
from contacts_graph.contacts.types import parse_id
from contacts_graph.context import Info
from contacts_graph.graphql.errors import UserError, attempt
from contacts_graph.organizations import models, repository, service
from contacts_graph.organizations.types import (
    Organization,
    OrganizationConnection,
    OrganizationEdge,
)
from contacts_graph.pagination import PageRequest, make_page_info

ORDER_KEY = "organization:name"


@strawberry.input(description="Narrows an organization list.")
class OrganizationFilter:
    search: str | None = strawberry.field(
        default=None, description="Text found in the name or domain."
    )


@strawberry.input(
    description="Fields of an organization. Omitted fields are left alone."
)
class OrganizationFieldsInput:
    name: str | None = strawberry.field(default=strawberry.UNSET, description="Name.")
    domain: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="Web domain, e.g. example.com; at most 255 characters.",
    )
    notes: str | None = strawberry.field(
        default=strawberry.UNSET, description="Notes, at most 10,000 characters."
    )
    custom_fields: JSON | None = strawberry.field(
        default=strawberry.UNSET,
        description="Values with no column of their own, as one JSON object of at "
        "most 100 keys and 16 KiB, with finite numbers between -2^63 and 2^63.",
    )

    def to_values(self) -> dict[str, object]:
        values = {
            "name": self.name,
            "domain": self.domain,
            "notes": self.notes,
            "custom_fields": self.custom_fields,
        }
        values = {k: v for k, v in values.items() if v is not strawberry.UNSET}
        if "custom_fields" in values and values["custom_fields"] is None:
            values["custom_fields"] = {}
        return values


@strawberry.input(description="Changes to an organization.")
class UpdateOrganizationInput(OrganizationFieldsInput):
    id: strawberry.ID = strawberry.field(description="The organization to change.")


@strawberry.input(description="A contact joining an organization.")
class AddMembershipInput:
    contact_id: strawberry.ID = strawberry.field(description="The contact.")
    organization_id: strawberry.ID = strawberry.field(description="The organization.")
    title: str | None = strawberry.field(
        default=None, description="Job title, at most 200 characters."
    )
    role: str | None = strawberry.field(
        default=None, description="Function there, at most 100 characters."
    )
    is_primary: bool = strawberry.field(
        default=False, description="Make this the contact's main organization."
    )


@strawberry.type(description="Result of createOrganization and updateOrganization.")
class OrganizationPayload:
    organization: Organization | None = strawberry.field(
        description="The organization."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing changed.")


@strawberry.type(description="Result of addMembership and removeMembership.")
class MembershipPayload:
    organization: Organization | None = strawberry.field(
        description="The organization."
    )
    contact_id: strawberry.ID | None = strawberry.field(description="The contact.")
    changed: bool = strawberry.field(description="Whether anything changed.")
    user_errors: list[UserError] = strawberry.field(description="Why nothing changed.")


def organization_id_of(
    value: strawberry.ID, field: str = "organizationId"
) -> uuid.UUID:
    return contact_id_of(value, field)


def _payload(
    model: models.Organization | None, errors: list[UserError]
) -> OrganizationPayload:
    organization = Organization.from_model(model) if model else None
    return OrganizationPayload(organization=organization, user_errors=errors)


@strawberry.type
class OrganizationQueries:
    @strawberry.field(description="An organization by id.")
    async def organization(self, info: Info, id: strawberry.ID) -> Organization | None:
        info.context.require("contacts:read")
        organization_id = parse_id(id)
        if organization_id is None:
            return None
        model = await info.context.loaders.organization_by_id.load(organization_id)
        return Organization.from_model(model) if model else None

    @strawberry.field(description="Organizations by name, a page at a time.")
    async def organizations(
        self,
        info: Info,
        filter: OrganizationFilter | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> OrganizationConnection:
        info.context.require("contacts:read")
        search = filter.search if filter else None
        request = PageRequest.of(first, after)
        async with info.context.db.use() as session:
            items, cursors, has_more = await repository.page_organizations(
                session, info.context.viewer.tenant_id, search, request, ORDER_KEY
            )
        edges = [
            OrganizationEdge(cursor=cursor, node=Organization.from_model(o))
            for o, cursor in zip(items, cursors, strict=True)
        ]
        return OrganizationConnection(
            edges=edges,
            page_info=make_page_info(cursors, has_more, request),
            search=search,
        )


@strawberry.type
class OrganizationMutations:
    @strawberry.mutation(description="Create an organization.")
    async def create_organization(
        self, info: Info, input: OrganizationFieldsInput
    ) -> OrganizationPayload:
        info.context.require("contacts:write")
        viewer = info.context.viewer

        async def create(session: AsyncSession) -> models.Organization:
            return await service.create_organization(session, viewer, input.to_values())

        return _payload(*await attempt(info, create))

    @strawberry.mutation(description="Change fields of an organization.")
    async def update_organization(
        self, info: Info, input: UpdateOrganizationInput
    ) -> OrganizationPayload:
        info.context.require("contacts:write")
        viewer = info.context.viewer

        async def update(session: AsyncSession) -> models.Organization:
            return await service.update_organization(
                session, viewer, organization_id_of(input.id, "id"), input.to_values()
            )

        return _payload(*await attempt(info, update))

    @strawberry.mutation(
        description="Add a contact to an organization, or change its membership."
    )
    async def add_membership(
        self, info: Info, input: AddMembershipInput
    ) -> MembershipPayload:
        info.context.require("contacts:write")
        viewer = info.context.viewer

        async def add(session: AsyncSession) -> tuple[models.Organization, bool]:
            organization_id = organization_id_of(input.organization_id)
            _, changed = await service.add_membership(
                session,
                viewer,
                contact_id_of(input.contact_id, "contactId"),
                organization_id,
                title=input.title,
                role=input.role,
                is_primary=input.is_primary,
            )
            organization = await service.get_organization(
                session, viewer, organization_id
            )
            return organization, changed

        result, errors = await attempt(info, add)
        return MembershipPayload(
            organization=Organization.from_model(result[0]) if result else None,
            contact_id=input.contact_id if result else None,
            changed=bool(result and result[1]),
            user_errors=errors,
        )

    @strawberry.mutation(description="Remove a contact from an organization.")
    async def remove_membership(
        self, info: Info, contact_id: strawberry.ID, organization_id: strawberry.ID
    ) -> MembershipPayload:
        info.context.require("contacts:write")
        viewer = info.context.viewer

        async def remove(session: AsyncSession) -> tuple[models.Organization, bool]:
            organization = await service.get_organization(
                session, viewer, organization_id_of(organization_id)
            )
            removed = await service.remove_membership(
                session, viewer, contact_id_of(contact_id, "contactId"), organization.id
            )
            return organization, removed

        result, errors = await attempt(info, remove)
        return MembershipPayload(
            organization=Organization.from_model(result[0]) if result else None,
            contact_id=contact_id if result else None,
            changed=bool(result and result[1]),
            user_errors=errors,
        )
