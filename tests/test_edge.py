"""The HTTP edge: bad input refused before execution, sizes, logs, limits."""

import base64
import logging
import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import orjson
import pytest
from graphql import GraphQLError
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from starlette.applications import Starlette

from contacts_graph.app import create_app
from contacts_graph.auth.sessions import PERMISSIONS, Viewer
from contacts_graph.pagination import InvalidCursor, decode_cursor, encode_cursor
from contacts_graph.settings import Settings
from tests.conftest import run_graphql, token_for

CREATE_CONTACT = """
mutation ($input: CreateContactInput!) {
  createContact(input: $input) { contact { id } userErrors { field code } }
}
"""

CONTACT_PAGE = """
query ($after: String) {
  contacts(first: 1, after: $after) { edges { cursor node { id } } }
}
"""

ENTITIES = """
query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Contact { id } }
}
"""

TAGS = "query ($search: String) { tags(search: $search) { name } }"

REPRESENTATION_MESSAGE = (
    "Each representation needs __typename Contact or Organization and an id."
)


def refusal(where: str) -> dict[str, Any]:
    message = f"Text may not contain NUL characters or unpaired surrogates ({where})."
    return {"errors": [{"message": message, "extensions": {"code": "BAD_USER_INPUT"}}]}


async def post_raw(http: httpx.AsyncClient, body: bytes) -> httpx.Response:
    return await http.post(
        "/graphql", content=body, headers={"Content-Type": "application/json"}
    )


@pytest.fixture
async def small_app(settings: Settings) -> AsyncIterator[Starlette]:
    """An app that takes request bodies of at most 2,000 bytes."""
    application = create_app(settings.model_copy(update={"max_request_bytes": 2000}))
    yield application
    await application.state.services.close()


def client_of(app: Starlette, viewer: Viewer | None = None) -> httpx.AsyncClient:
    headers = {"Authorization": f"Bearer {token_for(viewer)}"} if viewer else {}
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://test",
        headers=headers,
    )


# 1. NUL characters and unpaired surrogates


async def test_nul_in_a_variable_is_refused_naming_the_field(client) -> None:
    response = await client.post(
        "/graphql",
        json={
            "query": CREATE_CONTACT,
            "variables": {"input": {"givenName": "Ad\u0000a"}},
        },
    )

    assert response.status_code == 400
    assert response.json() == refusal("variables.input.givenName")


async def test_nul_in_an_inline_literal_is_refused_with_its_place(client) -> None:
    query = '{ contacts(filter: {search: "a\\u0000b"}) { totalCount } }'

    response = await client.post("/graphql", json={"query": query})

    assert response.status_code == 400
    assert response.json() == refusal("the query, line 1, column 29")


async def test_nul_in_a_custom_field_key_or_value_is_refused(client) -> None:
    key = await client.post(
        "/graphql",
        json={
            "query": CREATE_CONTACT,
            "variables": {"input": {"givenName": "Ada", "customFields": {"a\0": 1}}},
        },
    )
    value = await client.post(
        "/graphql",
        json={
            "query": CREATE_CONTACT,
            "variables": {
                "input": {"givenName": "Ada", "customFields": {"tier": ["x", "\0"]}}
            },
        },
    )

    assert key.status_code == value.status_code == 400
    assert key.json() == refusal("variables.input.customFields (a key)")
    assert value.json() == refusal("variables.input.customFields.tier[1]")


async def test_nul_in_tag_search_is_refused(client) -> None:
    response = await client.post(
        "/graphql", json={"query": TAGS, "variables": {"search": "v\0"}}
    )

    assert response.status_code == 400
    assert response.json() == refusal("variables.search")


async def test_nul_in_get_variables_is_refused(client) -> None:
    response = await client.get(
        "/graphql",
        params={"query": TAGS, "variables": '{"search": "v\\u0000"}'},
        headers={"Accept": "application/json"},
    )

    assert response.status_code == 400
    assert response.json() == refusal("variables.search")


async def test_an_unpaired_surrogate_is_refused(client) -> None:
    body = (
        b'{"query": "mutation ($input: CreateContactInput!) '
        b'{ createContact(input: $input) { contact { id } } }", '
        b'"variables": {"input": {"givenName": "Ada", "familyName": "\\ud800"}}}'
    )

    response = await post_raw(client, body)

    assert response.status_code == 400
    assert response.json() == refusal("variables.input.familyName")


async def test_a_clean_escape_in_the_query_still_runs(client) -> None:
    body = await run_graphql(
        client, '{ contacts(filter: {search: "caf\\u00e9"}) { totalCount } }'
    )

    assert body == {"data": {"contacts": {"totalCount": 0}}}


