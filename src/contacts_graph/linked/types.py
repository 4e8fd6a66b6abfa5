"""GraphQL types of linked records and the tab connections that list them."""

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON

from contacts_graph.context import Info
from contacts_graph.graphql.enums import described_enum
from contacts_graph.linked import models
from contacts_graph.linked.repository import record_cursor
from contacts_graph.linked.tabs import PRODUCT_DESCRIPTIONS, TAB_DESCRIPTIONS, LinkedTab
from contacts_graph.pagination import PageInfo, PageRequest, make_page_info, trim_page

Contact = Annotated["Contact", strawberry.lazy("contacts_graph.contacts.types")]

LinkedProduct = described_enum(
    "LinkedProduct",
    PRODUCT_DESCRIPTIONS,
    "The product of the suite that owns a linked record.",
)

KIND_DESCRIPTION = (
    "What the record is in its product, in lower snake case. The tabs read: "
    "INBOX thread (conversations); MAIL send and ADS send (campaigns); CALENDAR "
    "event, meeting and booking (events); DEALS deal (pipeline); OPS stay "
    "(stays); OPS appointment and ASSURE appointment (appointments); OPS "
    "work_order (workOrders). Other kinds are stored and reach the activity "
    "feed only."
)


@strawberry.type(
    description="A record another product owns (a thread, deal, booking, send…), "
    "written against a contact through linkRecord."
)
class LinkedRecord:
    id: strawberry.ID = strawberry.field(description="Stable id of the link.")
    product: LinkedProduct = strawberry.field(  # type: ignore[valid-type]
        description="The product that owns the record."
    )
    kind: str = strawberry.field(description=KIND_DESCRIPTION)
    external_id: str = strawberry.field(
        description="The record's id in its product; unique per product and kind."
    )
    title: str = strawberry.field(description="What to show: a subject, a deal name.")
    status: str | None = strawberry.field(
        description="The product's own status, e.g. open, won, confirmed."
    )
    amount: Decimal | None = strawberry.field(
        description="A value in currency, exact to the cent, as a decimal string."
    )
    currency: str | None = strawberry.field(
        description="ISO 4217 code of amount, e.g. EUR; set exactly when amount is."
    )
    occurred_at: datetime = strawberry.field(
        description="When it happened or is due; tabs list newest first."
    )
    payload: JSON = strawberry.field(
        description="The product's further fields, as one JSON object."
    )
    created_at: datetime = strawberry.field(description="When it was first linked.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    model: strawberry.Private[models.LinkedRecord]

    @classmethod
    def from_model(cls, model: models.LinkedRecord) -> "LinkedRecord":
        return cls(
            id=strawberry.ID(str(model.id)),
            product=LinkedProduct(model.product),
            kind=model.kind,
            external_id=model.external_id,
            title=model.title,
            status=model.status,
            amount=model.amount,
            currency=model.currency,
            occurred_at=model.occurred_at,
            payload=model.payload,
            created_at=model.created_at,
            updated_at=model.updated_at,
            model=model,
        )

    @strawberry.field(description="The contact the record is linked to.")
    async def contact(self, info: Info) -> Contact | None:
        from contacts_graph.contacts.types import Contact as ContactType

        model = await info.context.loaders.contact_by_id.load(self.model.contact_id)
        return ContactType.from_model(model) if model else None


@strawberry.type(description="A linked record in a tab.")
class LinkedRecordEdge:
    cursor: str = strawberry.field(description="Pass as after or before to page on.")
    node: LinkedRecord = strawberry.field(description="The record.")


@strawberry.type(description="A contact's linked records of one tab, newest first.")
class LinkedRecordConnection:
    edges: list[LinkedRecordEdge] = strawberry.field(description="This page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")
    contact_id: strawberry.Private[uuid.UUID]
    tab: strawberry.Private[LinkedTab]

    @strawberry.field(description="How many records the tab holds, on every page.")
    async def total_count(self, info: Info) -> int:
        return await info.context.loaders.linked_record_count_by_contact_id.load(
            (self.contact_id, self.tab)
        )


async def contact_tab(
    info: Info,
    contact_id: uuid.UUID,
    tab: LinkedTab,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> LinkedRecordConnection:
    """Resolve one linked-record tab of a contact through its loader."""
    request = PageRequest.of(first, after, last, before)
    rows = await info.context.loaders.linked_records_by_contact_id.load(
        (contact_id, tab, request)
    )
    items, has_more = trim_page(rows, request)
    edges = [
        LinkedRecordEdge(
            cursor=record_cursor(row.LinkedRecord),
            node=LinkedRecord.from_model(row.LinkedRecord),
        )
        for row in items
    ]
    return LinkedRecordConnection(
        edges=edges,
        page_info=make_page_info([edge.cursor for edge in edges], has_more, request),
        contact_id=contact_id,
        tab=tab,
    )


def linked_tab_field(tab: LinkedTab) -> Any:
    """Return the ``Contact`` field of a linked-record tab, backed by its loader.

    Contact declares the seven tabs as ``conversations =
    linked_tab_field(LinkedTab.CONVERSATIONS)`` and so on: one line each, with
    the arguments, description and resolver kept here.
    """

    async def resolve(
        root: Any,
        info: Info,
        first: Annotated[
            int | None, strawberry.argument(description="Newest records to return.")
        ] = None,
        after: Annotated[
            str | None, strawberry.argument(description="Cursor to page on from.")
        ] = None,
        last: Annotated[
            int | None, strawberry.argument(description="Oldest records to return.")
        ] = None,
        before: Annotated[
            str | None, strawberry.argument(description="Cursor to page back from.")
        ] = None,
    ) -> LinkedRecordConnection:
        return await contact_tab(info, root.model.id, tab, first, after, last, before)

    return strawberry.field(resolver=resolve, description=TAB_DESCRIPTIONS[tab])
