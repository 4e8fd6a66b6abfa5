"""The starlette application: /graphql, uploads, health, readiness and metrics."""

import asyncio
import inspect
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import orjson
from limits import parse as parse_limit
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Route
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.types import ExecutionResult

from contacts_graph.audit.publisher import run_publisher
from contacts_graph.auth.sessions import COOKIE_NAME, InvalidSession, Viewer, read_token
from contacts_graph.context import Context
from contacts_graph.db.engine import create_engine, create_sessionmaker
from contacts_graph.db.request import RequestDatabase
from contacts_graph.db.session import enter_tenant
from contacts_graph.federation.schema import build_schema
from contacts_graph.graphiql import assets_route, graphiql_html
from contacts_graph.graphql.errors import finish_error
from contacts_graph.imports import service as imports
from contacts_graph.settings import Settings

logger = logging.getLogger(__name__)

REQUESTS = Counter("contacts_graphql_requests_total", "GraphQL requests", ["outcome"])
LATENCY = Histogram("contacts_graphql_seconds", "GraphQL request time")


def unauthorized(message: str) -> JSONResponse:
    return JSONResponse(
        {"errors": [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]},
        status_code=401,
        headers={"WWW-Authenticate": "Bearer"},
    )


def session_token(request: Request) -> str | None:
    """Return the bearer token of the request, or its session cookie."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return request.cookies.get(COOKIE_NAME)


class Services:
    """What the lifespan builds once and every request shares."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine: AsyncEngine = create_engine(settings.database_url or "")
        self.sessionmaker: async_sessionmaker[AsyncSession] = create_sessionmaker(
            self.engine
        )
        self.signing_key = settings.signing_key()
        storage: Storage = (
            RedisStorage(f"async+{settings.redis_url}", key_prefix="contacts-limits")
            if settings.redis_url
            else MemoryStorage()
        )
        self.limiter = MovingWindowRateLimiter(storage)
        self.rate_limit = parse_limit(settings.rate_limit)

    async def close(self) -> None:
        """Release the database pool and the rate limiter's Redis connections."""
        await self.engine.dispose()
        # limits offers no close(); its Redis client would keep its sockets.
        bridge = getattr(self.limiter.storage, "bridge", None)
        client = getattr(bridge, "storage", None)
        if client is not None:
            done = client.connection_pool.disconnect()
            if inspect.isawaitable(done):
                await done

    def authenticate(self, request: Request) -> Viewer:
        token = session_token(request)
        if not token:
            raise InvalidSession(
                "No session: send a bearer token or the session cookie."
            )
        return read_token(self.signing_key, token)

    async def allow(self, viewer: Viewer) -> bool:
        """Count a request against its tenant's limit; False when over it."""
        # The tenant id sits in a hash tag so one tenant's keys stay together
        # on one Redis Cluster node.
        return await self.limiter.hit(self.rate_limit, f"{{{viewer.tenant_id}}}")


class GraphQLView(GraphQL[Context, None]):
    """Strawberry's ASGI view, with our context, transaction and IDE."""

    async def get_context(self, request: Any, response: Any) -> Context:
        return request.scope["state"]["graphql_context"]

    async def render_graphql_ide(self, request: Request) -> Response:
        return HTMLResponse(graphiql_html())

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)

    async def process_result(self, request: Request, result: ExecutionResult) -> Any:
        context: Context = request.scope["state"]["graphql_context"]
        session = context.db.session
        if result.errors:
            await session.rollback()
            debug = context.settings.debug
            result.errors = [finish_error(e, debug=debug) for e in result.errors]
        else:
            await session.commit()
        REQUESTS.labels("error" if result.errors else "ok").inc()
        return await super().process_result(request, result)


