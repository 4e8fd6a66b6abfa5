"""Relay connections with keyset cursors, shared by every list field.

A cursor carries the sort value and id of an edge, so the next page is a
``(sort, id) > (value, id)`` range over an index, never an OFFSET.
"""

import base64
import enum
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import orjson
import strawberry

T = TypeVar("T")

MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50

_FORBIDDEN_TEXT = re.compile("[\x00\ud800-\udfff]")


class InvalidPageArguments(ValueError):
    """Page arguments a caller got wrong: a bad cursor, a page too large."""


class InvalidCursor(InvalidPageArguments):
    """A cursor that this service did not issue, or that names another order."""


@strawberry.enum(description="Sort direction of a list.")
class OrderDirection(enum.Enum):
    ASC = strawberry.enum_value("ASC", description="Smallest first.")
    DESC = strawberry.enum_value("DESC", description="Largest first.")


def encode_cursor(order: str, value: Any, id_: Any) -> str:
    raw = orjson.dumps([order, value, str(id_)], default=str)
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, order: str) -> tuple[Any, str]:
    """Return the sort value and id a cursor points at, for the given order."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        cursor_order, value, id_ = orjson.loads(base64.urlsafe_b64decode(padded))
    except (ValueError, TypeError) as error:
        raise InvalidCursor("The cursor is not one this service issued.") from error
    if cursor_order != order:
        raise InvalidCursor("The cursor belongs to a list in another order.")
    # Every sort key is text and every id a UUID; anything else is forged,
    # and would otherwise fail deep in SQL as an internal error. Stored text
    # never holds NUL or a lone surrogate, and the driver cannot send them.
    if not isinstance(value, str) or _FORBIDDEN_TEXT.search(value) or not _is_uuid(id_):
        raise InvalidCursor("The cursor is not one this service issued.")
    return value, id_


def _is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return isinstance(value, str)


@dataclass(frozen=True)
class PageRequest:
    """Relay arguments, validated: how many edges and after or before what."""

    size: int
    after: str | None = None
    before: str | None = None
    backward: bool = False

    @classmethod
    def of(
        cls,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> "PageRequest":
        if first is not None and last is not None:
            raise InvalidPageArguments("Pass either first or last, not both.")
        argument, size = ("last", last) if last is not None else ("first", first)
        size = DEFAULT_PAGE_SIZE if size is None else size
        if size < 0 or size > MAX_PAGE_SIZE:
            raise InvalidPageArguments(
                f"{argument} takes 0 to {MAX_PAGE_SIZE}: a page holds at most "
                f"{MAX_PAGE_SIZE} items."
            )
        return cls(size=size, after=after, before=before, backward=last is not None)


@strawberry.type(description="Where a page sits in its list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More items follow this page.")
    has_previous_page: bool = strawberry.field(
        description="Items come before this page."
    )
    start_cursor: str | None = strawberry.field(description="Cursor of the first edge.")
    end_cursor: str | None = strawberry.field(description="Cursor of the last edge.")


@strawberry.type(description="An item of a list with its cursor.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(description="Pass as after or before to page on.")
    node: T = strawberry.field(description="The item.")


@dataclass
class Page(Generic[T]):
    """One page of rows as fetched: the items and whether more lie beyond."""

    items: Sequence[T]
    cursors: Sequence[str]
    has_more: bool
    request: PageRequest

    def page_info(self) -> PageInfo:
        return make_page_info(self.cursors, self.has_more, self.request)


def make_page_info(
    cursors: Sequence[str], has_more: bool, request: PageRequest
) -> PageInfo:
    """Build the PageInfo of a page whose edges carry ``cursors``."""
    forward = not request.backward
    return PageInfo(
        has_next_page=has_more if forward else request.before is not None,
        has_previous_page=request.after is not None if forward else has_more,
        start_cursor=cursors[0] if cursors else None,
        end_cursor=cursors[-1] if cursors else None,
    )


def trim_page(rows: Sequence[T], request: PageRequest) -> tuple[list[T], bool]:
    """Cut the one extra row fetched to learn whether more follow."""
    has_more = len(rows) > request.size
    items = list(rows[: request.size])
    if request.backward:
        items.reverse()
    return items, has_more
