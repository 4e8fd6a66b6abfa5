from datetime import date, timedelta
from pathlib import Path

import pytest

from contacts_graph.contacts.roles import Role
from contacts_graph.imports.columns import map_columns
from contacts_graph.imports.csv_reader import read_csv
from contacts_graph.imports.rows import (
    ContactDraft,
    RowProblem,
    parse_row,
    split_full_name,
)

DATA = Path(__file__).parents[2] / ".." / "shared" / "data"


def parse_file(data, default_region="US"):
    table = read_csv(data)
    mapping = map_columns(table.header)
    return [
        (
            row.line,
            *parse_row(row.line, row.values, mapping, default_region=default_region),
        )
        for row in table.rows
    ]


def parse_one(header, values, default_region="US"):
    mapping = map_columns(header)
    return parse_row(2, values, mapping, default_region=default_region)


def draft_of(header, values, default_region="US"):
    draft, problems = parse_one(header, values, default_region)
    assert problems == []
    return draft


def problems_of(header, values):
    draft, problems = parse_one(header, values)
    assert draft is None
    return [(p.column, p.field, p.code) for p in problems]


def test_parse_row_reads_the_whole_customers_file():
    with (DATA / "customers-100.csv").open("rb") as file:
        results = parse_file(file)

    assert len(results) == 100
    assert [problems for _, _, problems in results if problems] == []
    assert all(isinstance(draft, ContactDraft) for _, draft, _ in results)


def test_parse_row_reads_the_first_customer_field_by_field():
    with (DATA / "customers-100.csv").open("rb") as file:
        _, first, _ = parse_file(file)[0]

    assert first == ContactDraft(
        given_name="Sheryl",
        family_name="Baxter",
        display_name="Sheryl Baxter",
        email="zunigavanessa@smith.info",
        phone="229.077.5154",
        phone_e164=None,
        extra_phones=[{"number": "397.884.0519x718", "e164": None}],
        primary_role=None,
        roles=[],
        city="East Leonard",
        country="Chile",
        organization_name="Rasmussen Group",
        external_id="DD37Cf93aecA6Dc",
        custom_fields={
            "subscription_date": "2020-08-24",
            "website": "http://www.stephenson.com/",
        },
    )


def test_parse_row_gives_e164_forms_of_valid_customer_phones():
    with (DATA / "customers-100.csv").open("rb") as file:
        drafts = {draft.external_id: draft for _, draft, _ in parse_file(file)}

    roy = drafts["6F94879bDAfE5a6"]
    assert (roy.phone, roy.phone_e164) == ("+1-539-402-0259", "+15394020259")
    assert roy.extra_phones == [{"number": "(496)978-3969x58947", "e164": None}]


def test_parse_row_reports_each_bad_row_with_its_line_and_column():
    data = (
        b"Name,Email,Type,Notes\n"
        b"Ann Smith,ann@example.com,Tenant,\n"
        b",,client,only a role\n"
        b'Bob Jones,bob@@example,owner,"two\nlines"\n'
        b"Cy Young,cy@example.com,Landlord,\n"
        b"Di Prince,di@example,Lodger,\n"
        b"Ed Stone,ed@example.com,,\n"
    )

    results = parse_file(data)

    assert [(line, draft is not None) for line, draft, _ in results] == [
        (2, True),
        (3, False),
        (4, False),
        (6, False),
        (7, False),
        (8, True),
    ]
    problems = [p for _, _, row_problems in results for p in row_problems]
    assert [(p.line, p.column, p.field, p.code) for p in problems] == [
        (3, None, "name", "MISSING_NAME_AND_EMAIL"),
        (4, "Email", "email", "INVALID_EMAIL"),
        (6, "Type", "role", "UNKNOWN_ROLE"),
        (7, "Email", "email", "INVALID_EMAIL"),
        (7, "Type", "role", "UNKNOWN_ROLE"),
    ]
    assert "GUEST, TENANT, OWNER" in problems[2].message
    assert all(p.message.endswith(".") for p in problems)


