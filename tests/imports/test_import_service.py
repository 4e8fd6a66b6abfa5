"""Importing a CSV file end to end: upload, importContacts, the CLI, re-imports."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import httpx

from tests.conftest import run_graphql

CUSTOMERS_CSV = (
    Path(__file__).resolve().parents[3] / "shared" / "data" / "customers-100.csv"
)
CLI = Path(sys.executable).parent / "contacts-graph"
UPLOAD_PATH = "/api/contacts/import/files"

IMPORT_CONTACTS = """
mutation ImportContacts($fileId: ID!, $defaultRole: Role) {
  importContacts(fileId: $fileId, defaultRole: $defaultRole) {
    createdCount
    updatedCount
    unchangedCount
    rejectedCount
    rows {
      line status contactId
      problems { line column field code message }
    }
    fileProblems { line column field code message }
    userErrors { field code message }
  }
}
"""

CONTACTS = """
query Contacts($filter: ContactFilter, $first: Int) {
  contacts(filter: $filter, first: $first) {
    totalCount
    edges { node { id displayName email role } }
  }
}
"""

CONTACT_BY_EMAIL = """
query ContactByEmail($email: String!) {
  contactByEmail(email: $email) {
    id
    displayName
    givenName
    familyName
    email
    emails
    phone
    phones { number e164 isPrimary }
    role
    roles
    address { city country }
    customFields
    externalIds { source externalId }
    primaryOrganization { name }
    consentMarketing
  }
}
"""

ORGANIZATIONS = """
query Organizations { organizations(first: 200) { totalCount } }
"""

BAD_ROWS_CSV = (
    "Customer Id,First Name,Last Name,Email,Type\n"
    "A1,Ada,Lovelace,ada@example.com,Client\n"
    "A2,,,,Client\n"
    "A3,Grace,Hopper,grace@@example,Client\n"
    "A4,Alan,Turing,alan@example.com,Wizard\n"
    "A5,Edsger,Dijkstra,edsger@example.com,\n"
)


async def _upload(
    client: httpx.AsyncClient, content: bytes, name: str = "customers.csv"
) -> str:
    response = await client.post(
        UPLOAD_PATH, files={"file": (name, content, "text/csv")}
    )
    assert response.status_code == 201, response.text
    return response.json()["fileId"]


async def _import(graphql, file_id, **arguments):
    data = await graphql(IMPORT_CONTACTS, {"fileId": file_id, **arguments})
    return data["importContacts"]


async def _import_customers(client, graphql):
    file_id = await _upload(client, CUSTOMERS_CSV.read_bytes())
    return await _import(graphql, file_id)


# the upload endpoint


async def test_upload_returns_a_file_id(client):
    content = CUSTOMERS_CSV.read_bytes()

    response = await client.post(
        UPLOAD_PATH, files={"file": ("customers-100.csv", content, "text/csv")}
    )

    assert response.status_code == 201
    body = response.json()
    assert uuid.UUID(body["fileId"])
    assert body["filename"] == "customers-100.csv"
    assert body["size"] == len(content)


async def test_upload_without_a_token_is_unauthorized(app):
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://test"
    ) as anonymous:
        response = await anonymous.post(
            UPLOAD_PATH, files={"file": ("c.csv", b"Name\nAda\n", "text/csv")}
        )

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


async def test_upload_with_a_forged_token_is_unauthorized(app):
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": "Bearer not.a.token"}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://test", headers=headers
    ) as forged:
        response = await forged.post(
            UPLOAD_PATH, files={"file": ("c.csv", b"Name\nAda\n", "text/csv")}
        )

    assert response.status_code == 401


async def test_upload_without_a_file_field_is_a_bad_request(client):
    response = await client.post(UPLOAD_PATH, data={"other": "value"})

    assert response.status_code == 400
    assert "file" in response.json()["error"]


async def test_upload_of_an_empty_file_is_a_bad_request(client):
    response = await client.post(
        UPLOAD_PATH, files={"file": ("c.csv", b"", "text/csv")}
    )

    assert response.status_code == 400
    assert "empty" in response.json()["error"]


# importContacts with the 100 customers


async def test_import_creates_a_contact_per_row(client, graphql):
    payload = await _import_customers(client, graphql)

    assert payload["userErrors"] == []
    assert payload["fileProblems"] == []
    assert (
        payload["createdCount"],
        payload["updatedCount"],
        payload["unchangedCount"],
        payload["rejectedCount"],
    ) == (100, 0, 0, 0)
    assert [row["line"] for row in payload["rows"]] == list(range(2, 102))
    assert all(row["status"] == "CREATED" for row in payload["rows"])
    listed = await graphql(CONTACTS, {"first": 1})
    assert listed["contacts"]["totalCount"] == 100


async def test_import_keeps_every_field_of_the_first_row(client, graphql):
    await _import_customers(client, graphql)

    data = await graphql(CONTACT_BY_EMAIL, {"email": "zunigavanessa@smith.info"})

    contact = data["contactByEmail"]
    assert contact["displayName"] == "Sheryl Baxter"
    assert (contact["givenName"], contact["familyName"]) == ("Sheryl", "Baxter")
    assert contact["email"] == "zunigavanessa@smith.info"
    assert contact["emails"] == ["zunigavanessa@smith.info"]
    assert contact["phone"] == "229.077.5154"
    assert [phone["number"] for phone in contact["phones"]] == [
        "229.077.5154",
        "397.884.0519x718",
    ]
    assert [phone["isPrimary"] for phone in contact["phones"]] == [True, False]
    assert contact["primaryOrganization"] == {"name": "Rasmussen Group"}
    assert contact["externalIds"] == [
        {"source": "csv", "externalId": "DD37Cf93aecA6Dc"}
    ]
    assert contact["customFields"]["website"] == "http://www.stephenson.com/"
    assert contact["customFields"]["subscription_date"] == "2020-08-24"
    assert "index" not in contact["customFields"]
    assert contact["address"] == {"city": "East Leonard", "country": "Chile"}
    assert (contact["role"], contact["roles"]) == ("PROSPECT", ["PROSPECT"])
    assert contact["consentMarketing"] is False


async def test_import_keeps_the_second_and_last_rows(client, graphql):
    await _import_customers(client, graphql)

    second = (await graphql(CONTACT_BY_EMAIL, {"email": "vmata@colon.com"}))[
        "contactByEmail"
    ]
    last = (await graphql(CONTACT_BY_EMAIL, {"email": "colleen91@faulkner.biz"}))[
        "contactByEmail"
    ]

    assert second["displayName"] == "Preston Lozano"
    assert [p["number"] for p in second["phones"]] == ["5153435776", "686-620-1820x944"]
    assert second["primaryOrganization"] == {"name": "Vega-Gentry"}
    assert second["externalIds"] == [{"source": "csv", "externalId": "1Ef7b82A4CAAD10"}]
    assert second["customFields"]["subscription_date"] == "2021-04-23"
    assert last["displayName"] == "Clarence Haynes"
    assert last["primaryOrganization"] == {"name": "Le, Nash and Cross"}
    assert [p["number"] for p in last["phones"]] == ["(753)813-6941", "783.639.1472"]
    assert last["externalIds"] == [{"source": "csv", "externalId": "2354a0E336A91A1"}]


async def test_import_gives_rows_the_default_role_chosen(client, graphql):
    file_id = await _upload(client, CUSTOMERS_CSV.read_bytes())

    payload = await _import(graphql, file_id, defaultRole="CLIENT")

    assert payload["createdCount"] == 100
    clients = await graphql(CONTACTS, {"filter": {"role": "CLIENT"}, "first": 1})
    prospects = await graphql(CONTACTS, {"filter": {"role": "PROSPECT"}, "first": 1})
    assert clients["contacts"]["totalCount"] == 100
    assert prospects["contacts"]["totalCount"] == 0


async def test_importing_the_same_file_again_updates_instead_of_duplicating(
    client, graphql
):
    await _import_customers(client, graphql)
    organizations = (await graphql(ORGANIZATIONS))["organizations"]["totalCount"]

    again = await _import_customers(client, graphql)

    assert again["createdCount"] == 0
    assert again["rejectedCount"] == 0
    assert again["updatedCount"] + again["unchangedCount"] == 100
    listed = await graphql(CONTACTS, {"first": 1})
    assert listed["contacts"]["totalCount"] == 100
    assert (await graphql(ORGANIZATIONS))["organizations"][
        "totalCount"
    ] == organizations
    first = (await graphql(CONTACT_BY_EMAIL, {"email": "zunigavanessa@smith.info"}))[
        "contactByEmail"
    ]
    assert first["externalIds"] == [{"source": "csv", "externalId": "DD37Cf93aecA6Dc"}]
    assert len(first["phones"]) == 2


async def test_reimport_with_a_changed_cell_updates_that_contact_only(client, graphql):
    await _import_customers(client, graphql)
    original = CUSTOMERS_CSV.read_text()
    changed = original.replace("zunigavanessa@smith.info", "sheryl.baxter@example.com")
    file_id = await _upload(client, changed.encode())

    payload = await _import(graphql, file_id)

    assert (payload["createdCount"], payload["updatedCount"]) == (0, 1)
    assert payload["unchangedCount"] == 99
    updated = await graphql(CONTACT_BY_EMAIL, {"email": "sheryl.baxter@example.com"})
    assert updated["contactByEmail"]["displayName"] == "Sheryl Baxter"
    assert (await graphql(CONTACTS, {"first": 1}))["contacts"]["totalCount"] == 100


# bad rows


async def test_import_with_bad_rows_imports_the_good_ones_and_reports_the_rest(
    client, graphql
):
    file_id = await _upload(client, BAD_ROWS_CSV.encode(), "bad.csv")

    payload = await _import(graphql, file_id)

    assert (payload["createdCount"], payload["rejectedCount"]) == (2, 3)
    statuses = {row["line"]: row["status"] for row in payload["rows"]}
    assert statuses == {
        2: "CREATED",
        3: "REJECTED",
        4: "REJECTED",
        5: "REJECTED",
        6: "CREATED",
    }
    problems = {
        row["line"]: [(p["line"], p["column"], p["code"]) for p in row["problems"]]
        for row in payload["rows"]
        if row["problems"]
    }
    assert problems[4] == [(4, "Email", "INVALID_EMAIL")]
    assert problems[5] == [(5, "Type", "UNKNOWN_ROLE")]
    [(line, _, code)] = problems[3]
    assert (line, code) == (3, "MISSING_NAME_AND_EMAIL")
    listed = await graphql(CONTACTS, {"first": 10})
    assert sorted(e["node"]["displayName"] for e in listed["contacts"]["edges"]) == [
        "Ada Lovelace",
        "Edsger Dijkstra",
    ]


async def test_import_rejects_a_customer_id_repeated_in_the_file(client, graphql):
    content = (
        "Customer Id,First Name,Last Name,Email\n"
        "B1,Ada,Lovelace,ada@example.com\n"
        "B2,Alan,Turing,alan@example.com\n"
        "B1,Ada,Byron,ada.byron@example.com\n"
    )
    file_id = await _upload(client, content.encode(), "repeated.csv")

    payload = await _import(graphql, file_id)

    assert (payload["createdCount"], payload["rejectedCount"]) == (2, 1)
    assert payload["rows"][2] == {
        "line": 4,
        "status": "REJECTED",
        "contactId": None,
        "problems": [
            {
                "line": 4,
                "column": "Customer Id",
                "field": "externalId",
                "code": "DUPLICATE_EXTERNAL_ID",
                "message": "Customer id B1 already appears on line 2 of this file.",
            }
        ],
    }
    ada = (await graphql(CONTACT_BY_EMAIL, {"email": "ada@example.com"}))[
        "contactByEmail"
    ]
    assert (ada["displayName"], ada["emails"]) == (
        "Ada Lovelace",
        ["ada@example.com"],
    )
    byron = await graphql(CONTACT_BY_EMAIL, {"email": "ada.byron@example.com"})
    assert byron["contactByEmail"] is None


async def test_import_with_an_unbalanced_quote_keeps_the_rows_before_it(
    client, graphql
):
    content = (
        "Customer Id,Name,Email,Phone,City,Country,Company\n"
        "B1,Ada Lovelace,ada@example.com,,,,\n"
        'B9,"Unbalanced,quote@example.com,,,,,\n'
        "B10,Alan Turing,alan@example.com,,,,\n"
        "B11,Grace Hopper,grace@example.com,,,,\n"
    )
    file_id = await _upload(client, content.encode(), "unbalanced.csv")

    payload = await _import(graphql, file_id)

    assert [(row["line"], row["status"]) for row in payload["rows"]] == [(2, "CREATED")]
    [problem] = payload["fileProblems"]
    assert (problem["line"], problem["field"], problem["code"]) == (
        3,
        "file",
        "MALFORMED_CSV",
    )
    assert "Line 3" in problem["message"]
    listed = await graphql(CONTACTS, {"first": 10})
    assert [e["node"]["email"] for e in listed["contacts"]["edges"]] == [
        "ada@example.com"
    ]


async def test_import_reads_the_role_from_a_type_column(client, graphql):
    file_id = await _upload(client, BAD_ROWS_CSV.encode(), "bad.csv")

    await _import(graphql, file_id)

    ada = (await graphql(CONTACT_BY_EMAIL, {"email": "ada@example.com"}))[
        "contactByEmail"
    ]
    edsger = (await graphql(CONTACT_BY_EMAIL, {"email": "edsger@example.com"}))[
        "contactByEmail"
    ]
    assert ada["role"] == "CLIENT"
    assert edsger["role"] == "PROSPECT"


async def test_import_problem_messages_name_the_problem(client, graphql):
    file_id = await _upload(client, BAD_ROWS_CSV.encode(), "bad.csv")

    payload = await _import(graphql, file_id)

    rejected = [row for row in payload["rows"] if row["status"] == "REJECTED"]
    assert all(row["contactId"] is None for row in rejected)
    role_problem = next(
        p for row in rejected for p in row["problems"] if p["column"] == "Type"
    )
    assert role_problem["field"] == "role"
    assert "Wizard" in role_problem["message"]


async def test_import_of_an_unknown_file_id_is_not_found(graphql):
    payload = await _import(graphql, "00000000-0000-4000-8000-000000000000")

    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        ("fileId", "NOT_FOUND")
    ]
    assert payload["createdCount"] == 0


async def test_import_of_another_tenants_file_is_not_found(
    client, graphql, app, other_viewer
):
    from tests.conftest import token_for

    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {token_for(other_viewer)}"}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://test", headers=headers
    ) as other:
        theirs = await _upload(other, CUSTOMERS_CSV.read_bytes())

    payload = await _import(graphql, theirs)

    assert [e["code"] for e in payload["userErrors"]] == ["NOT_FOUND"]
    assert (await graphql(CONTACTS, {"first": 1}))["contacts"]["totalCount"] == 0


async def test_import_of_a_binary_file_reports_a_file_problem(client, graphql):
    file_id = await _upload(
        client, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "x.csv"
    )

    payload = await _import(graphql, file_id)

    assert payload["rows"] == []
    assert [p["code"] for p in payload["fileProblems"]] == ["NOT_TEXT"]
    assert "CSV" in payload["fileProblems"][0]["message"]
    assert (await graphql(CONTACTS, {"first": 1}))["contacts"]["totalCount"] == 0


async def test_import_without_the_imports_permission_is_refused(app, engine):
    from tests.conftest import make_viewer, token_for

    reader = await make_viewer(engine, permissions=frozenset({"contacts:read"}))
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {token_for(reader)}"}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://test", headers=headers
    ) as http:
        upload = await http.post(
            UPLOAD_PATH, files={"file": ("c.csv", b"Name\nAda\n", "text/csv")}
        )
        body = await run_graphql(http, IMPORT_CONTACTS, {"fileId": str(uuid.uuid4())})

    assert upload.status_code == 403
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


# the command line


def test_cli_import_prints_what_it_created(database_url):
    tenant = f"cli-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "CONTACTS_DATABASE_URL": database_url}

    result = subprocess.run(
        [str(CLI), "import", str(CUSTOMERS_CSV), "--tenant", tenant],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "created 100" in result.stdout
    assert "rejected 0" in result.stdout
