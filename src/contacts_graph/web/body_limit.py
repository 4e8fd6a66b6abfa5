"""Cap the size of a request body, declared or streamed."""

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message, Receive

from contacts_graph.web.errors import RequestRefused, error_response


def declared_length(request: Request) -> int:
    try:
        return int(request.headers.get("content-length") or 0)
    except ValueError:
        return 0


def too_large(limit: int) -> Response:
    return error_response(
        f"A request body may hold at most {limit} bytes.", "REQUEST_TOO_LARGE", 413
    )


def capped(receive: Receive, limit: int) -> Receive:
    """Wrap ``receive`` to refuse a body that grows past ``limit`` bytes.

    Content-Length may be absent (chunked) or understated, so the bytes that
    actually arrive are counted too.
    """
    received = 0

    async def capped_receive() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise RequestRefused(
                    413,
                    f"A request body may hold at most {limit} bytes.",
                    "REQUEST_TOO_LARGE",
                )
        return message

    return capped_receive