def test_parse_row_uses_the_roles_given():
    header = ["Name", "Type", "Roles"]

    tenant = draft_of(header, ["Ann", "Tenant", "owner; investor, TENANT"])
    default = draft_of(header, ["Bob", "", "client"])

    assert (tenant.primary_role, tenant.roles) == (
        Role.TENANT,
        [Role.OWNER, Role.INVESTOR],
    )
    assert (default.primary_role, default.roles) == (None, [Role.CLIENT])


def test_parse_row_reports_every_unknown_role_in_a_list():
    assert problems_of(["Name", "Roles"], ["Ann", "owner, boss, chief"]) == [
        ("Roles", "roles", "UNKNOWN_ROLE"),
        ("Roles", "roles", "UNKNOWN_ROLE"),
    ]


def test_parse_row_rejects_the_whole_row_for_a_bad_optional_value():
    assert problems_of(
        ["Name", "Email", "DOB"], ["Ann", "a@example.com", "03/04/1990"]
    ) == [("DOB", "dateOfBirth", "INVALID_DATE")]


def test_parse_row_rejects_a_birth_date_in_the_future():
    tomorrow = (date.today() + timedelta(days=1)).isoformat()

    assert problems_of(["Name", "Date of Birth"], ["Ann", tomorrow]) == [
        ("Date of Birth", "dateOfBirth", "INVALID_DATE")
    ]


def test_parse_row_collects_every_problem_of_a_row():
    header = ["Email", "Email 2", "Phone", "Phone 2", "Consent", "Language", "Tags"]
    values = ["a@", "b@", "n/a", "12", "maybe", "English", "ok, " + "x" * 101]

    assert problems_of(header, values) == [
        ("Email", "email", "INVALID_EMAIL"),
        ("Email 2", "extraEmails", "INVALID_EMAIL"),
        ("Phone", "phone", "INVALID_PHONE"),
        ("Phone 2", "extraPhones", "INVALID_PHONE"),
        ("Consent", "consentMarketing", "INVALID_BOOLEAN"),
        ("Language", "locale", "INVALID_LOCALE"),
        ("Tags", "tags", "TOO_LONG"),
    ]


def test_parse_row_refuses_values_longer_than_their_column():
    assert problems_of(["Name", "Postcode"], ["Ann", "1" * 33]) == [
        ("Postcode", "postalCode", "TOO_LONG")
    ]


def test_parse_row_refuses_values_beyond_the_header():
    draft, problems = parse_one(["Name", "Email"], ["Ann", "Smith", "ann@example.com"])

    assert draft is None
    assert problems[0] == RowProblem(
        2,
        None,
        "row",
        "TOO_MANY_VALUES",
        "The row has 3 values for 2 columns; quote values that hold the delimiter.",
    )
    assert [(p.column, p.code) for p in problems[1:]] == [("Email", "INVALID_EMAIL")]


def test_parse_row_ignores_empty_values_beyond_the_header():
    assert draft_of(["Name"], ["Ann", "", " "]).display_name == "Ann"


def test_parse_row_reads_missing_trailing_cells_as_empty():
    draft = draft_of(["Name", "Email", "City"], ["Ann"])

    assert (draft.email, draft.city) == (None, None)


def test_parse_row_trims_values_and_drops_empty_cells():
    draft = draft_of(
        ["First Name", "Last Name", "City", "Notes"], ["  Ann ", " ", "\tLeeds ", "  "]
    )

    assert (draft.given_name, draft.family_name, draft.city) == ("Ann", None, "Leeds")
    assert draft.custom_fields == {}


def test_parse_row_takes_the_first_email_given_as_primary():
    header = ["Email", "Work Email", "Email 3"]

    draft = draft_of(header, ["", "Ann@Example.com", "ann@example.com "])

    assert (draft.email, draft.extra_emails) == ("ann@example.com", [])
    assert draft.display_name == "ann"


def test_parse_row_keeps_extra_emails_and_phones_once_each():
    header = ["Email", "Email 2", "Email 3", "Phone", "Mobile", "Phone 3"]
    values = [
        "a@example.com",
        "b@example.com",
        "B@example.com",
        "555 0100",
        "555 0101",
        "555 0101",
    ]

    draft = draft_of(header, values)

    assert draft.extra_emails == ["b@example.com"]
    assert (draft.phone, [p["number"] for p in draft.extra_phones]) == (
        "555 0100",
        ["555 0101"],
    )


