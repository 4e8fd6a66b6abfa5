"""Mutations of the compliance tabs: add, edit and remove each kind of record.

Every one needs compliance:review; without it the call fails with FORBIDDEN.
"""

import uuid
from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.compliance import models, service
from contacts_graph.compliance.inputs import (
    AddAmlScreeningInput,
    AddIdentityDocumentInput,
    AddKycCheckInput,
    AddRightToRentCheckInput,
    EditAmlScreeningInput,
    EditIdentityDocumentInput,
    EditKycCheckInput,
    EditRightToRentCheckInput,
)
from contacts_graph.compliance.types import (
    AmlScreening,
    IdentityDocument,
    KycCheck,
    RightToRentCheck,
)
from contacts_graph.contacts.mutations import contact_id_of
from contacts_graph.context import Info
from contacts_graph.graphql.errors import UserError, attempt


def _values(source: Any, *, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """Return the fields the caller gave, snake_case, with enums as their names."""
    values = {
        key: getattr(value, "value", value)
        for key, value in vars(source).items()
        if value is not strawberry.UNSET and key not in exclude
    }
    if isinstance(values.get("lists_checked"), list):
        values["lists_checked"] = [
            getattr(item, "value", item) for item in values["lists_checked"]
        ]
    if values.get("document_id") is not None:
        values["document_id"] = contact_id_of(values["document_id"], "documentId")
    return values


@strawberry.type(
    description="Result of addIdentityDocument, editIdentityDocument and "
    "removeIdentityDocument."
)
class IdentityDocumentPayload:
    identity_document: IdentityDocument | None = strawberry.field(
        description="The document (as it was, for a removal)."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing changed.")


@strawberry.type(description="Result of addKycCheck, editKycCheck and removeKycCheck.")
class KycCheckPayload:
    kyc_check: KycCheck | None = strawberry.field(
        description="The check (as it was, for a removal)."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing changed.")


@strawberry.type(
    description="Result of addAmlScreening, editAmlScreening and removeAmlScreening."
)
class AmlScreeningPayload:
    aml_screening: AmlScreening | None = strawberry.field(
        description="The screening (as it was, for a removal)."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing changed.")


@strawberry.type(
    description="Result of addRightToRentCheck, editRightToRentCheck and "
    "removeRightToRentCheck."
)
class RightToRentCheckPayload:
    right_to_rent_check: RightToRentCheck | None = strawberry.field(
        description="The check (as it was, for a removal)."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing changed.")


async def _run(info: Info, model: Any, verb: str, id_: Any, input: Any = None) -> Any:
    """Check compliance:review and run one service call through ``attempt``."""
    info.context.require("compliance:review")
    viewer = info.context.viewer

    async def act(session: AsyncSession) -> Any:
        if verb == "add":
            contact_id = contact_id_of(id_, "contactId")
            values = _values(input, exclude=("contact_id",))
            return await service.add_record(session, viewer, model, contact_id, values)
        record_id: uuid.UUID = contact_id_of(id_, "id")
        if verb == "edit":
            values = _values(input, exclude=("id",))
            return await service.edit_record(session, viewer, model, record_id, values)
        return await service.remove_record(session, viewer, model, record_id)

    return await attempt(info, act)


def _identity(result: tuple[Any, list[UserError]]) -> IdentityDocumentPayload:
    row, errors = result
    node = IdentityDocument.from_model(row) if row else None
    return IdentityDocumentPayload(identity_document=node, user_errors=errors)


def _kyc(result: tuple[Any, list[UserError]]) -> KycCheckPayload:
    row, errors = result
    node = KycCheck.from_model(row) if row else None
    return KycCheckPayload(kyc_check=node, user_errors=errors)


def _aml(result: tuple[Any, list[UserError]]) -> AmlScreeningPayload:
    row, errors = result
    node = AmlScreening.from_model(row) if row else None
    return AmlScreeningPayload(aml_screening=node, user_errors=errors)


def _rtr(result: tuple[Any, list[UserError]]) -> RightToRentCheckPayload:
    row, errors = result
    node = RightToRentCheck.from_model(row) if row else None
    return RightToRentCheckPayload(right_to_rent_check=node, user_errors=errors)


@strawberry.type
class ComplianceMutations:
    @strawberry.mutation(
        description="Record an identity document of a contact (compliance:review)."
    )
    async def add_identity_document(
        self, info: Info, input: AddIdentityDocumentInput
    ) -> IdentityDocumentPayload:
        model = models.IdentityDocument
        return _identity(await _run(info, model, "add", input.contact_id, input))

    @strawberry.mutation(description="Change an identity document.")
    async def edit_identity_document(
        self, info: Info, input: EditIdentityDocumentInput
    ) -> IdentityDocumentPayload:
        model = models.IdentityDocument
        return _identity(await _run(info, model, "edit", input.id, input))

    @strawberry.mutation(description="Remove an identity document.")
    async def remove_identity_document(
        self, info: Info, id: strawberry.ID
    ) -> IdentityDocumentPayload:
        return _identity(await _run(info, models.IdentityDocument, "remove", id))

    @strawberry.mutation(description="Record a KYC check (compliance:review).")
    async def add_kyc_check(
        self, info: Info, input: AddKycCheckInput
    ) -> KycCheckPayload:
        return _kyc(await _run(info, models.KycCheck, "add", input.contact_id, input))

    @strawberry.mutation(description="Change a KYC check.")
    async def edit_kyc_check(
        self, info: Info, input: EditKycCheckInput
    ) -> KycCheckPayload:
        return _kyc(await _run(info, models.KycCheck, "edit", input.id, input))

    @strawberry.mutation(description="Remove a KYC check.")
    async def remove_kyc_check(self, info: Info, id: strawberry.ID) -> KycCheckPayload:
        return _kyc(await _run(info, models.KycCheck, "remove", id))

    @strawberry.mutation(description="Record an AML screening (compliance:review).")
    async def add_aml_screening(
        self, info: Info, input: AddAmlScreeningInput
    ) -> AmlScreeningPayload:
        model = models.AmlScreening
        return _aml(await _run(info, model, "add", input.contact_id, input))

    @strawberry.mutation(description="Change an AML screening.")
    async def edit_aml_screening(
        self, info: Info, input: EditAmlScreeningInput
    ) -> AmlScreeningPayload:
        return _aml(await _run(info, models.AmlScreening, "edit", input.id, input))

    @strawberry.mutation(description="Remove an AML screening.")
    async def remove_aml_screening(
        self, info: Info, id: strawberry.ID
    ) -> AmlScreeningPayload:
        return _aml(await _run(info, models.AmlScreening, "remove", id))

    @strawberry.mutation(
        description="Record a right-to-rent check (compliance:review)."
    )
    async def add_right_to_rent_check(
        self, info: Info, input: AddRightToRentCheckInput
    ) -> RightToRentCheckPayload:
        model = models.RightToRentCheck
        return _rtr(await _run(info, model, "add", input.contact_id, input))

    @strawberry.mutation(description="Change a right-to-rent check.")
    async def edit_right_to_rent_check(
        self, info: Info, input: EditRightToRentCheckInput
    ) -> RightToRentCheckPayload:
        model = models.RightToRentCheck
        return _rtr(await _run(info, model, "edit", input.id, input))

    @strawberry.mutation(description="Remove a right-to-rent check.")
    async def remove_right_to_rent_check(
        self, info: Info, id: strawberry.ID
    ) -> RightToRentCheckPayload:
        return _rtr(await _run(info, models.RightToRentCheck, "remove", id))
