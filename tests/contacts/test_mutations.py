"""Mutations of one contact: create, update, delete and marketing consent."""

from datetime import UTC, datetime, timedelta

from tests.conftest import run_graphql

CREATE_CONTACT = """
mutation CreateContact($input: CreateContactInput!) {
  createContact(input: $input) {
    contact {
      id displayName givenName familyName email emails phone phoneE164
      phones { number e164 isPrimary }
      role roles consentMarketing consentTimestamp
      externalIds { source externalId }
    }
    userErrors { field code message }
  }
}
"""

UPDATE_CONTACT = """
mutation UpdateContact($input: UpdateContactInput!) {
  updateContact(input: $input) {
    contact {
      id displayName givenName familyName email phone phoneE164 role roles locale
    }
    userErrors { field code message }
  }
}
"""

DELETE_CONTACT = """
mutation DeleteContact($id: ID!) {
  deleteContact(id: $id) {
    deletedContactId
    userErrors { field code message }
  }
}
"""

SET_MARKETING_CONSENT = """
mutation SetMarketingConsent($input: SetMarketingConsentInput!) {
  setMarketingConsent(input: $input) {
    contact { id consentMarketing consentTimestamp }
    userErrors { field code message }
  }
}
"""

CONTACT = """
query Contact($id: ID!) {
  contact(id: $id) {
    id displayName givenName familyName email phone phoneE164 role roles locale
    consentMarketing consentTimestamp
  }
}
"""

CONTACT_IDS = """
query ContactIds {
  contacts(first: 50) { totalCount edges { node { id } } }
}
"""


ADDRESS_OF = """
query AddressOf($id: ID!) {
  contact(id: $id) { address { street city region postalCode country } }
}
"""


async def _create(graphql, **fields):
    data = await graphql(CREATE_CONTACT, {"input": fields})
    payload = data["createContact"]
    assert payload["userErrors"] == []
    return payload["contact"]


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def _parse(value: str) -> datetime:
    return datetime.fromisoformat(value)


# createContact


async def test_create_contact_derives_display_name_from_names(graphql):
    data = await graphql(
        CREATE_CONTACT, {"input": {"givenName": " Ada ", "familyName": "Lovelace"}}
    )

    payload = data["createContact"]
    assert payload["userErrors"] == []
    contact = payload["contact"]
    assert contact["displayName"] == "Ada Lovelace"
    assert contact["givenName"] == "Ada"
    assert contact["familyName"] == "Lovelace"
    assert contact["role"] == "PROSPECT"
    assert contact["roles"] == ["PROSPECT"]
    assert contact["consentMarketing"] is False
    assert contact["consentTimestamp"] is None


async def test_create_contact_derives_display_name_from_email_alone(graphql):
    contact = await _create(graphql, email="grace.hopper@navy.example.com")

    assert contact["displayName"] == "grace.hopper"
    assert contact["givenName"] is None


async def test_create_contact_keeps_an_explicit_display_name(graphql):
    contact = await _create(
        graphql, givenName="Ada", familyName="Lovelace", displayName="Countess Lovelace"
    )

    assert contact["displayName"] == "Countess Lovelace"


async def test_create_contact_normalises_the_email(graphql):
    contact = await _create(
        graphql, givenName="Ada", email="  Ada.Lovelace@Example.COM "
    )

    assert contact["email"] == "ada.lovelace@example.com"
    assert contact["emails"] == ["ada.lovelace@example.com"]


async def test_create_contact_keeps_the_phone_as_typed_with_its_e164_form(graphql):
    contact = await _create(graphql, givenName="Ada", phone="(415) 555-2671")

    assert contact["phone"] == "(415) 555-2671"
    assert contact["phoneE164"] == "+14155552671"
    assert contact["phones"] == [
        {"number": "(415) 555-2671", "e164": "+14155552671", "isPrimary": True}
    ]


