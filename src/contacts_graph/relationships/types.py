"""GraphQL types of the relationship graph."""

import uuid
from datetime import datetime
from typing import Annotated

import strawberry

from contacts_graph.context import Info
from contacts_graph.graphql.enums import described_enum
from contacts_graph.pagination import PageInfo, PageRequest, encode_cursor, trim_page
from contacts_graph.relationships import kinds as domain
from contacts_graph.relationships.loaders import order_key
from contacts_graph.relationships.network import check_depth

Contact = Annotated["Contact", strawberry.lazy("contacts_graph.contacts.types")]

KIND_DESCRIPTIONS = {
    domain.Kind.PARENT: "The related contact is this contact's parent.",
    domain.Kind.CHILD: "The related contact is this contact's child.",
    domain.Kind.SPOUSE: "The related contact is this contact's spouse or partner.",
    domain.Kind.SIBLING: "The related contact is this contact's sibling.",
    domain.Kind.EMPLOYER: "The related contact employs this contact.",
    domain.Kind.EMPLOYEE: "The related contact works for this contact.",
    domain.Kind.REFERRER: "The related contact referred this contact.",
    domain.Kind.REFERRED: "This contact referred the related contact.",
}

RelationshipKind = described_enum(
    "RelationshipKind",
    {kind.value: text for kind, text in KIND_DESCRIPTIONS.items()},
    "What the related contact is to this one.",
)


def kind_values(kinds: list[RelationshipKind] | None) -> tuple[str, ...] | None:  # type: ignore[valid-type]
    return tuple(sorted({k.value for k in kinds})) if kinds else None


@strawberry.type(description="A relationship to another contact.")
class ContactRelationshipEdge:
    cursor: str = strawberry.field(description="Pass as after or before to page on.")
    node: Contact = strawberry.field(description="The related contact.")
    kind: RelationshipKind = strawberry.field(  # type: ignore[valid-type]
        description="What the related contact is to this one."
    )
    created_at: datetime = strawberry.field(description="When the link was made.")


@strawberry.type(
    description="A contact's relationships, by the related contact's name."
)
class ContactRelationshipConnection:
    edges: list[ContactRelationshipEdge] = strawberry.field(description="This page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")
    contact_id: strawberry.Private[uuid.UUID]
    kinds: strawberry.Private[tuple[str, ...] | None]

    @strawberry.field(description="How many relationships match, on every page.")
    async def total_count(self, info: Info) -> int:
        return await info.context.loaders.relationship_count_by_contact_id.load(
            (self.contact_id, self.kinds)
        )


@strawberry.type(description="One step of a path through the relationship graph.")
class NetworkHop:
    kind: RelationshipKind = strawberry.field(  # type: ignore[valid-type]
        description="What the contact of this step is to the one before it."
    )
    contact: Contact = strawberry.field(description="The contact this step reaches.")


@strawberry.type(description="A contact reached through the relationship graph.")
class NetworkEntry:
    contact: Contact = strawberry.field(description="The contact reached.")
    depth: int = strawberry.field(description="Hops from the starting contact.")
    path: list[NetworkHop] = strawberry.field(
        description="The hops from the starting contact, the last one reaching it."
    )


async def contact_relationships(
    info: Info,
    contact_id: uuid.UUID,
    kinds: list[RelationshipKind] | None,  # type: ignore[valid-type]
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> ContactRelationshipConnection:
    """Resolve ``Contact.relationships`` for one contact through its loader."""
    from contacts_graph.contacts.types import Contact as ContactType

    request = PageRequest.of(first, after, last, before)
    selected = kind_values(kinds)
    rows = await info.context.loaders.relationships_by_contact_id.load(
        (contact_id, selected, request)
    )
    items, has_more = trim_page(rows, request)
    edges = [
        ContactRelationshipEdge(
            cursor=encode_cursor(
                order_key(selected), row.sort_key, row.Relationship.id
            ),
            node=ContactType.from_model(row.Contact),
            kind=RelationshipKind(row.Relationship.kind),
            created_at=row.Relationship.created_at,
        )
        for row in items
    ]
    from contacts_graph.organizations.types import page_info

    return ContactRelationshipConnection(
        edges=edges,
        page_info=page_info(edges, has_more, request),
        contact_id=contact_id,
        kinds=selected,
    )


async def contact_network(
    info: Info,
    contact_id: uuid.UUID,
    kinds: list[RelationshipKind] | None,  # type: ignore[valid-type]
    depth: int,
) -> list[NetworkEntry]:
    """Resolve ``Contact.network`` through its loader: one statement per hop."""
    from contacts_graph.contacts.types import Contact as ContactType

    check_depth(depth)
    reached = await info.context.loaders.network_by_contact_id.load(
        (contact_id, kind_values(kinds), depth)
    )
    return [
        NetworkEntry(
            contact=ContactType.from_model(entry.contact),
            depth=entry.depth,
            path=[
                NetworkHop(
                    kind=RelationshipKind(hop.kind),
                    contact=ContactType.from_model(hop.contact),
                )
                for hop in entry.path
            ],
        )
        for entry in reached
    ]
