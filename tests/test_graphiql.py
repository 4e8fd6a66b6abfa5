import logging
import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from contacts_graph import graphiql


async def ide(request: Request) -> HTMLResponse:
    return HTMLResponse(graphiql.graphiql_html())


@pytest.fixture(autouse=True)
def fresh_page() -> Iterator[None]:
    graphiql._local_page.cache_clear()
    yield
    graphiql._local_page.cache_clear()


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    app = Starlette(routes=[Route("/graphql", ide), graphiql.assets_route()])
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


def asset_urls(page: str) -> list[str]:
    return re.findall(r'(?:src|href)="(/graphql/assets/[^"]+)"', page)


def test_page_loads_nothing_from_a_cdn() -> None:
    page = graphiql.graphiql_html()

    assert "unpkg.com" not in page
    assert "integrity=" not in page
    assert "crossorigin" not in page
    assert len(asset_urls(page)) == 7


async def test_every_asset_of_the_page_is_served(client: httpx.AsyncClient) -> None:
    page = (await client.get("/graphql")).text

    for url in asset_urls(page):
        response = await client.get(url)
        assert response.status_code == 200, url
        assert response.content


async def test_missing_assets_are_explained(
    client: httpx.AsyncClient,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(graphiql, "ASSETS_DIR", tmp_path / "missing")

    with caplog.at_level(logging.ERROR, logger="contacts_graph.graphiql"):
        page = (await client.get("/graphql")).text

    assert "npm ci --prefix js" in page
    assert "graphiql.assets_missing" in caplog.messages


async def test_missing_asset_folder_answers_not_found(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(graphiql, "ASSETS_DIR", tmp_path / "missing")
    app = Starlette(routes=[graphiql.assets_route()])
    transport = httpx.ASGITransport(app=app)

    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get("/graphql/assets/graphiql.min.js")

    assert response.status_code == 404