def forged_cursor(value: Any, order: str = "name:ASC") -> str:
    raw = orjson.dumps([order, value, str(uuid.uuid4())])
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        forged_cursor("a\u0000b"),
        # orjson cannot write a lone surrogate, so the JSON is spelled out.
        base64.urlsafe_b64encode(
            f'["name:ASC","\\ud800","{uuid.uuid4()}"]'.encode()
        ).decode(),
    ],
    ids=["nul", "surrogate"],
)
def test_decode_cursor_refuses_text_the_database_cannot_hold(cursor) -> None:
    with pytest.raises(InvalidCursor):
        decode_cursor(cursor, "name:ASC")


def test_decode_cursor_still_reads_its_own_cursors() -> None:
    id_ = uuid.uuid4()

    assert decode_cursor(encode_cursor("name:ASC", "ada", id_), "name:ASC") == (
        "ada",
        str(id_),
    )


async def test_a_cursor_holding_nul_is_a_user_error(client, graphql) -> None:
    await graphql(CREATE_CONTACT, {"input": {"givenName": "Ada"}})
    page = await graphql(CONTACT_PAGE)
    cursor = page["contacts"]["edges"][0]["cursor"]
    order, _, id_ = orjson.loads(base64.urlsafe_b64decode(cursor + "=" * 4))
    raw = orjson.dumps([order, "\u0000", id_])

    body = await run_graphql(
        client, CONTACT_PAGE, {"after": base64.urlsafe_b64encode(raw).decode()}
    )

    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


# 2. Request size


async def test_a_body_declared_too_large_is_refused(small_app, viewer) -> None:
    async with client_of(small_app, viewer) as http:
        response = await http.post(
            "/graphql", json={"query": "{ __typename }", "variables": {"a": "x" * 3000}}
        )

    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "REQUEST_TOO_LARGE"


async def test_a_streamed_body_is_counted_as_it_arrives(small_app, viewer) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"query": "{ __typename }", "variables": {"a": "'
        for _ in range(30):
            yield b"x" * 100
        yield b'"}}'

    async with client_of(small_app, viewer) as http:
        response = await http.post(
            "/graphql",
            content=chunks(),
            headers={"Content-Type": "application/json"},
        )

    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "REQUEST_TOO_LARGE"


async def test_a_body_under_the_cap_runs(small_app, viewer) -> None:
    async with client_of(small_app, viewer) as http:
        body = await run_graphql(http, "{ __typename }")

    assert body == {"data": {"__typename": "Query"}}


# 3. Deeply nested JSON


async def test_deeply_nested_json_is_a_400_json_error(client) -> None:
    nested = "[" * 5000 + "]" * 5000
    body = f'{{"query": "{{ __typename }}", "variables": {{"a": {nested}}}}}'

    response = await post_raw(client, body.encode())

    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "message": "The JSON is nested too deeply.",
                "extensions": {"code": "BAD_REQUEST"},
            }
        ]
    }


async def test_a_body_that_is_not_json_is_a_json_error(client) -> None:
    response = await post_raw(client, b"{nope")

    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


# 4. A signed session for a tenant that does not exist


def ghost_viewer() -> Viewer:
    return Viewer(
        user_id="ghost",
        tenant_id=uuid.uuid4(),
        tenant_slug="ghost",
        permissions=frozenset(PERMISSIONS),
    )


async def test_a_session_for_an_unknown_tenant_is_refused(app) -> None:
    async with client_of(app, ghost_viewer()) as http:
        read = await http.post(
            "/graphql", json={"query": "{ contacts { totalCount } }"}
        )
        write = await http.post(
            "/graphql",
            json={"query": CREATE_CONTACT, "variables": {"input": {"givenName": "A"}}},
        )
        upload = await http.post(
            "/api/contacts/import/files",
            files={"file": ("a.csv", b"First Name\nAda\n", "text/csv")},
        )

    assert [read.status_code, write.status_code, upload.status_code] == [401] * 3
    assert read.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert write.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_known_tenant_still_enters_in_one_statement(client, statements) -> None:
    body = await run_graphql(client, "{ __typename }")

    assert body == {"data": {"__typename": "Query"}}
    assert len(statements) == 1
    assert "EXISTS" in statements.statements[0]


# 5. Malformed _entities representations


