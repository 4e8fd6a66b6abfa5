"""Add, edit and remove a contact's tenancies, properties, investments and jobs.

Every change is checked as a whole record, audited against the contact and
announced as ``contact.updated``. Services only flush; the edge commits.
"""

import uuid
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.audit.service import changed_fields, record_change
from contacts_graph.auth.sessions import Viewer
from contacts_graph.contacts.service import get_live_contact
from contacts_graph.errors import NotFound, ValidationFailed
from contacts_graph.roles import repository, validation
from contacts_graph.roles.models import Employment, Investment, PropertyHolding, Tenancy

Cleaner = Callable[[Mapping[str, Any]], dict[str, Any]]
RoleModel = type[Tenancy] | type[PropertyHolding] | type[Investment] | type[Employment]

# The stored fields of each record: they make the audit's before and after.
FIELDS: dict[Any, tuple[str, ...]] = {
    Tenancy: (
        "property_address",
        "unit",
        "starts_on",
        "ends_on",
        "rent",
        "currency",
        "rent_period",
        "deposit",
    ),
    PropertyHolding: (
        "name",
        "kind",
        "share_percent",
        "acquired_on",
        "value",
        "currency",
    ),
    Investment: ("name", "vehicle", "committed", "currency", "invested_on", "status"),
    Employment: (
        "job_title",
        "department",
        "starts_on",
        "ends_on",
        "employment_type",
        "manager_contact_id",
    ),
}
# Audit action prefix and the words of a NOT_FOUND message.
NAMES = {
    Tenancy: "tenancy",
    PropertyHolding: "property_holding",
    Investment: "investment",
    Employment: "employment",
}
CLEANERS: dict[Any, Cleaner] = {
    Tenancy: validation.clean_tenancy,
    PropertyHolding: validation.clean_property_holding,
    Investment: validation.clean_investment,
    Employment: validation.clean_employment,
}


def _state(model: Any, values: Mapping[str, Any]) -> dict[str, Any]:
    # Amounts go to the audit's JSON as exact strings, never as floats.
    return {
        key: str(v) if isinstance(v := values.get(key), Decimal | uuid.UUID) else v
        for key in FIELDS[model]
    }


def _audit(
    session: AsyncSession, viewer: Viewer, row: Any, verb: str, changes: dict[str, Any]
) -> None:
    name = NAMES[type(row)]
    record_change(
        session,
        viewer,
        action=f"{name}.{verb}",
        entity_type="contact",
        entity_id=row.contact_id,
        # Names the record whose fields changed.
        changes={**changes, f"{name}_id": str(row.id)},
        event="contact.updated",
    )


async def _check_manager(
    session: AsyncSession, viewer: Viewer, row: Any, values: Mapping[str, Any]
) -> None:
    """A job's manager is another live contact of the same tenant."""
    if not isinstance(row, Employment) or values["manager_contact_id"] is None:
        return
    if values["manager_contact_id"] == row.contact_id:
        raise ValidationFailed.one(
            "managerContactId", "SELF_LINK", "A contact cannot manage itself."
        )
    found = await repository.live_contact_ids(
        session, viewer.tenant_id, [values["manager_contact_id"]]
    )
    if not found:
        raise NotFound("contact", "managerContactId")


async def add_record(
    session: AsyncSession,
    viewer: Viewer,
    model: RoleModel,
    contact_id: uuid.UUID,
    values: Mapping[str, Any],
) -> Any:
    """Add a tenancy, property holding, investment or job to a live contact.

    Raises:
        ValidationFailed: every problem with ``values``.
        NotFound: no such contact (field ``contactId``) or manager.
    """
    cleaned = CLEANERS[model]({key: values.get(key) for key in FIELDS[model]})
    contact = await get_live_contact(session, viewer, contact_id, field="contactId")
    row = model(
        id=uuid.uuid4(),
        tenant_id=viewer.tenant_id,
        contact_id=contact.id,
        **{key: cleaned[key] for key in FIELDS[model]},
    )
    await _check_manager(session, viewer, row, cleaned)

    session.add(row)
    _audit(session, viewer, row, "add", changed_fields({}, _state(model, cleaned)))
    await session.flush()
    return row


async def get_record(
    session: AsyncSession, viewer: Viewer, model: Any, record_id: uuid.UUID
) -> Any:
    """Return a record of the tenant, locked for a change, or raise NotFound."""
    row = await repository.find(session, model, viewer.tenant_id, record_id)
    if row is None:
        raise NotFound(NAMES[model].replace("_", " "), "id")
    return row


async def edit_record(
    session: AsyncSession,
    viewer: Viewer,
    model: RoleModel,
    record_id: uuid.UUID,
    values: Mapping[str, Any],
) -> Any:
    """Change fields of a record; omitted fields keep their values."""
    row = await get_record(session, viewer, model, record_id)
    before = {key: getattr(row, key) for key in FIELDS[model]}
    cleaned = CLEANERS[model]({**before, **values})
    changes = changed_fields(_state(model, before), _state(model, cleaned))
    if not changes:
        return row
    await _check_manager(session, viewer, row, cleaned)

    for key in FIELDS[model]:
        setattr(row, key, cleaned[key])
    _audit(session, viewer, row, "edit", changes)
    await session.flush()
    return row


async def remove_record(
    session: AsyncSession, viewer: Viewer, model: RoleModel, record_id: uuid.UUID
) -> Any:
    """Remove a record; the audit keeps its last state."""
    row = await get_record(session, viewer, model, record_id)
    state = _state(model, {key: getattr(row, key) for key in FIELDS[model]})
    await session.delete(row)
    _audit(session, viewer, row, "remove", changed_fields(state, {}))
    await session.flush()
    return row
