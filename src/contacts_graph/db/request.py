"""The one database session of a request, used by one resolver at a time."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession


class RequestDatabase:
    """Serialise a request's use of its session.

    GraphQL resolves sibling fields concurrently and loaders of different
    types dispatch in the same tick, but an AsyncSession must not run two
    statements at once. Every resolver and loader goes through ``use``.
    """

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._lock = asyncio.Lock()

    @asynccontextmanager
    async def use(self) -> AsyncIterator[AsyncSession]:
        async with self._lock:
            yield self.session