@pytest.mark.parametrize(
    "representation",
    [
        {"__typename": "Nope", "id": "x"},
        {"id": "x"},
        {"__typename": "Contact"},
        {"__typename": "Contact", "id": "x", "extra": 1},
        {"__typename": "PageInfo", "id": "x"},
        "x",
    ],
    ids=["unknown-type", "no-typename", "no-id", "extra-key", "not-entity", "string"],
)
async def test_a_malformed_representation_is_a_user_error(
    client, representation
) -> None:
    body = await run_graphql(client, ENTITIES, {"representations": [representation]})

    assert body["errors"][0]["message"] == REPRESENTATION_MESSAGE
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_an_unknown_contact_id_is_still_null(client) -> None:
    body = await run_graphql(
        client,
        ENTITIES,
        {"representations": [{"__typename": "Contact", "id": str(uuid.uuid4())}]},
    )

    assert body == {"data": {"_entities": [None]}}


# 6. The access log


async def test_access_log_names_the_path_without_the_query(app, caplog) -> None:
    caplog.set_level(logging.INFO, logger="contacts_graph.web.access_log")

    async with client_of(app) as http:
        response = await http.get("/login?token=secret-token-value")

    records = [r for r in caplog.records if r.getMessage() == "http.request"]
    assert response.status_code == 401
    assert len(records) == 1
    assert (records[0].method, records[0].path, records[0].status) == (
        "GET",
        "/login",
        401,
    )
    assert records[0].duration_ms >= 0
    assert "secret-token-value" not in str(vars(records[0]))


# 7. Diagnosable 500s


async def test_an_unexpected_database_error_logs_sqlstate_and_frames(
    app, engine, viewer, caplog
) -> None:
    failure = None
    async with engine.connect() as connection:
        try:
            # The message would quote the duplicate key; the log must not.
            await connection.execute(
                text("INSERT INTO tenants SELECT * FROM tenants WHERE slug = :slug"),
                {"slug": viewer.tenant_slug},
            )
        except DBAPIError as error:
            failure = error
    assert failure is not None
    schema = app.routes[0].endpoint.view.schema
    caplog.set_level(logging.ERROR, logger="contacts_graph.federation.schema")

    schema.process_errors([GraphQLError("boom", original_error=failure)])

    (record,) = caplog.records
    assert record.getMessage() == "graphql.unexpected_error"
    assert record.error_type == "IntegrityError"
    assert record.sqlstate == "23505"
    assert record.constraint in {"pk_tenants", "uq_tenants_slug"}
    assert any("test_an_unexpected_database_error" in f for f in record.frames)
    assert str(viewer.tenant_id) not in str(vars(record))
    assert viewer.tenant_slug not in str(vars(record))


# 8. Retry-After


async def test_a_limited_request_says_when_to_retry(settings, viewer) -> None:
    application = create_app(settings.model_copy(update={"rate_limit": "1/minute"}))
    try:
        async with client_of(application, viewer) as http:
            first = await http.post("/graphql", json={"query": "{ __typename }"})
            second = await http.post("/graphql", json={"query": "{ __typename }"})
    finally:
        await application.state.services.close()

    assert (first.status_code, second.status_code) == (200, 429)
    assert 1 <= int(second.headers["retry-after"]) <= 60


# 9. Serving and the command line


async def test_the_401_tells_a_person_how_to_sign_in(app) -> None:
    async with client_of(app) as http:
        response = await http.post("/graphql", json={"query": "{ __typename }"})

    assert response.status_code == 401
    assert "Open /login?token=<token>" in response.json()["errors"][0]["message"]


async def test_a_bad_login_in_a_browser_gets_a_page(app) -> None:
    async with client_of(app) as http:
        response = await http.get("/login?token=bad", headers={"Accept": "text/html"})

    assert response.status_code == 401
    assert response.headers["content-type"].startswith("text/html")
    assert "contacts-graph token" in response.text


def test_importing_pgserver_prints_no_runtime_dir_warning() -> None:
    env = {k: v for k, v in os.environ.items() if k != "XDG_RUNTIME_DIR"}
    code = "from contacts_graph.db.embedded import _import_pgserver; _import_pgserver()"

    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_json_logs_leave_out_uvicorn_color_message(capsys) -> None:
    from contacts_graph.logging import configure_logging

    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        configure_logging(Settings(log_json=True, log_level="INFO"))
        logging.getLogger("uvicorn.error").info(
            "Started", extra={"color_message": "\x1b[1mStarted\x1b[0m"}
        )
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)

    line = capsys.readouterr().err.strip().splitlines()[-1]
    assert orjson.loads(line)["event"] == "Started"
    assert "color_message" not in line