class GraphQLEndpoint:
    """Authenticate, rate-limit, open the tenant's transaction, run GraphQL.

    The transaction commits in ``GraphQLView.process_result``, before the
    response is sent, so a client never sees success for a write that failed
    to commit.
    """

    def __init__(self, view: GraphQLView, services: Services) -> None:
        self.view = view
        self.services = services

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        if request.method == "GET" and "text/html" in request.headers.get("accept", ""):
            await HTMLResponse(graphiql_html())(scope, receive, send)
            return
        try:
            viewer = self.services.authenticate(request)
        except InvalidSession:
            response: Response = unauthorized(
                "The session is missing, expired or invalid."
            )
            await response(scope, receive, send)
            return
        if not await self.services.allow(viewer):
            response = JSONResponse(
                {
                    "errors": [
                        {
                            "message": "Too many requests for this tenant.",
                            "extensions": {"code": "RATE_LIMITED"},
                        }
                    ]
                },
                status_code=429,
            )
            await response(scope, receive, send)
            return
        started = time.perf_counter()
        async with self.services.sessionmaker() as session:
            await session.begin()
            await enter_tenant(session, viewer.tenant_id)
            scope.setdefault("state", {})["graphql_context"] = Context(
                request=request,
                viewer=viewer,
                db=RequestDatabase(session),
                settings=self.services.settings,
            )
            await self.view(scope, receive, send)
        LATENCY.observe(time.perf_counter() - started)


def create_app(settings: Settings | None = None) -> Starlette:
    """Build the application for ``settings`` (which must name a database)."""
    settings = settings or Settings()
    services = Services(settings)
    graphql_endpoint = GraphQLEndpoint(
        GraphQLView(build_schema(settings), graphql_ide="graphiql"), services
    )

    async def upload(request: Request) -> Response:
        try:
            viewer = services.authenticate(request)
        except InvalidSession:
            return unauthorized("The session is missing, expired or invalid.")
        if not viewer.can("imports:run"):
            return JSONResponse({"error": "This session lacks imports:run."}, 403)
        return await _store_upload(request, viewer, services)

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        try:
            async with services.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except Exception:  # noqa: BLE001 - any failure means not ready
            logger.warning("database.unreachable")
            return JSONResponse({"status": "unavailable", "database": "down"}, 503)
        return JSONResponse({"status": "ready", "database": "up"})

    async def metrics(request: Request) -> Response:
        return PlainTextResponse(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    async def login(request: Request) -> Response:
        """Set the session cookie from ?token=, so the IDE needs no header."""
        token = request.query_params.get("token", "")
        try:
            read_token(services.signing_key, token)
        except InvalidSession:
            return unauthorized("The token is missing, expired or invalid.")
        response = RedirectResponse("/graphql", status_code=303)
        response.set_cookie(
            COOKIE_NAME,
            token,
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
        )
        return response

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        publisher = None
        if settings.redis_url:
            redis = Redis.from_url(settings.redis_url)
            publisher = asyncio.create_task(run_publisher(services.engine, redis))
        else:
            # Limitation: with no Redis the events stay in the outbox table;
            # there is no stream in process for other products to read.
            logger.info("outbox.relay_disabled")
        logger.info("service.started")
        yield
        if publisher is not None:
            publisher.cancel()
            await asyncio.gather(publisher, return_exceptions=True)
            await redis.aclose()
        await services.close()
        logger.info("service.stopped")

    app = Starlette(
        debug=settings.debug,
        routes=[
            Route("/graphql", graphql_endpoint, methods=["GET", "POST"]),
            assets_route(),
            Route("/api/contacts/import/files", upload, methods=["POST"]),
            Route("/login", login),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/metrics", metrics),
        ],
        lifespan=lifespan,
    )
    app.state.services = services
    return app


async def _store_upload(
    request: Request, viewer: Viewer, services: Services
) -> Response:
    limit = services.settings.upload_max_bytes
    length = int(request.headers.get("content-length") or 0)
    if length > limit + 64 * 1024:
        return JSONResponse({"error": f"A file may hold at most {limit} bytes."}, 413)
    async with request.form(max_files=1, max_part_size=limit) as form:
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            return JSONResponse(
                {
                    "error": "Send the file as multipart form data in a field named file."
                },
                400,
            )
        content = await upload.read()
    if len(content) > limit:
        return JSONResponse({"error": f"A file may hold at most {limit} bytes."}, 413)
    if not content:
        return JSONResponse({"error": "The file is empty."}, 400)
    async with services.sessionmaker() as session, session.begin():
        await enter_tenant(session, viewer.tenant_id)
        stored = await imports.store_upload(
            session,
            viewer,
            filename=upload.filename or "upload.csv",
            content_type=upload.content_type,
            content=content,
        )
    return JSONResponse(
        {"fileId": str(stored.id), "filename": stored.filename, "size": stored.size},
        status_code=201,
    )
