"""One way to declare a paged profile tab on ``Contact``.

Every list tab takes the same Relay arguments and hands a ``PageRequest`` to
its feature's resolver, which reads through that feature's loader. The
resolver is named by module path and imported when first called, because the
feature modules refer back to ``Contact``.
"""

import importlib
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import strawberry

from contacts_graph.context import Info
from contacts_graph.pagination import PageRequest

TabResolver = Callable[[Info, Any, PageRequest], Awaitable[Any]]


def _resolver(path: str) -> TabResolver:
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def paged_tab(path: str, connection: Any, description: str) -> Any:
    """Return a ``Contact`` field for the tab resolved by ``path`` ("module:function").

    ``connection`` is the field's GraphQL type, usually a lazy reference;
    make it optional for tabs that a missing permission hides.
    """

    async def resolve(
        root: Any,
        info: Info,
        first: Annotated[
            int | None, strawberry.argument(description="Newest items to return.")
        ] = None,
        after: Annotated[
            str | None, strawberry.argument(description="Cursor to page on from.")
        ] = None,
        last: Annotated[
            int | None, strawberry.argument(description="Oldest items to return.")
        ] = None,
        before: Annotated[
            str | None, strawberry.argument(description="Cursor to page back from.")
        ] = None,
    ) -> Any:
        request = PageRequest.of(first, after, last, before)
        return await _resolver(path)(info, root.model.id, request)

    resolve.__annotations__["return"] = connection
    return strawberry.field(resolver=resolve, description=description)
