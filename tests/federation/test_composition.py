"""The contacts subgraph composes with the sample product subgraphs.

Both Apollo's composer and The Guild's run on the checked-in ``schema.graphql``
and the product SDLs beside this file, through ``js/compose.mjs``.
"""

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from graphql import GraphQLObjectType, GraphQLSchema, build_schema

REPO_ROOT = Path(__file__).resolve().parents[2]
SCHEMA_FILE = REPO_ROOT / "schema.graphql"
COMPOSE_SCRIPT = REPO_ROOT / "js" / "compose.mjs"
PRODUCTS_DIR = Path(__file__).parent
PRODUCTS = ("deals", "ops", "inbox")
COMPOSERS = ("apollo", "guild")

# A product that claims a field the contacts subgraph owns, without @shareable.
COLLIDING_SDL = """
extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])

type Contact @key(fields: "id") {
  id: ID!
  displayName: String!
}
"""


@pytest.fixture
def contacts_sdl(tmp_path: Path) -> Path:
    # The file name is the subgraph's name in the supergraph.
    if not SCHEMA_FILE.is_file():
        pytest.fail("schema.graphql is missing: run `make schema`", pytrace=False)
    path = tmp_path / "contacts.graphql"
    path.write_text(SCHEMA_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def compose(node: str, *subgraphs: Path) -> tuple[int, dict[str, Any]]:
    completed = subprocess.run(
        [node, str(COMPOSE_SCRIPT), *map(str, subgraphs)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode in (0, 1), completed.stderr
    return completed.returncode, json.loads(completed.stdout)


def product_sdls() -> list[Path]:
    return [PRODUCTS_DIR / f"{product}.graphql" for product in PRODUCTS]


def contact_fields(schema: GraphQLSchema) -> set[str]:
    contact = schema.get_type("Contact")
    assert isinstance(contact, GraphQLObjectType)
    return set(contact.fields)


def test_contacts_subgraph_links_federation_v2_9(contacts_sdl: Path) -> None:
    sdl = contacts_sdl.read_text(encoding="utf-8")

    assert 'url: "https://specs.apollo.dev/federation/v2.9"' in sdl


def test_products_compose_with_contacts(node: str, contacts_sdl: Path) -> None:
    returncode, report = compose(node, contacts_sdl, *product_sdls())

    for composer in COMPOSERS:
        assert report[composer]["errors"] == [], composer
        assert report[composer]["ok"], composer
    assert returncode == 0


@pytest.mark.parametrize("composer", COMPOSERS)
def test_supergraph_joins_product_fields_on_contact(
    node: str, contacts_sdl: Path, composer: str
) -> None:
    _, report = compose(node, contacts_sdl, *product_sdls())

    schema = build_schema(report[composer]["apiSchemaSdl"])
    fields = contact_fields(schema)
    assert {"id", "displayName", "email", "role"} <= fields
    assert {"deals", "inspections", "tenancyStatus", "threads"} <= fields
    assert schema.query_type is not None
    assert {"contacts", "inboxContacts"} <= set(schema.query_type.fields)


def test_product_claiming_a_contacts_field_is_rejected(
    node: str, contacts_sdl: Path, tmp_path: Path
) -> None:
    colliding = tmp_path / "colliding.graphql"
    colliding.write_text(COLLIDING_SDL, encoding="utf-8")

    returncode, report = compose(node, contacts_sdl, colliding)

    assert returncode == 1
    for composer in COMPOSERS:
        assert not report[composer]["ok"], composer
        messages = " ".join(error["message"] for error in report[composer]["errors"])
        assert "Contact.displayName" in messages, composer
