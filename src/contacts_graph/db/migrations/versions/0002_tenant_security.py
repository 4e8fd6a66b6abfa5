"""Isolate tenants with row-level security under the contacts_app role.

Superusers bypass row-level security, and both the embedded and the usual
development servers log in as one. Requests therefore switch to the NOLOGIN
role ``contacts_app`` for their transaction, and every tenant table carries a
policy that compares ``tenant_id`` with the ``contacts.tenant_id`` setting of
that transaction. With no setting the comparison is NULL and nothing is seen.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CURRENT_TENANT = "nullif(current_setting('contacts.tenant_id', true), '')::uuid"

TENANT_TABLES = (
    "contacts",
    "contact_external_ids",
    "consent_events",
    "organizations",
    "memberships",
    "relationships",
    "tags",
    "contact_tags",
    "audit_log",
    "outbox",
    "import_files",
)

# History is appended, never rewritten (the audit log, consent events).
APPEND_ONLY = ("audit_log", "consent_events")


def upgrade() -> None:
    # Roles are cluster-wide: another database of the cluster may have made it.
    op.execute(
        """
        DO $$ BEGIN
          CREATE ROLE contacts_app NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END $$
        """
    )
    op.execute("GRANT contacts_app TO CURRENT_USER")
    op.execute("GRANT USAGE ON SCHEMA public TO contacts_app")
    op.execute("GRANT SELECT ON tenants TO contacts_app")
    op.execute("ALTER TABLE tenants ENABLE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY tenant_isolation ON tenants USING (id = {CURRENT_TENANT})"
    )

    for table in TENANT_TABLES:
        privileges = "SELECT, INSERT" if table in APPEND_ONLY else "ALL"
        op.execute(f"GRANT {privileges} ON {table} TO contacts_app")
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY tenant_isolation ON {table} "
            f"USING (tenant_id = {CURRENT_TENANT}) "
            f"WITH CHECK (tenant_id = {CURRENT_TENANT})"
        )

    op.execute(
        """
        CREATE FUNCTION refuse_history_rewrite() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
            USING ERRCODE = 'insufficient_privilege';
        END $$
        """
    )
    op.execute(
        "CREATE TRIGGER consent_events_append_only "
        "BEFORE UPDATE OR DELETE ON consent_events "
        "FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite()"
    )

    # pg_trgm is optional: where the server ships it, free-text search gets
    # trigram indexes; the LIKE queries are the same either way.
    op.execute(
        """
        DO $$ BEGIN
          IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm')
          THEN
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
            EXECUTE 'CREATE INDEX ix_contacts_search_trgm ON contacts
                     USING gin (search_text gin_trgm_ops)';
            EXECUTE 'CREATE INDEX ix_organizations_name_trgm ON organizations
                     USING gin (lower(name) gin_trgm_ops)';
          END IF;
        END $$
        """
    )


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_contacts_search_trgm")
    op.execute("DROP INDEX IF EXISTS ix_organizations_name_trgm")
    op.execute("DROP TRIGGER consent_events_append_only ON consent_events")
    op.execute("DROP FUNCTION refuse_history_rewrite()")
    for table in (*TENANT_TABLES, "tenants"):
        op.execute(f"DROP POLICY tenant_isolation ON {table}")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        op.execute(f"REVOKE ALL ON {table} FROM contacts_app")
