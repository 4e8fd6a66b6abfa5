import csv
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from contacts_graph.contacts.normalize import (
    InvalidValue,
    PhoneNumber,
    clean_text,
    display_name_for,
    normalize_email,
    normalize_locale,
    normalize_phone,
    normalize_role,
    parse_bool,
    parse_date,
    phone_region_for,
    phone_search_digits,
    region_for_country,
    split_list,
)
from contacts_graph.contacts.roles import Role

DATA = Path(__file__).parents[2] / ".." / "shared" / "data"
SEPARATORS = st.sampled_from([" ", "-", ".", "/", "(", ")", ""])


def test_normalize_email_trims_and_lowercases():
    assert normalize_email("  Zunigavanessa@Smith.INFO ") == "zunigavanessa@smith.info"


@pytest.mark.parametrize(
    "value",
    ["", "   ", "jane", "jane@", "@example.com", "jane@@example.com", "jane@example"],
)
def test_normalize_email_rejects_broken_addresses(value):
    with pytest.raises(InvalidValue) as caught:
        normalize_email(value)

    assert caught.value.code == "INVALID_EMAIL"
    assert caught.value.message.endswith(".")


def test_normalize_email_message_does_not_quote_the_address():
    with pytest.raises(InvalidValue) as caught:
        normalize_email("jane.doe.example.com")

    assert "jane.doe" not in caught.value.message


@pytest.mark.parametrize(
    ("value", "region", "e164"),
    [
        ("+1-539-402-0259", None, "+15394020259"),
        ("+1 539 402 0259 ext. 12", None, "+15394020259"),
        ("020 7946 0958", "GB", "+442079460958"),
        ("020 7946 0958", "gb", "+442079460958"),
        ("020 7946 0958", None, None),
        ("229.077.5154", "US", None),
        ("001-808-617-6467x12895", "US", None),
    ],
)
def test_normalize_phone_keeps_the_number_and_adds_valid_e164(value, region, e164):
    assert normalize_phone(value, region) == PhoneNumber(number=value, e164=e164)


def test_normalize_phone_trims_the_typed_number():
    assert (
        normalize_phone("  (496)978-3969x58947 ", "US").number == "(496)978-3969x58947"
    )


@pytest.mark.parametrize(
    "value",
    ["", "   ", "n/a", "12", "x1234", "jane@example.com", "1" * 21, "1 " * 40],
)
def test_normalize_phone_rejects_what_is_no_phone_number(value):
    with pytest.raises(InvalidValue) as caught:
        normalize_phone(value, "US")

    assert caught.value.code == "INVALID_PHONE"
    assert value.strip() == "" or value not in caught.value.message


@given(
    digits=st.lists(st.integers(0, 9), min_size=7, max_size=15),
    separators=st.lists(SEPARATORS, min_size=15, max_size=15),
    plus=st.booleans(),
    region=st.sampled_from([None, "US", "GB", "CL", "DE", "ZZ"]),
)
def test_normalize_phone_accepts_any_7_to_15_digits(digits, separators, plus, region):
    text = "".join(
        f"{digit}{sep}" for digit, sep in zip(digits, separators, strict=False)
    )
    value = ("+" if plus else "") + text

    phone = normalize_phone(value, region)

    assert phone.number == value.strip()
    assert phone.e164 is None or phone.e164.startswith("+")


def phone_or_error_code(value):
    try:
        return normalize_phone(value, "US")
    except InvalidValue as error:
        return error.code


@given(st.text(max_size=80))
def test_normalize_phone_either_keeps_the_value_or_raises_invalid_value(value):
    result = phone_or_error_code(value)

    assert result == "INVALID_PHONE" or result.number == value.strip()


@pytest.mark.parametrize(
    ("number", "e164", "expected"),
    [
        (None, None, ""),
        ("", None, ""),
        ("397.884.0519x718", None, "3978840519"),
        ("+1-539-402-0259", "+15394020259", "15394020259"),
        ("(539) 402-0259 ext 7", "+15394020259", "5394020259 15394020259"),
    ],
)
def test_phone_search_digits(number, e164, expected):
    assert phone_search_digits(number, e164) == expected


@pytest.mark.parametrize(
    ("given_name", "family", "email", "expected"),
    [
        ("Sheryl", "Baxter", "s@example.com", "Sheryl Baxter"),
        (" Sheryl ", None, None, "Sheryl"),
        (None, "Baxter", None, "Baxter"),
        ("", "  ", "jane.doe@example.com", "jane.doe"),
        (None, None, None, ""),
    ],
)
def test_display_name_for(given_name, family, email, expected):
    assert display_name_for(given_name, family, email) == expected


@pytest.mark.parametrize(
    ("country", "region"),
    [
        ("Chile", "CL"),
        ("cl", "CL"),
        ("  United Kingdom ", "GB"),
        ("UK", "GB"),
        ("USA", "US"),
        ("United States of America", "US"),
        ("The Netherlands", "NL"),
        ("Côte d'Ivoire", "CI"),
        ("Cote d'Ivoire", "CI"),
        ("St. Lucia", "LC"),
        ("Slovakia (Slovak Republic)", "SK"),
        ("Svalbard & Jan Mayen Islands", "SJ"),
        ("Lao People's Democratic Republic", "LA"),
        ("Korea, Republic of", "KR"),
    ],
)
def test_region_for_country(country, region):
    assert region_for_country(country) == region


