"""Loaders of each contact's tags and each tag's contact count."""

import uuid
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.loaders import Loader
from contacts_graph.tags import repository
from contacts_graph.tags.models import Tag


class TagsByContactIdLoader(Loader[uuid.UUID, list[Tag]]):
    """Load each contact's tags, by name."""

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[uuid.UUID]
    ) -> list[list[Tag]]:
        by_contact: dict[uuid.UUID, list[Tag]] = defaultdict(list)
        for contact_id, tag in await repository.tags_of_contacts(
            session, self.tenant_id, keys
        ):
            by_contact[contact_id].append(tag)
        return [by_contact[key] for key in keys]


class ContactCountByTagIdLoader(Loader[uuid.UUID, int]):
    """Count the live contacts carrying each tag."""

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[uuid.UUID]
    ) -> list[int]:
        counts = await repository.live_contact_counts(session, self.tenant_id, keys)
        return [counts.get(key, 0) for key in keys]
