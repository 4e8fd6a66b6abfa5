"""Loaders of contacts and what hangs directly off a contact row."""

import uuid
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.contacts import repository
from contacts_graph.contacts.models import Contact, ContactExternalId
from contacts_graph.loaders import Loader


class ContactByIdLoader(Loader[uuid.UUID, Contact | None]):
    """Load live contacts by id; a merged id resolves to the contact it became."""

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[uuid.UUID]
    ) -> list[Contact | None]:
        found = await repository.contacts_by_ids(session, self.tenant_id, keys)
        survivors = {c.merged_into_id for c in found.values() if c.merged_into_id}
        if survivors - found.keys():
            found |= await repository.contacts_by_ids(
                session, self.tenant_id, survivors - found.keys()
            )
        return [_live(found, key) for key in keys]


def _live(found: dict[uuid.UUID, Contact], key: uuid.UUID) -> Contact | None:
    contact = found.get(key)
    # Merges form chains at most one step long: a merge repoints earlier ones.
    if contact is not None and contact.merged_into_id is not None:
        contact = found.get(contact.merged_into_id)
    if contact is None or contact.deleted_at is not None:
        return None
    return contact


class ExternalIdsByContactIdLoader(Loader[uuid.UUID, list[ContactExternalId]]):
    """Load each contact's ids in other systems."""

    async def load_batch(
        self, session: AsyncSession, keys: Sequence[uuid.UUID]
    ) -> list[list[ContactExternalId]]:
        rows = await repository.external_ids_for(session, self.tenant_id, keys)
        by_contact: dict[uuid.UUID, list[ContactExternalId]] = defaultdict(list)
        for row in rows:
            by_contact[row.contact_id].append(row)
        return [by_contact[key] for key in keys]
