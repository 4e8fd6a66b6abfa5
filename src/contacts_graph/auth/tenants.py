"""Tenant records, created by administrators outside any tenant's session."""

import re

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.auth.models import Tenant

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


async def ensure_tenant(session: AsyncSession, slug: str) -> Tenant:
    """Return the tenant named ``slug``, creating it when it does not exist.

    Runs with the database's own login, not the request role, because a tenant
    is created before any session for it can exist.
    """
    if not SLUG.match(slug):
        raise ValueError(
            "A tenant name is 1 to 63 lower-case letters, digits or dashes."
        )
    tenant = await session.scalar(select(Tenant).where(Tenant.slug == slug))
    if tenant is None:
        tenant = Tenant(slug=slug, name=slug)
        session.add(tenant)
        await session.flush()
    return tenant
