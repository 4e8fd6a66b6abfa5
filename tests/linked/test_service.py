"""Linked records through the service and repository, without GraphQL."""

import uuid
from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text

from contacts_graph.audit.models import AuditEntry, OutboxEvent
from contacts_graph.db.session import APP_ROLE, tenant_session
from contacts_graph.errors import NotFound, ValidationFailed
from contacts_graph.linked import repository, service
from contacts_graph.linked.models import LinkedRecord
from tests.factories import create_contact
from tests.linked.factories import START, link


async def _records(session, viewer):
    stmt = select(LinkedRecord).where(LinkedRecord.tenant_id == viewer.tenant_id)
    return list((await session.scalars(stmt)).all())


async def test_linking_twice_updates_the_one_record(session, viewer) -> None:
    contact = await create_contact(session, viewer)

    first = await link(session, viewer, contact.id, status="open")
    second, changed = await service.link_record(
        session,
        viewer,
        contact.id,
        {
            "product": "INBOX",
            "kind": "thread",
            "external_id": "thread-1",
            "title": "Boiler quote (re)",
            "status": "closed",
            "occurred_at": START,
        },
    )

    assert changed
    assert second.id == first.id
    records = await _records(session, viewer)
    assert [(r.title, r.status) for r in records] == [("Boiler quote (re)", "closed")]


async def test_the_same_values_change_nothing_and_write_no_audit(
    session, viewer
) -> None:
    contact = await create_contact(session, viewer)
    await link(session, viewer, contact.id, amount=Decimal("5.00"), currency="EUR")
    audits = await session.scalar(select(func.count()).select_from(AuditEntry))

    _, changed = await service.link_record(
        session,
        viewer,
        contact.id,
        {
            "product": "INBOX",
            "kind": "thread",
            "external_id": "thread-1",
            "title": "Boiler quote",
            "amount": "5",
            "currency": "eur",
            "occurred_at": START,
        },
    )

    assert not changed
    assert await session.scalar(select(func.count()).select_from(AuditEntry)) == audits


async def test_linking_writes_audit_and_outbox(session, viewer) -> None:
    contact = await create_contact(session, viewer)

    await link(session, viewer, contact.id, amount="12.50", currency="GBP")

    audit = await session.scalar(
        select(AuditEntry).where(AuditEntry.action == "linked_record.link")
    )
    assert audit.entity_id == contact.id
    assert audit.changes["linked_record"] == "INBOX/thread/thread-1"
    assert audit.changes["amount"] == {"before": None, "after": "12.50"}
    events = (
        await session.scalars(
            select(OutboxEvent.event_type).where(OutboxEvent.entity_id == contact.id)
        )
    ).all()
    assert events.count("contact.updated") == 1


async def test_a_second_link_to_another_contact_moves_the_record(
    session, viewer
) -> None:
    ada = await create_contact(session, viewer, given_name="Ada")
    grace = await create_contact(session, viewer, given_name="Grace")
    first = await link(session, viewer, ada.id, product="DEALS", kind="deal")

    moved = await link(session, viewer, grace.id, product="DEALS", kind="deal")

    assert moved.id == first.id
    assert moved.contact_id == grace.id
    assert [r.contact_id for r in await _records(session, viewer)] == [grace.id]
    actions = (
        await session.execute(
            select(AuditEntry.action, AuditEntry.entity_id).where(
                AuditEntry.action.like("linked_record.%")
            )
        )
    ).all()
    assert sorted(actions) == sorted(
        [
            ("linked_record.link", ada.id),
            ("linked_record.unlink", ada.id),
            ("linked_record.link", grace.id),
        ]
    )


