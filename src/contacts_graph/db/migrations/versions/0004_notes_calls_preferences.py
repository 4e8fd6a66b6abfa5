"""Add the notes, calls and preferences tabs, tenant-isolated like the rest.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from contacts_graph.db.tenancy import isolate_tenant_table, release_tenant_table

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("contact_notes", "contact_calls", "contact_preferences")


def _timestamps() -> list[sa.Column]:
    return [
        sa.Column(
            name,
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        )
        for name in ("created_at", "updated_at")
    ]


def _contact_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["tenant_id", "contact_id"],
        ["contacts.tenant_id", "contacts.id"],
        name=op.f(f"fk_{table}_tenant_id_contact_id_contacts"),
        ondelete="CASCADE",
    )


def _create_notes() -> None:
    op.create_table(
        "contact_notes",
        sa.Column("contact_id", sa.Uuid(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column(
            "is_pinned", sa.Boolean(), server_default=sa.text("false"), nullable=False
        ),
        *_timestamps(),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        _contact_fk("contact_notes"),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_contact_notes")),
    )
    op.create_index(
        "ix_contact_notes_contact",
        "contact_notes",
        ["tenant_id", "contact_id", "created_at", "id"],
    )


def _create_calls() -> None:
    op.create_table(
        "contact_calls",
        sa.Column("contact_id", sa.Uuid(), nullable=False),
        sa.Column("direction", sa.String(length=16), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration_seconds", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("phone_number", sa.String(length=64), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        *_timestamps(),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.CheckConstraint(
            "direction IN ('INBOUND', 'OUTBOUND')",
            name=op.f("ck_contact_calls_direction_known"),
        ),
        sa.CheckConstraint(
            "outcome IN ('ANSWERED', 'MISSED', 'VOICEMAIL', 'BUSY', 'FAILED')",
            name=op.f("ck_contact_calls_outcome_known"),
        ),
        sa.CheckConstraint(
            "duration_seconds BETWEEN 0 AND 86400",
            name=op.f("ck_contact_calls_duration_in_range"),
        ),
        _contact_fk("contact_calls"),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_contact_calls")),
    )
    op.create_index(
        "ix_contact_calls_contact",
        "contact_calls",
        ["tenant_id", "contact_id", "started_at", "id"],
    )


def _create_preferences() -> None:
    op.create_table(
        "contact_preferences",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("contact_id", sa.Uuid(), nullable=False),
        sa.Column(
            "channels",
            postgresql.ARRAY(sa.Text()),
            server_default=sa.text("'{}'"),
            nullable=False,
        ),
        sa.Column("language", sa.String(length=35), nullable=True),
        sa.Column("quiet_hours_start", sa.Time(), nullable=True),
        sa.Column("quiet_hours_end", sa.Time(), nullable=True),
        sa.Column("time_zone", sa.String(length=64), nullable=True),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "channels <@ ARRAY['EMAIL', 'SMS', 'PHONE', 'POST', 'WHATSAPP', 'PUSH']"
            "::text[]",
            name=op.f("ck_contact_preferences_channels_known"),
        ),
        sa.CheckConstraint(
            "(quiet_hours_start IS NULL) = (quiet_hours_end IS NULL)",
            name=op.f("ck_contact_preferences_quiet_hours_paired"),
        ),
        _contact_fk("contact_preferences"),
        sa.PrimaryKeyConstraint(
            "tenant_id", "contact_id", name=op.f("pk_contact_preferences")
        ),
    )


def upgrade() -> None:
    _create_notes()
    _create_calls()
    _create_preferences()
    for table in TABLES:
        isolate_tenant_table(table)


def downgrade() -> None:
    for table in reversed(TABLES):
        release_tenant_table(table)
        op.drop_table(table)
