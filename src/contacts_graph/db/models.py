"""Every table, imported in one place for Alembic and the test set-up."""

from contacts_graph.audit.models import AuditEntry, OutboxEvent
from contacts_graph.auth.models import Tenant
from contacts_graph.compliance.models import (
    AmlScreening,
    IdentityDocument,
    KycCheck,
    RightToRentCheck,
)
from contacts_graph.contacts.models import ConsentEvent, Contact, ContactExternalId
from contacts_graph.db.base import Base
from contacts_graph.documents.models import ContactDocument
from contacts_graph.finance.models import Invoice, LedgerEntry, Payment
from contacts_graph.imports.models import ImportFile
from contacts_graph.linked.models import LinkedRecord
from contacts_graph.notes.models import ContactCall, ContactNote, ContactPreferences
from contacts_graph.organizations.models import Membership, Organization
from contacts_graph.relationships.models import Relationship
from contacts_graph.roles.models import (
    Employment,
    Investment,
    PropertyHolding,
    Tenancy,
)
from contacts_graph.tags.models import ContactTag, Tag

__all__ = [
    "AmlScreening",
    "AuditEntry",
    "Base",
    "ContactCall",
    "ConsentEvent",
    "Contact",
    "ContactDocument",
    "ContactExternalId",
    "ContactNote",
    "ContactPreferences",
    "ContactTag",
    "Employment",
    "IdentityDocument",
    "ImportFile",
    "Investment",
    "Invoice",
    "KycCheck",
    "LedgerEntry",
    "LinkedRecord",
    "Membership",
    "Organization",
    "OutboxEvent",
    "Payment",
    "PropertyHolding",
    "Relationship",
    "RightToRentCheck",
    "Tag",
    "Tenancy",
    "Tenant",
]
