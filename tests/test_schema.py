"""The checked-in schema.graphql is the schema the service serves."""

from pathlib import Path

from contacts_graph.federation.schema import print_schema

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schema.graphql"


def test_checked_in_schema_is_current() -> None:
    checked_in = SCHEMA_FILE.read_text(encoding="utf-8")

    printed = print_schema()

    assert printed == checked_in, (
        "schema.graphql is out of date with the code: run `make schema` "
        "and commit the result."
    )
