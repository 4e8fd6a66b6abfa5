"""Relay outbox events to a Redis stream that the other products read.

Events are written in the transaction of the change they announce, so none
is lost when a change commits and none is sent for a change that rolled back.
The relay is at-least-once: an event added to the stream whose ``published_at``
then fails to commit is sent again, so consumers deduplicate by event id.
"""

import asyncio
import logging

from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

logger = logging.getLogger(__name__)

STREAM = "contacts.events"
# Keep the stream bounded; consumers that fall this far behind re-read the API.
STREAM_MAX_LENGTH = 1_000_000

# The relay runs as the service's own login, across tenants, and skips rows
# another relay holds, so several replicas can run it at once.
_CLAIM = text(
    """
    SELECT tenant_id, id, event_type, entity_id, payload, created_at
    FROM outbox WHERE published_at IS NULL
    ORDER BY created_at LIMIT :batch
    FOR UPDATE SKIP LOCKED
    """
)
_MARK = text(
    "UPDATE outbox SET published_at = now() "
    "WHERE (tenant_id, id) IN (SELECT unnest(CAST(:tenants AS uuid[])), "
    "unnest(CAST(:ids AS uuid[])))"
)


async def publish_pending(
    engine: AsyncEngine, redis: Redis, *, stream: str = STREAM, batch: int = 500
) -> int:
    """Send up to ``batch`` unpublished events to ``stream``; return how many."""
    async with engine.begin() as connection:
        rows = (await connection.execute(_CLAIM, {"batch": batch})).all()
        if not rows:
            return 0
        async with redis.pipeline(transaction=False) as pipe:
            for row in rows:
                pipe.xadd(
                    stream,
                    {
                        "event_id": str(row.id),
                        "tenant_id": str(row.tenant_id),
                        "type": row.event_type,
                        "entity_id": str(row.entity_id),
                        "occurred_at": row.created_at.isoformat(),
                    },
                    maxlen=STREAM_MAX_LENGTH,
                    approximate=True,
                )
            await pipe.execute()
        await connection.execute(
            _MARK,
            {"tenants": [r.tenant_id for r in rows], "ids": [r.id for r in rows]},
        )
    logger.debug("outbox.published", extra={"count": len(rows)})
    return len(rows)


async def run_publisher(
    engine: AsyncEngine, redis: Redis, *, interval: float = 1.0
) -> None:
    """Relay events until cancelled, draining backlogs without waiting."""
    while True:
        try:
            sent = await publish_pending(engine, redis)
        except Exception:  # noqa: BLE001 - a relay outage must not end the loop
            logger.warning("outbox.publish_failed", exc_info=True)
            sent = 0
        if not sent:
            await asyncio.sleep(interval)
