"""Measure the hot paths on a tenant of many contacts.

    .venv/bin/python bench/run.py [--contacts 100000] [--requests 200]

Uses CONTACTS_BENCH_DATABASE_URL (or an embedded server in .data/bench). The
bench tenant is filled once with generated contacts, each with a membership,
two tags and a relationship, by set-based SQL, then reused.
"""

import argparse
import asyncio
import gc
import statistics
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import event, text

from contacts_graph.app import create_app
from contacts_graph.auth.sessions import PERMISSIONS, Viewer, issue_token
from contacts_graph.auth.tenants import ensure_tenant
from contacts_graph.db.migrate import upgrade
from contacts_graph.settings import Settings

PAGE = """
query ($after: String) {
  contacts(first: 50, after: $after) {
    pageInfo { endCursor hasNextPage }
    edges { node {
      id displayName email role roles phones { number e164 }
      organizations { edges { title isPrimary node { id name } } }
      tags { id name }
      relationships { edges { kind node { id displayName } } }
    } }
  }
}
"""
ENTITIES = """
query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Contact { id displayName email } }
}
"""
FILL = [
    """INSERT INTO organizations (tenant_id, id, name)
       SELECT :t, gen_random_uuid(), 'Company ' || n FROM generate_series(1, :orgs) n""",
    """INSERT INTO tags (tenant_id, id, name)
       SELECT :t, gen_random_uuid(), 'tag ' || n FROM generate_series(1, 20) n""",
    """INSERT INTO contacts (tenant_id, id, given_name, family_name, display_name,
         email, phone, phone_e164, primary_role, roles, search_text)
       SELECT :t, gen_random_uuid(), 'Given' || n, 'Family' || n,
         'Given' || n || ' Family' || n, 'person' || n || '@example.com',
         '+1 212 555 ' || lpad((n % 10000)::text, 4, '0'),
         '+1212555' || lpad((n % 10000)::text, 4, '0'),
         (ARRAY['CLIENT','TENANT','OWNER','PROSPECT'])[1 + n % 4],
         ARRAY[(ARRAY['CLIENT','TENANT','OWNER','PROSPECT'])[1 + n % 4]],
         'given' || n || ' family' || n || ' person' || n || '@example.com'
       FROM generate_series(1, :contacts) n""",
    """INSERT INTO memberships (tenant_id, id, contact_id, organization_id, title, is_primary)
       SELECT c.tenant_id, gen_random_uuid(), c.id, o.id, 'Manager', true
       FROM (SELECT tenant_id, id, row_number() OVER (ORDER BY id) r FROM contacts
             WHERE tenant_id = :t) c
       JOIN (SELECT id, row_number() OVER (ORDER BY id) r FROM organizations
             WHERE tenant_id = :t) o ON o.r = 1 + c.r % :orgs""",
    """INSERT INTO contact_tags (tenant_id, contact_id, tag_id)
       SELECT c.tenant_id, c.id, t.id
       FROM (SELECT tenant_id, id, row_number() OVER (ORDER BY id) r FROM contacts
             WHERE tenant_id = :t) c
       JOIN (SELECT id, row_number() OVER (ORDER BY id) r FROM tags WHERE tenant_id = :t) t
         ON t.r IN (1 + c.r % 20, 1 + (c.r + 7) % 20)""",
    """INSERT INTO relationships (tenant_id, id, from_contact_id, to_contact_id, kind)
       SELECT a.tenant_id, gen_random_uuid(), a.id, b.id, k.kind
       FROM (SELECT tenant_id, id, row_number() OVER (ORDER BY id) r FROM contacts
             WHERE tenant_id = :t) a
       JOIN (SELECT id, row_number() OVER (ORDER BY id) r FROM contacts
             WHERE tenant_id = :t) b ON b.r = a.r + 1 AND a.r % 2 = 1
       CROSS JOIN (VALUES ('SIBLING')) k(kind)""",
]