async def test_create_contact_keeps_extra_phones_and_emails(graphql):
    contact = await _create(
        graphql,
        givenName="Ada",
        email="ada@example.com",
        emails=["ADA@work.example.com"],
        phone="+44 20 7946 0958",
        phones=["415.555.2671"],
    )

    assert contact["emails"] == ["ada@example.com", "ada@work.example.com"]
    assert contact["phones"] == [
        {"number": "+44 20 7946 0958", "e164": "+442079460958", "isPrimary": True},
        {"number": "415.555.2671", "e164": "+14155552671", "isPrimary": False},
    ]


async def test_create_contact_with_extra_roles_lists_the_primary_first(graphql):
    contact = await _create(
        graphql, givenName="Ada", role="OWNER", roles=["TENANT", "OWNER"]
    )

    assert contact["role"] == "OWNER"
    assert contact["roles"] == ["OWNER", "TENANT"]


async def test_create_contact_keeps_the_postal_address(graphql):
    contact = await _create(
        graphql,
        givenName="Ada",
        address={"street": " 12 St James's Square ", "city": "London", "country": "UK"},
    )

    data = await graphql(ADDRESS_OF, {"id": contact["id"]})

    assert data["contact"]["address"] == {
        "street": "12 St James's Square",
        "city": "London",
        "region": None,
        "postalCode": None,
        "country": "UK",
    }


async def test_update_contact_with_a_null_address_clears_it(graphql):
    contact = await _create(graphql, givenName="Ada", address={"city": "London"})

    await graphql(UPDATE_CONTACT, {"input": {"id": contact["id"], "address": None}})

    data = await graphql(ADDRESS_OF, {"id": contact["id"]})
    assert data["contact"]["address"] is None


async def test_create_contact_records_its_external_id(graphql):
    contact = await _create(
        graphql, givenName="Ada", externalSource="HubSpot", externalId=" 42 "
    )

    assert contact["externalIds"] == [{"source": "hubspot", "externalId": "42"}]


async def test_create_contact_with_invalid_email_creates_nothing(graphql):
    data = await graphql(
        CREATE_CONTACT, {"input": {"givenName": "Ada", "email": "ada@@example"}}
    )

    payload = data["createContact"]
    assert payload["contact"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        ("email", "INVALID_EMAIL")
    ]
    assert payload["userErrors"][0]["message"]
    listed = await graphql(CONTACT_IDS)
    assert listed["contacts"]["totalCount"] == 0


