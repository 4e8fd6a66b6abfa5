"""The contacts-graph command: serve, migrate, seed, import, token, schema."""

import argparse
import asyncio
import sys
from datetime import timedelta
from pathlib import Path

from contacts_graph.auth.sessions import PERMISSIONS, Viewer, issue_token
from contacts_graph.settings import Settings


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings()
    from contacts_graph.db.location import resolve_database_url

    settings.database_url = resolve_database_url(settings)
    return settings


def _database_label(settings: Settings) -> str:
    """Name the database a command will use, for a person, without a password."""
    if not settings.database_url:
        return f"embedded PostgreSQL in {settings.embedded_dir}"
    from sqlalchemy.engine import make_url

    url = make_url(settings.database_url)
    host = url.host or url.query.get("host") or "localhost"
    port = f":{url.port}" if url.port else ""
    return f"{host}{port}/{url.database}"


async def _tenant_viewer(settings: Settings, slug: str, user: str) -> Viewer:
    from contacts_graph.auth.tenants import ensure_tenant
    from contacts_graph.db.engine import create_engine, create_sessionmaker

    engine = create_engine(settings.database_url or "", pool_size=1)
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            tenant = await ensure_tenant(session, slug)
    finally:
        await engine.dispose()
    return Viewer(
        user_id=user,
        tenant_id=tenant.id,
        tenant_slug=slug,
        permissions=frozenset(PERMISSIONS),
    )


def _token(settings: Settings, viewer: Viewer, days: int = 30) -> str:
    return issue_token(settings.signing_key(), viewer, ttl=timedelta(days=days))


def migrate(args: argparse.Namespace) -> None:
    from contacts_graph.db.migrate import upgrade

    upgrade(_settings(args).database_url or "")
    print("database migrated")  # noqa: T201


async def _seed(settings: Settings, viewer: Viewer) -> int:
    from contacts_graph.db.engine import create_engine, create_sessionmaker
    from contacts_graph.db.session import tenant_session
    from contacts_graph.seed import is_empty, seed_demo

    engine = create_engine(settings.database_url or "", pool_size=1)
    try:
        async with tenant_session(
            create_sessionmaker(engine), viewer.tenant_id
        ) as session:
            if not await is_empty(session, viewer):
                return 0
            return await seed_demo(session, viewer)
    finally:
        await engine.dispose()


def seed(args: argparse.Namespace) -> None:
    from contacts_graph.db.migrate import upgrade

    settings = _settings(args)
    upgrade(settings.database_url or "")
    viewer = asyncio.run(_tenant_viewer(settings, args.tenant, "cli"))
    added = asyncio.run(_seed(settings, viewer))
    print(f"{added} demo contacts added to tenant {args.tenant}")  # noqa: T201


def token(args: argparse.Namespace) -> None:
    settings = _settings(args)
    viewer = asyncio.run(_tenant_viewer(settings, args.tenant, args.user))
    if args.permissions:
        unknown = set(args.permissions) - set(PERMISSIONS)
        if unknown:
            sys.exit(f"unknown permissions: {', '.join(sorted(unknown))}")
        viewer = Viewer(
            viewer.user_id,
            viewer.tenant_id,
            viewer.tenant_slug,
            frozenset(args.permissions),
        )
    print(_token(settings, viewer, args.days))  # noqa: T201


async def _import(
    settings: Settings, viewer: Viewer, path: Path, data: bytes, source: str
) -> int:
    from contacts_graph.db.engine import create_engine, create_sessionmaker
    from contacts_graph.db.session import tenant_session
    from contacts_graph.imports.service import import_csv

    engine = create_engine(settings.database_url or "", pool_size=1)
    try:
        async with tenant_session(
            create_sessionmaker(engine), viewer.tenant_id
        ) as session:
            report = await import_csv(
                session,
                viewer,
                data,
                source=source,
                region=settings.default_phone_region,
            )
    finally:
        await engine.dispose()
    for problem in report.file_problems:
        print(f"{path.name}: {problem.message}")  # noqa: T201
    for outcome in report.rows:
        for problem in outcome.problems:
            where = f"line {problem.line}" + (
                f", column {problem.column}" if problem.column else ""
            )
            print(f"{path.name} {where}: {problem.code}: {problem.message}")  # noqa: T201
    print(  # noqa: T201
        f"created {report.count('CREATED')}, updated {report.count('UPDATED')}, "
        f"unchanged {report.count('UNCHANGED')}, rejected {report.count('REJECTED')} "
        f"in tenant {viewer.tenant_slug}"
    )
    return 1 if report.file_problems else 0


