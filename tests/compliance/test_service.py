"""The compliance services, straight through the fixtures' session."""

import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select, text

from contacts_graph.audit.models import AuditEntry, OutboxEvent
from contacts_graph.compliance import service
from contacts_graph.compliance.models import (
    AmlScreening,
    IdentityDocument,
    KycCheck,
    RightToRentCheck,
)
from contacts_graph.compliance.types import expires_soon, is_expired
from contacts_graph.db.session import tenant_session
from contacts_graph.documents import service as documents
from contacts_graph.errors import NotFound, ValidationFailed
from tests.compliance.helpers import (
    START,
    add_aml,
    add_identity,
    add_kyc,
    add_right_to_rent,
)
from tests.factories import create_contact

TABLES = ("identity_documents", "kyc_checks", "aml_screenings", "right_to_rent_checks")


def codes(failure: pytest.ExceptionInfo[ValidationFailed]) -> dict[str, str]:
    return {e.field: e.code for e in failure.value.errors}


async def count(session, model) -> int:
    return (await session.execute(select(func.count()).select_from(model))).scalar_one()


async def audits(session, action):
    stmt = select(AuditEntry).where(AuditEntry.action == action)
    return (await session.execute(stmt)).scalars().all()


async def test_an_identity_document_is_stored_as_given_and_audited_unseen(
    session, viewer
):
    contact = await create_contact(session, viewer)

    document = await add_identity(
        session, viewer, contact.id, " 12 AB-34/56 ", issuing_country="gb"
    )
    await service.edit_record(
        session, viewer, IdentityDocument, document.id, {"number": "99 XY"}
    )

    assert document.number == "99 XY"
    assert document.issuing_country == "GB"
    (added,) = await audits(session, "identity_document.add")
    (edited,) = await audits(session, "identity_document.edit")
    assert added.entity_id == contact.id
    assert added.changes["number"] == {"before": None, "after": "[redacted]"}
    assert added.changes["kind"] == {"before": None, "after": "PASSPORT"}
    assert added.changes["identity_document_id"] == str(document.id)
    assert edited.changes["number"] == {
        "before": "[redacted]",
        "after": "[redacted]",
    }
    assert "12 AB" not in str(added.changes) + str(edited.changes)
    events = await session.execute(
        select(OutboxEvent.event_type).where(OutboxEvent.entity_id == contact.id)
    )
    assert "contact.updated" in events.scalars().all()


async def test_bad_identity_input_reports_every_field_and_stores_nothing(
    session, viewer
):
    contact = await create_contact(session, viewer)

    with pytest.raises(ValidationFailed) as failure:
        await service.add_record(
            session,
            viewer,
            IdentityDocument,
            contact.id,
            {
                "kind": "LIBRARY_CARD",
                "issuing_country": "XX",
                "number": "9" * 65,
                "issued_on": date(2026, 5, 1),
                "expires_on": date(2026, 4, 30),
                "verified_at": datetime(2026, 1, 1),
                "verified_by": "v" * 201,
            },
        )

    assert codes(failure) == {
        "kind": "INVALID",
        "issuingCountry": "INVALID",
        "number": "TOO_LONG",
        "expiresOn": "OUT_OF_RANGE",
        "verifiedAt": "INVALID",
        "verifiedBy": "TOO_LONG",
    }
    assert "9" * 65 not in str(failure.value)
    assert await count(session, IdentityDocument) == 0


