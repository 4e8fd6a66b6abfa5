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
        self._finished = False

    @asynccontextmanager
    async def use(self) -> AsyncIterator[AsyncSession]:
        async with self._lock:
            if self._finished:
                raise RuntimeError("The request's transaction has already ended.")
            yield self.session

    async def finish(self, *, commit: bool) -> None:
        """End the transaction once no resolver is using the session.

        When a field fails, GraphQL stops waiting for its siblings, so one of
        them may still be running a statement; taking the lock waits for it,
        and nothing may use the session after the transaction ends.
        """
        async with self._lock:
            self._finished = True
            if commit:
                await self.session.commit()
            else:
                await self.session.rollback()
