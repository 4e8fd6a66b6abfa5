"""Loaders of the notes, calls and preferences tabs, one statement per batch."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.loaders import Loader
from contacts_graph.notes import repository
from contacts_graph.notes.models import ContactCall, ContactNote, ContactPreferences
from contacts_graph.notes.preferences import default_preferences
from contacts_graph.pagination import PageRequest

PageKey = tuple[uuid.UUID, PageRequest]


def _group_by_request(keys: Sequence[PageKey]) -> dict[PageRequest, list[uuid.UUID]]:
    # A page of contacts asks for the same page of each; one statement per
    # distinct request serves them all.
    groups: dict[PageRequest, list[uuid.UUID]] = defaultdict(list)
    for contact_id, request in keys:
        groups[request].append(contact_id)
    return groups


class NotesByContactIdLoader(Loader[PageKey, list[Any]]):
    """Load a page of each contact's notes, newest first."""

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[PageKey]
    ) -> list[list[Any]]:
        pages: dict[PageKey, list[Any]] = {}
        for request, contact_ids in _group_by_request(keys).items():
            rows = await repository.notes_by_contact(
                session, self.tenant_id, contact_ids, request
            )
            pages |= {(c, request): rows.get(c, []) for c in contact_ids}
        return [pages[key] for key in keys]


class CallsByContactIdLoader(Loader[PageKey, list[Any]]):
    """Load a page of each contact's calls, latest started first."""

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[PageKey]
    ) -> list[list[Any]]:
        pages: dict[PageKey, list[Any]] = {}
        for request, contact_ids in _group_by_request(keys).items():
            rows = await repository.calls_by_contact(
                session, self.tenant_id, contact_ids, request
            )
            pages |= {(c, request): rows.get(c, []) for c in contact_ids}
        return [pages[key] for key in keys]


class NoteCountByContactIdLoader(Loader[uuid.UUID, int]):
    """Count each contact's notes."""

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[uuid.UUID]
    ) -> list[int]:
        counts = await repository.counts_by_contact(
            session, ContactNote, self.tenant_id, keys
        )
        return [counts.get(key, 0) for key in keys]


class CallCountByContactIdLoader(Loader[uuid.UUID, int]):
    """Count each contact's logged calls."""

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[uuid.UUID]
    ) -> list[int]:
        counts = await repository.counts_by_contact(
            session, ContactCall, self.tenant_id, keys
        )
        return [counts.get(key, 0) for key in keys]


class PreferencesByContactIdLoader(Loader[uuid.UUID, ContactPreferences]):
    """Load each contact's preferences, or the defaults when none were set."""

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[uuid.UUID]
    ) -> list[ContactPreferences]:
        found = await repository.preferences_by_contact(session, self.tenant_id, keys)
        return [
            found.get(key) or default_preferences(self.tenant_id, key) for key in keys
        ]
