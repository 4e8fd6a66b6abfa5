"""Mutations of the role tabs: add, edit and remove each kind of record."""

import uuid
from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.contacts.mutations import contact_id_of
from contacts_graph.context import Info
from contacts_graph.graphql.errors import UserError, attempt
from contacts_graph.roles import inputs, models, service
from contacts_graph.roles.types import Employment, Investment, PropertyHolding, Tenancy


def _values(source: Any, *, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """Return the fields the caller gave, snake_case, with enums as their names."""
    values = {
        key: getattr(value, "value", value)
        for key, value in vars(source).items()
        if value is not strawberry.UNSET and key not in exclude
    }
    if values.get("manager_contact_id") is not None:
        values["manager_contact_id"] = contact_id_of(
            values["manager_contact_id"], "managerContactId"
        )
    return values


@strawberry.type(description="Result of addTenancy, editTenancy and removeTenancy.")
class TenancyPayload:
    tenancy: Tenancy | None = strawberry.field(
        description="The tenancy (as it was, for a removal)."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing changed.")


@strawberry.type(
    description="Result of addPropertyHolding, editPropertyHolding and "
    "removePropertyHolding."
)
class PropertyHoldingPayload:
    property_holding: PropertyHolding | None = strawberry.field(
        description="The holding (as it was, for a removal)."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing changed.")


@strawberry.type(
    description="Result of addInvestment, editInvestment and removeInvestment."
)
class InvestmentPayload:
    investment: Investment | None = strawberry.field(
        description="The investment (as it was, for a removal)."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing changed.")


@strawberry.type(
    description="Result of addEmployment, editEmployment and removeEmployment."
)
class EmploymentPayload:
    employment: Employment | None = strawberry.field(
        description="The job (as it was, for a removal)."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing changed.")


async def _run(info: Info, model: Any, verb: str, id_: Any, input: Any = None) -> Any:
    """Check the permission and run one service call through ``attempt``."""
    info.context.require("contacts:write")
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


def _tenancy(result: tuple[Any, list[UserError]]) -> TenancyPayload:
    row, errors = result
    node = Tenancy.from_model(row) if row else None
    return TenancyPayload(tenancy=node, user_errors=errors)


def _holding(result: tuple[Any, list[UserError]]) -> PropertyHoldingPayload:
    row, errors = result
    node = PropertyHolding.from_model(row) if row else None
    return PropertyHoldingPayload(property_holding=node, user_errors=errors)


def _investment(result: tuple[Any, list[UserError]]) -> InvestmentPayload:
    row, errors = result
    node = Investment.from_model(row) if row else None
    return InvestmentPayload(investment=node, user_errors=errors)


def _employment(result: tuple[Any, list[UserError]]) -> EmploymentPayload:
    row, errors = result
    node = Employment.from_model(row) if row else None
    return EmploymentPayload(employment=node, user_errors=errors)


@strawberry.type
class RoleRecordMutations:
    @strawberry.mutation(description="Record a tenancy of a contact.")
    async def add_tenancy(
        self, info: Info, input: inputs.AddTenancyInput
    ) -> TenancyPayload:
        return _tenancy(
            await _run(info, models.Tenancy, "add", input.contact_id, input)
        )

    @strawberry.mutation(description="Change fields of a tenancy.")
    async def edit_tenancy(
        self, info: Info, input: inputs.EditTenancyInput
    ) -> TenancyPayload:
        return _tenancy(await _run(info, models.Tenancy, "edit", input.id, input))

    @strawberry.mutation(description="Remove a tenancy.")
    async def remove_tenancy(self, info: Info, id: strawberry.ID) -> TenancyPayload:
        return _tenancy(await _run(info, models.Tenancy, "remove", id))

    @strawberry.mutation(description="Record a property a contact owns.")
    async def add_property_holding(
        self, info: Info, input: inputs.AddPropertyHoldingInput
    ) -> PropertyHoldingPayload:
        return _holding(
            await _run(info, models.PropertyHolding, "add", input.contact_id, input)
        )

    @strawberry.mutation(description="Change fields of a property holding.")
    async def edit_property_holding(
        self, info: Info, input: inputs.EditPropertyHoldingInput
    ) -> PropertyHoldingPayload:
        return _holding(
            await _run(info, models.PropertyHolding, "edit", input.id, input)
        )

    @strawberry.mutation(description="Remove a property holding.")
    async def remove_property_holding(
        self, info: Info, id: strawberry.ID
    ) -> PropertyHoldingPayload:
        return _holding(await _run(info, models.PropertyHolding, "remove", id))

    @strawberry.mutation(description="Record an investment a contact made.")
    async def add_investment(
        self, info: Info, input: inputs.AddInvestmentInput
    ) -> InvestmentPayload:
        return _investment(
            await _run(info, models.Investment, "add", input.contact_id, input)
        )

    @strawberry.mutation(description="Change fields of an investment.")
    async def edit_investment(
        self, info: Info, input: inputs.EditInvestmentInput
    ) -> InvestmentPayload:
        return _investment(await _run(info, models.Investment, "edit", input.id, input))

    @strawberry.mutation(description="Remove an investment.")
    async def remove_investment(
        self, info: Info, id: strawberry.ID
    ) -> InvestmentPayload:
        return _investment(await _run(info, models.Investment, "remove", id))

    @strawberry.mutation(description="Record a job a contact holds.")
    async def add_employment(
        self, info: Info, input: inputs.AddEmploymentInput
    ) -> EmploymentPayload:
        return _employment(
            await _run(info, models.Employment, "add", input.contact_id, input)
        )

    @strawberry.mutation(description="Change fields of a job.")
    async def edit_employment(
        self, info: Info, input: inputs.EditEmploymentInput
    ) -> EmploymentPayload:
        return _employment(await _run(info, models.Employment, "edit", input.id, input))

    @strawberry.mutation(description="Remove a job.")
    async def remove_employment(
        self, info: Info, id: strawberry.ID
    ) -> EmploymentPayload:
        return _employment(await _run(info, models.Employment, "remove", id))
