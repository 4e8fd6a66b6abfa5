"""The contacts-graph command, run in process against the test database."""

from pathlib import Path

import jwt
import pytest

from contacts_graph.cli import main
from contacts_graph.federation.schema import print_schema
from tests.conftest import SECRET

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def environment(monkeypatch, database_url):
    monkeypatch.setenv("CONTACTS_DATABASE_URL", database_url)
    monkeypatch.setenv("CONTACTS_SECRET_KEY", SECRET)


def test_token_names_the_tenant_and_grants_what_was_asked(environment, capsys):
    main(["token", "--tenant", "cli-token", "--permission", "contacts:read"])

    claims = jwt.decode(capsys.readouterr().out.strip(), SECRET, algorithms=["HS256"])
    assert claims["tsl"] == "cli-token"
    assert claims["perms"] == ["contacts:read"]


def test_token_refuses_an_unknown_permission(environment):
    with pytest.raises(SystemExit, match="unknown permissions: contacts:everything"):
        main(["token", "--tenant", "cli-token", "--permission", "contacts:everything"])


def test_seed_fills_an_empty_tenant_once(environment, capsys):
    main(["seed", "--tenant", "cli-seed"])
    main(["seed", "--tenant", "cli-seed"])

    lines = capsys.readouterr().out.splitlines()
    assert lines[-2] == "60 demo contacts added to tenant cli-seed"
    assert lines[-1] == "0 demo contacts added to tenant cli-seed"


def test_import_reports_a_missing_file(environment, tmp_path):
    with pytest.raises(SystemExit, match="no such file"):
        main(["import", str(tmp_path / "missing.csv"), "--tenant", "cli-import"])


def test_schema_prints_the_checked_in_sdl(capsys):
    main(["schema"])

    assert capsys.readouterr().out == print_schema()
    assert (ROOT / "schema.graphql").read_text() == print_schema()


def test_import_reports_a_source_name_too_long(environment, tmp_path):
    csv = tmp_path / "people.csv"
    csv.write_text("Email\nada@example.com\n")

    with pytest.raises(SystemExit, match="people.csv: .*source"):
        main(["import", str(csv), "--tenant", "cli-import", "--source", "s" * 80])
