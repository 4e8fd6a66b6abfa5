"""Demo documents: file-store metadata for a few contacts."""

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.auth.sessions import Viewer
from contacts_graph.contacts.models import Contact
from contacts_graph.documents import service

FILES = (
    ("Signed agreement.pdf", "application/pdf", 182_344),
    ("Passport scan.jpg", "image/jpeg", 734_912),
    ("Meter reading.png", "image/png", 88_120),
)


async def seed_documents(
    session: AsyncSession, viewer: Viewer, contacts: Sequence[Contact]
) -> int:
    """Link one or two demo files to every other contact; count them."""
    count = 0
    for index, contact in enumerate(contacts[::2]):
        for name, content_type, size in FILES[: 1 + index % 2]:
            await service.add_document(
                session,
                viewer,
                contact.id,
                {
                    "name": name,
                    "content_type": content_type,
                    "size_bytes": size,
                    "storage_key": f"demo/{contact.id}/{name.lower().replace(' ', '-')}",
                },
            )
            count += 1
    return count
