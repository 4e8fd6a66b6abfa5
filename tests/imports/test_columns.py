import pytest

from contacts_graph.imports.columns import (
    Column,
    Target,
    header_key,
    map_columns,
    snake_case,
)

CUSTOMERS_HEADER = [
    "Index",
    "Customer Id",
    "First Name",
    "Last Name",
    "Company",
    "City",
    "Country",
    "Phone 1",
    "Phone 2",
    "Email",
    "Subscription Date",
    "Website",
]


def targets(headers):
    return [column.target for column in map_columns(headers)]


def test_map_columns_of_the_customers_file():
    mapping = map_columns(CUSTOMERS_HEADER)

    assert [(c.header, c.target, c.custom_key) for c in mapping] == [
        ("Index", Target.IGNORED, None),
        ("Customer Id", Target.EXTERNAL_ID, None),
        ("First Name", Target.GIVEN_NAME, None),
        ("Last Name", Target.FAMILY_NAME, None),
        ("Company", Target.ORGANIZATION_NAME, None),
        ("City", Target.CITY, None),
        ("Country", Target.COUNTRY, None),
        ("Phone 1", Target.PHONE, None),
        ("Phone 2", Target.PHONE, None),
        ("Email", Target.EMAIL, None),
        ("Subscription Date", Target.CUSTOM, "subscription_date"),
        ("Website", Target.CUSTOM, "website"),
    ]
    assert [column.position for column in mapping] == list(range(12))


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("Full Name", Target.FULL_NAME),
        ("name", Target.FULL_NAME),
        ("Contact Name", Target.FULL_NAME),
        ("first_name", Target.GIVEN_NAME),
        ("Given name", Target.GIVEN_NAME),
        ("Forename", Target.GIVEN_NAME),
        ("LAST NAME", Target.FAMILY_NAME),
        ("Surname", Target.FAMILY_NAME),
        ("Family-Name", Target.FAMILY_NAME),
        ("E-mail", Target.EMAIL),
        ("Email Address", Target.EMAIL),
        ("Work Email", Target.EMAIL),
        ("Mobile", Target.PHONE),
        ("Telephone", Target.PHONE),
        ("Téléphone", Target.PHONE),
        ("Phone Number", Target.PHONE),
        ("Organisation", Target.ORGANIZATION_NAME),
        ("Organization", Target.ORGANIZATION_NAME),
        ("Employer", Target.ORGANIZATION_NAME),
        ("Account Name", Target.ORGANIZATION_NAME),
        ("Job Title", Target.TITLE),
        ("Title", Target.TITLE),
        ("Position", Target.TITLE),
        ("Type", Target.ROLE),
        ("Role", Target.ROLE),
        ("Contact Type", Target.ROLE),
        ("Roles", Target.ROLES),
        ("Street", Target.STREET),
        ("Address", Target.STREET),
        ("Town", Target.CITY),
        ("State", Target.REGION),
        ("County", Target.REGION),
        ("Province", Target.REGION),
        ("State/Province", Target.REGION),
        ("ZIP", Target.POSTAL_CODE),
        ("Postal Code", Target.POSTAL_CODE),
        ("Postcode", Target.POSTAL_CODE),
        ("country", Target.COUNTRY),
        ("Date of Birth", Target.DATE_OF_BIRTH),
        ("DOB", Target.DATE_OF_BIRTH),
        ("Birthday", Target.DATE_OF_BIRTH),
        ("Language", Target.LOCALE),
        ("Locale", Target.LOCALE),
        ("Tags", Target.TAGS),
        ("Marketing Consent", Target.CONSENT_MARKETING),
        ("Consent", Target.CONSENT_MARKETING),
        ("Opt-In", Target.CONSENT_MARKETING),
        ("External ID", Target.EXTERNAL_ID),
        ("id", Target.EXTERNAL_ID),
        ("  Customer_ID  ", Target.EXTERNAL_ID),
        ("Index", Target.IGNORED),
        ("#", Target.IGNORED),
        ("Row Number", Target.IGNORED),
        ("Website", Target.CUSTOM),
    ],
)
def test_map_columns_recognises_header_variants(header, target):
    assert targets([header]) == [target]


def test_map_columns_takes_several_email_and_phone_columns():
    headers = ["Email 1", "email_2", "Phone", "Phone 2", "Mobile", "Tag 1", "Tag 2"]

    assert (
        targets(headers) == [Target.EMAIL] * 2 + [Target.PHONE] * 3 + [Target.TAGS] * 2
    )


def test_map_columns_keeps_a_repeated_single_field_as_custom():
    mapping = map_columns(["City", "Town", "Name", "Full Name"])

    assert [(c.target, c.custom_key) for c in mapping] == [
        (Target.CITY, None),
        (Target.CUSTOM, "town"),
        (Target.FULL_NAME, None),
        (Target.CUSTOM, "full_name"),
    ]


def test_map_columns_makes_custom_keys_unique():
    mapping = map_columns(["Notes", "notes", "NOTES", "", " "])

    assert [c.custom_key for c in mapping] == [
        "notes",
        "notes_2",
        "notes_3",
        "column_4",
        "column_5",
    ]


def test_map_columns_applies_overrides_first():
    mapping = map_columns(
        ["Index", "Name", "Nickname"], {0: Target.EXTERNAL_ID, 2: Target.FULL_NAME}
    )

    assert [(c.target, c.custom_key) for c in mapping] == [
        (Target.EXTERNAL_ID, None),
        (Target.CUSTOM, "name"),
        (Target.FULL_NAME, None),
    ]


def test_mapping_has():
    mapping = map_columns(CUSTOMERS_HEADER)

    assert mapping.has(Target.EMAIL)
    assert not mapping.has(Target.ROLE)
    assert len(mapping) == 12


@pytest.mark.parametrize(
    ("header", "label"),
    [(" Email ", " Email "), ("", "column 3"), ("  ", "column 3")],
)
def test_column_label_names_the_column_as_in_the_file(header, label):
    assert Column(2, header, Target.CUSTOM, "x").label == label


@pytest.mark.parametrize(
    ("header", "key"),
    [("E-Mail Address", "emailaddress"), ("first_name", "firstname"), ("Tél.", "tel")],
)
def test_header_key(header, key):
    assert header_key(header) == key


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Subscription Date", "subscription_date"),
        ("SubscriptionDate", "subscription_date"),
        ("subscriptionDate", "subscription_date"),
        ("  Website URL ", "website_url"),
        ("Café (EUR)", "cafe_eur"),
        ("__a__b__", "a_b"),
        ("--", ""),
    ],
)
def test_snake_case(header, key):
    assert snake_case(header) == key
