"""Add the first-party role tabs: tenancies, properties, investments, employment.

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from contacts_graph.db.tenancy import isolate_tenant_table, release_tenant_table

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("tenancies", "property_holdings", "investments", "employments")
MONEY = sa.Numeric(18, 2)
CURRENCY = "currency ~ '^[A-Z]{3}$'"


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _check(table: str, condition: str, name: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(condition, name=op.f(f"ck_{table}_{name}"))


def _keys(table: str) -> list[Any]:
    """The tenant key, the contact foreign key and the two timestamps."""
    return [
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("contact_id", sa.Uuid(), nullable=False),
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
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f(f"pk_{table}")),
        sa.ForeignKeyConstraint(
            ["tenant_id", "contact_id"],
            ["contacts.tenant_id", "contacts.id"],
            name=op.f(f"fk_{table}_tenant_id_contact_id_contacts"),
            ondelete="CASCADE",
        ),
    ]


def _create_tenancies() -> None:
    table = "tenancies"
    op.create_table(
        table,
        *_keys(table),
        sa.Column("property_address", sa.String(400), nullable=False),
        sa.Column("unit", sa.String(50), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("rent", MONEY, nullable=False),
        sa.Column("currency", sa.CHAR(3), nullable=False),
        sa.Column("rent_period", sa.String(9), nullable=False),
        sa.Column("deposit", MONEY, nullable=True),
        _check(table, "rent >= 0", "rent_not_negative"),
        _check(table, "deposit >= 0", "deposit_not_negative"),
        _check(table, "ends_on >= starts_on", "ends_after_start"),
        _check(table, CURRENCY, "currency_code"),
        _check(
            table,
            _one_of("rent_period", ("WEEKLY", "MONTHLY", "QUARTERLY", "YEARLY")),
            "rent_period",
        ),
    )
    op.create_index(
        "ix_tenancies_contact", table, ["tenant_id", "contact_id", "starts_on", "id"]
    )


def _create_property_holdings() -> None:
    table = "property_holdings"
    op.create_table(
        table,
        *_keys(table),
        sa.Column("name", sa.String(400), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("share_percent", sa.Numeric(5, 2), nullable=False),
        sa.Column("acquired_on", sa.Date(), nullable=True),
        sa.Column("value", MONEY, nullable=True),
        sa.Column("currency", sa.CHAR(3), nullable=True),
        _check(
            table, "share_percent > 0 AND share_percent <= 100", "share_percent_range"
        ),
        _check(table, "value >= 0", "value_not_negative"),
        _check(table, "(value IS NULL) = (currency IS NULL)", "value_with_currency"),
        _check(table, CURRENCY, "currency_code"),
        _check(
            table,
            _one_of("kind", ("HOUSE", "FLAT", "COMMERCIAL", "LAND", "OTHER")),
            "kind",
        ),
    )
    op.create_index(
        "ix_property_holdings_contact",
        table,
        ["tenant_id", "contact_id", "acquired_on", "id"],
    )


def _create_investments() -> None:
    table = "investments"
    op.create_table(
        table,
        *_keys(table),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("vehicle", sa.String(8), nullable=False),
        sa.Column("committed", MONEY, nullable=False),
        sa.Column("currency", sa.CHAR(3), nullable=False),
        sa.Column("invested_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(9), nullable=False),
        _check(table, "committed > 0", "committed_positive"),
        _check(table, CURRENCY, "currency_code"),
        _check(
            table,
            _one_of("vehicle", ("FUND", "PROPERTY", "EQUITY", "DEBT", "OTHER")),
            "vehicle",
        ),
        _check(table, _one_of("status", ("COMMITTED", "ACTIVE", "EXITED")), "status"),
    )
    op.create_index(
        "ix_investments_contact",
        table,
        ["tenant_id", "contact_id", "invested_on", "id"],
    )


def _create_employments() -> None:
    table = "employments"
    op.create_table(
        table,
        *_keys(table),
        sa.Column("job_title", sa.String(200), nullable=False),
        sa.Column("department", sa.String(200), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("employment_type", sa.String(9), nullable=False),
        sa.Column("manager_contact_id", sa.Uuid(), nullable=True),
        _check(table, "ends_on >= starts_on", "ends_after_start"),
        _check(
            table,
            _one_of(
                "employment_type", ("FULL_TIME", "PART_TIME", "CONTRACT", "TEMPORARY")
            ),
            "employment_type",
        ),
    )
    # PostgreSQL 15's column list: removing the manager nulls manager_contact_id
    # only; a plain SET NULL would null tenant_id too, which is in the key.
    op.execute(
        "ALTER TABLE employments ADD CONSTRAINT "
        "fk_employments_tenant_id_manager_contact_id_contacts "
        "FOREIGN KEY (tenant_id, manager_contact_id) "
        "REFERENCES contacts (tenant_id, id) ON DELETE SET NULL (manager_contact_id)"
    )
    op.create_index(
        "ix_employments_contact", table, ["tenant_id", "contact_id", "starts_on", "id"]
    )
    op.create_index(
        "ix_employments_manager", table, ["tenant_id", "manager_contact_id"]
    )


def upgrade() -> None:
    _create_tenancies()
    _create_property_holdings()
    _create_investments()
    _create_employments()
    for table in TABLES:
        isolate_tenant_table(table)


def downgrade() -> None:
    for table in reversed(TABLES):
        release_tenant_table(table)
        op.drop_table(table)
