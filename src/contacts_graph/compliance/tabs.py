"""Connections of the compliance tabs and their resolvers.

Reading needs compliance:read; a field without it resolves to null, with a
FORBIDDEN error.
"""

import uuid
from typing import Any

import strawberry

from contacts_graph.compliance import repository
from contacts_graph.compliance.types import (
    AmlScreening,
    IdentityDocument,
    KycCheck,
    RightToRentCheck,
)
from contacts_graph.context import Info
from contacts_graph.pagination import (
    PageInfo,
    PageRequest,
    encode_cursor,
    make_page_info,
    trim_page,
)


@strawberry.type(description="An identity document in the tab.")
class IdentityDocumentEdge:
    cursor: str = strawberry.field(description="Pass as after or before to page on.")
    node: IdentityDocument = strawberry.field(description="The document.")


@strawberry.type(description="A contact's identity documents, latest recorded first.")
class IdentityDocumentConnection:
    edges: list[IdentityDocumentEdge] = strawberry.field(description="This page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")
    contact_id: strawberry.Private[uuid.UUID]

    @strawberry.field(description="How many identity documents the contact has.")
    async def total_count(self, info: Info) -> int:
        return await info.context.loaders.identity_document_count_by_contact_id.load(
            self.contact_id
        )


@strawberry.type(description="A KYC check in the tab.")
class KycCheckEdge:
    cursor: str = strawberry.field(description="Pass as after or before to page on.")
    node: KycCheck = strawberry.field(description="The check.")


@strawberry.type(description="A contact's KYC checks, latest requested first.")
class KycCheckConnection:
    edges: list[KycCheckEdge] = strawberry.field(description="This page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")
    contact_id: strawberry.Private[uuid.UUID]

    @strawberry.field(description="How many KYC checks the contact has.")
    async def total_count(self, info: Info) -> int:
        return await info.context.loaders.kyc_check_count_by_contact_id.load(
            self.contact_id
        )


@strawberry.type(description="An AML screening in the tab.")
class AmlScreeningEdge:
    cursor: str = strawberry.field(description="Pass as after or before to page on.")
    node: AmlScreening = strawberry.field(description="The screening.")


@strawberry.type(description="A contact's AML screenings, latest screened first.")
class AmlScreeningConnection:
    edges: list[AmlScreeningEdge] = strawberry.field(description="This page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")
    contact_id: strawberry.Private[uuid.UUID]

    @strawberry.field(description="How many AML screenings the contact has.")
    async def total_count(self, info: Info) -> int:
        return await info.context.loaders.aml_screening_count_by_contact_id.load(
            self.contact_id
        )


@strawberry.type(description="A right-to-rent check in the tab.")
class RightToRentCheckEdge:
    cursor: str = strawberry.field(description="Pass as after or before to page on.")
    node: RightToRentCheck = strawberry.field(description="The check.")


@strawberry.type(description="A contact's right-to-rent checks, latest checked first.")
class RightToRentCheckConnection:
    edges: list[RightToRentCheckEdge] = strawberry.field(description="This page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")
    contact_id: strawberry.Private[uuid.UUID]

    @strawberry.field(description="How many right-to-rent checks the contact has.")
    async def total_count(self, info: Info) -> int:
        return await info.context.loaders.right_to_rent_check_count_by_contact_id.load(
            self.contact_id
        )


async def _connection(
    info: Info,
    contact_id: uuid.UUID,
    request: PageRequest,
    loader: Any,
    kind: tuple[str, str, Any, Any, Any],
) -> Any:
    """Check compliance:read, load a page and build its connection."""
    info.context.require("compliance:read")
    order, attribute, node, edge, connection = kind
    rows = await loader.load((contact_id, request))
    items, has_more = trim_page(rows, request)
    edges = [
        edge(
            cursor=encode_cursor(order, row.sort_key, getattr(row, attribute).id),
            node=node.from_model(getattr(row, attribute)),
        )
        for row in items
    ]
    cursors = [e.cursor for e in edges]
    return connection(
        edges=edges,
        page_info=make_page_info(cursors, has_more, request),
        contact_id=contact_id,
    )


async def identity_documents(
    info: Info, contact_id: uuid.UUID, request: PageRequest
) -> IdentityDocumentConnection:
    """Resolve the identity tab; it needs compliance:read."""
    kind = (
        repository.IDENTITY_ORDER,
        "IdentityDocument",
        IdentityDocument,
        IdentityDocumentEdge,
        IdentityDocumentConnection,
    )
    loader = info.context.loaders.identity_documents_by_contact_id
    return await _connection(info, contact_id, request, loader, kind)


async def kyc_checks(
    info: Info, contact_id: uuid.UUID, request: PageRequest
) -> KycCheckConnection:
    """Resolve the kyc tab; it needs compliance:read."""
    kind = (
        repository.KYC_ORDER,
        "KycCheck",
        KycCheck,
        KycCheckEdge,
        KycCheckConnection,
    )
    loader = info.context.loaders.kyc_checks_by_contact_id
    return await _connection(info, contact_id, request, loader, kind)


async def aml_screenings(
    info: Info, contact_id: uuid.UUID, request: PageRequest
) -> AmlScreeningConnection:
    """Resolve the aml tab; it needs compliance:read."""
    kind = (
        repository.AML_ORDER,
        "AmlScreening",
        AmlScreening,
        AmlScreeningEdge,
        AmlScreeningConnection,
    )
    loader = info.context.loaders.aml_screenings_by_contact_id
    return await _connection(info, contact_id, request, loader, kind)


async def right_to_rent_checks(
    info: Info, contact_id: uuid.UUID, request: PageRequest
) -> RightToRentCheckConnection:
    """Resolve the rightToRent tab; it needs compliance:read."""
    kind = (
        repository.RIGHT_TO_RENT_ORDER,
        "RightToRentCheck",
        RightToRentCheck,
        RightToRentCheckEdge,
        RightToRentCheckConnection,
    )
    loader = info.context.loaders.right_to_rent_checks_by_contact_id
    return await _connection(info, contact_id, request, loader, kind)
