"""Bulk mutations: update, tag, untag and delete many contacts at once."""

import uuid
from collections.abc import Awaitable, Callable

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.contacts import bulk
from contacts_graph.contacts.inputs import ContactFieldsInput, ContactFilter
from contacts_graph.contacts.mutations import contact_id_of
from contacts_graph.contacts.types import Role
from contacts_graph.context import Info
from contacts_graph.graphql.enums import described_enum
from contacts_graph.graphql.errors import UserError, attempt

BulkItemStatus = described_enum(
    "BulkItemStatus",
    {
        "CHANGED": "The contact changed.",
        "UNCHANGED": "Nothing needed changing.",
        "FAILED": "The contact could not change; see errors.",
    },
    "What a bulk operation did to one contact.",
)


@strawberry.input(
    description="The contacts a bulk operation works on: ids or a filter."
)
class BulkTarget:
    ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Contacts by id."
    )
    filter: ContactFilter | None = strawberry.field(
        default=None,
        description="Every contact matching the filter; refused when it matches more "
        "than one operation takes.",
    )


@strawberry.input(description="What a bulk update changes on every contact.")
class BulkUpdateInput(ContactFieldsInput):
    add_roles: list[Role] | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Roles to add to each contact."
    )
    remove_roles: list[Role] | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Roles to take off each contact."
    )


@strawberry.type(description="What a bulk operation did to one contact.")
class BulkItemResult:
    contact_id: strawberry.ID = strawberry.field(description="The contact.")
    status: BulkItemStatus = strawberry.field(description="Outcome.")  # type: ignore[valid-type]
    changed_fields: list[str] = strawberry.field(description="Fields that changed.")
    errors: list[UserError] = strawberry.field(description="Why it could not change.")


@strawberry.type(description="Result of a bulk operation.")
class BulkPayload:
    results: list[BulkItemResult] = strawberry.field(description="One per contact.")
    changed_count: int = strawberry.field(description="Contacts that changed.")
    failed_count: int = strawberry.field(description="Contacts that could not change.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the operation as a whole was refused; then nothing changed."
    )


def _payload(
    results: list[bulk.ItemResult] | None, errors: list[UserError]
) -> BulkPayload:
    items = [
        BulkItemResult(
            contact_id=strawberry.ID(str(r.contact_id)),
            status=BulkItemStatus(r.status),
            changed_fields=r.changed_fields,
            errors=[UserError.of(e) for e in r.errors],
        )
        for r in results or []
    ]
    return BulkPayload(
        results=items,
        changed_count=sum(r.status == "CHANGED" for r in results or []),
        failed_count=sum(r.status == "FAILED" for r in results or []),
        user_errors=errors,
    )


async def _run(
    info: Info,
    target: BulkTarget,
    operation: Callable[
        [AsyncSession, list[uuid.UUID]], Awaitable[list[bulk.ItemResult]]
    ],
) -> BulkPayload:
    viewer, limit = info.context.viewer, info.context.settings.bulk_limit

    async def run(session: AsyncSession) -> list[bulk.ItemResult]:
        ids = (
            [contact_id_of(i, f"target.ids[{n}]") for n, i in enumerate(target.ids)]
            if target.ids is not None
            else None
        )
        query = target.filter.to_query() if target.filter is not None else None
        targets = await bulk.resolve_targets(
            session, viewer, ids=ids, query=query, limit=limit
        )
        return await operation(session, targets)

    return _payload(*await attempt(info, run))


@strawberry.type
class BulkMutations:
    @strawberry.mutation(description="Set the same fields and roles on many contacts.")
    async def bulk_update_contacts(
        self, info: Info, target: BulkTarget, input: BulkUpdateInput
    ) -> BulkPayload:
        info.context.require("contacts:write")
        viewer, region = info.context.viewer, info.context.settings.default_phone_region

        async def update(
            session: AsyncSession, ids: list[uuid.UUID]
        ) -> list[bulk.ItemResult]:
            return await bulk.update_contacts(
                session,
                viewer,
                ids,
                input.to_values(),
                add_roles=[r.value for r in input.add_roles or ()],
                remove_roles=[r.value for r in input.remove_roles or ()],
                region=region,
            )

        return await _run(info, target, update)

    @strawberry.mutation(description="Put a tag, by id or name, on many contacts.")
    async def bulk_tag_contacts(
        self,
        info: Info,
        target: BulkTarget,
        tag_id: strawberry.ID | None = None,
        tag_name: str | None = None,
    ) -> BulkPayload:
        info.context.require("contacts:write")
        return await _retag(info, target, tag_id, tag_name, add=True)

    @strawberry.mutation(description="Take a tag, by id or name, off many contacts.")
    async def bulk_untag_contacts(
        self,
        info: Info,
        target: BulkTarget,
        tag_id: strawberry.ID | None = None,
        tag_name: str | None = None,
    ) -> BulkPayload:
        info.context.require("contacts:write")
        return await _retag(info, target, tag_id, tag_name, add=False)

    @strawberry.mutation(description="Soft-delete many contacts.")
    async def bulk_delete_contacts(self, info: Info, target: BulkTarget) -> BulkPayload:
        info.context.require("contacts:write")
        viewer = info.context.viewer

        async def delete(
            session: AsyncSession, ids: list[uuid.UUID]
        ) -> list[bulk.ItemResult]:
            return await bulk.delete_contacts(session, viewer, ids)

        return await _run(info, target, delete)


async def _retag(
    info: Info,
    target: BulkTarget,
    tag_id: strawberry.ID | None,
    tag_name: str | None,
    *,
    add: bool,
) -> BulkPayload:
    from contacts_graph.tags.schema import resolve_tag

    viewer = info.context.viewer

    async def retag(
        session: AsyncSession, ids: list[uuid.UUID]
    ) -> list[bulk.ItemResult]:
        tag = await resolve_tag(session, info, tag_id, tag_name, create=add)
        return await bulk.retag_contacts(session, viewer, ids, tag, add=add)

    return await _run(info, target, retag)
