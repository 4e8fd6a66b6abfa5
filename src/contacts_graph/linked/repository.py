"""SQL over linked records."""

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, func, literal, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.db.windows import pages_per_parent
from contacts_graph.linked.models import LinkedRecord
from contacts_graph.linked.tabs import TAB_SOURCES, LinkedTab
from contacts_graph.pagination import PageRequest, encode_cursor

ORDER_KEY = "linked-record:newest"
# Written by link_record; the product's key and the row's id stay as they are.
UPSERT_COLUMNS = (
    "contact_id",
    "title",
    "status",
    "amount",
    "currency",
    "occurred_at",
    "payload",
)


def tab_condition(tab: LinkedTab) -> ColumnElement[bool]:
    """Return the condition that picks the records ``tab`` shows."""
    pairs = [tuple_(literal(p), literal(k)) for p, k in TAB_SOURCES[tab]]
    return tuple_(LinkedRecord.product, LinkedRecord.kind).in_(pairs)


def record_cursor(record: LinkedRecord) -> str:
    """Return the cursor of a record in a tab: its time and id."""
    return encode_cursor(ORDER_KEY, record.occurred_at, record.id)


async def find_record(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    product: str,
    kind: str,
    external_id: str,
) -> LinkedRecord | None:
    """Return the record a product knows by ``(kind, external_id)``, locked."""
    return await session.scalar(
        select(LinkedRecord)
        .where(
            LinkedRecord.tenant_id == tenant_id,
            LinkedRecord.product == product,
            LinkedRecord.kind == kind,
            LinkedRecord.external_id == external_id,
        )
        .with_for_update()
    )


async def upsert_record(
    session: AsyncSession, values: Mapping[str, Any]
) -> LinkedRecord:
    """Insert a record, or update the one with its product key; return it.

    ON CONFLICT makes two concurrent first writes of one record end as one
    row, the later write winning, instead of one of them failing.
    """
    stmt = insert(LinkedRecord).values({"id": uuid.uuid4(), **values})
    stmt = stmt.on_conflict_do_update(
        index_elements=[
            LinkedRecord.tenant_id,
            LinkedRecord.product,
            LinkedRecord.kind,
            LinkedRecord.external_id,
        ],
        set_={
            **{name: stmt.excluded[name] for name in UPSERT_COLUMNS},
            "updated_at": func.now(),
        },
    ).returning(LinkedRecord)
    # populate_existing: the session may hold the row as it was before.
    result = await session.scalars(stmt, execution_options={"populate_existing": True})
    return result.one()


async def delete_record(session: AsyncSession, record: LinkedRecord) -> None:
    await session.delete(record)


async def records_by_contact(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    contact_ids: Sequence[uuid.UUID],
    tab: LinkedTab,
    request: PageRequest,
) -> dict[uuid.UUID, list[Any]]:
    """Return a page of (LinkedRecord, sort_key) rows of a tab per contact.

    Newest first by ``(occurred_at, id)``, one statement for every contact.
    """
    return await pages_per_parent(
        session,
        base=select(LinkedRecord).where(
            LinkedRecord.tenant_id == tenant_id, tab_condition(tab)
        ),
        parent=LinkedRecord.contact_id,
        sort=LinkedRecord.occurred_at,
        row_id=LinkedRecord.id,
        fetch=select(LinkedRecord),
        parent_ids=contact_ids,
        request=request,
        order_key=ORDER_KEY,
        newest_first=True,
    )


async def record_counts(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    contact_ids: Sequence[uuid.UUID],
    tab: LinkedTab,
) -> dict[uuid.UUID, int]:
    """Count each contact's records of a tab."""
    stmt = (
        select(LinkedRecord.contact_id, func.count())
        .where(
            LinkedRecord.tenant_id == tenant_id,
            LinkedRecord.contact_id.in_(contact_ids),
            tab_condition(tab),
        )
        .group_by(LinkedRecord.contact_id)
    )
    return dict((await session.execute(stmt)).all())


async def move_records(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    from_ids: Sequence[uuid.UUID],
    to_id: uuid.UUID,
) -> int:
    """Repoint the records of ``from_ids`` at ``to_id`` (a merge); count them."""
    result = await session.execute(
        update(LinkedRecord)
        .where(
            LinkedRecord.tenant_id == tenant_id, LinkedRecord.contact_id.in_(from_ids)
        )
        .values(contact_id=to_id, updated_at=func.now())
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
