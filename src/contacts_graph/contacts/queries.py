"""Root query fields of contacts."""

import strawberry
from strawberry import Private

from contacts_graph.contacts import filters, repository
from contacts_graph.contacts.inputs import ContactFilter, ContactOrder
from contacts_graph.contacts.normalize import InvalidValue, normalize_email
from contacts_graph.contacts.types import Contact, parse_id
from contacts_graph.context import Info
from contacts_graph.pagination import (
    Edge,
    OrderDirection,
    PageInfo,
    PageRequest,
)


@strawberry.type(description="A page of contacts.")
class ContactConnection:
    edges: list[Edge[Contact]] = strawberry.field(description="This page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")
    query: Private[filters.ContactQuery]

    @strawberry.field(description="How many contacts match, on every page.")
    async def total_count(self, info: Info) -> int:
        async with info.context.db.use() as session:
            return await repository.count_contacts(
                session, info.context.viewer.tenant_id, self.query
            )


@strawberry.type
class ContactQueries:
    @strawberry.field(
        description="A contact by id; an id merged away returns the surviving contact."
    )
    async def contact(self, info: Info, id: strawberry.ID) -> Contact | None:
        info.context.require("contacts:read")
        contact_id = parse_id(id)
        if contact_id is None:
            return None
        model = await info.context.loaders.contact_by_id.load(contact_id)
        return Contact.from_model(model) if model else None

    @strawberry.field(
        description="Contacts matching a filter, in an order, a page at a time."
    )
    async def contacts(
        self,
        info: Info,
        filter: ContactFilter | None = None,
        order_by: ContactOrder | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> ContactConnection:
        info.context.require("contacts:read")
        query = (filter or ContactFilter()).to_query()
        order = order_by or ContactOrder()
        request = PageRequest.of(first, after, last, before)
        async with info.context.db.use() as session:
            page = await repository.page_contacts(
                session,
                info.context.viewer.tenant_id,
                query,
                filters.ContactOrder(order.field.value),
                OrderDirection(order.direction.value),
                request,
            )
        edges = [
            Edge(cursor=cursor, node=Contact.from_model(model))
            for model, cursor in zip(page.items, page.cursors, strict=True)
        ]
        return ContactConnection(edges=edges, page_info=page.page_info(), query=query)

    @strawberry.field(
        description="The oldest live contact whose primary email is this address."
    )
    async def contact_by_email(self, info: Info, email: str) -> Contact | None:
        info.context.require("contacts:read")
        try:
            address = normalize_email(email)
        except InvalidValue:
            return None
        async with info.context.db.use() as session:
            found = await repository.contacts_by_primary_email(
                session, info.context.viewer.tenant_id, [address]
            )
        return Contact.from_model(found[0]) if found else None
