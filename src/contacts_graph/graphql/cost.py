"""A limit on how many records one operation may ask for.

Depth and alias limits alone let a query ask for 29 aliased pages of 200
contacts, each walking a network of 500 contacts: millions of records from a
short text. The cost of an operation is the number of records it can return,
counted as GitHub's API counts nodes: every connection (and ``network``,
``_entities``) multiplies what is selected under it by the most items it can
hold. Short plain lists (tags, phones, a network path) hold values of the
record they hang off, so they multiply nothing.
"""

from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    value_from_ast_untyped,
)
from graphql.execution import ExecutionResult
from strawberry.extensions import SchemaExtension

from contacts_graph.errors import ServiceError
from contacts_graph.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from contacts_graph.relationships.kinds import MAX_NETWORK_SIZE

# List fields whose size no argument states, by the most items they return.
BOUNDED_LISTS = {"network": MAX_NETWORK_SIZE}


class QueryTooCostly(ServiceError):
    """An operation that may return more records than one request is allowed."""


def _named(type_: Any) -> tuple[Any, bool]:
    """Unwrap NonNull and List; say whether a list was among the wrappers."""
    is_list = False
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        is_list = is_list or isinstance(type_, GraphQLList)
        type_ = type_.of_type
    return type_, is_list


class CostCounter:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables

    def fields(
        self, selections: SelectionSetNode, parent: Any, seen: frozenset[str]
    ) -> Iterator[tuple[FieldNode, Any]]:
        """Yield the fields of a selection set, fragments spread, with their type."""
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                yield selection, parent
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = (
                    self.schema.get_type(condition.name.value) if condition else parent
                )
                yield from self.fields(selection.selection_set, target, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in seen:
                    continue
                target = self.schema.get_type(fragment.type_condition.name.value)
                yield from self.fields(fragment.selection_set, target, seen | {name})

    def argument(self, field: FieldNode, name: str) -> Any:
        for argument in field.arguments or ():
            if argument.name.value == name:
                return value_from_ast_untyped(argument.value, self.variables)
        return None

    def multiplier(self, field: FieldNode, return_type: Any, is_list: bool) -> int:
        name = field.name.value
        if name == "_entities":
            return max(len(self.argument(field, "representations") or ()), 1)
        if getattr(return_type, "name", "").endswith("Connection"):
            size = self.argument(field, "first") or self.argument(field, "last")
            if not isinstance(size, int):
                return DEFAULT_PAGE_SIZE
            # A larger size is refused when the field runs, with its own message.
            return min(max(size, 1), MAX_PAGE_SIZE)
        if is_list:
            return BOUNDED_LISTS.get(name, 1)
        return 1

    @staticmethod
    def holds_records(field: FieldNode, return_type: Any) -> bool:
        name = field.name.value
        return (
            name in BOUNDED_LISTS
            or name == "_entities"
            or getattr(return_type, "name", "").endswith("Connection")
        )

    def cost(
        self, selections: SelectionSetNode | None, parent: Any, factor: int
    ) -> int:
        """Count the records a selection set can return, times ``factor``."""
        if selections is None:
            return 0
        total = 0
        for field, owner in self.fields(selections, parent, frozenset()):
            definition = getattr(owner, "fields", {}).get(field.name.value)
            if definition is None:
                continue
            return_type, is_list = _named(definition.type)
            count = factor * self.multiplier(field, return_type, is_list)
            total += (
                count if self.holds_records(field, return_type) else 0
            ) + self.cost(field.selection_set, return_type, count)
        return total


def operation_cost(
    schema: GraphQLSchema,
    document: Any,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
) -> int:
    """Return the records the chosen operation of ``document`` can return."""
    fragments = {
        d.name.value: d
        for d in document.definitions
        if isinstance(d, FragmentDefinitionNode)
    }
    operations = [
        d for d in document.definitions if isinstance(d, OperationDefinitionNode)
    ]
    chosen = next(
        (
            o
            for o in operations
            if operation_name is None or (o.name and o.name.value == operation_name)
        ),
        None,
    )
    if chosen is None:
        return 0
    root = schema.get_root_type(chosen.operation)
    counter = CostCounter(schema, fragments, variables or {})
    return counter.cost(chosen.selection_set, root, 1)


class QueryCostLimiter(SchemaExtension):
    """Refuse, before executing, an operation that may return too many records."""

    def __init__(self, *, max_cost: int) -> None:
        self.max_cost = max_cost

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        cost = operation_cost(
            context.schema._schema,
            context.graphql_document,
            context.operation_name,
            context.variables,
        )
        if cost > self.max_cost:
            failure = QueryTooCostly(
                f"This operation may return {cost} records; one request may ask for "
                f"{self.max_cost}. Ask for smaller pages or fewer nested lists."
            )
            context.result = ExecutionResult(
                data=None,
                errors=[GraphQLError(str(failure), original_error=failure)],
            )
        yield
