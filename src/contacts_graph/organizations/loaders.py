"""Loaders of organizations, memberships and their counts."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.contacts.models import Contact
from contacts_graph.loaders import Loader
from contacts_graph.organizations import repository
from contacts_graph.organizations.models import Organization
from contacts_graph.pagination import PageRequest

PageKey = tuple[uuid.UUID, PageRequest]


def _group_by_request(keys: Sequence[PageKey]) -> dict[PageRequest, list[uuid.UUID]]:
    # A page of parents asks for the same page of each; one statement per
    # distinct request serves them all.
    groups: dict[PageRequest, list[uuid.UUID]] = defaultdict(list)
    for parent_id, request in keys:
        groups[request].append(parent_id)
    return groups


class OrganizationByIdLoader(Loader[uuid.UUID, Organization | None]):
    """Load organizations by id."""

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[uuid.UUID]
    ) -> list[Organization | None]:
        found = await repository.organizations_by_ids(session, self.tenant_id, keys)
        return [found.get(key) for key in keys]


class MembershipsByContactIdLoader(Loader[PageKey, list[Any]]):
    """Load a page of each contact's memberships with their organizations."""

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[PageKey]
    ) -> list[list[Any]]:
        pages: dict[PageKey, list[Any]] = {}
        for request, parent_ids in _group_by_request(keys).items():
            rows = await repository.memberships_by_contact(
                session, self.tenant_id, parent_ids, request
            )
            pages |= {(p, request): rows.get(p, []) for p in parent_ids}
        return [pages[key] for key in keys]


class MembershipsByOrganizationIdLoader(Loader[PageKey, list[Any]]):
    """Load a page of each organization's live members."""

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[PageKey]
    ) -> list[list[Any]]:
        pages: dict[PageKey, list[Any]] = {}
        for request, parent_ids in _group_by_request(keys).items():
            rows = await repository.memberships_by_organization(
                session, self.tenant_id, parent_ids, request
            )
            pages |= {(p, request): rows.get(p, []) for p in parent_ids}
        return [pages[key] for key in keys]


class PrimaryMembershipByContactIdLoader(Loader[uuid.UUID, Any]):
    """Load each contact's primary membership with its organization."""

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[uuid.UUID]
    ) -> list[Any]:
        found = await repository.primary_memberships(session, self.tenant_id, keys)
        return [found.get(key) for key in keys]


class ContactCountByOrganizationIdLoader(Loader[uuid.UUID, int]):
    """Count each organization's live members."""

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[uuid.UUID]
    ) -> list[int]:
        counts = await repository.live_contact_counts(session, self.tenant_id, keys)
        return [counts.get(key, 0) for key in keys]


class MembershipCountByContactIdLoader(Loader[uuid.UUID, int]):
    """Count each contact's memberships."""

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[uuid.UUID]
    ) -> list[int]:
        counts = await repository.membership_counts(session, self.tenant_id, keys)
        return [counts.get(key, 0) for key in keys]


class PrimaryContactByOrganizationIdLoader(Loader[uuid.UUID, Contact | None]):
    """Load the earliest live member whose main organization each one is."""

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[uuid.UUID]
    ) -> list[Contact | None]:
        found = await repository.primary_contacts(session, self.tenant_id, keys)
        return [found.get(key) for key in keys]
