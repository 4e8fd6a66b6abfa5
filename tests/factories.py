"""Factories of test records, written through the services as the API does."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.auth.sessions import Viewer
from contacts_graph.contacts import service as contacts
from contacts_graph.contacts.models import Contact
from contacts_graph.organizations import service as organizations
from contacts_graph.organizations.models import Organization


async def create_contact(
    session: AsyncSession,
    viewer: Viewer,
    *,
    given_name: str = "Ada",
    family_name: str = "Lovelace",
    email: str | None = None,
    role: str = "CLIENT",
    **values: Any,
) -> Contact:
    return await contacts.create_contact(
        session,
        viewer,
        {
            "given_name": given_name,
            "family_name": family_name,
            "email": email,
            "primary_role": role,
            **values,
        },
        region="GB",
    )


async def create_organization(
    session: AsyncSession, viewer: Viewer, *, name: str = "Analytical Engines Ltd"
) -> Organization:
    return await organizations.create_organization(session, viewer, {"name": name})