@pytest.mark.parametrize("country", [None, "", "Korea", "Atlantis", "XX", "DEU"])
def test_region_for_country_gives_none_when_unknown(country):
    assert region_for_country(country) is None


def test_region_for_country_knows_every_country_in_the_sample_file():
    with (DATA / "customers-100.csv").open(newline="", encoding="utf-8") as file:
        countries = {row["Country"] for row in csv.DictReader(file)}

    assert {c for c in countries if region_for_country(c) is None} == set()


@pytest.mark.parametrize(
    ("country", "default", "region"),
    [("Chile", "US", "CL"), ("Atlantis", "US", "US"), ("Antarctica", "GB", "GB")],
)
def test_phone_region_for_falls_back_where_phones_have_no_region(
    country, default, region
):
    assert phone_region_for(country, default) == region


@pytest.mark.parametrize(
    "value",
    [
        "2020-08-24",
        "2020/08/24",
        "2020-8-24",
        "2020-08-24 00:00:00",
        "2020-08-24T10:11:12Z",
        "24/08/2020",
        "08/24/2020",
        "24-08-2020",
        "24.08.2020",
        "24 Aug 2020",
        "24-Aug-2020",
        "24 August 2020",
        "August 24, 2020",
        "Aug. 24th 2020",
        "aug 24 2020",
    ],
)
def test_parse_date_accepts_common_forms(value):
    assert parse_date(value) == date(2020, 8, 24)


def test_parse_date_knows_sept_for_september():
    assert parse_date("Sept 24, 2020") == date(2020, 9, 24)


def test_parse_date_accepts_numeric_dates_with_one_reading_only():
    assert parse_date("05/05/2020") == date(2020, 5, 5)
    assert parse_date("13/04/2020") == date(2020, 4, 13)
    assert parse_date("04/13/2020") == date(2020, 4, 13)


def test_parse_date_reads_ambiguous_dates_in_the_order_given():
    assert parse_date("03/04/2020", day_first=True) == date(2020, 4, 3)
    assert parse_date("03/04/2020", day_first=False) == date(2020, 3, 4)


@pytest.mark.parametrize(
    "value",
    [
        "03/04/2020",
        "31/02/2020",
        "2020-13-01",
        "03/04/20",
        "24 Agosto 2020",
        "soon",
        "",
    ],
)
def test_parse_date_rejects_ambiguous_and_broken_dates(value):
    with pytest.raises(InvalidValue) as caught:
        parse_date(value)

    assert caught.value.code == "INVALID_DATE"
    assert value == "" or value not in caught.value.message


@given(st.dates(min_value=date(1000, 1, 1)))
def test_parse_date_reads_iso_dates_back(day):
    assert parse_date(day.isoformat()) == day


@given(st.dates(min_value=date(1000, 1, 1)).filter(lambda day: day.day > 12))
def test_parse_date_reads_unambiguous_dates_either_way(day):
    assert parse_date(day.strftime("%d/%m/%Y")) == day
    assert parse_date(day.strftime("%m/%d/%Y")) == day


@pytest.mark.parametrize(
    ("value", "expected"),
    [("yes", True), (" Y ", True), ("TRUE", True), ("1", True)]
    + [("no", False), ("n", False), ("False", False), ("0", False)],
)
def test_parse_bool(value, expected):
    assert parse_bool(value) is expected


def test_parse_bool_rejects_other_words():
    with pytest.raises(InvalidValue) as caught:
        parse_bool("maybe")

    assert caught.value.code == "INVALID_BOOLEAN"


@pytest.mark.parametrize(
    ("value", "role"),
    [("Tenant", Role.TENANT), (" client ", Role.CLIENT), ("PROSPECT", Role.PROSPECT)],
)
def test_normalize_role(value, role):
    assert normalize_role(value) is role


def test_normalize_role_lists_the_roles_when_unknown():
    with pytest.raises(InvalidValue) as caught:
        normalize_role("Landlord")

    assert caught.value.code == "UNKNOWN_ROLE"
    assert "Landlord" in caught.value.message
    assert all(role.value in caught.value.message for role in Role)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("en", "en"),
        ("EN_gb", "en-GB"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("es-419", "es-419"),
    ],
)
def test_normalize_locale(value, expected):
    assert normalize_locale(value) == expected


@pytest.mark.parametrize("value", ["English", "e", "en--gb", "x" * 40])
def test_normalize_locale_rejects_what_is_no_language_tag(value):
    with pytest.raises(InvalidValue) as caught:
        normalize_locale(value)

    assert caught.value.code == "INVALID_LOCALE"


def test_split_list_trims_and_drops_repeats():
    assert split_list(" vip; Gold,,VIP , gold ;") == ["vip", "Gold"]


def test_clean_text():
    assert clean_text(None, max_length=5) is None
    assert clean_text("  \x00 ", max_length=5) is None
    assert clean_text(" ab\x00c ", max_length=5) == "abc"


def test_clean_text_refuses_long_values():
    with pytest.raises(InvalidValue) as caught:
        clean_text("abcdef", max_length=5)

    assert caught.value.code == "TOO_LONG"
    assert "5" in caught.value.message
