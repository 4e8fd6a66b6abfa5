"""Loaders of the compliance tabs: a page or a count of records per contact."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, ClassVar

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.compliance import repository
from contacts_graph.compliance.models import (
    AmlScreening,
    IdentityDocument,
    KycCheck,
    RightToRentCheck,
)
from contacts_graph.loaders import Loader
from contacts_graph.pagination import PageRequest

PageKey = tuple[uuid.UUID, PageRequest]


class _PagesLoader(Loader[PageKey, list[Any]]):
    model: ClassVar[Any]

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[PageKey]
    ) -> list[list[Any]]:
        # One statement per distinct page request, for every contact asking it.
        groups: dict[PageRequest, list[uuid.UUID]] = defaultdict(list)
        for contact_id, request in keys:
            groups[request].append(contact_id)
        pages: dict[PageKey, list[Any]] = {}
        for request, contact_ids in groups.items():
            found = await repository.tab_pages(
                session, self.model, self.tenant_id, contact_ids, request
            )
            pages |= {(c, request): found.get(c, []) for c in contact_ids}
        return [pages[key] for key in keys]


class _CountLoader(Loader[uuid.UUID, int]):
    model: ClassVar[Any]

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[uuid.UUID]
    ) -> list[int]:
        counts = await repository.tab_counts(session, self.model, self.tenant_id, keys)
        return [counts.get(key, 0) for key in keys]


class IdentityDocumentsByContactIdLoader(_PagesLoader):
    """Load a page of each contact's identity documents, latest recorded first."""

    model = IdentityDocument


class KycChecksByContactIdLoader(_PagesLoader):
    """Load a page of each contact's KYC checks, latest requested first."""

    model = KycCheck


class AmlScreeningsByContactIdLoader(_PagesLoader):
    """Load a page of each contact's AML screenings, latest screened first."""

    model = AmlScreening


class RightToRentChecksByContactIdLoader(_PagesLoader):
    """Load a page of each contact's right-to-rent checks, latest checked first."""

    model = RightToRentCheck


class IdentityDocumentCountByContactIdLoader(_CountLoader):
    """Count each contact's identity documents."""

    model = IdentityDocument


class KycCheckCountByContactIdLoader(_CountLoader):
    """Count each contact's KYC checks."""

    model = KycCheck


class AmlScreeningCountByContactIdLoader(_CountLoader):
    """Count each contact's AML screenings."""

    model = AmlScreening


class RightToRentCheckCountByContactIdLoader(_CountLoader):
    """Count each contact's right-to-rent checks."""

    model = RightToRentCheck
