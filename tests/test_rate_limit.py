"""Per-tenant rate limits, through Redis and through the in-process fallback."""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from contacts_graph.app import create_app
from contacts_graph.auth.sessions import Viewer
from contacts_graph.settings import Settings
from tests.conftest import SECRET, make_viewer, token_for

CONTACTS = "{ contacts { totalCount } }"


@pytest.fixture(params=["redis", "memory"])
async def limited_app(request: Any, database_url: str) -> AsyncIterator[Starlette]:
    """An app that lets a tenant make 3 requests a minute.

    Keys carry the tenant id, and every test makes tenants of its own, so
    counts in a shared Redis never leak from one run into the next.
    """
    redis_url = (
        request.getfixturevalue("redis_url") if request.param == "redis" else None
    )
    application = create_app(
        Settings(
            database_url=database_url,
            redis_url=redis_url,
            secret_key=SECRET,
            rate_limit="3/minute",
            seed_demo_data=False,
        )
    )
    yield application
    await application.state.services.close()


async def post_as(app: Starlette, viewer: Viewer) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {token_for(viewer)}"}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://test", headers=headers
    ) as http:
        return await http.post("/graphql", json={"query": CONTACTS})


async def test_fourth_request_of_a_tenant_is_limited(limited_app, engine) -> None:
    busy = await make_viewer(engine)
    quiet = await make_viewer(engine)

    allowed = [(await post_as(limited_app, busy)).status_code for _ in range(3)]
    refused = await post_as(limited_app, busy)
    other = await post_as(limited_app, quiet)

    assert allowed == [200, 200, 200]
    assert refused.status_code == 429
    assert refused.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert other.status_code == 200
    assert other.json() == {"data": {"contacts": {"totalCount": 0}}}
