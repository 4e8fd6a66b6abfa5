"""Refuse text PostgreSQL cannot store before a request runs."""

import re
from typing import Any

from graphql import GraphQLError, StringValueNode, Visitor, parse, visit
from strawberry.http import GraphQLRequestData

from contacts_graph.web.errors import RequestRefused

# NUL cannot be stored in PostgreSQL text, and a lone surrogate cannot be
# encoded as UTF-8 (it breaks the JSONB audit write); both are refused at the edge.
_FORBIDDEN_TEXT = re.compile("[\x00\ud800-\udfff]")


def offending_path(value: object, where: str) -> str | None:
    """Return where in ``value`` a string holds NUL or a lone surrogate."""
    # A loop, not recursion: variables may nest as deep as the JSON parser allows.
    pending: list[tuple[str, object]] = [(where, value)]
    while pending:
        path, item = pending.pop()
        if isinstance(item, str) and _FORBIDDEN_TEXT.search(item):
            return path
        if isinstance(item, dict):
            for key, child in item.items():
                if _FORBIDDEN_TEXT.search(str(key)):
                    return f"{path} (a key)"
                pending.append((f"{path}.{key}", child))
        elif isinstance(item, list):
            pending.extend((f"{path}[{n}]", child) for n, child in enumerate(item))
    return None


def offending_query_text(query: str) -> str | None:
    """Return where the query text holds NUL or a lone surrogate, raw or escaped."""
    match = _FORBIDDEN_TEXT.search(query)
    if match:
        line = query.count("\n", 0, match.start()) + 1
        column = match.start() - query.rfind("\n", 0, match.start())
        return f"the query, line {line}, column {column}"
    # Only an escape (\u0000, \u{0}) can put NUL in a literal of clean text.
    if "\\u" not in query:
        return None
    try:
        document = parse(query)
    except GraphQLError:
        return None  # execution reports the syntax error
    literals = _StringLiterals()
    visit(document, literals)
    for node in literals.found:
        if _FORBIDDEN_TEXT.search(node.value):
            token = node.loc.start_token if node.loc else None
            if token is None:
                return "the query"
            return f"the query, line {token.line}, column {token.column}"
    return None


class _StringLiterals(Visitor):
    """Collect the string literals of a GraphQL document."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[StringValueNode] = []

    def enter_string_value(self, node: StringValueNode, *args: Any) -> None:
        self.found.append(node)


def refuse_bad_text(data: GraphQLRequestData) -> None:
    """Refuse a request whose text the database could not store."""
    where = (
        (data.query and offending_query_text(data.query))
        or offending_path(data.variables, "variables")
        or offending_path(data.operation_name, "operationName")
        or offending_path(data.extensions, "extensions")
    )
    if where:
        raise RequestRefused(
            400,
            f"Text may not contain NUL characters or unpaired surrogates ({where}).",
            "BAD_USER_INPUT",
        )
