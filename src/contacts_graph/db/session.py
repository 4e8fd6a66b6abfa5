"""Transactions scoped to one tenant, under the row-level-security role."""

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

APP_ROLE = "contacts_app"

# Both settings are transaction-local (is_local = true), so nothing leaks to
# the next user of the pooled connection. The same statement asks whether the
# tenant exists, so a signed session for a deleted tenant costs no extra round
# trip. The answer holds in either order of evaluation: before the role
# switch the login role sees every tenant, after it the tenants policy shows
# exactly the row of the tenant just set.
_ENTER_TENANT = text(
    "SELECT set_config('role', :role, true), "
    "set_config('contacts.tenant_id', :tenant_id, true), "
    "EXISTS (SELECT 1 FROM tenants WHERE id = CAST(:tenant_id AS uuid))"
)


async def enter_tenant(session: AsyncSession, tenant_id: uuid.UUID) -> bool:
    """Switch the open transaction to ``tenant_id`` as contacts_app.

    Returns:
        Whether the tenant exists; a caller refuses the request when it does not.
    """
    result = await session.execute(
        _ENTER_TENANT, {"role": APP_ROLE, "tenant_id": str(tenant_id)}
    )
    return bool(result.one()[2])


@asynccontextmanager
async def tenant_session(
    sessionmaker: async_sessionmaker[AsyncSession], tenant_id: uuid.UUID
) -> AsyncIterator[AsyncSession]:
    """Open a transaction that sees only ``tenant_id``; commit when the block ends."""
    async with sessionmaker() as session, session.begin():
        await enter_tenant(session, tenant_id)
        yield session