async def test_bad_kyc_aml_and_right_to_rent_input_is_refused_whole(session, viewer):
    contact = await create_contact(session, viewer)

    with pytest.raises(ValidationFailed) as kyc:
        await add_kyc(
            session,
            viewer,
            contact.id,
            status="APPROVED",
            level="ULTRA",
            notes="n" * 2001,
            provider="p" * 101,
            provider_reference="r" * 201,
        )
    with pytest.raises(ValidationFailed) as aml:
        await add_aml(
            session,
            viewer,
            contact.id,
            provider=" ",
            result="MAYBE",
            lists_checked=["SANCTIONS", "HOROSCOPES"],
            match_details={"blob": "x" * 17_000},
        )
    with pytest.raises(ValidationFailed) as not_object:
        await add_aml(session, viewer, contact.id, match_details=["a"])
    with pytest.raises(ValidationFailed) as rtr:
        await add_right_to_rent(
            session,
            viewer,
            contact.id,
            method="CARRIER_PIGEON",
            share_code="S" * 21,
            outcome="TIME_LIMITED",
        )
    with pytest.raises(ValidationFailed) as follow_up:
        await add_right_to_rent(session, viewer, contact.id, outcome="TIME_LIMITED")

    assert codes(kyc) == {
        "level": "INVALID",
        "decidedAt": "REQUIRED",
        "notes": "TOO_LONG",
        "provider": "TOO_LONG",
        "providerReference": "TOO_LONG",
    }
    assert codes(aml) == {
        "provider": "REQUIRED",
        "result": "INVALID",
        "listsChecked": "INVALID",
        "matchDetails": "TOO_LONG",
    }
    assert codes(not_object) == {"matchDetails": "INVALID"}
    assert codes(rtr) == {"method": "INVALID", "shareCode": "TOO_LONG"}
    assert codes(follow_up) == {"followUpOn": "REQUIRED"}
    for model in (KycCheck, AmlScreening, RightToRentCheck):
        assert await count(session, model) == 0


async def test_a_kyc_decision_needs_its_time_and_comes_after_the_request(
    session, viewer
):
    contact = await create_contact(session, viewer)
    check = await add_kyc(session, viewer, contact.id)

    with pytest.raises(ValidationFailed) as undated:
        await service.edit_record(
            session, viewer, KycCheck, check.id, {"status": "REJECTED"}
        )
    with pytest.raises(ValidationFailed) as early:
        await service.edit_record(
            session,
            viewer,
            KycCheck,
            check.id,
            {"status": "APPROVED", "decided_at": datetime(2025, 1, 1, tzinfo=UTC)},
        )
    decided = await service.edit_record(
        session,
        viewer,
        KycCheck,
        check.id,
        {"status": "APPROVED", "decided_at": START, "decided_by": "Mo"},
    )

    assert codes(undated) == {"decidedAt": "REQUIRED"}
    assert codes(early) == {"decidedAt": "OUT_OF_RANGE"}
    assert (decided.status, decided.decided_by) == ("APPROVED", "Mo")


async def test_aml_lists_are_kept_once_in_order_and_details_redacted(session, viewer):
    contact = await create_contact(session, viewer)

    screening = await add_aml(
        session,
        viewer,
        contact.id,
        result="POTENTIAL_MATCH",
        lists_checked=["WATCHLIST", "PEP", "PEP"],
        match_details={"name": "A. Person", "score": 0.8},
    )

    assert screening.lists_checked == ["PEP", "WATCHLIST"]
    assert screening.match_details == {"name": "A. Person", "score": 0.8}
    (added,) = await audits(session, "aml_screening.add")
    assert added.changes["match_details"] == {"before": None, "after": "[redacted]"}
    assert added.changes["lists_checked"]["after"] == ["PEP", "WATCHLIST"]


async def test_a_right_to_rent_check_keeps_its_share_code_out_of_the_audit(
    session, viewer
):
    contact = await create_contact(session, viewer, role="TENANT")

    check = await add_right_to_rent(
        session,
        viewer,
        contact.id,
        method="ONLINE_SHARE_CODE",
        share_code="W4K 9P2 7QX",
        outcome="TIME_LIMITED",
        follow_up_on=date(2027, 1, 1),
    )
    await service.remove_record(session, viewer, RightToRentCheck, check.id)

    assert check.checked_by == viewer.actor
    (added,) = await audits(session, "right_to_rent_check.add")
    (removed,) = await audits(session, "right_to_rent_check.remove")
    assert added.changes["share_code"] == {"before": None, "after": "[redacted]"}
    assert removed.changes["share_code"] == {"before": "[redacted]", "after": None}
    assert "W4K" not in str(added.changes) + str(removed.changes)
    assert await count(session, RightToRentCheck) == 0


