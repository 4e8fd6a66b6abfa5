"""Transactions scoped to one tenant, under the row-level-security role."""

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

APP_ROLE = "contacts_app"

# Both settings are transaction-local (is_local = true), so nothing leaks to
# the next user of the pooled connection; one statement sets both.
_ENTER_TENANT = text(
    "SELECT set_config('role', :role, true), "
    "set_config('contacts.tenant_id', :tenant_id, true)"
)


async def enter_tenant(session: AsyncSession, tenant_id: uuid.UUID) -> None:
    """Switch the session's open transaction to ``tenant_id`` as contacts_app."""
    await session.execute(
        _ENTER_TENANT, {"role": APP_ROLE, "tenant_id": str(tenant_id)}
    )


@asynccontextmanager
async def tenant_session(
    sessionmaker: async_sessionmaker[AsyncSession], tenant_id: uuid.UUID
) -> AsyncIterator[AsyncSession]:
    """Open a transaction that sees only ``tenant_id``; commit when the block ends."""
    async with sessionmaker() as session, session.begin():
        await enter_tenant(session, tenant_id)
        yield session
