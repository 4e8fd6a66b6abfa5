"""The starlette application: /graphql, uploads, health, readiness and metrics."""

import asyncio
import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from redis.asyncio import Redis
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Route

from contacts_graph.audit.publisher import run_publisher
from contacts_graph.auth.sessions import COOKIE_NAME, InvalidSession, Viewer, read_token
from contacts_graph.db.session import enter_tenant
from contacts_graph.federation.schema import build_schema
from contacts_graph.graphiql import assets_route
from contacts_graph.imports import service as imports
from contacts_graph.settings import Settings
from contacts_graph.web.access_log import AccessLog
from contacts_graph.web.errors import SIGN_IN, unauthorized
from contacts_graph.web.graphql import GraphQLEndpoint, GraphQLView
from contacts_graph.web.services import Services

logger = logging.getLogger(__name__)


def create_app(settings: Settings | None = None) -> Starlette:
    """Build the application for ``settings`` (which must name a database)."""
    settings = settings or Settings()
    services = Services(settings)
    graphql_endpoint = GraphQLEndpoint(
        GraphQLView(build_schema(settings), graphql_ide="graphiql"), services
    )
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
        middleware=[Middleware(AccessLog)],
        lifespan=lifespan,
    )
    app.state.services = services
    return app


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    """Run the outbox relay while serving; release pools and clients after."""
    services: Services = app.state.services
    publisher, redis = None, None
    if services.settings.redis_url:
        redis = Redis.from_url(services.settings.redis_url)
        publisher = asyncio.create_task(run_publisher(services.engine, redis))
    else:
        # Limitation: with no Redis the events stay in the outbox table;
        # there is no stream in process for other products to read.
        logger.info("outbox.relay_disabled")
    # The schema, SQLAlchemy's caches and the modules live as long as the
    # process; frozen, full collections stop rescanning them, which cuts
    # the slowest requests' time by half.
    gc.freeze()
    logger.info("service.started")
    yield
    if publisher is not None and redis is not None:
        publisher.cancel()
        await asyncio.gather(publisher, return_exceptions=True)
        await redis.aclose()
    await services.close()
    logger.info("service.stopped")


async def upload(request: Request) -> Response:
    """Keep an uploaded import file and answer with its id."""
    services: Services = request.app.state.services
    try:
        viewer = services.authenticate(request)
    except InvalidSession:
        return unauthorized(SIGN_IN)
    if refusal := await services.over_limit(viewer):
        return refusal
    if not viewer.can("imports:run"):
        return JSONResponse(
            {"error": "The session does not grant the imports:run permission."}, 403
        )
    return await _store_upload(request, viewer, services)


async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    """Answer 200 while the database answers, 503 otherwise."""
    try:
        async with request.app.state.services.engine.connect() as connection:
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
        read_token(request.app.state.services.signing_key, token)
    except InvalidSession:
        return _bad_login(request)
    response = RedirectResponse("/graphql", status_code=303)
    response.set_cookie(
        COOKIE_NAME,
        token,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
    return response


def _bad_login(request: Request) -> Response:
    """Refuse a bad /login token: a short page for a browser, JSON otherwise."""
    message = "The token is missing, expired or invalid."
    if "text/html" not in request.headers.get("accept", ""):
        return unauthorized(message)
    return HTMLResponse(
        f"<!doctype html><title>Sign-in failed</title><p>{message} Run "
        "<code>contacts-graph token --tenant &lt;slug&gt;</code> for a new one "
        "and open /login?token=&lt;token&gt; again.</p>",
        status_code=401,
    )


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
        if not await enter_tenant(session, viewer.tenant_id):
            logger.info(
                "auth.unknown_tenant", extra={"tenant_id": str(viewer.tenant_id)}
            )
            return unauthorized(SIGN_IN)
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