async def fill(app: Any, tenant_id: uuid.UUID, contacts: int) -> None:
    engine = app.state.services.engine
    async with engine.begin() as connection:
        existing = await connection.scalar(
            text("SELECT count(*) FROM contacts WHERE tenant_id = :t"), {"t": tenant_id}
        )
        if existing >= contacts:
            return
        started = time.perf_counter()
        params = {"t": tenant_id, "contacts": contacts, "orgs": max(contacts // 20, 1)}
        for statement in FILL:
            await connection.execute(text(statement), params)
        await connection.execute(text("ANALYZE"))
        print(f"filled {contacts} contacts in {time.perf_counter() - started:.1f}s")


async def timed(
    client: httpx.AsyncClient, query: str, variables: dict, n: int
) -> list[float]:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        response = await client.post(
            "/graphql", json={"query": query, "variables": variables}
        )
        times.append(time.perf_counter() - started)
        body = response.json()
        assert "errors" not in body, body
    return times


def report(name: str, times: list[float], statements: int) -> None:
    ordered = sorted(times)
    print(
        f"{name}: {len(times) / sum(times):.1f} req/s sequential, "
        f"p50 {statistics.median(times) * 1000:.1f} ms, "
        f"p95 {ordered[int(len(ordered) * 0.95) - 1] * 1000:.1f} ms, "
        f"{statements} SQL statements per request"
    )


async def main(args: argparse.Namespace) -> None:
    settings = Settings(
        database_url=args.database_url,
        secret_key="bench-signing-key-" + "x" * 32,
        rate_limit="1000000/minute",
        seed_demo_data=False,
    )
    app = create_app(settings)
    async with app.state.services.sessionmaker() as session, session.begin():
        tenant = await ensure_tenant(session, f"bench-{args.contacts}")
    await fill(app, tenant.id, args.contacts)
    viewer = Viewer("bench", tenant.id, tenant.slug, frozenset(PERMISSIONS))
    token = issue_token(settings.signing_key(), viewer, ttl=timedelta(hours=1))

    counted: list[str] = []
    event.listen(
        app.state.services.engine.sync_engine,
        "before_cursor_execute",
        lambda *a: counted.append(a[2]),
    )
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://bench", headers=headers, timeout=60
    ) as client:
        await timed(client, PAGE, {}, 5)
        gc.freeze()  # as the server does once started
        counted.clear()
        await timed(client, PAGE, {}, 1)
        page_statements = len(counted)
        report(
            "page of 50 contacts with orgs, tags, relationships",
            await timed(client, PAGE, {}, args.requests),
            page_statements,
        )

        async with app.state.services.engine.connect() as connection:
            ids = (
                (
                    await connection.execute(
                        text("SELECT id FROM contacts WHERE tenant_id = :t LIMIT 100"),
                        {"t": tenant.id},
                    )
                )
                .scalars()
                .all()
            )
        refs = {
            "representations": [{"__typename": "Contact", "id": str(i)} for i in ids]
        }
        counted.clear()
        await timed(client, ENTITIES, refs, 1)
        entity_statements = len(counted)
        report(
            "_entities with 100 contact references",
            await timed(client, ENTITIES, refs, args.requests),
            entity_statements,
        )

        search = {"after": None}
        times = await timed(
            client,
            PAGE.replace(
                "contacts(first: 50, after: $after)",
                'contacts(first: 50, after: $after, filter: {search: "family12"})',
            ),
            search,
            max(args.requests // 4, 5),
        )
        report("search 'family12' page of 50", times, 0)
    await app.state.services.engine.dispose()


if __name__ == "__main__":
    import os

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument(
        "--database-url", default=os.environ.get("CONTACTS_BENCH_DATABASE_URL")
    )
    arguments = parser.parse_args()
    if not arguments.database_url:
        from contacts_graph.db.embedded import embedded_database_url

        arguments.database_url = embedded_database_url(
            Path(".data/bench").resolve(), database="contacts_bench"
        )
    upgrade(arguments.database_url)
    asyncio.run(main(arguments))
