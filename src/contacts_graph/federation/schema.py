"""The federation schema: every feature's root fields and entities in one place."""

from collections.abc import Callable

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.federation import Schema

from contacts_graph.contacts.bulk_schema import BulkMutations
from contacts_graph.contacts.mutations import ContactMutations
from contacts_graph.contacts.queries import ContactQueries
from contacts_graph.contacts.types import Contact
from contacts_graph.errors import ServiceError
from contacts_graph.imports.schema import ImportMutations
from contacts_graph.organizations.schema import OrganizationMutations, OrganizationQueries
from contacts_graph.organizations.types import Organization
from contacts_graph.pagination import InvalidPageArguments
from contacts_graph.relationships.schema import RelationshipMutations
from contacts_graph.settings import Settings
from contacts_graph.tags.schema import TagMutations, TagQueries

# Federation v2.9: both Apollo's composer and The Guild's accept it.
FEDERATION_VERSION = "2.9"


@strawberry.type(description="Read the shared contact record.")
class Query(ContactQueries, OrganizationQueries, TagQueries):
    pass


@strawberry.type(description="Change the shared contact record.")
class Mutation(
    ContactMutations,
    OrganizationMutations,
    RelationshipMutations,
    TagMutations,
    BulkMutations,
    ImportMutations,
):
    pass


def is_expected(error: GraphQLError) -> bool:
    """Tell errors meant for the caller from internal failures to be masked."""
    original = error.original_error
    return original is None or isinstance(
        original, ServiceError | InvalidPageArguments
    )


def build_schema(settings: Settings | None = None) -> Schema:
    """Assemble the schema, with the limits that protect the service."""
    settings = settings or Settings()
    # Factories: a fresh extension per request. The parse and validation
    # caches live at module level, so they are still shared across requests.
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: QueryDepthLimiter(max_depth=settings.max_query_depth),
        lambda: MaxAliasesLimiter(max_alias_count=settings.max_aliases),
        lambda: MaxTokensLimiter(max_token_count=settings.max_query_tokens),
        lambda: ParserCache(maxsize=512),
        lambda: ValidationCache(maxsize=512),
    ]
    if not settings.debug:
        extensions.append(
            lambda: MaskErrors(should_mask_error=lambda e: not is_expected(e))
        )
    return Schema(
        query=Query,
        mutation=Mutation,
        types=[Contact, Organization],
        federation_version=FEDERATION_VERSION,
        extensions=extensions,
    )


def print_schema() -> str:
    return build_schema().as_str() + "\n"
