"""Sessions at the edge: no session, no data; cookies, permissions, the IDE,
health checks and the login redirect."""

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest

from contacts_graph.auth.sessions import COOKIE_NAME, Viewer, issue_token
from tests.conftest import SECRET, make_viewer, run_graphql, token_for

CONTACTS = "{ contacts { totalCount } }"
CREATE_CONTACT = """
mutation {
  createContact(input: {givenName: "Ada", familyName: "Lovelace"}) {
    contact { id } userErrors { code }
  }
}
"""


@pytest.fixture
async def anonymous(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client of the app with no session."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield http


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_request_without_session_is_unauthenticated(anonymous) -> None:
    response = await anonymous.post("/graphql", json={"query": CONTACTS})

    assert response.status_code == 401
    assert response.headers["content-type"] == "application/json"
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "data" not in response.json()


@pytest.mark.parametrize(
    "make_token",
    [
        pytest.param(
            lambda viewer: issue_token(
                "another-key-" + SECRET, viewer, ttl=timedelta(hours=1)
            ),
            id="forged",
        ),
        pytest.param(
            lambda viewer: issue_token(SECRET, viewer, ttl=timedelta(seconds=-1)),
            id="expired",
        ),
        pytest.param(lambda viewer: "not-a-token", id="malformed"),
    ],
)
async def test_invalid_token_is_unauthenticated(anonymous, viewer, make_token) -> None:
    headers = bearer(make_token(viewer))

    response = await anonymous.post(
        "/graphql", json={"query": CONTACTS}, headers=headers
    )

    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_session_cookie_signs_in(app, viewer) -> None:
    transport = httpx.ASGITransport(app=app)
    cookies = {COOKIE_NAME: token_for(viewer)}

    async with httpx.AsyncClient(
        transport=transport, base_url="http://test", cookies=cookies
    ) as http:
        body = await run_graphql(http, CONTACTS)

    assert body == {"data": {"contacts": {"totalCount": 0}}}


async def test_create_without_write_permission_is_forbidden(anonymous, engine) -> None:
    reader: Viewer = await make_viewer(engine, permissions=frozenset({"contacts:read"}))
    headers = bearer(token_for(reader))

    response = await anonymous.post(
        "/graphql", json={"query": CREATE_CONTACT}, headers=headers
    )
    after = await anonymous.post("/graphql", json={"query": CONTACTS}, headers=headers)

    assert response.status_code == 200
    body = response.json()
    assert [error["extensions"]["code"] for error in body["errors"]] == ["FORBIDDEN"]
    assert body["data"] is None
    assert after.json() == {"data": {"contacts": {"totalCount": 0}}}


async def test_graphiql_page_is_served_without_a_session(anonymous) -> None:
    response = await anonymous.get("/graphql", headers={"Accept": "text/html"})

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "graphiql" in response.text.lower()


async def test_get_without_html_needs_a_session(anonymous) -> None:
    response = await anonymous.get("/graphql", params={"query": CONTACTS})

    assert response.status_code == 401


async def test_healthz_answers_ok(anonymous) -> None:
    response = await anonymous.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_reports_the_database_up(anonymous) -> None:
    response = await anonymous.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ready", "database": "up"}


async def test_login_sets_the_cookie_and_redirects(anonymous, viewer) -> None:
    token = token_for(viewer)

    response = await anonymous.get("/login", params={"token": token})
    body = await run_graphql(anonymous, CONTACTS)

    assert response.status_code == 303
    assert response.headers["location"] == "/graphql"
    assert response.cookies[COOKIE_NAME] == token
    assert "httponly" in response.headers["set-cookie"].lower()
    assert body == {"data": {"contacts": {"totalCount": 0}}}


async def test_login_with_a_bad_token_sets_no_cookie(anonymous) -> None:
    response = await anonymous.get("/login", params={"token": "not-a-token"})

    assert response.status_code == 401
    assert COOKIE_NAME not in response.cookies
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