async def test_unlink_deletes_and_repeating_it_is_harmless(session, viewer) -> None:
    contact = await create_contact(session, viewer)
    record = await link(session, viewer, contact.id)

    removed = await service.unlink_record(
        session, viewer, "INBOX", "thread", "thread-1"
    )
    again = await service.unlink_record(session, viewer, "INBOX", "thread", "thread-1")

    assert removed.id == record.id
    assert again is None
    assert await _records(session, viewer) == []
    assert (
        await session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "linked_record.unlink")
        )
        == 1
    )


async def test_deleting_a_contact_row_cascades(session, viewer) -> None:
    contact = await create_contact(session, viewer)
    await link(session, viewer, contact.id)

    await session.delete(contact)
    await session.flush()

    assert await _records(session, viewer) == []


async def test_a_deleted_or_unknown_contact_is_not_found(session, viewer) -> None:
    with pytest.raises(NotFound) as caught:
        await link(session, viewer, uuid.uuid4())

    assert caught.value.field == "contactId"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"title": "  "}, [("title", "REQUIRED")]),
        ({"kind": ""}, [("kind", "REQUIRED")]),
        ({"kind": "Work Order"}, [("kind", "INVALID")]),
        ({"kind": "k" * 41}, [("kind", "TOO_LONG")]),
        ({"product": "CRM"}, [("product", "INVALID")]),
        ({"external_id": ""}, [("externalId", "REQUIRED")]),
        ({"external_id": "x" * 201}, [("externalId", "TOO_LONG")]),
        ({"title": "t" * 301}, [("title", "TOO_LONG")]),
        ({"status": "s" * 51}, [("status", "TOO_LONG")]),
        ({"amount": Decimal("1.005"), "currency": "EUR"}, [("amount", "INVALID")]),
        ({"amount": 0.1, "currency": "EUR"}, [("amount", "INVALID")]),
        ({"amount": "ten", "currency": "EUR"}, [("amount", "INVALID")]),
        (
            {"amount": Decimal("1E16"), "currency": "EUR"},
            [("amount", "OUT_OF_RANGE")],
        ),
        ({"amount": Decimal("NaN"), "currency": "EUR"}, [("amount", "OUT_OF_RANGE")]),
        ({"amount": Decimal("10")}, [("currency", "REQUIRED")]),
        ({"currency": "EUR"}, [("amount", "REQUIRED")]),
        ({"currency": "EUR", "amount": "1.234"}, [("amount", "INVALID")]),
        ({"amount": Decimal("10"), "currency": "EURO"}, [("currency", "INVALID")]),
        ({"amount": Decimal("10"), "currency": "E1R"}, [("currency", "INVALID")]),
        ({"payload": ["not", "an", "object"]}, [("payload", "INVALID")]),
        ({"payload": {"n": float("inf")}}, [("payload", "INVALID")]),
        ({"payload": {"n": 2**64}}, [("payload", "INVALID")]),
        ({"payload": {"text": "x" * 17_000}}, [("payload", "TOO_LONG")]),
        ({"occurred_at": None}, [("occurredAt", "REQUIRED")]),
        ({"occurred_at": datetime(2026, 5, 1, 9, 0)}, [("occurredAt", "INVALID")]),
        (
            {"title": "", "kind": "", "amount": Decimal("0.001")},
            [
                ("kind", "REQUIRED"),
                ("title", "REQUIRED"),
                ("amount", "INVALID"),
                ("currency", "REQUIRED"),
            ],
        ),
    ],
)
async def test_bad_input_names_the_field_and_stores_nothing(
    session, viewer, values, expected
) -> None:
    contact = await create_contact(session, viewer)
    good = {
        "product": "INBOX",
        "kind": "thread",
        "external_id": "t-1",
        "title": "Hello",
        "occurred_at": START,
    }

    with pytest.raises(ValidationFailed) as caught:
        await service.link_record(session, viewer, contact.id, {**good, **values})

    found = [(error.field, error.code) for error in caught.value.errors]
    assert sorted(found) == sorted(expected)
    assert await _records(session, viewer) == []


