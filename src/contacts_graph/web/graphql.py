"""The /graphql endpoint: strawberry's view inside our session and checks."""

import json
import logging
import time
from typing import Any

import orjson
from cross_web import HTTPException
from prometheus_client import Counter, Histogram
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.types import ExecutionResult

from contacts_graph.auth.sessions import InvalidSession, Viewer
from contacts_graph.context import Context
from contacts_graph.db.request import RequestDatabase
from contacts_graph.db.session import enter_tenant
from contacts_graph.graphiql import graphiql_html
from contacts_graph.graphql.errors import finish_error
from contacts_graph.web.body_limit import capped, declared_length, too_large
from contacts_graph.web.errors import (
    SIGN_IN,
    RequestRefused,
    error_response,
    unauthorized,
)
from contacts_graph.web.services import Services
from contacts_graph.web.text_checks import refuse_bad_text

logger = logging.getLogger(__name__)

REQUESTS = Counter("contacts_graphql_requests_total", "GraphQL requests", ["outcome"])
LATENCY = Histogram("contacts_graphql_seconds", "GraphQL request time")


class GraphQLView(GraphQL[Context, None]):
    """Strawberry's ASGI view, with our context, transaction and IDE."""

    async def get_context(self, request: Any, response: Any) -> Context:
        return request.scope["state"]["graphql_context"]

    async def render_graphql_ide(self, request: Request) -> Response:
        return HTMLResponse(graphiql_html())

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)

    def decode_json(self, data: str | bytes) -> object:
        # The standard parser, not orjson: it reads a lone surrogate escape,
        # so refuse_bad_text can say where it is instead of "not JSON".
        try:
            return json.loads(data)
        except UnicodeDecodeError as error:
            raise RequestRefused(
                400, "The request body is not valid UTF-8.", "BAD_REQUEST"
            ) from error
        except RecursionError as error:
            raise RequestRefused(
                400, "The JSON is nested too deeply.", "BAD_REQUEST"
            ) from error

    async def parse_http_body(self, request: Any) -> Any:
        data = await super().parse_http_body(request)
        for item in data if isinstance(data, list) else [data]:
            refuse_bad_text(item)
        return data

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the request; answer a refused one with a JSON error, not plain text."""
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        try:
            response = await self.run(Request(scope, receive))
        except HTTPException as error:
            logger.debug("graphql.request_refused", extra={"status": error.status_code})
            code = getattr(error, "code", "BAD_REQUEST")
            response = error_response(error.reason, code, error.status_code)
        await response(scope, receive, send)

    async def process_result(self, request: Request, result: ExecutionResult) -> Any:
        context: Context = request.scope["state"]["graphql_context"]
        await context.db.finish(commit=not result.errors)
        if result.errors:
            debug = context.settings.debug
            result.errors = [finish_error(e, debug=debug) for e in result.errors]
        REQUESTS.labels("error" if result.errors else "ok").inc()
        return await super().process_result(request, result)


class GraphQLEndpoint:
    """Cap the body, authenticate, rate-limit, enter the tenant, run GraphQL.

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
        limit = self.services.settings.max_request_bytes
        if declared_length(request) > limit:
            await too_large(limit)(scope, receive, send)
            return
        try:
            viewer = self.services.authenticate(request)
        except InvalidSession:
            await unauthorized(SIGN_IN)(scope, receive, send)
            return
        if refusal := await self.services.over_limit(viewer):
            await refusal(scope, receive, send)
            return
        started = time.perf_counter()
        await self._run(scope, capped(receive, limit), send, request, viewer)
        LATENCY.observe(time.perf_counter() - started)

    async def _run(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        request: Request,
        viewer: Viewer,
    ) -> None:
        async with self.services.sessionmaker() as session:
            await session.begin()
            if not await enter_tenant(session, viewer.tenant_id):
                # A validly signed session for a tenant that no longer exists.
                logger.info(
                    "auth.unknown_tenant", extra={"tenant_id": str(viewer.tenant_id)}
                )
                await unauthorized(SIGN_IN)(scope, receive, send)
                return
            scope.setdefault("state", {})["graphql_context"] = Context(
                request=request,
                viewer=viewer,
                db=RequestDatabase(session),
                settings=self.services.settings,
            )
            await self.view(scope, receive, send)