@pytest.mark.parametrize(
    ("country", "default_region", "e164"),
    [
        ("United Kingdom", "US", "+442079460958"),
        ("Atlantis", "GB", "+442079460958"),
        ("", "GB", "+442079460958"),
        ("Chile", "GB", None),
        ("", None, None),
    ],
)
def test_parse_row_reads_phones_in_the_country_of_the_row(
    country, default_region, e164
):
    draft = draft_of(
        ["Name", "Phone", "Country"], ["Ann", "020 7946 0958", country], default_region
    )

    assert (draft.phone, draft.phone_e164) == ("020 7946 0958", e164)


def test_parse_row_splits_a_full_name():
    draft = draft_of(["Full Name"], ["Mary Ann  Smith"])

    assert (draft.given_name, draft.family_name, draft.display_name) == (
        "Mary Ann",
        "Smith",
        "Mary Ann  Smith",
    )


def test_parse_row_reads_a_family_name_first_full_name():
    draft = draft_of(["Name"], ["Smith, Jane"])

    assert (draft.given_name, draft.family_name, draft.display_name) == (
        "Jane",
        "Smith",
        "Jane Smith",
    )


def test_parse_row_keeps_a_full_name_with_a_suffix_as_written():
    draft = draft_of(["Name"], ["Jane Smith, Jr."])

    assert (draft.given_name, draft.family_name, draft.display_name) == (
        "Jane",
        "Smith",
        "Jane Smith, Jr.",
    )


def test_parse_row_prefers_name_columns_to_a_split_full_name():
    draft = draft_of(["Name", "First Name"], ["Jane van der Berg", "Jane"])

    assert (draft.given_name, draft.family_name, draft.display_name) == (
        "Jane",
        None,
        "Jane van der Berg",
    )


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Cher", ("Cher", None)),
        ("Sheryl Baxter", ("Sheryl", "Baxter")),
        ("Baxter,", (None, "Baxter")),
        ("Jane Smith, Jr.", ("Jane", "Smith")),
        ("John Smith III", ("John", "Smith")),
        ("Dominguez, Mcmillan, Donovan", ("Dominguez, Mcmillan,", "Donovan")),
    ],
)
def test_split_full_name(name, parts):
    assert split_full_name(name) == parts


def test_parse_row_reads_the_other_fields():
    header = [
        "Job Title",
        "Organisation",
        "Street",
        "Town",
        "State",
        "ZIP",
        "Country",
        "Birthday",
        "Locale",
        "Tags",
        "Opt in",
        "ID",
        "Email",
        "Index",
        "Website",
    ]
    values = [
        "CTO",
        "Acme",
        "1 Main St",
        "Springfield",
        "IL",
        "62701",
        "USA",
        "24 Aug 1990",
        "en_us",
        "vip; Gold, VIP",
        "Yes",
        "C-1",
        "a@example.com",
        "7",
        "https://a.example",
    ]

    draft = draft_of(header, values)

    assert draft == ContactDraft(
        display_name="a",
        email="a@example.com",
        title="CTO",
        organization_name="Acme",
        street="1 Main St",
        city="Springfield",
        region="IL",
        postal_code="62701",
        country="USA",
        date_of_birth=date(1990, 8, 24),
        locale="en-US",
        tags=["vip", "Gold"],
        consent_marketing=True,
        external_id="C-1",
        custom_fields={"website": "https://a.example"},
    )


def test_parse_row_reports_a_row_with_only_a_row_number():
    assert problems_of(["Index", "Name", "Email", "City"], ["7", "", "", "Leeds"]) == [
        (None, "name", "MISSING_NAME_AND_EMAIL")
    ]


def test_parse_row_names_a_column_without_header_by_its_number():
    assert problems_of(["Name", ""], ["Ann", "x" * 10_001]) == [
        ("column 2", "customFields", "TOO_LONG")
    ]