async def test_create_contact_with_an_address_lacking_a_domain_is_refused(graphql):
    data = await graphql(
        CREATE_CONTACT, {"input": {"givenName": "Ada", "email": "ada@localhost"}}
    )

    errors = data["createContact"]["userErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [("email", "INVALID_EMAIL")]
    assert (await graphql(CONTACT_IDS))["contacts"]["totalCount"] == 0


async def test_create_contact_without_name_or_email_is_required(graphql):
    data = await graphql(CREATE_CONTACT, {"input": {"phone": "(415) 555-2671"}})

    payload = data["createContact"]
    assert payload["contact"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        ("displayName", "REQUIRED")
    ]
    assert "name or an email" in payload["userErrors"][0]["message"]
    assert (await graphql(CONTACT_IDS))["contacts"]["totalCount"] == 0


async def test_create_contact_reports_every_bad_field_at_once(graphql):
    data = await graphql(
        CREATE_CONTACT,
        {"input": {"givenName": "A" * 201, "email": "nope", "phone": "call me maybe!"}},
    )

    fields = {(e["field"], e["code"]) for e in data["createContact"]["userErrors"]}
    assert fields == {
        ("givenName", "TOO_LONG"),
        ("email", "INVALID_EMAIL"),
        ("phone", "INVALID_PHONE"),
    }


async def test_create_contact_with_half_an_external_id_creates_nothing(graphql):
    data = await graphql(
        CREATE_CONTACT, {"input": {"givenName": "Ada", "externalSource": "hubspot"}}
    )

    payload = data["createContact"]
    assert payload["contact"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        ("externalId", "REQUIRED")
    ]
    assert (await graphql(CONTACT_IDS))["contacts"]["totalCount"] == 0


# updateContact


async def test_update_contact_changes_only_the_fields_given(graphql):
    created = await _create(
        graphql,
        givenName="Ada",
        familyName="Lovelace",
        email="ada@example.com",
        phone="(415) 555-2671",
        role="CLIENT",
    )

    data = await graphql(
        UPDATE_CONTACT, {"input": {"id": created["id"], "locale": "en-GB"}}
    )

    payload = data["updateContact"]
    assert payload["userErrors"] == []
    contact = (await graphql(CONTACT, {"id": created["id"]}))["contact"]
    assert contact == {
        **contact,
        "displayName": "Ada Lovelace",
        "givenName": "Ada",
        "familyName": "Lovelace",
        "email": "ada@example.com",
        "phone": "(415) 555-2671",
        "phoneE164": "+14155552671",
        "role": "CLIENT",
        "roles": ["CLIENT"],
    }
    assert contact["locale"] == "en-GB"


async def test_update_contact_rederives_the_display_name_from_new_names(graphql):
    created = await _create(graphql, givenName="Ada", familyName="Byron")

    data = await graphql(
        UPDATE_CONTACT, {"input": {"id": created["id"], "familyName": "Lovelace"}}
    )

    assert data["updateContact"]["contact"]["displayName"] == "Ada Lovelace"


async def test_update_contact_with_invalid_email_leaves_the_record_unchanged(graphql):
    created = await _create(
        graphql, givenName="Ada", familyName="Lovelace", email="ada@example.com"
    )

    data = await graphql(
        UPDATE_CONTACT,
        {
            "input": {
                "id": created["id"],
                "givenName": "Augusta",
                "email": "not-an-email",
            }
        },
    )

    payload = data["updateContact"]
    assert payload["contact"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        ("email", "INVALID_EMAIL")
    ]
    contact = (await graphql(CONTACT, {"id": created["id"]}))["contact"]
    assert contact["givenName"] == "Ada"
    assert contact["displayName"] == "Ada Lovelace"
    assert contact["email"] == "ada@example.com"


async def test_update_contact_cannot_clear_both_name_and_email(graphql):
    created = await _create(graphql, givenName="Ada", email="ada@example.com")

    data = await graphql(
        UPDATE_CONTACT,
        {"input": {"id": created["id"], "givenName": None, "email": None}},
    )

    errors = data["updateContact"]["userErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [("displayName", "REQUIRED")]
    contact = (await graphql(CONTACT, {"id": created["id"]}))["contact"]
    assert (contact["givenName"], contact["email"]) == ("Ada", "ada@example.com")


async def test_update_contact_role_change_keeps_the_roles_coherent(graphql):
    created = await _create(graphql, givenName="Ada", role="CLIENT", roles=["TENANT"])

    data = await graphql(
        UPDATE_CONTACT, {"input": {"id": created["id"], "role": "OWNER"}}
    )

    contact = data["updateContact"]["contact"]
    assert contact["role"] == "OWNER"
    assert contact["roles"] == ["OWNER", "TENANT"]


async def test_update_contact_role_to_an_extra_role_lists_it_once(graphql):
    created = await _create(graphql, givenName="Ada", role="CLIENT", roles=["TENANT"])

    data = await graphql(
        UPDATE_CONTACT, {"input": {"id": created["id"], "role": "TENANT"}}
    )

    contact = data["updateContact"]["contact"]
    assert contact["role"] == "TENANT"
    assert contact["roles"] == ["TENANT"]


async def test_update_contact_roles_list_keeps_the_primary_role(graphql):
    created = await _create(graphql, givenName="Ada", role="CLIENT", roles=["TENANT"])

    data = await graphql(
        UPDATE_CONTACT, {"input": {"id": created["id"], "roles": ["INVESTOR", "GUEST"]}}
    )

    contact = data["updateContact"]["contact"]
    assert contact["role"] == "CLIENT"
    assert contact["roles"] == ["CLIENT", "INVESTOR", "GUEST"]


async def test_update_contact_with_unknown_id_is_not_found(graphql):
    data = await graphql(
        UPDATE_CONTACT,
        {"input": {"id": "00000000-0000-4000-8000-000000000000", "givenName": "Ada"}},
    )

    assert [(e["field"], e["code"]) for e in data["updateContact"]["userErrors"]] == [
        ("id", "NOT_FOUND")
    ]


async def test_update_contact_with_malformed_id_is_invalid(graphql):
    data = await graphql(UPDATE_CONTACT, {"input": {"id": "nope", "givenName": "Ada"}})

    assert [(e["field"], e["code"]) for e in data["updateContact"]["userErrors"]] == [
        ("id", "INVALID")
    ]


# deleteContact


async def test_delete_contact_removes_it_from_lists_and_lookups(graphql):
    kept = await _create(graphql, givenName="Kept")
    gone = await _create(graphql, givenName="Gone")

    data = await graphql(DELETE_CONTACT, {"id": gone["id"]})

    assert data["deleteContact"] == {"deletedContactId": gone["id"], "userErrors": []}
    assert (await graphql(CONTACT, {"id": gone["id"]}))["contact"] is None
    listed = (await graphql(CONTACT_IDS))["contacts"]
    assert listed["totalCount"] == 1
    assert [e["node"]["id"] for e in listed["edges"]] == [kept["id"]]


async def test_delete_contact_twice_is_not_found(graphql):
    created = await _create(graphql, givenName="Ada")
    await graphql(DELETE_CONTACT, {"id": created["id"]})

    data = await graphql(DELETE_CONTACT, {"id": created["id"]})

    assert data["deleteContact"]["deletedContactId"] is None
    assert [(e["field"], e["code"]) for e in data["deleteContact"]["userErrors"]] == [
        ("id", "NOT_FOUND")
    ]


async def test_update_of_a_deleted_contact_is_not_found(graphql):
    created = await _create(graphql, givenName="Ada")
    await graphql(DELETE_CONTACT, {"id": created["id"]})

    data = await graphql(
        UPDATE_CONTACT, {"input": {"id": created["id"], "givenName": "B"}}
    )

    assert [e["code"] for e in data["updateContact"]["userErrors"]] == ["NOT_FOUND"]


# setMarketingConsent


async def test_create_contact_cannot_set_consent_directly(client, graphql):
    body = await run_graphql(
        client,
        CREATE_CONTACT,
        {"input": {"givenName": "Ada", "consentMarketing": True}},
    )

    assert body["data"] is None
    assert "consentMarketing" in body["errors"][0]["message"]
    assert (await graphql(CONTACT_IDS))["contacts"]["totalCount"] == 0


async def test_set_marketing_consent_sets_consent_and_server_time(graphql):
    created = await _create(graphql, givenName="Ada")
    before = datetime.now(UTC)

    data = await graphql(
        SET_MARKETING_CONSENT, {"input": {"contactId": created["id"], "granted": True}}
    )

    payload = data["setMarketingConsent"]
    assert payload["userErrors"] == []
    assert payload["contact"]["consentMarketing"] is True
    stamp = _parse(payload["contact"]["consentTimestamp"])
    assert before <= stamp <= datetime.now(UTC)
    stored = (await graphql(CONTACT, {"id": created["id"]}))["contact"]
    assert stored["consentMarketing"] is True
    assert _parse(stored["consentTimestamp"]) == stamp


async def test_set_marketing_consent_takes_a_past_effective_time(graphql):
    created = await _create(graphql, givenName="Ada")
    given_at = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)

    data = await graphql(
        SET_MARKETING_CONSENT,
        {
            "input": {
                "contactId": created["id"],
                "granted": True,
                "effectiveAt": _iso(given_at),
            }
        },
    )

    contact = data["setMarketingConsent"]["contact"]
    assert contact["consentMarketing"] is True
    assert _parse(contact["consentTimestamp"]) == given_at


async def test_set_marketing_consent_in_the_future_is_refused(graphql):
    created = await _create(graphql, givenName="Ada")
    tomorrow = datetime.now(UTC) + timedelta(days=1)

    data = await graphql(
        SET_MARKETING_CONSENT,
        {
            "input": {
                "contactId": created["id"],
                "granted": True,
                "effectiveAt": _iso(tomorrow),
            }
        },
    )

    payload = data["setMarketingConsent"]
    assert payload["contact"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        ("effectiveAt", "IN_FUTURE")
    ]
    stored = (await graphql(CONTACT, {"id": created["id"]}))["contact"]
    assert stored["consentMarketing"] is False
    assert stored["consentTimestamp"] is None


async def test_an_older_withdrawal_does_not_undo_a_newer_grant(graphql):
    created = await _create(graphql, givenName="Ada")
    granted_at = datetime(2025, 3, 1, tzinfo=UTC)
    withdrawn_at = datetime(2024, 3, 1, tzinfo=UTC)
    await graphql(
        SET_MARKETING_CONSENT,
        {
            "input": {
                "contactId": created["id"],
                "granted": True,
                "effectiveAt": _iso(granted_at),
            }
        },
    )

    data = await graphql(
        SET_MARKETING_CONSENT,
        {
            "input": {
                "contactId": created["id"],
                "granted": False,
                "effectiveAt": _iso(withdrawn_at),
            }
        },
    )

    assert data["setMarketingConsent"]["userErrors"] == []
    stored = (await graphql(CONTACT, {"id": created["id"]}))["contact"]
    assert stored["consentMarketing"] is True
    assert _parse(stored["consentTimestamp"]) == granted_at


async def test_a_newer_withdrawal_replaces_an_older_grant(graphql):
    created = await _create(graphql, givenName="Ada")
    await graphql(
        SET_MARKETING_CONSENT,
        {
            "input": {
                "contactId": created["id"],
                "granted": True,
                "effectiveAt": _iso(datetime(2024, 3, 1, tzinfo=UTC)),
            }
        },
    )

    data = await graphql(
        SET_MARKETING_CONSENT, {"input": {"contactId": created["id"], "granted": False}}
    )

    contact = data["setMarketingConsent"]["contact"]
    assert contact["consentMarketing"] is False
    assert _parse(contact["consentTimestamp"]) > datetime(2025, 1, 1, tzinfo=UTC)


async def test_a_withdrawal_at_the_same_moment_as_a_grant_wins(graphql):
    created = await _create(graphql, givenName="Ada")
    moment = _iso(datetime(2024, 3, 1, tzinfo=UTC))
    await graphql(
        SET_MARKETING_CONSENT,
        {"input": {"contactId": created["id"], "granted": True, "effectiveAt": moment}},
    )

    data = await graphql(
        SET_MARKETING_CONSENT,
        {
            "input": {
                "contactId": created["id"],
                "granted": False,
                "effectiveAt": moment,
            }
        },
    )

    assert data["setMarketingConsent"]["contact"]["consentMarketing"] is False


async def test_set_marketing_consent_of_unknown_contact_is_not_found(graphql):
    data = await graphql(
        SET_MARKETING_CONSENT,
        {
            "input": {
                "contactId": "00000000-0000-4000-8000-000000000000",
                "granted": True,
            }
        },
    )

    payload = data["setMarketingConsent"]
    assert payload["contact"] is None
    assert [e["code"] for e in payload["userErrors"]] == ["NOT_FOUND"]