async def test_a_bad_update_keeps_the_stored_record(session, viewer) -> None:
    contact = await create_contact(session, viewer)
    await link(session, viewer, contact.id, title="Kept")

    with pytest.raises(ValidationFailed):
        await link(session, viewer, contact.id, title="", amount="1.234")

    assert [r.title for r in await _records(session, viewer)] == ["Kept"]


async def test_amounts_are_exact_decimals(session, viewer) -> None:
    contact = await create_contact(session, viewer)

    await link(
        session, viewer, contact.id, external_id="a", amount="0.10", currency="EUR"
    )
    await link(
        session,
        viewer,
        contact.id,
        external_id="b",
        amount=Decimal("0.1") + Decimal("0.2"),
        currency="EUR",
    )
    await link(
        session,
        viewer,
        contact.id,
        external_id="c",
        amount="9999999999999999.99",
        currency="EUR",
    )

    session.expire_all()
    records = {r.external_id: r for r in await _records(session, viewer)}
    assert records["b"].amount == Decimal("0.30")
    assert str(records["b"].amount) == "0.30"
    assert str(records["c"].amount) == "9999999999999999.99"
    total = await session.scalar(
        select(func.sum(LinkedRecord.amount)).where(
            LinkedRecord.external_id.in_(["a", "b"])
        )
    )
    assert str(total) == "0.40"


async def test_other_tenants_see_nothing_and_cannot_touch_it(
    app, session, viewer, other_viewer
) -> None:
    contact = await create_contact(session, viewer)
    record = await link(session, viewer, contact.id)
    await session.commit()
    sessionmaker = app.state.services.sessionmaker

    async with tenant_session(sessionmaker, other_viewer.tenant_id) as other:
        assert (
            await repository.find_record(
                other, other_viewer.tenant_id, "INBOX", "thread", "thread-1"
            )
            is None
        )
        with pytest.raises(NotFound):
            await link(other, other_viewer, contact.id)
        assert (
            await service.unlink_record(
                other, other_viewer, "INBOX", "thread", "thread-1"
            )
            is None
        )
        # The same product key in another tenant is another record.
        theirs = await create_contact(other, other_viewer)
        mine = await link(other, other_viewer, theirs.id)
        assert mine.id != record.id
        raw = await other.execute(
            text("SELECT tenant_id FROM linked_records"),
        )
        assert {row[0] for row in raw} == {other_viewer.tenant_id}
        assert (await other.execute(text("SELECT current_user"))).scalar() == APP_ROLE

    async with tenant_session(sessionmaker, viewer.tenant_id) as own:
        kept = await repository.find_record(
            own, viewer.tenant_id, "INBOX", "thread", "thread-1"
        )
        assert kept.contact_id == contact.id


async def test_move_records_repoints_a_merged_contacts_records(session, viewer) -> None:
    ada = await create_contact(session, viewer, given_name="Ada")
    grace = await create_contact(session, viewer, given_name="Grace")
    await link(session, viewer, ada.id, external_id="a")
    await link(session, viewer, ada.id, external_id="b")

    moved = await repository.move_records(session, viewer.tenant_id, [ada.id], grace.id)

    assert moved == 2
    grace_id = grace.id
    session.expire_all()
    assert {r.contact_id for r in await _records(session, viewer)} == {grace_id}


async def test_demo_records_fill_the_tabs_each_role_shows(session, viewer) -> None:
    from contacts_graph.linked.demo import seed_linked_records

    guest = await create_contact(session, viewer, role="GUEST")
    client = await create_contact(session, viewer, role="CLIENT")

    count = await seed_linked_records(session, viewer, [guest, client])

    records = await _records(session, viewer)
    assert count == len(records) == 8
    assert {(r.product, r.kind) for r in records if r.contact_id == guest.id} >= {
        ("OPS", "stay")
    }
    deal = next(r for r in records if r.kind == "deal")
    assert deal.contact_id == client.id
    assert deal.amount == Decimal("26250.00")
