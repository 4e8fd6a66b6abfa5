"""Demo notes, calls and preferences, so GraphiQL shows these tabs filled."""

import random
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.auth.sessions import Viewer
from contacts_graph.notes import preferences, service
from contacts_graph.notes.models import CHANNELS, DIRECTIONS, OUTCOMES

NOTES = (
    "Prefers a call before any paperwork is sent.",
    "Asked about renewal terms; follow up next quarter.",
    "Met at the spring open day.\nInterested in the premium plan.",
)
ZONES = ("Europe/London", "America/New_York", "Europe/Berlin", "Asia/Tokyo")
LANGUAGES = ("en-GB", "en-US", "de", "ja")


async def seed_tabs(
    session: AsyncSession, viewer: Viewer, contacts: Sequence[Any], *, seed: int = 7
) -> None:
    """Give each demo contact a note or two, a few calls and its preferences."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    for index, contact in enumerate(contacts):
        for body in rng.sample(NOTES, k=1 + index % 2):
            await service.add_note(
                session, viewer, contact.id, body, is_pinned=index % 7 == 0
            )
        for _ in range(index % 4):
            answered = rng.random() < 0.7
            values = {
                "direction": rng.choice(DIRECTIONS),
                "started_at": now - timedelta(hours=rng.randint(1, 2_000)),
                "outcome": "ANSWERED" if answered else rng.choice(OUTCOMES[1:]),
                "duration_seconds": rng.randint(30, 1_800) if answered else 0,
                "phone_number": contact.phone,
                "summary": "Talked through the account." if answered else None,
            }
            await service.log_call(session, viewer, contact.id, values)
        zone = index % len(ZONES)
        await preferences.set_preferences(
            session,
            viewer,
            contact.id,
            {
                "channels": rng.sample(CHANNELS, k=1 + index % 3),
                "language": LANGUAGES[zone],
                "quiet_hours_start": time(21, 0) if index % 2 else None,
                "quiet_hours_end": time(8, 0) if index % 2 else None,
                "time_zone": ZONES[zone],
            },
        )
