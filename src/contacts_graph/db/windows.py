"""One statement for a page of children under each of many parents.

Nested connections (a contact's organizations, an organization's contacts)
are loaded for a whole page of parents at once: ``row_number()`` over each
parent's children, in the connection's order, keeps the first ``size + 1``
of every parent, and a join brings back the full rows.
"""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, DateTime, Select, func, literal, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.pagination import InvalidCursor, PageRequest, decode_cursor


async def pages_per_parent(
    session: AsyncSession,
    *,
    base: Select[Any],
    parent: ColumnElement[uuid.UUID],
    sort: ColumnElement[Any],
    row_id: ColumnElement[uuid.UUID],
    fetch: Select[Any],
    parent_ids: Sequence[uuid.UUID],
    request: PageRequest,
    order_key: str,
    newest_first: bool = False,
) -> dict[uuid.UUID, list[Any]]:
    """Return, per parent, up to ``request.size + 1`` rows in ``sort`` order.

    Args:
        base: the children, already filtered (tenant, liveness); ``parent``,
            ``sort`` and ``row_id`` are expressions over it.
        fetch: what to return per child; it is joined to the ranked ids on
            the column it selects first as ``row_id``'s counterpart, and must
            select the entities the caller needs.
        order_key: the cursor's order name, checked when decoding.
        newest_first: walk ``sort`` from its largest value down (feeds,
            histories) instead of up.
    """
    ascending = request.backward == newest_first
    conditions = [parent.in_(parent_ids)]
    for cursor, walk_ascending in ((request.after, True), (request.before, False)):
        if cursor:
            value, id_ = decode_cursor(cursor, order_key)
            key = tuple_(sort, row_id)
            bound = tuple_(_sort_literal(sort, value), literal(uuid.UUID(id_)))
            is_after = walk_ascending != newest_first
            conditions.append(key > bound if is_after else key < bound)

    ordering = (sort, row_id) if ascending else (sort.desc(), row_id.desc())
    ranked = (
        base.with_only_columns(
            row_id.label("row_id"),
            parent.label("parent_id"),
            sort.label("sort_key"),
            func.row_number()
            .over(partition_by=parent, order_by=ordering)
            .label("position"),
        )
        .where(*conditions)
        .subquery("ranked")
    )
    stmt = (
        fetch.add_columns(ranked.c.parent_id, ranked.c.sort_key)
        .join(ranked, ranked.c.row_id == row_id)
        .where(ranked.c.position <= request.size + 1)
        .order_by(ranked.c.parent_id, ranked.c.position)
    )
    pages: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for row in (await session.execute(stmt)).all():
        pages[row.parent_id].append(row)
    return pages


def _sort_literal(sort: ColumnElement[Any], value: Any) -> Any:
    """Bind a cursor's sort value with the type of the column it came from."""
    if isinstance(sort.type, DateTime):
        try:
            value = datetime.fromisoformat(value)
        except (TypeError, ValueError) as error:
            raise InvalidCursor("The cursor is not one this service issued.") from error
    return literal(value, type_=sort.type)