async def test_expiry_flags_are_computed_for_a_given_day(session, viewer):
    contact = await create_contact(session, viewer)
    document = await add_identity(
        session, viewer, contact.id, expires_on=date(2026, 3, 31)
    )
    open_ended = await add_identity(session, viewer, contact.id, "987")

    flags = [
        (is_expired(document, day), expires_soon(document, day))
        for day in (
            date(2026, 1, 1),
            date(2026, 3, 1),
            date(2026, 3, 31),
            date(2026, 4, 1),
        )
    ]

    assert flags == [(False, False), (False, True), (False, True), (True, False)]
    assert not is_expired(open_ended, date(2099, 1, 1))
    assert not expires_soon(open_ended, date(2099, 1, 1))


async def test_the_scan_is_a_document_of_the_same_contact(session, viewer):
    contact = await create_contact(session, viewer)
    other = await create_contact(session, viewer, given_name="Bob")
    scan_values = {
        "name": "passport.pdf",
        "content_type": "application/pdf",
        "size_bytes": 10,
        "storage_key": "k/1",
    }
    scan = await documents.add_document(session, viewer, contact.id, scan_values)
    foreign = await documents.add_document(session, viewer, other.id, scan_values)

    with pytest.raises(NotFound) as missing:
        await add_identity(session, viewer, contact.id, document_id=uuid.uuid4())
    with pytest.raises(ValidationFailed) as theirs:
        await add_identity(session, viewer, contact.id, document_id=foreign.id)
    identity = await add_identity(session, viewer, contact.id, document_id=scan.id)
    await documents.remove_document(session, viewer, scan.id)
    await session.refresh(identity)

    assert missing.value.field == "documentId"
    assert codes(theirs) == {"documentId": "INVALID"}
    assert identity.document_id is None
    assert identity.tenant_id == viewer.tenant_id


async def test_removing_the_contact_removes_its_records(session, viewer):
    contact = await create_contact(session, viewer)
    await add_identity(session, viewer, contact.id)
    await add_kyc(session, viewer, contact.id)
    await add_aml(session, viewer, contact.id)
    await add_right_to_rent(session, viewer, contact.id)

    await session.execute(
        text("DELETE FROM contacts WHERE id = :id"), {"id": contact.id}
    )

    for model in (IdentityDocument, KycCheck, AmlScreening, RightToRentCheck):
        assert await count(session, model) == 0


async def test_unknown_records_and_contacts_are_not_found(session, viewer):
    with pytest.raises(NotFound) as contact:
        await add_kyc(session, viewer, uuid.uuid4())
    for call in (
        service.remove_record(session, viewer, AmlScreening, uuid.uuid4()),
        service.edit_record(session, viewer, IdentityDocument, uuid.uuid4(), {}),
    ):
        with pytest.raises(NotFound) as failure:
            await call
        assert failure.value.field == "id"

    assert contact.value.field == "contactId"


async def test_an_edit_that_changes_nothing_writes_no_audit(session, viewer):
    contact = await create_contact(session, viewer)
    check = await add_kyc(session, viewer, contact.id)
    before = await count(session, AuditEntry)

    await service.edit_record(
        session, viewer, KycCheck, check.id, {"level": "STANDARD"}
    )

    assert await count(session, AuditEntry) == before


async def test_other_tenants_see_none_of_it(app, session, viewer, other_viewer):
    contact = await create_contact(session, viewer)
    identity = await add_identity(session, viewer, contact.id)
    await add_kyc(session, viewer, contact.id)
    await add_aml(session, viewer, contact.id)
    await add_right_to_rent(session, viewer, contact.id)
    await session.commit()

    sessionmaker = app.state.services.sessionmaker
    async with tenant_session(sessionmaker, other_viewer.tenant_id) as other:
        raw = [
            (await other.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()
            for table in TABLES
        ]
        with pytest.raises(NotFound):
            await service.remove_record(
                other, other_viewer, IdentityDocument, identity.id
            )
        with pytest.raises(NotFound):
            await add_kyc(other, other_viewer, contact.id)

    assert raw == [0, 0, 0, 0]
