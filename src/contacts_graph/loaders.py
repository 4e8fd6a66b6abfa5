"""Per-request loaders: every related or list field is batched through one."""

import uuid
from abc import ABC, abstractmethod
from collections.abc import Hashable, Sequence
from typing import Any, Generic, TypeVar

from aiodataloader import DataLoader
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.db.request import RequestDatabase

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Loader(DataLoader[K, V], ABC, Generic[K, V]):  # type: ignore[misc]
    """A DataLoader bound to the request's database and tenant."""

    def __init__(self, db: RequestDatabase, tenant_id: uuid.UUID) -> None:
        super().__init__()
        self.db = db
        self.tenant_id = tenant_id

    async def batch_load_fn(self, keys: Sequence[K]) -> list[V]:
        async with self.db.use() as session:
            return await self.load_batch(session, keys)

    @abstractmethod
    async def load_batch(self, session: AsyncSession, keys: Sequence[K]) -> list[V]:
        """Return one value per key, in the order of ``keys``."""


class Loaders:
    """The loaders of one request, created fresh so nothing is cached across."""

    def __init__(self, db: RequestDatabase, tenant_id: uuid.UUID) -> None:
        from contacts_graph.compliance import loaders as compliance
        from contacts_graph.contacts import loaders as contacts
        from contacts_graph.documents import loaders as documents
        from contacts_graph.finance import loaders as finance
        from contacts_graph.history import loaders as history
        from contacts_graph.linked import loaders as linked
        from contacts_graph.notes import loaders as notes
        from contacts_graph.organizations import loaders as organizations
        from contacts_graph.relationships import loaders as relationships
        from contacts_graph.roles import loaders as roles
        from contacts_graph.tags import loaders as tags

        args: tuple[Any, ...] = (db, tenant_id)
        self.contact_by_id = contacts.ContactByIdLoader(*args)
        self.external_ids_by_contact_id = contacts.ExternalIdsByContactIdLoader(*args)
        self.organization_by_id = organizations.OrganizationByIdLoader(*args)
        self.memberships_by_contact_id = organizations.MembershipsByContactIdLoader(
            *args
        )
        self.primary_membership_by_contact_id = (
            organizations.PrimaryMembershipByContactIdLoader(*args)
        )
        self.memberships_by_organization_id = (
            organizations.MembershipsByOrganizationIdLoader(*args)
        )
        self.primary_contact_by_organization_id = (
            organizations.PrimaryContactByOrganizationIdLoader(*args)
        )
        self.contact_count_by_organization_id = (
            organizations.ContactCountByOrganizationIdLoader(*args)
        )
        self.membership_count_by_contact_id = (
            organizations.MembershipCountByContactIdLoader(*args)
        )
        self.relationships_by_contact_id = relationships.RelationshipsByContactIdLoader(
            *args
        )
        self.relationship_count_by_contact_id = (
            relationships.RelationshipCountByContactIdLoader(*args)
        )
        self.network_by_contact_id = relationships.NetworkByContactIdLoader(*args)
        self.consent_events_by_contact_id = history.ConsentEventsByContactIdLoader(
            *args
        )
        self.consent_event_count_by_contact_id = (
            history.ConsentEventCountByContactIdLoader(*args)
        )
        self.audit_entries_by_contact_id = history.AuditEntriesByContactIdLoader(*args)
        self.audit_entry_count_by_contact_id = history.AuditEntryCountByContactIdLoader(
            *args
        )
        self.tags_by_contact_id = tags.TagsByContactIdLoader(*args)
        self.contact_count_by_tag_id = tags.ContactCountByTagIdLoader(*args)
        self.linked_records_by_contact_id = linked.LinkedRecordsByContactIdLoader(*args)
        self.linked_record_count_by_contact_id = (
            linked.LinkedRecordCountByContactIdLoader(*args)
        )
        self.ledger_entries_by_contact_id = finance.LedgerEntriesByContactIdLoader(
            *args
        )
        self.ledger_entry_count_by_contact_id = (
            finance.LedgerEntryCountByContactIdLoader(*args)
        )
        self.invoices_by_contact_id = finance.InvoicesByContactIdLoader(*args)
        self.invoice_count_by_contact_id = finance.InvoiceCountByContactIdLoader(*args)
        self.payments_by_contact_id = finance.PaymentsByContactIdLoader(*args)
        self.payment_count_by_contact_id = finance.PaymentCountByContactIdLoader(*args)
        self.lifetime_value_by_contact_id = finance.LifetimeValueByContactIdLoader(
            *args
        )
        self.documents_by_contact_id = documents.DocumentsByContactIdLoader(*args)
        self.document_count_by_contact_id = documents.DocumentCountByContactIdLoader(
            *args
        )
        self.notes_by_contact_id = notes.NotesByContactIdLoader(*args)
        self.note_count_by_contact_id = notes.NoteCountByContactIdLoader(*args)
        self.calls_by_contact_id = notes.CallsByContactIdLoader(*args)
        self.call_count_by_contact_id = notes.CallCountByContactIdLoader(*args)
        self.preferences_by_contact_id = notes.PreferencesByContactIdLoader(*args)
        self.tenancies_by_contact_id = roles.TenanciesByContactIdLoader(*args)
        self.tenancy_count_by_contact_id = roles.TenancyCountByContactIdLoader(*args)
        self.property_holdings_by_contact_id = roles.PropertyHoldingsByContactIdLoader(
            *args
        )
        self.property_holding_count_by_contact_id = (
            roles.PropertyHoldingCountByContactIdLoader(*args)
        )
        self.investments_by_contact_id = roles.InvestmentsByContactIdLoader(*args)
        self.investment_count_by_contact_id = roles.InvestmentCountByContactIdLoader(
            *args
        )
        self.employments_by_contact_id = roles.EmploymentsByContactIdLoader(*args)
        self.employment_count_by_contact_id = roles.EmploymentCountByContactIdLoader(
            *args
        )
        self.identity_documents_by_contact_id = (
            compliance.IdentityDocumentsByContactIdLoader(*args)
        )
        self.identity_document_count_by_contact_id = (
            compliance.IdentityDocumentCountByContactIdLoader(*args)
        )
        self.kyc_checks_by_contact_id = compliance.KycChecksByContactIdLoader(*args)
        self.kyc_check_count_by_contact_id = compliance.KycCheckCountByContactIdLoader(
            *args
        )
        self.aml_screenings_by_contact_id = compliance.AmlScreeningsByContactIdLoader(
            *args
        )
        self.aml_screening_count_by_contact_id = (
            compliance.AmlScreeningCountByContactIdLoader(*args)
        )
        self.right_to_rent_checks_by_contact_id = (
            compliance.RightToRentChecksByContactIdLoader(*args)
        )
        self.right_to_rent_check_count_by_contact_id = (
            compliance.RightToRentCheckCountByContactIdLoader(*args)
        )
