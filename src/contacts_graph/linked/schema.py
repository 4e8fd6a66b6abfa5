"""Mutations that products use to link their records to contacts."""

from datetime import datetime
from decimal import Decimal

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.scalars import JSON

from contacts_graph.contacts.mutations import contact_id_of
from contacts_graph.context import Info
from contacts_graph.graphql.errors import UserError, attempt
from contacts_graph.linked import models, service
from contacts_graph.linked.types import KIND_DESCRIPTION, LinkedProduct, LinkedRecord


@strawberry.input(
    description="A product's record, written against a contact. Writing the same "
    "product, kind and externalId again updates the record."
)
class LinkRecordInput:
    contact_id: strawberry.ID = strawberry.field(
        description="The contact; naming another contact than before moves the record."
    )
    product: LinkedProduct = strawberry.field(  # type: ignore[valid-type]
        description="The product that owns the record."
    )
    kind: str = strawberry.field(
        description=f"{KIND_DESCRIPTION} At most 40 characters."
    )
    external_id: str = strawberry.field(
        description="The record's id in its product, at most 200 characters."
    )
    title: str = strawberry.field(
        description="What to show, e.g. a subject; at most 300 characters."
    )
    occurred_at: datetime = strawberry.field(
        description="When it happened or is due, with a time zone."
    )
    status: str | None = strawberry.field(
        default=None, description="The product's status, at most 50 characters."
    )
    amount: Decimal | None = strawberry.field(
        default=None,
        description="A value as a decimal string with at most 2 decimals and 16 "
        'digits before the point, e.g. "1250.00"; needs currency.',
    )
    currency: str | None = strawberry.field(
        default=None, description="ISO 4217 code of amount, e.g. EUR."
    )
    payload: JSON | None = strawberry.field(
        default=None,
        description="Further fields as one JSON object of at most 16 KiB, with "
        "finite numbers between -2^63 and 2^63; replaces the stored one.",
    )

    def to_values(self) -> dict[str, object]:
        return {
            "product": self.product.value,
            "kind": self.kind,
            "external_id": self.external_id,
            "title": self.title,
            "status": self.status,
            "amount": self.amount,
            "currency": self.currency,
            "occurred_at": self.occurred_at,
            "payload": self.payload,
        }


@strawberry.type(description="Result of linkRecord.")
class LinkRecordPayload:
    record: LinkedRecord | None = strawberry.field(
        description="The record as stored now."
    )
    changed: bool = strawberry.field(
        description="Whether anything changed; false when the same values were sent."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing changed.")


@strawberry.type(description="Result of unlinkRecord.")
class UnlinkRecordPayload:
    unlinked_record_id: strawberry.ID | None = strawberry.field(
        description="Id of the record removed; null when none was linked."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing changed.")


@strawberry.type
class LinkedRecordMutations:
    @strawberry.mutation(
        description="Write a product's record against a contact, idempotent on "
        "product, kind and externalId."
    )
    async def link_record(
        self, info: Info, input: LinkRecordInput
    ) -> LinkRecordPayload:
        info.context.require("contacts:write")
        viewer = info.context.viewer

        async def link(session: AsyncSession) -> tuple[models.LinkedRecord, bool]:
            return await service.link_record(
                session,
                viewer,
                contact_id_of(input.contact_id, "contactId"),
                input.to_values(),
            )

        result, errors = await attempt(info, link)
        return LinkRecordPayload(
            record=LinkedRecord.from_model(result[0]) if result else None,
            changed=bool(result and result[1]),
            user_errors=errors,
        )

    @strawberry.mutation(
        description="Remove a product's record from its contact; unlinking one "
        "that is not linked changes nothing and is not an error."
    )
    async def unlink_record(
        self,
        info: Info,
        product: LinkedProduct,  # type: ignore[valid-type]
        kind: str,
        external_id: str,
    ) -> UnlinkRecordPayload:
        info.context.require("contacts:write")
        viewer = info.context.viewer

        async def unlink(session: AsyncSession) -> models.LinkedRecord | None:
            return await service.unlink_record(
                session, viewer, product.value, kind, external_id
            )

        record, errors = await attempt(info, unlink)
        return UnlinkRecordPayload(
            unlinked_record_id=strawberry.ID(str(record.id)) if record else None,
            user_errors=errors,
        )
