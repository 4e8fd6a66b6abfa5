"""Relay connections of the role tabs and the resolvers of the Contact fields."""

import uuid
from typing import Any

import strawberry

from contacts_graph.context import Info
from contacts_graph.pagination import (
    PageInfo,
    PageRequest,
    encode_cursor,
    make_page_info,
    trim_page,
)
from contacts_graph.roles import repository
from contacts_graph.roles.types import Employment, Investment, PropertyHolding, Tenancy


@strawberry.type(description="A tenancy in the tab.")
class TenancyEdge:
    cursor: str = strawberry.field(description="Pass as after or before to page on.")
    node: Tenancy = strawberry.field(description="The tenancy.")


@strawberry.type(description="A contact's tenancies, latest started first.")
class TenancyConnection:
    edges: list[TenancyEdge] = strawberry.field(description="This page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")
    contact_id: strawberry.Private[uuid.UUID]

    @strawberry.field(description="How many tenancies the contact has.")
    async def total_count(self, info: Info) -> int:
        return await info.context.loaders.tenancy_count_by_contact_id.load(
            self.contact_id
        )


@strawberry.type(description="A property holding in the tab.")
class PropertyHoldingEdge:
    cursor: str = strawberry.field(description="Pass as after or before to page on.")
    node: PropertyHolding = strawberry.field(description="The holding.")


@strawberry.type(
    description="A contact's properties, latest acquired first; those with no "
    "acquisition day last."
)
class PropertyHoldingConnection:
    edges: list[PropertyHoldingEdge] = strawberry.field(description="This page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")
    contact_id: strawberry.Private[uuid.UUID]

    @strawberry.field(description="How many properties the contact holds.")
    async def total_count(self, info: Info) -> int:
        return await info.context.loaders.property_holding_count_by_contact_id.load(
            self.contact_id
        )


@strawberry.type(description="An investment in the tab.")
class InvestmentEdge:
    cursor: str = strawberry.field(description="Pass as after or before to page on.")
    node: Investment = strawberry.field(description="The investment.")


@strawberry.type(description="A contact's investments, latest invested first.")
class InvestmentConnection:
    edges: list[InvestmentEdge] = strawberry.field(description="This page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")
    contact_id: strawberry.Private[uuid.UUID]

    @strawberry.field(description="How many investments the contact has.")
    async def total_count(self, info: Info) -> int:
        return await info.context.loaders.investment_count_by_contact_id.load(
            self.contact_id
        )


@strawberry.type(description="A job in the tab.")
class EmploymentEdge:
    cursor: str = strawberry.field(description="Pass as after or before to page on.")
    node: Employment = strawberry.field(description="The job.")


@strawberry.type(description="A contact's jobs, latest started first.")
class EmploymentConnection:
    edges: list[EmploymentEdge] = strawberry.field(description="This page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")
    contact_id: strawberry.Private[uuid.UUID]

    @strawberry.field(description="How many jobs the contact has.")
    async def total_count(self, info: Info) -> int:
        return await info.context.loaders.employment_count_by_contact_id.load(
            self.contact_id
        )


async def _connection(
    info: Info,
    contact_id: uuid.UUID,
    request: PageRequest,
    loader: Any,
    shape: tuple[str, str, Any, Any, Any],
) -> Any:
    """Load a page through ``loader`` and shape it as the tab's connection."""
    info.context.require("contacts:read")
    order, attribute, node, edge, connection = shape
    rows = await loader.load((contact_id, request))
    items, has_more = trim_page(rows, request)
    edges = [
        edge(
            cursor=encode_cursor(order, row.sort_key, getattr(row, attribute).id),
            node=node.from_model(getattr(row, attribute)),
        )
        for row in items
    ]
    return connection(
        edges=edges,
        page_info=make_page_info([e.cursor for e in edges], has_more, request),
        contact_id=contact_id,
    )


async def tenancies(
    info: Info, contact_id: uuid.UUID, request: PageRequest
) -> TenancyConnection:
    """Resolve the tenancies tab."""
    shape = (
        repository.TENANCY_ORDER,
        "Tenancy",
        Tenancy,
        TenancyEdge,
        TenancyConnection,
    )
    loader = info.context.loaders.tenancies_by_contact_id
    return await _connection(info, contact_id, request, loader, shape)


async def properties(
    info: Info, contact_id: uuid.UUID, request: PageRequest
) -> PropertyHoldingConnection:
    """Resolve the properties tab."""
    shape = (
        repository.PROPERTY_ORDER,
        "PropertyHolding",
        PropertyHolding,
        PropertyHoldingEdge,
        PropertyHoldingConnection,
    )
    loader = info.context.loaders.property_holdings_by_contact_id
    return await _connection(info, contact_id, request, loader, shape)


async def investments(
    info: Info, contact_id: uuid.UUID, request: PageRequest
) -> InvestmentConnection:
    """Resolve the investments tab."""
    shape = (
        repository.INVESTMENT_ORDER,
        "Investment",
        Investment,
        InvestmentEdge,
        InvestmentConnection,
    )
    loader = info.context.loaders.investments_by_contact_id
    return await _connection(info, contact_id, request, loader, shape)


async def employment(
    info: Info, contact_id: uuid.UUID, request: PageRequest
) -> EmploymentConnection:
    """Resolve the employment tab."""
    shape = (
        repository.EMPLOYMENT_ORDER,
        "Employment",
        Employment,
        EmploymentEdge,
        EmploymentConnection,
    )
    loader = info.context.loaders.employments_by_contact_id
    return await _connection(info, contact_id, request, loader, shape)