def import_file(args: argparse.Namespace) -> None:
    from contacts_graph.db.migrate import upgrade

    settings = _settings(args)
    upgrade(settings.database_url or "")
    viewer = asyncio.run(_tenant_viewer(settings, args.tenant, "cli"))
    path = Path(args.file)
    if not path.is_file():
        sys.exit(f"{path}: no such file")
    from contacts_graph.errors import ValidationFailed

    try:
        code = asyncio.run(
            _import(settings, viewer, path, path.read_bytes(), args.source)
        )
    except ValidationFailed as failure:
        sys.exit(f"{path.name}: {failure}")
    sys.exit(code)


def schema(args: argparse.Namespace) -> None:
    from contacts_graph.federation.schema import print_schema

    sys.stdout.write(print_schema())


def serve(args: argparse.Namespace) -> None:
    import uvicorn

    from contacts_graph.app import create_app
    from contacts_graph.db.embedded import stop_embedded
    from contacts_graph.db.migrate import upgrade
    from contacts_graph.logging import configure_logging

    label = _database_label(Settings())
    settings = _settings(args)
    configure_logging(settings)
    upgrade(settings.database_url or "")
    viewer = asyncio.run(_tenant_viewer(settings, args.tenant, "demo"))
    if settings.seed_demo_data:
        asyncio.run(_seed(settings, viewer))
    host, port = args.host or settings.host, args.port or settings.port
    print(  # noqa: T201
        f"\n  GraphiQL:  http://{host}:{port}/graphql\n"
        f"  Sign in:   http://{host}:{port}/login?token={_token(settings, viewer)}\n"
        f"  Token:     {_token(settings, viewer)}\n"
        f"  (tenant {viewer.tenant_slug}; send it as 'Authorization: Bearer <token>')\n"
        f"  database:  {label}\n",
        flush=True,
    )
    try:
        # Our middleware logs requests; uvicorn's access log would print
        # /login?token=… with the whole token.
        uvicorn.run(
            create_app(settings),
            host=host,
            port=port,
            log_config=None,
            access_log=False,
        )
    finally:
        # uvicorn returns on Ctrl-C and SIGTERM; stop the server we started
        # rather than leave it to pgserver's exit hook.
        stop_embedded(settings.embedded_dir)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="contacts-graph", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("serve", help="migrate, seed an empty database, and serve")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument("--tenant", default="demo", help="tenant the printed token is for")
    p.set_defaults(func=serve)

    p = commands.add_parser("migrate", help="apply database migrations")
    p.set_defaults(func=migrate)

    p = commands.add_parser("seed", help="load demo contacts into an empty tenant")
    p.add_argument("--tenant", default="demo")
    p.set_defaults(func=seed)

    p = commands.add_parser("import", help="import contacts from a CSV file")
    p.add_argument("file")
    p.add_argument("--tenant", default="demo")
    p.add_argument(
        "--source", default="csv", help="name of the system the ids are from"
    )
    p.set_defaults(func=import_file)

    p = commands.add_parser("token", help="print a session token")
    p.add_argument("--tenant", required=True)
    p.add_argument("--user", default="cli")
    p.add_argument("--days", type=int, default=30)
    p.add_argument(
        "--permission",
        dest="permissions",
        action="append",
        help=f"grant only these (repeatable): {', '.join(PERMISSIONS)}",
    )
    p.set_defaults(func=token)

    p = commands.add_parser("schema", help="print the GraphQL schema (SDL)")
    p.set_defaults(func=schema)

    args = parser.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
