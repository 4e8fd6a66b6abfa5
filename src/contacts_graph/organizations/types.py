"""GraphQL types of organizations and memberships."""

import uuid
from datetime import datetime
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON

from contacts_graph.context import Info
from contacts_graph.organizations import models
from contacts_graph.pagination import (
    PageInfo,
    PageRequest,
    encode_cursor,
    make_page_info,
    trim_page,
)

Contact = Annotated["Contact", strawberry.lazy("contacts_graph.contacts.types")]


@strawberry.federation.type(
    keys=["id"], description="A company or other body that contacts belong to."
)
class Organization:
    id: strawberry.ID = strawberry.field(description="Stable id of the organization.")
    name: str = strawberry.field(description="Name, unique within the tenant.")
    domain: str | None = strawberry.field(description="Web domain, e.g. example.com.")
    notes: str | None = strawberry.field(description="Free-text notes.")
    custom_fields: JSON = strawberry.field(
        description="Values with no column of their own."
    )
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    model: strawberry.Private[models.Organization]

    @classmethod
    def from_model(cls, model: models.Organization) -> "Organization":
        return cls(
            id=strawberry.ID(str(model.id)),
            name=model.name,
            domain=model.domain,
            notes=model.notes,
            custom_fields=model.custom_fields,
            created_at=model.created_at,
            updated_at=model.updated_at,
            model=model,
        )

    @classmethod
    async def resolve_reference(
        cls, info: Info, id: strawberry.ID
    ) -> "Organization | None":
        """Resolve a federation reference; all references batch into one query."""
        from contacts_graph.contacts.types import parse_id

        info.context.require("contacts:read")
        organization_id = parse_id(id)
        if organization_id is None:
            return None
        model = await info.context.loaders.organization_by_id.load(organization_id)
        return cls.from_model(model) if model else None

    @strawberry.field(description="How many live contacts belong to it.")
    async def contact_count(self, info: Info) -> int:
        return await info.context.loaders.contact_count_by_organization_id.load(
            self.model.id
        )

    @strawberry.field(
        description="The member whose main organization this is, earliest first."
    )
    async def primary_contact(self, info: Info) -> Contact | None:
        from contacts_graph.contacts.types import Contact as ContactType

        row = await info.context.loaders.primary_contact_by_organization_id.load(
            self.model.id
        )
        return ContactType.from_model(row) if row else None

    @strawberry.field(description="Live members, by name.")
    async def contacts(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> "OrganizationContactConnection":
        from contacts_graph.contacts.types import Contact as ContactType

        request = PageRequest.of(first, after, last, before)
        rows = await info.context.loaders.memberships_by_organization_id.load(
            (self.model.id, request)
        )
        items, has_more = trim_page(rows, request)
        edges = [
            OrganizationContactEdge(
                cursor=encode_cursor(
                    "membership:contact-name", row.sort_key, row.Membership.id
                ),
                node=ContactType.from_model(row.Contact),
                membership=row.Membership,
            )
            for row in items
        ]
        return OrganizationContactConnection(
            edges=edges,
            page_info=page_info(edges, has_more, request),
            organization_id=self.model.id,
        )


def page_info(edges: list[Any], has_more: bool, request: PageRequest) -> PageInfo:
    return make_page_info([edge.cursor for edge in edges], has_more, request)


@strawberry.interface(description="A contact's place in an organization.")
class Membership:
    membership: strawberry.Private[models.Membership]

    @strawberry.field(description="Id of the membership.")
    def membership_id(self) -> strawberry.ID:
        return strawberry.ID(str(self.membership.id))

    @strawberry.field(description="Job title in the organization.")
    def title(self) -> str | None:
        return self.membership.title

    @strawberry.field(description="Function in the organization, e.g. Billing contact.")
    def role(self) -> str | None:
        return self.membership.role

    @strawberry.field(description="This is the contact's main organization.")
    def is_primary(self) -> bool:
        return self.membership.is_primary


@strawberry.type(description="An organization the contact belongs to.")
class ContactOrganizationEdge(Membership):
    cursor: str = strawberry.field(description="Pass as after or before to page on.")
    node: Organization = strawberry.field(description="The organization.")


@strawberry.type(description="A contact's organizations, by name.")
class ContactOrganizationConnection:
    edges: list[ContactOrganizationEdge] = strawberry.field(description="This page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")
    contact_id: strawberry.Private[uuid.UUID]

    @strawberry.field(description="How many organizations the contact belongs to.")
    async def total_count(self, info: Info) -> int:
        return await info.context.loaders.membership_count_by_contact_id.load(
            self.contact_id
        )


@strawberry.type(description="A member of an organization.")
class OrganizationContactEdge(Membership):
    cursor: str = strawberry.field(description="Pass as after or before to page on.")
    node: Contact = strawberry.field(description="The contact.")


@strawberry.type(description="An organization's live members, by name.")
class OrganizationContactConnection:
    edges: list[OrganizationContactEdge] = strawberry.field(description="This page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")
    organization_id: strawberry.Private[uuid.UUID]

    @strawberry.field(description="How many live contacts belong to it.")
    async def total_count(self, info: Info) -> int:
        return await info.context.loaders.contact_count_by_organization_id.load(
            self.organization_id
        )


@strawberry.type(description="An organization in a list.")
class OrganizationEdge:
    cursor: str = strawberry.field(description="Pass as after or before to page on.")
    node: Organization = strawberry.field(description="The organization.")


@strawberry.type(description="A page of organizations, by name.")
class OrganizationConnection:
    edges: list[OrganizationEdge] = strawberry.field(description="This page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")
    search: strawberry.Private[str | None]

    @strawberry.field(description="How many organizations match, on every page.")
    async def total_count(self, info: Info) -> int:
        from contacts_graph.organizations import repository

        async with info.context.db.use() as session:
            return await repository.count_organizations(
                session, info.context.viewer.tenant_id, self.search
            )


async def contact_organizations(
    info: Info,
    contact_id: uuid.UUID,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> ContactOrganizationConnection:
    """Resolve ``Contact.organizations`` for one contact through its loader."""
    request = PageRequest.of(first, after, last, before)
    rows = await info.context.loaders.memberships_by_contact_id.load(
        (contact_id, request)
    )
    items, has_more = trim_page(rows, request)
    edges = [
        ContactOrganizationEdge(
            cursor=encode_cursor(
                "membership:organization-name", row.sort_key, row.Membership.id
            ),
            node=Organization.from_model(row.Organization),
            membership=row.Membership,
        )
        for row in items
    ]
    return ContactOrganizationConnection(
        edges=edges,
        page_info=page_info(edges, has_more, request),
        contact_id=contact_id,
    )
