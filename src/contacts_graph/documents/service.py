"""Add, rename and remove document metadata on a contact."""

import re
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.audit.service import record_change
from contacts_graph.auth.sessions import Viewer
from contacts_graph.contacts.service import get_live_contact
from contacts_graph.contacts.validation import visible_text
from contacts_graph.documents.models import ContactDocument
from contacts_graph.errors import FieldError, NotFound, ValidationFailed

# A MIME type: type/subtype with the characters RFC 6838 allows.
CONTENT_TYPE = re.compile(
    r"^[a-z0-9][a-z0-9!#$&^_.+-]{0,62}/[a-z0-9][a-z0-9!#$&^_.+-]{0,62}$"
)
MAX_SIZE = 10 * 1024**4  # 10 TiB: anything larger is a mistake, not a file


def clean_document_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Check and normalise the metadata given, collecting every error."""
    cleaned = dict(values)
    errors: list[FieldError] = []
    if "name" in cleaned:
        cleaned["name"] = visible_text(cleaned["name"] or "")
        if not cleaned["name"]:
            errors.append(FieldError("name", "REQUIRED", "A document needs a name."))
        elif len(cleaned["name"]) > 255:
            errors.append(
                FieldError("name", "TOO_LONG", "name takes at most 255 characters.")
            )
    if "content_type" in cleaned:
        cleaned["content_type"] = (cleaned["content_type"] or "").strip().lower()
        if not CONTENT_TYPE.match(cleaned["content_type"]):
            errors.append(
                FieldError(
                    "contentType",
                    "INVALID",
                    "contentType is a MIME type, e.g. application/pdf.",
                )
            )
    if "size_bytes" in cleaned:
        size = cleaned["size_bytes"]
        if not float(size).is_integer():
            errors.append(
                FieldError("size", "INVALID", "size is a whole number of bytes.")
            )
        elif not 0 <= size <= MAX_SIZE:
            errors.append(
                FieldError(
                    "size", "OUT_OF_RANGE", "size is a byte count from 0 to 10 TiB."
                )
            )
        else:
            cleaned["size_bytes"] = int(size)
    if "storage_key" in cleaned:
        cleaned["storage_key"] = (cleaned["storage_key"] or "").strip()
        if not cleaned["storage_key"]:
            errors.append(
                FieldError(
                    "storageKey", "REQUIRED", "A document needs its file store key."
                )
            )
        elif len(cleaned["storage_key"]) > 1024:
            errors.append(
                FieldError(
                    "storageKey",
                    "TOO_LONG",
                    "storageKey takes at most 1024 characters.",
                )
            )
    if errors:
        raise ValidationFailed(errors)
    return cleaned


async def get_document(
    session: AsyncSession, viewer: Viewer, document_id: uuid.UUID
) -> ContactDocument:
    document = await session.get(ContactDocument, (viewer.tenant_id, document_id))
    if document is None:
        raise NotFound("document", "id")
    return document


async def add_document(
    session: AsyncSession,
    viewer: Viewer,
    contact_id: uuid.UUID,
    values: Mapping[str, Any],
) -> ContactDocument:
    """Record a file of the file store as one of the contact's documents."""
    cleaned = clean_document_values(
        {"name": "", "content_type": "", "size_bytes": 0, "storage_key": "", **values}
    )
    contact = await get_live_contact(session, viewer, contact_id, field="contactId")
    document = ContactDocument(
        id=uuid.uuid4(),
        tenant_id=viewer.tenant_id,
        contact_id=contact.id,
        uploaded_by=viewer.actor,
        **cleaned,
    )
    session.add(document)
    record_change(
        session,
        viewer,
        action="document.add",
        entity_type="contact",
        entity_id=contact.id,
        changes={"document": {"before": None, "after": cleaned["name"]}},
        event="contact.updated",
    )
    await session.flush()
    return document


async def rename_document(
    session: AsyncSession, viewer: Viewer, document_id: uuid.UUID, name: str
) -> ContactDocument:
    cleaned = clean_document_values({"name": name})
    document = await get_document(session, viewer, document_id)
    if document.name == cleaned["name"]:
        return document
    before, document.name = document.name, cleaned["name"]
    document.updated_at = datetime.now(UTC)
    record_change(
        session,
        viewer,
        action="document.rename",
        entity_type="contact",
        entity_id=document.contact_id,
        changes={"document": {"before": before, "after": document.name}},
        event="contact.updated",
    )
    await session.flush()
    return document


async def remove_document(
    session: AsyncSession, viewer: Viewer, document_id: uuid.UUID
) -> ContactDocument:
    """Forget a document's metadata; deleting the file is the file store's job."""
    document = await get_document(session, viewer, document_id)
    await session.delete(document)
    record_change(
        session,
        viewer,
        action="document.remove",
        entity_type="contact",
        entity_id=document.contact_id,
        changes={"document": {"before": document.name, "after": None}},
        event="contact.updated",
    )
    await session.flush()
    return document
