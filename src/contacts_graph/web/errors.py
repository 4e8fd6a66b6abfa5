"""Error responses of the HTTP edge, in the shape GraphQL clients read."""

from cross_web import HTTPException
from starlette.responses import JSONResponse

# What a person in GraphiQL needs to read to get a session.
SIGN_IN = (
    "The session is missing, expired or invalid. Open /login?token=<token> "
    "(make serve prints one) or send Authorization: Bearer <token>."
)


class RequestRefused(HTTPException):
    """A request turned away before execution, with its GraphQL error code."""

    def __init__(self, status_code: int, reason: str, code: str) -> None:
        super().__init__(status_code, reason)
        self.code = code


def error_response(
    message: str, code: str, status_code: int, headers: dict[str, str] | None = None
) -> JSONResponse:
    """Answer with a GraphQL-style error body, as clients of /graphql expect."""
    return JSONResponse(
        {"errors": [{"message": message, "extensions": {"code": code}}]},
        status_code=status_code,
        headers=headers,
    )


def unauthorized(message: str) -> JSONResponse:
    return error_response(
        message, "UNAUTHENTICATED", 401, headers={"WWW-Authenticate": "Bearer"}
    )
