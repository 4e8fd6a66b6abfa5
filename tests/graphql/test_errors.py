"""attempt: a value too long for its column is a user error, not a crash."""

import uuid
from contextlib import asynccontextmanager
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from contacts_graph.contacts.models import ConsentEvent
from contacts_graph.graphql.errors import attempt


def _info(session):
    @asynccontextmanager
    async def use():
        yield session

    return SimpleNamespace(context=SimpleNamespace(db=SimpleNamespace(use=use)))


async def test_a_value_longer_than_its_column_is_a_too_long_user_error(session, viewer):
    async def write(s):
        s.add(
            ConsentEvent(
                tenant_id=viewer.tenant_id,
                contact_id=uuid.uuid4(),
                granted=True,
                source="s" * 64,
                legal_basis="consent",
                actor=viewer.actor,
                effective_at=func.now(),
            )
        )
        await s.flush()

    result, errors = await attempt(_info(session), write)

    assert result is None
    assert [(e.field, e.code.value, e.message) for e in errors] == [
        (None, "TOO_LONG", "A value is longer than its field allows.")
    ]
    # The savepoint rolled back: the session goes on and holds nothing.
    assert await session.scalar(select(func.count()).select_from(ConsentEvent)) == 0


async def test_other_database_errors_still_raise(session):
    async def fail(s):
        await s.execute(text("SELECT 1 / 0"))

    with pytest.raises(DBAPIError) as failure:
        await attempt(_info(session), fail)

    assert failure.value.orig.sqlstate == "22012"
