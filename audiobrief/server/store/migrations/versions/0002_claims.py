"""Claims: which worker is making a briefing and when it last said so, so that a briefing whose
worker died is taken over and one whose worker lives is never made twice.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the claim columns to briefings (ALTER TABLE ADD COLUMN: on SQLite a batch migration would
    copy the table, and dropping the old copy would cascade to the inputs)."""
    op.add_column("briefings", sa.Column("claimed_by", sa.Text, nullable=False, server_default=sa.text("''")))
    op.add_column("briefings", sa.Column("heartbeat_at", sa.Float))


def downgrade() -> None:
    """Drop the claim columns."""
    op.drop_column("briefings", "heartbeat_at")
    op.drop_column("briefings", "claimed_by")
