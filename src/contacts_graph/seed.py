"""Demo data: a small, varied tenant to explore in GraphiQL."""

import random
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from contacts_graph.auth.sessions import Viewer
from contacts_graph.compliance.demo import seed_compliance_records
from contacts_graph.contacts import service as contacts
from contacts_graph.contacts.models import Contact
from contacts_graph.contacts.roles import Role
from contacts_graph.documents.demo import seed_documents
from contacts_graph.finance.demo import seed_finance
from contacts_graph.linked.demo import seed_linked_records
from contacts_graph.notes.demo import seed_tabs
from contacts_graph.organizations import service as organizations
from contacts_graph.relationships import service as relationships
from contacts_graph.relationships.kinds import Kind
from contacts_graph.roles.demo import seed_role_records
from contacts_graph.tags import service as tags

GIVEN = [
    "Ada",
    "Ben",
    "Chloe",
    "Dev",
    "Elena",
    "Farid",
    "Grace",
    "Hugo",
    "Ines",
    "Jonas",
    "Keiko",
    "Liam",
    "Maya",
    "Noah",
    "Olga",
    "Pablo",
    "Quinn",
    "Rosa",
    "Sami",
    "Tara",
]
FAMILY = [
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Patel",
    "García",
    "Nakamura",
    "Brennan",
    "Kowalski",
    "Haddad",
    "Fischer",
    "Silva",
    "O'Neill",
    "Novak",
    "Rossi",
    "Mensah",
]
COMPANIES = [
    ("Harbour Lettings", "harbourlettings.example"),
    ("Northwind Capital", "northwind.example"),
    ("Brightside Clinic", "brightside.example"),
    ("Keystone Builders", "keystone.example"),
    ("Willow & Co", "willow.example"),
]
CITIES = [
    ("London", "United Kingdom", "+44 20 7946 0{:03d}"),
    ("Berlin", "Germany", "+49 30 901820{:02d}"),
    ("New York", "United States", "+1 212 555 0{:03d}"),
]
TAGS = ["vip", "newsletter", "late payer", "referral", "board"]


async def is_empty(session: AsyncSession, viewer: Viewer) -> bool:
    count = await session.scalar(
        select(func.count())
        .select_from(Contact)
        .where(Contact.tenant_id == viewer.tenant_id)
    )
    return not count


def demo_values(index: int) -> dict[str, Any]:
    """Return the fields of the ``index``-th demo contact: varied but repeatable."""
    roles = list(Role)
    given, family = GIVEN[index % len(GIVEN)], FAMILY[(index * 7) % len(FAMILY)]
    city, country, phone = CITIES[index % len(CITIES)]
    email = f"{given}.{family}.{index}@example.com".lower().replace("'", "")
    return {
        "given_name": given,
        "family_name": family,
        "email": email,
        "phone": phone.format(index % 100),
        "primary_role": roles[index % len(roles)].value,
        "roles": [roles[(index + 3) % len(roles)].value] if index % 4 == 0 else [],
        "city": city,
        "country": country,
        "date_of_birth": date(1950 + index % 50, 1 + index % 12, 1 + index % 28),
    }


async def seed_demo(session: AsyncSession, viewer: Viewer, *, count: int = 60) -> int:
    """Add ``count`` demo contacts with organizations, tags and relationships."""
    rng = random.Random(7)
    found = await organizations.find_or_create_organizations(
        session, viewer, [name for name, _ in COMPANIES]
    )
    for name, domain in COMPANIES:
        await organizations.update_organization(
            session, viewer, found[name.lower()].id, {"domain": domain}
        )
    tag_records = await tags.find_or_create_tags(session, viewer, TAGS)

    created = []
    for index in range(count):
        contact = await contacts.create_contact(
            session, viewer, demo_values(index), region="US", source="demo"
        )
        created.append(contact)
        company = found[COMPANIES[index % len(COMPANIES)][0].lower()]
        title = rng.choice(["Director", "Manager", "Analyst", None])
        await organizations.add_membership(
            session, viewer, contact.id, company.id, title=title, is_primary=True
        )
        for tag in rng.sample(TAGS, k=index % 3):
            await tags.tag_contacts(session, viewer, tag_records[tag], [contact.id])

    await _relate_and_consent(session, viewer, created)
    await seed_linked_records(session, viewer, created)
    await seed_tabs(session, viewer, created)
    await seed_finance(session, viewer, created)
    await seed_documents(session, viewer, created)
    await seed_role_records(session, viewer, created)
    await seed_compliance_records(session, viewer, created)
    return len(created)


async def _relate_and_consent(
    session: AsyncSession, viewer: Viewer, created: list[Any]
) -> None:
    """Make small families of the demo contacts; let every fifth opt in."""
    for index in range(0, len(created) - 2, 3):
        parent, child, sibling = created[index : index + 3]
        await relationships.link_contacts(
            session, viewer, child.id, parent.id, Kind.PARENT
        )
        await relationships.link_contacts(
            session, viewer, child.id, sibling.id, Kind.SIBLING
        )
    for index in range(1, len(created), 5):
        await contacts.set_marketing_consent(
            session,
            viewer,
            created[index].id,
            granted=True,
            source="demo",
            legal_basis="consent",
        )
