import uuid

import pytest
from redis.asyncio import Redis

from contacts_graph.audit.publisher import publish_pending
from contacts_graph.db.session import tenant_session
from tests.factories import create_contact


@pytest.fixture
async def redis(redis_url):
    client = Redis.from_url(redis_url, decode_responses=True)
    yield client
    await client.aclose()


async def test_a_committed_change_reaches_the_stream_once(app, engine, viewer, redis):
    stream = f"test.events.{uuid.uuid4().hex}"
    async with tenant_session(app.state.services.sessionmaker, viewer.tenant_id) as s:
        contact = await create_contact(s, viewer, email="relay@example.com")

    sent = await publish_pending(engine, redis, stream=stream, batch=100_000)
    again = await publish_pending(engine, redis, stream=stream, batch=100_000)

    entries = await redis.xrange(stream)
    ours = [fields for _, fields in entries if fields["entity_id"] == str(contact.id)]
    assert sent >= 1
    assert again == 0
    assert [e["type"] for e in ours] == ["contact.created"]
    assert ours[0]["tenant_id"] == str(viewer.tenant_id)
    assert "relay@example.com" not in str(entries)
    await redis.delete(stream)


async def test_a_rolled_back_change_sends_nothing(app, engine, viewer, redis):
    stream = f"test.events.{uuid.uuid4().hex}"
    async with app.state.services.sessionmaker() as session:
        await session.begin()
        from contacts_graph.db.session import enter_tenant

        await enter_tenant(session, viewer.tenant_id)
        contact = await create_contact(session, viewer)
        await session.rollback()

    await publish_pending(engine, redis, stream=stream, batch=100_000)

    entries = await redis.xrange(stream)
    assert all(fields["entity_id"] != str(contact.id) for _, fields in entries)
    await redis.delete(stream)
