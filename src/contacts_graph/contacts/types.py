"""GraphQL types of the contact record."""

import uuid
from datetime import date, datetime
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON

from contacts_graph.contacts import models, roles
from contacts_graph.context import Info
from contacts_graph.graphql.enums import described_enum
from contacts_graph.graphql.tab_fields import paged_tab
from contacts_graph.linked.tabs import LinkedTab
from contacts_graph.linked.types import linked_tab_field

ROLE_DESCRIPTIONS = {
    roles.Role.GUEST: "Stays at a property (Ops).",
    roles.Role.TENANT: "Rents a property (Ops).",
    roles.Role.OWNER: "Owns a property (Ops and Deals).",
    roles.Role.INVESTOR: "Invests in properties or deals (Deals).",
    roles.Role.CLIENT: "Buys a service (Deals).",
    roles.Role.PATIENT: "Receives care (Ops).",
    roles.Role.VENDOR: "Supplies goods or services (Ops).",
    roles.Role.EMPLOYEE: "Works for the tenant (Ops).",
    roles.Role.CONTRACTOR: "Carries out work orders (Ops).",
    roles.Role.PROSPECT: "Not a customer yet (Deals).",
}

Role = described_enum(
    "Role",
    {role.value: text for role, text in ROLE_DESCRIPTIONS.items()},
    "What a contact is to the business. A contact may hold several.",
)

Product = described_enum(
    "Product",
    {
        "OPS": "Operations: GUEST, TENANT, OWNER, VENDOR, CONTRACTOR, EMPLOYEE, "
        "PATIENT.",
        "DEALS": "Deals: CLIENT, PROSPECT, INVESTOR, OWNER.",
    },
    "A product of the suite, standing for the roles it works with.",
)


def to_role(value: Any) -> roles.Role:
    return roles.Role(value.value)


