"""Row-level security for tenant tables, shared by the migrations that add them."""

from alembic import op

APP_ROLE = "contacts_app"
CURRENT_TENANT = "nullif(current_setting('contacts.tenant_id', true), '')::uuid"


def isolate_tenant_table(table: str, *, privileges: str = "ALL") -> None:
    """Grant the request role ``privileges`` on ``table`` and confine it to one tenant.

    The policy compares ``tenant_id`` with the transaction's tenant setting;
    with no setting nothing is visible and nothing can be written.
    """
    op.execute(f"GRANT {privileges} ON {table} TO {APP_ROLE}")
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY tenant_isolation ON {table} "
        f"USING (tenant_id = {CURRENT_TENANT}) "
        f"WITH CHECK (tenant_id = {CURRENT_TENANT})"
    )


def release_tenant_table(table: str) -> None:
    """Undo ``isolate_tenant_table``, before the table is dropped."""
    op.execute(f"DROP POLICY tenant_isolation ON {table}")
    op.execute(f"REVOKE ALL ON {table} FROM {APP_ROLE}")
