"""Create the tables of contacts, organizations, the graph, tags and history.

Revision ID: 0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=63), nullable=False),
        sa.Column("entity_type", sa.String(length=63), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column(
            "changes",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default="{}",
            nullable=False,
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_audit_log")),
    )
    op.create_index(
        "ix_audit_log_entity",
        "audit_log",
        ["tenant_id", "entity_id", "created_at"],
        unique=False,
    )
    op.create_table(
        "consent_events",
        sa.Column("contact_id", sa.Uuid(), nullable=False),
        sa.Column("granted", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=63), nullable=False),
        sa.Column("legal_basis", sa.String(length=63), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column(
            "recorded_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("effective_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.CheckConstraint(
            "effective_at <= recorded_at",
            name=op.f("ck_consent_events_effective_not_future"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_consent_events")),
    )
    op.create_index(
        "ix_consent_events_contact",
        "consent_events",
        ["tenant_id", "contact_id", "effective_at"],
        unique=False,
    )
    op.create_table(
        "outbox",
        sa.Column("event_type", sa.String(length=63), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column(
            "payload",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default="{}",
            nullable=False,
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_outbox")),
    )
    op.create_index(
        "ix_outbox_unpublished",
        "outbox",
        ["created_at"],
        unique=False,
        postgresql_where=sa.text("published_at IS NULL"),
    )
    op.create_table(
        "tenants",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("slug", sa.String(length=63), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tenants")),
        sa.UniqueConstraint("slug", name=op.f("uq_tenants_slug")),
    )
    op.create_table(
        "contacts",
        sa.Column("given_name", sa.String(length=200), nullable=True),
        sa.Column("family_name", sa.String(length=200), nullable=True),
        sa.Column("display_name", sa.String(length=400), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column(
            "extra_emails",
            sa.ARRAY(sa.String(length=320)),
            server_default="{}",
            nullable=False,
        ),
        sa.Column("phone", sa.String(length=64), nullable=True),
        sa.Column("phone_e164", sa.String(length=20), nullable=True),
        sa.Column(
            "extra_phones",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default="[]",
            nullable=False,
        ),
        sa.Column("primary_role", sa.String(length=20), nullable=False),
        sa.Column("roles", sa.ARRAY(sa.String(length=20)), nullable=False),
        sa.Column("street", sa.String(length=400), nullable=True),
        sa.Column("city", sa.String(length=200), nullable=True),
        sa.Column("region", sa.String(length=200), nullable=True),
        sa.Column("postal_code", sa.String(length=32), nullable=True),
        sa.Column("country", sa.String(length=200), nullable=True),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("locale", sa.String(length=35), nullable=True),
        sa.Column(
            "consent_marketing",
            sa.Boolean(),
            server_default=sa.text("false"),
            nullable=False,
        ),
        sa.Column("consent_timestamp", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "custom_fields",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default="{}",
            nullable=False,
        ),
        sa.Column("search_text", sa.Text(), server_default="", nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("merged_into_id", sa.Uuid(), nullable=True),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "primary_role IN ('GUEST','TENANT','OWNER','INVESTOR','CLIENT','PATIENT','VENDOR','EMPLOYEE','CONTRACTOR','PROSPECT')",
            name=op.f("ck_contacts_primary_role_known"),
        ),
        sa.CheckConstraint(
            "roles <@ ARRAY['GUEST','TENANT','OWNER','INVESTOR','CLIENT','PATIENT','VENDOR','EMPLOYEE','CONTRACTOR','PROSPECT']::varchar[] AND primary_role = ANY(roles)",
            name=op.f("ck_contacts_roles_known"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "merged_into_id"],
            ["contacts.tenant_id", "contacts.id"],
            name=op.f("fk_contacts_tenant_id_merged_into_id_contacts"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_contacts_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_contacts")),
    )
    op.create_index(
        "ix_contacts_consent",
        "contacts",
        ["tenant_id", "consent_marketing"],
        unique=False,
    )
    op.create_index(
        "ix_contacts_created_at",
        "contacts",
        ["tenant_id", "created_at", "id"],
        unique=False,
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.create_index(
        "ix_contacts_display_name",
        "contacts",
        ["tenant_id", sa.literal_column('lower(display_name) COLLATE "C"'), "id"],
        unique=False,
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.create_index(
        "ix_contacts_email", "contacts", ["tenant_id", "email"], unique=False
    )
    op.create_index(
        "ix_contacts_extra_emails",
        "contacts",
        ["extra_emails"],
        unique=False,
        postgresql_using="gin",
    )
    op.create_index(
        "ix_contacts_family_name",
        "contacts",
        ["tenant_id", sa.literal_column('lower(family_name) COLLATE "C"'), "id"],
        unique=False,
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.create_index(
        "ix_contacts_merged_into",
        "contacts",
        ["tenant_id", "merged_into_id"],
        unique=False,
    )
    op.create_index(
        "ix_contacts_phone_e164", "contacts", ["tenant_id", "phone_e164"], unique=False
    )
    op.create_index(
        "ix_contacts_roles", "contacts", ["roles"], unique=False, postgresql_using="gin"
    )
    op.create_index(
        "ix_contacts_updated_at",
        "contacts",
        ["tenant_id", "updated_at", "id"],
        unique=False,
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.create_table(
        "import_files",
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=127), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_by", sa.String(length=200), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_import_files_tenant_id_tenants"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_import_files")),
    )
    op.create_table(
        "organizations",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("domain", sa.String(length=255), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column(
            "custom_fields",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default="{}",
            nullable=False,
        ),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_organizations_tenant_id_tenants"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_organizations")),
    )
    op.create_index(
        "ix_organizations_domain",
        "organizations",
        ["tenant_id", "domain"],
        unique=False,
    )
    op.create_index(
        "ix_organizations_sort_name",
        "organizations",
        ["tenant_id", sa.literal_column('lower(name) COLLATE "C"'), "id"],
        unique=False,
    )
    op.create_index(
        "uq_organizations_name",
        "organizations",
        ["tenant_id", sa.literal_column("lower(name)")],
        unique=True,
    )
    op.create_table(
        "tags",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("color", sa.String(length=7), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_tags_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_tags")),
    )
    op.create_index(
        "uq_tags_name",
        "tags",
        ["tenant_id", sa.literal_column("lower(name)")],
        unique=True,
    )
    op.create_table(
        "contact_external_ids",
        sa.Column("contact_id", sa.Uuid(), nullable=False),
        sa.Column("source", sa.String(length=63), nullable=False),
        sa.Column("external_id", sa.String(length=255), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id", "contact_id"],
            ["contacts.tenant_id", "contacts.id"],
            name=op.f("fk_contact_external_ids_tenant_id_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "tenant_id", "id", name=op.f("pk_contact_external_ids")
        ),
        sa.UniqueConstraint(
            "tenant_id",
            "source",
            "external_id",
            name=op.f("uq_contact_external_ids_tenant_id_source_external_id"),
        ),
    )
    op.create_index(
        "ix_contact_external_ids_contact",
        "contact_external_ids",
        ["tenant_id", "contact_id"],
        unique=False,
    )
    op.create_table(
        "contact_tags",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("contact_id", sa.Uuid(), nullable=False),
        sa.Column("tag_id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "contact_id"],
            ["contacts.tenant_id", "contacts.id"],
            name=op.f("fk_contact_tags_tenant_id_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "tag_id"],
            ["tags.tenant_id", "tags.id"],
            name=op.f("fk_contact_tags_tenant_id_tag_id_tags"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "tenant_id", "contact_id", "tag_id", name=op.f("pk_contact_tags")
        ),
    )
    op.create_index(
        "ix_contact_tags_tag",
        "contact_tags",
        ["tenant_id", "tag_id", "contact_id"],
        unique=False,
    )
    op.create_table(
        "memberships",
        sa.Column("contact_id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=True),
        sa.Column("role", sa.String(length=100), nullable=True),
        sa.Column(
            "is_primary", sa.Boolean(), server_default=sa.text("false"), nullable=False
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id", "contact_id"],
            ["contacts.tenant_id", "contacts.id"],
            name=op.f("fk_memberships_tenant_id_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "organization_id"],
            ["organizations.tenant_id", "organizations.id"],
            name=op.f("fk_memberships_tenant_id_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_memberships")),
        sa.UniqueConstraint(
            "tenant_id",
            "contact_id",
            "organization_id",
            name=op.f("uq_memberships_tenant_id_contact_id_organization_id"),
        ),
    )
    op.create_index(
        "ix_memberships_organization",
        "memberships",
        ["tenant_id", "organization_id", "contact_id"],
        unique=False,
    )
    op.create_index(
        "uq_memberships_primary",
        "memberships",
        ["tenant_id", "contact_id"],
        unique=True,
        postgresql_where=sa.text("is_primary"),
    )
    op.create_table(
        "relationships",
        sa.Column("from_contact_id", sa.Uuid(), nullable=False),
        sa.Column("to_contact_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('PARENT','CHILD','SPOUSE','SIBLING','EMPLOYER','EMPLOYEE','REFERRER','REFERRED')",
            name=op.f("ck_relationships_kind_known"),
        ),
        sa.CheckConstraint(
            "from_contact_id <> to_contact_id", name=op.f("ck_relationships_not_self")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "from_contact_id"],
            ["contacts.tenant_id", "contacts.id"],
            name=op.f("fk_relationships_tenant_id_from_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "to_contact_id"],
            ["contacts.tenant_id", "contacts.id"],
            name=op.f("fk_relationships_tenant_id_to_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_relationships")),
        sa.UniqueConstraint(
            "tenant_id",
            "from_contact_id",
            "to_contact_id",
            "kind",
            name=op.f("uq_relationships_tenant_id_from_contact_id_to_contact_id_kind"),
        ),
    )
    op.create_index(
        "ix_relationships_to",
        "relationships",
        ["tenant_id", "to_contact_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_relationships_to", table_name="relationships")
    op.drop_table("relationships")
    op.drop_index(
        "uq_memberships_primary",
        table_name="memberships",
        postgresql_where=sa.text("is_primary"),
    )
    op.drop_index("ix_memberships_organization", table_name="memberships")
    op.drop_table("memberships")
    op.drop_index("ix_contact_tags_tag", table_name="contact_tags")
    op.drop_table("contact_tags")
    op.drop_index("ix_contact_external_ids_contact", table_name="contact_external_ids")
    op.drop_table("contact_external_ids")
    op.drop_index("uq_tags_name", table_name="tags")
    op.drop_table("tags")
    op.drop_index("uq_organizations_name", table_name="organizations")
    op.drop_index("ix_organizations_sort_name", table_name="organizations")
    op.drop_index("ix_organizations_domain", table_name="organizations")
    op.drop_table("organizations")
    op.drop_table("import_files")
    op.drop_index(
        "ix_contacts_updated_at",
        table_name="contacts",
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.drop_index("ix_contacts_roles", table_name="contacts", postgresql_using="gin")
    op.drop_index("ix_contacts_phone_e164", table_name="contacts")
    op.drop_index("ix_contacts_merged_into", table_name="contacts")
    op.drop_index(
        "ix_contacts_family_name",
        table_name="contacts",
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.drop_index(
        "ix_contacts_extra_emails", table_name="contacts", postgresql_using="gin"
    )
    op.drop_index("ix_contacts_email", table_name="contacts")
    op.drop_index(
        "ix_contacts_display_name",
        table_name="contacts",
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.drop_index(
        "ix_contacts_created_at",
        table_name="contacts",
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.drop_index("ix_contacts_consent", table_name="contacts")
    op.drop_table("contacts")
    op.drop_table("tenants")
    op.drop_index(
        "ix_outbox_unpublished",
        table_name="outbox",
        postgresql_where=sa.text("published_at IS NULL"),
    )
    op.drop_table("outbox")
    op.drop_index("ix_consent_events_contact", table_name="consent_events")
    op.drop_table("consent_events")
    op.drop_index("ix_audit_log_entity", table_name="audit_log")
    op.drop_table("audit_log")
