"""A session must name a user whose id history can record."""

import uuid
from datetime import timedelta

import pytest

from contacts_graph.auth.sessions import (
    MAX_USER_ID,
    InvalidSession,
    Viewer,
    issue_token,
    read_token,
)
from tests.auth.test_sessions import CONTACTS, bearer
from tests.conftest import SECRET


def _token(user_id: str, viewer: Viewer) -> str:
    named = Viewer(user_id, viewer.tenant_id, viewer.tenant_slug, viewer.permissions)
    return issue_token(SECRET, named, ttl=timedelta(hours=1))


def _viewer(user_id: str) -> Viewer:
    return Viewer(user_id, uuid.uuid4(), "t", frozenset({"contacts:read"}))


@pytest.mark.parametrize("length", [MAX_USER_ID + 1, 201, 5000])
def test_a_user_id_too_long_for_history_is_an_invalid_session(length):
    token = issue_token(SECRET, _viewer("u" * length), ttl=timedelta(hours=1))

    with pytest.raises(InvalidSession):
        read_token(SECRET, token)


def test_a_user_id_of_the_longest_length_is_read():
    token = issue_token(SECRET, _viewer("u" * MAX_USER_ID), ttl=timedelta(hours=1))

    viewer = read_token(SECRET, token)

    assert len(viewer.actor) == 200


async def test_a_request_with_an_over_long_user_id_is_unauthenticated(client, viewer):
    create = """
    mutation { createContact(input: {givenName: "Ada"}) { contact { id } } }
    """

    response = await client.post(
        "/graphql",
        json={"query": create},
        headers=bearer(_token("u" * 201, viewer)),
    )

    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    counted = await client.post("/graphql", json={"query": CONTACTS})
    assert counted.json()["data"]["contacts"]["totalCount"] == 0
