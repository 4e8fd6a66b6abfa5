"""Add the compliance tabs, tenant-isolated like the rest.

Identity documents, KYC checks, AML screenings and right-to-rent checks.

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from contacts_graph.db.tenancy import isolate_tenant_table, release_tenant_table

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("identity_documents", "kyc_checks", "aml_screenings", "right_to_rent_checks")
WHEN = sa.DateTime(timezone=True)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _check(table: str, name: str, condition: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(condition, name=op.f(f"ck_{table}_{name}"))


def _keys(table: str) -> list[Any]:
    """The tenant key, the contact foreign key and the timestamps."""
    return [
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("contact_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", WHEN, server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", WHEN, server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f(f"pk_{table}")),
        sa.ForeignKeyConstraint(
            ["tenant_id", "contact_id"],
            ["contacts.tenant_id", "contacts.id"],
            name=op.f(f"fk_{table}_tenant_id_contact_id_contacts"),
            ondelete="CASCADE",
        ),
    ]


def _create_identity_documents() -> None:
    table = "identity_documents"
    kinds = ("PASSPORT", "NATIONAL_ID", "DRIVING_LICENCE", "RESIDENCE_PERMIT", "OTHER")
    op.create_table(
        table,
        *_keys(table),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("issuing_country", sa.CHAR(2), nullable=False),
        sa.Column("number", sa.String(64), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("verified_at", WHEN, nullable=True),
        sa.Column("verified_by", sa.String(200), nullable=True),
        sa.Column("document_id", sa.Uuid(), nullable=True),
        _check(table, "kind", _one_of("kind", kinds)),
        _check(table, "country_code", "issuing_country ~ '^[A-Z]{2}$'"),
        _check(table, "expires_after_issue", "expires_on >= issued_on"),
    )
    # PostgreSQL 15's column list: removing the scanned document nulls
    # document_id only; a plain SET NULL would null tenant_id, part of the key.
    op.execute(
        "ALTER TABLE identity_documents ADD CONSTRAINT "
        "fk_identity_documents_tenant_id_document_id_contact_documents "
        "FOREIGN KEY (tenant_id, document_id) "
        "REFERENCES contact_documents (tenant_id, id) "
        "ON DELETE SET NULL (document_id)"
    )
    op.create_index(
        "ix_identity_documents_contact",
        table,
        ["tenant_id", "contact_id", "created_at", "id"],
    )
    op.create_index(
        "ix_identity_documents_document", table, ["tenant_id", "document_id"]
    )


def _create_kyc_checks() -> None:
    table = "kyc_checks"
    statuses = ("PENDING", "IN_REVIEW", "APPROVED", "REJECTED", "EXPIRED")
    op.create_table(
        table,
        *_keys(table),
        sa.Column("status", sa.String(9), nullable=False),
        sa.Column("level", sa.String(8), nullable=False),
        sa.Column("requested_at", WHEN, nullable=False),
        sa.Column("decided_at", WHEN, nullable=True),
        sa.Column("decided_by", sa.String(200), nullable=True),
        sa.Column("notes", sa.String(2000), nullable=True),
        sa.Column("provider", sa.String(100), nullable=True),
        sa.Column("provider_reference", sa.String(200), nullable=True),
        _check(table, "status", _one_of("status", statuses)),
        _check(table, "level", _one_of("level", ("BASIC", "STANDARD", "ENHANCED"))),
        _check(
            table,
            "decision_dated",
            "NOT (status IN ('APPROVED', 'REJECTED')) OR decided_at IS NOT NULL",
        ),
    )
    op.create_index(
        "ix_kyc_checks_contact",
        table,
        ["tenant_id", "contact_id", "requested_at", "id"],
    )


def _create_aml_screenings() -> None:
    table = "aml_screenings"
    results = ("CLEAR", "POTENTIAL_MATCH", "CONFIRMED_MATCH", "ERROR")
    op.create_table(
        table,
        *_keys(table),
        sa.Column("screened_at", WHEN, nullable=False),
        sa.Column("provider", sa.String(100), nullable=False),
        sa.Column("result", sa.String(15), nullable=False),
        sa.Column("lists_checked", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("match_details", postgresql.JSONB(), nullable=False),
        sa.Column("reviewed_at", WHEN, nullable=True),
        sa.Column("reviewed_by", sa.String(200), nullable=True),
        _check(table, "result", _one_of("result", results)),
        _check(
            table,
            "lists_known",
            "lists_checked <@ "
            "ARRAY['SANCTIONS', 'PEP', 'ADVERSE_MEDIA', 'WATCHLIST']::text[]",
        ),
        _check(
            table,
            "match_details_object",
            "jsonb_typeof(match_details) = 'object' "
            "AND octet_length(match_details::text) <= 16384",
        ),
    )
    op.create_index(
        "ix_aml_screenings_contact",
        table,
        ["tenant_id", "contact_id", "screened_at", "id"],
    )


def _create_right_to_rent_checks() -> None:
    table = "right_to_rent_checks"
    methods = ("MANUAL_DOCUMENT", "ONLINE_SHARE_CODE", "EMPLOYER_CHECKING_SERVICE")
    op.create_table(
        table,
        *_keys(table),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("method", sa.String(25), nullable=False),
        sa.Column("share_code", sa.String(20), nullable=True),
        sa.Column("outcome", sa.String(12), nullable=False),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("checked_by", sa.String(200), nullable=False),
        _check(table, "method", _one_of("method", methods)),
        _check(
            table,
            "outcome",
            _one_of("outcome", ("UNLIMITED", "TIME_LIMITED", "NO_RIGHT")),
        ),
        _check(
            table,
            "follow_up_dated",
            "outcome <> 'TIME_LIMITED' OR follow_up_on IS NOT NULL",
        ),
    )
    op.create_index(
        "ix_right_to_rent_checks_contact",
        table,
        ["tenant_id", "contact_id", "checked_on", "id"],
    )


def upgrade() -> None:
    _create_identity_documents()
    _create_kyc_checks()
    _create_aml_screenings()
    _create_right_to_rent_checks()
    for table in TABLES:
        isolate_tenant_table(table)


def downgrade() -> None:
    for table in reversed(TABLES):
        release_tenant_table(table)
        op.drop_table(table)
