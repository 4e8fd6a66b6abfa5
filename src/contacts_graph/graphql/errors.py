"""User errors in mutation payloads, and running a mutation's service call."""

import logging
import os
import traceback
from collections.abc import Awaitable, Callable
from typing import TypeVar

import strawberry
from graphql import GraphQLError
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.context import Info
from contacts_graph.db.errors import violated_constraint
from contacts_graph.errors import (
    FieldError,
    NotFound,
    PermissionDenied,
    ServiceError,
    ValidationFailed,
)
from contacts_graph.graphql.enums import described_enum
from contacts_graph.logging import failure_details
from contacts_graph.pagination import InvalidPageArguments

T = TypeVar("T")
logger = logging.getLogger(__name__)

# PostgreSQL's string_data_right_truncation: a value wider than its column.
STRING_TOO_LONG = "22001"

CODES = {
    "NOT_FOUND": "No record with that id exists in this tenant.",
    "REQUIRED": "A value is needed.",
    "INVALID": "The value is not of the expected form.",
    "INVALID_EMAIL": "Not a valid email address.",
    "INVALID_PHONE": "Not a phone number.",
    "INVALID_DATE": "Not a date this service understands.",
    "INVALID_LOCALE": "Not a language tag such as en or en-GB.",
    "INVALID_DOMAIN": "Not a web domain.",
    "TOO_LONG": "Longer than the field allows.",
    "TOO_MANY": "More items than one request may name.",
    "UNKNOWN_ROLE": "Not one of the ten contact roles.",
    "IN_FUTURE": "A time that has not come yet.",
    "SELF_LINK": "A contact cannot be related to itself.",
    "CONFLICTING_RELATIONSHIP": "The pair has a kind that excludes this one.",
    "DUPLICATE_NAME": "The name is taken.",
    "DUPLICATE_NUMBER": "Another record already has this number.",
    "DUPLICATE_EXTERNAL_ID": "Another contact already has this id in that system.",
    "OUT_OF_RANGE": "Outside the allowed range.",
}

UserErrorCode = described_enum(
    "UserErrorCode",
    CODES,
    "What is wrong with an input value.",
)


@strawberry.type(description="A problem with the input that the caller can fix.")
class UserError:
    field: str | None = strawberry.field(
        description="The input field at fault, in camelCase; null for the whole input."
    )
    code: UserErrorCode = strawberry.field(description="What is wrong.")  # type: ignore[valid-type]
    message: str = strawberry.field(description="One sentence for a person.")

    @classmethod
    def of(cls, error: FieldError) -> "UserError":
        code = error.code if error.code in CODES else "INVALID"
        return cls(field=error.field, code=UserErrorCode(code), message=error.message)


def user_errors(failure: Exception) -> list[UserError]:
    if isinstance(failure, ValidationFailed):
        return [UserError.of(e) for e in failure.errors]
    if isinstance(failure, NotFound):
        return [UserError.of(failure.as_field_error())]
    raise failure


# Unique constraints a concurrent request can win between our check and our
# write; the loser gets the user error the check would have given.
TAKEN = {
    "uq_tags_name": FieldError("name", "DUPLICATE_NAME", "The name is taken."),
    "uq_organizations_name": FieldError("name", "DUPLICATE_NAME", "The name is taken."),
    "uq_invoices_tenant_id_number": FieldError(
        "number", "DUPLICATE_NUMBER", "Another invoice already has that number."
    ),
    "uq_contact_external_ids_tenant_id_source_external_id": FieldError(
        "externalId",
        "DUPLICATE_EXTERNAL_ID",
        "Another contact already has this id in that system.",
    ),
}


async def attempt(
    info: Info, action: Callable[[AsyncSession], Awaitable[T]]
) -> tuple[T | None, list[UserError]]:
    """Run ``action`` in a savepoint; turn a caller's mistake into user errors.

    A failed action rolls back to the savepoint, so nothing it wrote stays and
    the request's other work goes on.
    """
    async with info.context.db.use() as session:
        try:
            async with session.begin_nested():
                return await action(session), []
        except (ValidationFailed, NotFound) as failure:
            return None, user_errors(failure)
        except IntegrityError as failure:
            taken = TAKEN.get(violated_constraint(failure) or "")
            if taken is None:
                raise
            return None, [UserError.of(taken)]
        except DBAPIError as failure:
            if getattr(failure.orig, "sqlstate", None) != STRING_TOO_LONG:
                raise
            # A safety net: each field has its own check with a better
            # message, so reaching here means one is missing.
            logger.warning("mutation.value_too_long", extra=failure_details(failure))
            return None, [
                UserError(
                    field=None,
                    code=UserErrorCode("TOO_LONG"),
                    message="A value is longer than its field allows.",
                )
            ]


def error_code(error: GraphQLError) -> str:
    """Return the ``extensions.code`` of a top-level error."""
    original = error.original_error
    if original is None:
        return "GRAPHQL_VALIDATION_FAILED"
    if isinstance(original, PermissionDenied):
        return "FORBIDDEN"
    if isinstance(original, ServiceError | InvalidPageArguments):
        return "BAD_USER_INPUT"
    if isinstance(original, GraphQLError):
        return error_code(original)
    # Strawberry reads each _entities representation itself and fails with a
    # KeyError or TypeError on a malformed one, before any code of ours runs;
    # a traceback through our package is a bug of ours and stays internal.
    if (
        error.path
        and error.path[0] == "_entities"
        and isinstance(original, KeyError | TypeError | AttributeError)
        and not any(
            f"{os.sep}contacts_graph{os.sep}" in frame.f_code.co_filename
            for frame, _ in traceback.walk_tb(original.__traceback__)
        )
    ):
        return "BAD_USER_INPUT"
    return "INTERNAL_SERVER_ERROR"


def finish_error(error: GraphQLError, *, debug: bool) -> GraphQLError:
    """Add the error's code; mask an internal failure's message unless debugging."""
    code = error_code(error)
    error.extensions = {**(error.extensions or {}), "code": code}
    if code == "INTERNAL_SERVER_ERROR" and not debug:
        error.message = "Unexpected error."
    if code == "BAD_USER_INPUT" and isinstance(
        error.original_error, KeyError | TypeError | AttributeError
    ):
        error.message = (
            "Each representation needs __typename Contact or Organization and an id."
        )
    return error