def test_serve_names_the_database_and_stops_the_embedded_one(
    monkeypatch, database_url, tmp_path, capsys
) -> None:
    import uvicorn

    from contacts_graph import cli
    from contacts_graph.db import embedded, location

    calls: dict[str, Any] = {}
    monkeypatch.delenv("CONTACTS_DATABASE_URL", raising=False)
    monkeypatch.setenv("CONTACTS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CONTACTS_SECRET_KEY", "s" * 48)
    monkeypatch.setenv("CONTACTS_SEED_DEMO_DATA", "false")
    monkeypatch.setattr(location, "embedded_database_url", lambda path: database_url)
    monkeypatch.setattr(embedded, "stop_embedded", lambda path: calls.update(stop=path))
    monkeypatch.setattr("contacts_graph.logging.configure_logging", lambda s: None)

    def fake_run(app: Any, **options: Any) -> None:
        calls["options"] = options
        raise KeyboardInterrupt  # as if stopped; stop_embedded must still run

    monkeypatch.setattr(uvicorn, "run", fake_run)

    with pytest.raises(KeyboardInterrupt):
        cli.main(["serve", "--tenant", "serve-test"])

    out = capsys.readouterr().out
    assert f"database:  embedded PostgreSQL in {tmp_path.resolve()}/postgres" in out
    assert calls["options"]["access_log"] is False
    assert calls["stop"] == tmp_path.resolve() / "postgres"


def test_serve_names_a_configured_database_without_its_password() -> None:
    from contacts_graph.cli import _database_label

    label = _database_label(
        Settings(database_url="postgresql://app:hunter2@db.internal:5433/contacts")
    )

    assert label == "db.internal:5433/contacts"


def test_import_prints_the_tenant(monkeypatch, database_url, tmp_path, capsys):
    from contacts_graph.cli import main

    monkeypatch.setenv("CONTACTS_DATABASE_URL", database_url)
    monkeypatch.setenv("CONTACTS_SECRET_KEY", "s" * 48)
    csv = tmp_path / "people.csv"
    csv.write_text("First Name,Last Name,Email\nAda,Lovelace,ada@example.com\n")
    tenant = f"cli-{uuid.uuid4().hex[:8]}"

    with pytest.raises(SystemExit) as exit_info:
        main(["import", str(csv), "--tenant", tenant])

    assert exit_info.value.code == 0
    assert f"in tenant {tenant}" in capsys.readouterr().out


# 10. Bodies that are not text, failures outside GraphQL, uploads under the limit


async def test_a_body_that_is_not_utf8_is_a_400_and_is_not_logged(
    client, caplog
) -> None:
    body = b'{"query":"{ contacts { totalCount } }","variables":{"n":"Jos\xe9 secret"}}'

    with caplog.at_level(logging.DEBUG):
        response = await client.post(
            "/graphql", content=body, headers={"content-type": "application/json"}
        )

    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert "secret" not in caplog.text


async def test_a_failure_outside_graphql_is_a_json_500_logged_without_values(
    app, viewer, caplog, monkeypatch
) -> None:
    async def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("value ada@example.com leaked")

    monkeypatch.setattr("contacts_graph.app.imports.store_upload", broken)

    with caplog.at_level(logging.ERROR, logger="contacts_graph.web.access_log"):
        async with client_of(app, viewer) as http:
            response = await http.post(
                "/api/contacts/import/files",
                files={"file": ("a.csv", b"Email\na@b.co\n")},
            )

    assert response.status_code == 500
    assert response.json()["errors"][0]["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    record = next(
        r for r in caplog.records if r.getMessage() == "http.unexpected_error"
    )
    assert record.error_type == "RuntimeError"
    assert "ada@example.com" not in str(vars(record))


async def test_uploads_count_against_the_tenant_limit(settings, viewer) -> None:
    application = create_app(settings.model_copy(update={"rate_limit": "1/minute"}))
    try:
        async with client_of(application, viewer) as http:
            first = await http.post("/graphql", json={"query": "{ __typename }"})
            upload = await http.post(
                "/api/contacts/import/files",
                files={"file": ("a.csv", b"Email\na@b.co\n")},
            )
    finally:
        await application.state.services.close()

    assert (first.status_code, upload.status_code) == (200, 429)
    assert "retry-after" in upload.headers


# 11. A failing field while its siblings still read


async def test_a_failing_field_beside_running_loaders_is_a_graphql_error(
    client, session, viewer
) -> None:
    from tests.factories import create_contact

    await create_contact(session, viewer)
    await session.commit()

    body = await run_graphql(
        client,
        """
        { contacts(first: 5) { edges { node {
            notes(after: "bogus") { totalCount }
            calls { totalCount } organizations { totalCount }
            relationships { totalCount } } } } }
        """,
    )

    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
