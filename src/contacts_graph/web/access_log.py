"""One log line per HTTP request, and one JSON answer for any unexpected failure."""

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from contacts_graph.logging import failure_details
from contacts_graph.web.errors import error_response

logger = logging.getLogger(__name__)


class AccessLog:
    """Log every HTTP request as ``http.request``, without its query string.

    The query string can carry a session token (``/login?token=…``), which is
    why uvicorn's own access log is turned off. An exception that escapes the
    application is logged here without its message, which can quote the
    request body, and answered with a JSON 500 rather than plain text.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status, started_response = 500, False

        async def send_with_status(message: Message) -> None:
            nonlocal status, started_response
            if message["type"] == "http.response.start":
                status, started_response = message["status"], True
            await send(message)

        try:
            await self.app(scope, receive, send_with_status)
        except Exception as error:  # noqa: BLE001 - the outermost edge of the app
            logger.error("http.unexpected_error", extra=failure_details(error))
            if not started_response:
                response = error_response(
                    "Unexpected error.", "INTERNAL_SERVER_ERROR", 500
                )
                await response(scope, receive, send)
        finally:
            logger.info(
                "http.request",
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
