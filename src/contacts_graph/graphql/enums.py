"""GraphQL enums whose every value carries a description."""

import enum
from collections.abc import Mapping
from typing import Any

import strawberry


def described_enum(name: str, values: Mapping[str, str], description: str) -> Any:
    """Build a GraphQL enum from ``{value: description}``.

    The domain keeps its own plain enums (roles, relationship kinds); this
    gives the API the same values with the descriptions other teams read.
    """
    members = {
        value: strawberry.enum_value(value, description=text)
        for value, text in values.items()
    }
    return strawberry.enum(enum.Enum(name, members), description=description)  # type: ignore[misc]
