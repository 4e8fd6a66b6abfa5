"""The federation schema: every feature's root fields and entities in one place."""

import logging
from collections.abc import Callable
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.federation import Schema

from contacts_graph.compliance.schema import ComplianceMutations
from contacts_graph.contacts.bulk_schema import BulkMutations
from contacts_graph.contacts.mutations import ContactMutations
from contacts_graph.contacts.queries import ContactQueries
from contacts_graph.contacts.types import Contact
from contacts_graph.documents.schema import DocumentMutations
from contacts_graph.finance.schema import FinanceMutations
from contacts_graph.graphql.cost import QueryCostLimiter
from contacts_graph.graphql.errors import error_code
from contacts_graph.imports.schema import ImportMutations
from contacts_graph.linked.schema import LinkedRecordMutations
from contacts_graph.logging import failure_details
from contacts_graph.notes.schema import (
    CallMutations,
    NoteMutations,
    PreferenceMutations,
)
from contacts_graph.organizations.schema import (
    OrganizationMutations,
    OrganizationQueries,
)
from contacts_graph.organizations.types import Organization
from contacts_graph.relationships.schema import RelationshipMutations
from contacts_graph.roles.schema import RoleRecordMutations
from contacts_graph.settings import Settings
from contacts_graph.tags.schema import TagMutations, TagQueries

logger = logging.getLogger(__name__)

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
    LinkedRecordMutations,
    FinanceMutations,
    DocumentMutations,
    RoleRecordMutations,
    NoteMutations,
    CallMutations,
    PreferenceMutations,
    ComplianceMutations,
):
    pass


class ContactsSchema(Schema):
    """The federation schema, logging errors without the query text.

    Strawberry's default logs each error with the whole operation, and an
    operation carries search terms and input values: personal data, which
    never goes to the logs here. Tracebacks are logged only when debugging,
    since a database error's message can quote a stored value.
    """

    log_tracebacks = False

    def process_errors(
        self, errors: list[GraphQLError], execution_context: Any = None
    ) -> None:
        for error in errors:
            code = error_code(error)
            extra = {"code": code, "path": ".".join(map(str, error.path or ()))}
            if code == "INTERNAL_SERVER_ERROR":
                original = error.original_error
                extra.update(failure_details(original))
                logger.error(
                    "graphql.unexpected_error",
                    extra=extra,
                    exc_info=original if self.log_tracebacks else None,
                )
            else:
                logger.debug("graphql.error", extra=extra)


def build_schema(settings: Settings | None = None) -> Schema:
    """Assemble the schema, with the limits that protect the service."""
    settings = settings or Settings()
    # Factories: a fresh extension per request. The parse and validation
    # caches live at module level, so they are still shared across requests.
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: QueryDepthLimiter(max_depth=settings.max_query_depth),
        lambda: MaxAliasesLimiter(max_alias_count=settings.max_aliases),
        lambda: MaxTokensLimiter(max_token_count=settings.max_query_tokens),
        lambda: QueryCostLimiter(max_cost=settings.max_query_cost),
        lambda: ParserCache(maxsize=512),
        lambda: ValidationCache(maxsize=512),
    ]
    schema = ContactsSchema(
        query=Query,
        mutation=Mutation,
        types=[Contact, Organization],
        federation_version=FEDERATION_VERSION,
        extensions=extensions,
    )
    schema.log_tracebacks = settings.debug
    return schema


def print_schema() -> str:
    return build_schema().as_str() + "\n"