def parse_id(value: str) -> uuid.UUID | None:
    """Return the UUID in ``value``, or None when it is not one."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


@strawberry.type(description="A phone number as given, with its E.164 form.")
class Phone:
    number: str = strawberry.field(description="The number as it was typed.")
    e164: str | None = strawberry.field(
        description="The number in E.164 form, when it could be parsed."
    )
    is_primary: bool = strawberry.field(description="The contact's main number.")


@strawberry.type(description="A postal address.")
class Address:
    street: str | None = strawberry.field(description="Street and number.")
    city: str | None = strawberry.field(description="City or town.")
    region: str | None = strawberry.field(description="State, county or province.")
    postal_code: str | None = strawberry.field(description="Postal or ZIP code.")
    country: str | None = strawberry.field(description="Country, as given.")


@strawberry.type(description="The contact's id in another system.")
class ExternalId:
    source: str = strawberry.field(description="The system, e.g. csv or hubspot.")
    external_id: str = strawberry.field(description="The id in that system.")


Organization = Annotated[
    "Organization", strawberry.lazy("contacts_graph.organizations.types")
]
ContactOrganizationConnection = Annotated[
    "ContactOrganizationConnection",
    strawberry.lazy("contacts_graph.organizations.types"),
]
ContactRelationshipConnection = Annotated[
    "ContactRelationshipConnection",
    strawberry.lazy("contacts_graph.relationships.types"),
]
RelationshipKind = Annotated[
    "RelationshipKind", strawberry.lazy("contacts_graph.relationships.types")
]
NetworkEntry = Annotated[
    "NetworkEntry", strawberry.lazy("contacts_graph.relationships.types")
]
Tag = Annotated["Tag", strawberry.lazy("contacts_graph.tags.types")]
ConsentEventConnection = Annotated[
    "ConsentEventConnection", strawberry.lazy("contacts_graph.history.types")
]
AuditEntryConnection = Annotated[
    "AuditEntryConnection", strawberry.lazy("contacts_graph.history.types")
]
LedgerEntryConnection = Annotated[
    "LedgerEntryConnection", strawberry.lazy("contacts_graph.finance.types")
]
InvoiceConnection = Annotated[
    "InvoiceConnection", strawberry.lazy("contacts_graph.finance.types")
]
PaymentConnection = Annotated[
    "PaymentConnection", strawberry.lazy("contacts_graph.finance.types")
]
Money = Annotated["Money", strawberry.lazy("contacts_graph.finance.types")]
ContactNoteConnection = Annotated[
    "ContactNoteConnection", strawberry.lazy("contacts_graph.notes.types")
]
ContactCallConnection = Annotated[
    "ContactCallConnection", strawberry.lazy("contacts_graph.notes.types")
]
ContactPreferences = Annotated[
    "ContactPreferences", strawberry.lazy("contacts_graph.notes.types")
]
IdentityDocumentConnection = Annotated[
    "IdentityDocumentConnection", strawberry.lazy("contacts_graph.compliance.tabs")
]
KycCheckConnection = Annotated[
    "KycCheckConnection", strawberry.lazy("contacts_graph.compliance.tabs")
]
AmlScreeningConnection = Annotated[
    "AmlScreeningConnection", strawberry.lazy("contacts_graph.compliance.tabs")
]
RightToRentCheckConnection = Annotated[
    "RightToRentCheckConnection", strawberry.lazy("contacts_graph.compliance.tabs")
]
DocumentConnection = Annotated[
    "DocumentConnection", strawberry.lazy("contacts_graph.documents.types")
]
TenancyConnection = Annotated[
    "TenancyConnection", strawberry.lazy("contacts_graph.roles.connections")
]
PropertyHoldingConnection = Annotated[
    "PropertyHoldingConnection", strawberry.lazy("contacts_graph.roles.connections")
]
InvestmentConnection = Annotated[
    "InvestmentConnection", strawberry.lazy("contacts_graph.roles.connections")
]
EmploymentConnection = Annotated[
    "EmploymentConnection", strawberry.lazy("contacts_graph.roles.connections")
]


@strawberry.federation.type(
    keys=["id"],
    description="A person the business knows: the one record every product shares.",
)
class Contact:
    id: strawberry.ID = strawberry.field(description="Stable id of the contact.")
    display_name: str = strawberry.field(description="The name to show.")
    given_name: str | None = strawberry.field(description="First name.")
    family_name: str | None = strawberry.field(description="Last name.")
    email: str | None = strawberry.field(description="Primary email address.")
    phone: str | None = strawberry.field(description="Primary phone, as typed.")
    phone_e164: str | None = strawberry.field(
        description="Primary phone in E.164 form, when parseable."
    )
    role: Role = strawberry.field(description="Primary role.")  # type: ignore[valid-type]
    date_of_birth: date | None = strawberry.field(description="Date of birth.")
    locale: str | None = strawberry.field(description="Preferred language (BCP 47).")
    consent_marketing: bool = strawberry.field(
        description="Current marketing consent, from the latest consent event."
    )
    consent_timestamp: datetime | None = strawberry.field(
        description="When the current marketing consent took effect."
    )
    custom_fields: JSON = strawberry.field(
        description="Values with no column of their own (website, customer number…)."
    )
    created_at: datetime = strawberry.field(description="When the record was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    model: strawberry.Private[models.Contact]

    @classmethod
    def from_model(cls, model: models.Contact) -> "Contact":
        return cls(
            id=strawberry.ID(str(model.id)),
            display_name=model.display_name,
            given_name=model.given_name,
            family_name=model.family_name,
            email=model.email,
            phone=model.phone,
            phone_e164=model.phone_e164,
            role=Role(model.primary_role),
            date_of_birth=model.date_of_birth,
            locale=model.locale,
            consent_marketing=model.consent_marketing,
            consent_timestamp=model.consent_timestamp,
            custom_fields=model.custom_fields,
            created_at=model.created_at,
            updated_at=model.updated_at,
            model=model,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Contact | None":
        """Resolve a federation reference; all references batch into one query."""
        info.context.require("contacts:read")
        contact_id = parse_id(id)
        if contact_id is None:
            return None
        model = await info.context.loaders.contact_by_id.load(contact_id)
        return cls.from_model(model) if model else None

    @strawberry.field(description="Every role held, the primary one first.")
    def roles(self) -> list[Role]:  # type: ignore[valid-type]
        return [Role(value) for value in self.model.roles]

    @strawberry.field(description="Every email address, the primary one first.")
    def emails(self) -> list[str]:
        primary = [self.model.email] if self.model.email else []
        return primary + list(self.model.extra_emails)

    @strawberry.field(description="Every phone number, the primary one first.")
    def phones(self) -> list[Phone]:
        phones = []
        if self.model.phone:
            phones.append(
                Phone(
                    number=self.model.phone, e164=self.model.phone_e164, is_primary=True
                )
            )
        for extra in self.model.extra_phones:
            phones.append(
                Phone(number=extra["number"], e164=extra.get("e164"), is_primary=False)
            )
        return phones

    @strawberry.field(description="Postal address, or null when none is known.")
    def address(self) -> Address | None:
        m = self.model
        parts = (m.street, m.city, m.region, m.postal_code, m.country)
        if not any(parts):
            return None
        # Strawberry types take keyword arguments only.
        return Address(
            street=m.street,
            city=m.city,
            region=m.region,
            postal_code=m.postal_code,
            country=m.country,
        )

    @strawberry.field(description="Ids of this contact in other systems.")
    async def external_ids(self, info: Info) -> list[ExternalId]:
        rows = await info.context.loaders.external_ids_by_contact_id.load(self.model.id)
        return [ExternalId(source=r.source, external_id=r.external_id) for r in rows]

    @strawberry.field(description="Tags on this contact, by name.")
    async def tags(self, info: Info) -> list[Tag]:
        from contacts_graph.tags.types import Tag as TagType

        rows = await info.context.loaders.tags_by_contact_id.load(self.model.id)
        return [TagType.from_model(row) for row in rows]

    @strawberry.field(description="The contact's main organization, if any.")
    async def primary_organization(self, info: Info) -> Organization | None:
        from contacts_graph.organizations.types import Organization as OrganizationType

        row = await info.context.loaders.primary_membership_by_contact_id.load(
            self.model.id
        )
        return OrganizationType.from_model(row.Organization) if row else None

    @strawberry.field(
        description="Organizations the contact belongs to, with title and role "
        "(the network tab)."
    )
    async def organizations(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> ContactOrganizationConnection:
        from contacts_graph.organizations.types import contact_organizations

        return await contact_organizations(
            info, self.model.id, first, after, last, before
        )

    @strawberry.field(
        description="Direct relationships to other contacts (the network tab)."
    )
    async def relationships(
        self,
        info: Info,
        kinds: list[RelationshipKind] | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> ContactRelationshipConnection:
        from contacts_graph.relationships.types import contact_relationships

        return await contact_relationships(
            info, self.model.id, kinds, first, after, last, before
        )

    @strawberry.field(
        description="Contacts reachable through relationships in up to `depth` hops "
        "(1 to 4), nearest first, each once with the path that reaches it; at most "
        "500 contacts."
    )
    async def network(
        self,
        info: Info,
        kinds: list[RelationshipKind] | None = None,
        depth: int = 2,
    ) -> list[NetworkEntry]:
        from contacts_graph.relationships.types import contact_network

        return await contact_network(info, self.model.id, kinds, depth)

    consent_history = paged_tab(
        "contacts_graph.history.types:consent_history",
        ConsentEventConnection | None,
        "Every grant and withdrawal of marketing consent, latest recorded "
        "first (the consentHistory tab; needs compliance:read).",
    )

    audit_trail = paged_tab(
        "contacts_graph.history.types:audit_trail",
        AuditEntryConnection | None,
        "Every recorded change to the contact, newest first (the "
        "auditTrail tab; needs compliance:read).",
    )

    # The linked-record tabs (communication, financial and role groups).
    conversations = linked_tab_field(LinkedTab.CONVERSATIONS)
    campaigns = linked_tab_field(LinkedTab.CAMPAIGNS)
    events = linked_tab_field(LinkedTab.EVENTS)
    pipeline = linked_tab_field(LinkedTab.PIPELINE)
    stays = linked_tab_field(LinkedTab.STAYS)
    appointments = linked_tab_field(LinkedTab.APPOINTMENTS)
    work_orders = linked_tab_field(LinkedTab.WORK_ORDERS)

    ledger = paged_tab(
        "contacts_graph.finance.types:ledger",
        LedgerEntryConnection,
        "Debits and credits booked against the contact, latest booked "
        "first (the ledger tab).",
    )

    invoices = paged_tab(
        "contacts_graph.finance.types:invoices",
        InvoiceConnection,
        "Invoices issued to the contact, latest issued first (the invoices tab).",
    )

    payments = paged_tab(
        "contacts_graph.finance.types:payments",
        PaymentConnection,
        "Payments the contact made, latest paid first (the payments tab).",
    )

    @strawberry.field(
        description="What the contact has paid, per currency: settled credit "
        "payments less settled refunds, from the ledger; by currency code."
    )
    async def lifetime_value(self, info: Info) -> list[Money]:
        from contacts_graph.finance.types import lifetime_value

        return await lifetime_value(info, self.model.id)

    tenancies = paged_tab(
        "contacts_graph.roles.connections:tenancies",
        TenancyConnection,
        "Properties the contact rents, latest started first (the tenancies tab).",
    )

    properties = paged_tab(
        "contacts_graph.roles.connections:properties",
        PropertyHoldingConnection,
        "Properties the contact owns, latest acquired first, those "
        "with no acquisition day last (the properties tab).",
    )

    investments = paged_tab(
        "contacts_graph.roles.connections:investments",
        InvestmentConnection,
        "The contact's investments, latest invested first (the investments tab).",
    )

    employment = paged_tab(
        "contacts_graph.roles.connections:employment",
        EmploymentConnection,
        "Jobs the contact holds or held with the business, latest "
        "started first (the employment tab).",
    )

    documents = paged_tab(
        "contacts_graph.documents.types:contact_documents",
        DocumentConnection,
        "Files linked to the contact, newest first; their bytes are "
        "served by the file store (the documents tab).",
    )

    notes = paged_tab(
        "contacts_graph.notes.types:contact_notes",
        ContactNoteConnection,
        "Notes on the contact, newest first (the notes tab).",
    )

    calls = paged_tab(
        "contacts_graph.notes.types:contact_calls",
        ContactCallConnection,
        "Calls logged with the contact, latest started first (the calls tab).",
    )

    @strawberry.field(
        description="How the contact likes to be reached (the preferences tab); no "
        "channels and nulls when never set."
    )
    async def preferences(self, info: Info) -> ContactPreferences:
        from contacts_graph.notes.types import contact_preferences

        return await contact_preferences(info, self.model.id)

    identity = paged_tab(
        "contacts_graph.compliance.tabs:identity_documents",
        IdentityDocumentConnection | None,
        "Identity documents the contact showed, latest recorded first, "
        "with expiry flags (the identity tab; needs compliance:read).",
    )

    kyc = paged_tab(
        "contacts_graph.compliance.tabs:kyc_checks",
        KycCheckConnection | None,
        "Know-your-customer checks, latest requested first (the kyc "
        "tab; needs compliance:read).",
    )

    aml = paged_tab(
        "contacts_graph.compliance.tabs:aml_screenings",
        AmlScreeningConnection | None,
        "AML screenings, latest screened first (the aml tab; needs compliance:read).",
    )

    right_to_rent = paged_tab(
        "contacts_graph.compliance.tabs:right_to_rent_checks",
        RightToRentCheckConnection | None,
        "Right-to-rent checks, latest checked first (the rightToRent "
        "tab; needs compliance:read).",
    )
