"""Listening state per account: where each account stopped in each briefing and whether it was
played, and each account's queue of briefings to play next ("Up next").

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add listening and up_next; both go with their account or briefing."""
    op.create_table(
        "listening",
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("briefing_id", sa.Text, sa.ForeignKey("briefings.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("position_s", sa.Float, nullable=False, server_default=sa.text("0")),
        sa.Column("played", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("updated_at", sa.Float, nullable=False),
    )
    op.create_index("ix_listening_briefing_id", "listening", ["briefing_id"])
    op.create_table(
        "up_next",
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("briefing_id", sa.Text, sa.ForeignKey("briefings.id", ondelete="CASCADE"), nullable=False),
    )
    op.create_index("ix_up_next_briefing_id", "up_next", ["briefing_id"])


def downgrade() -> None:
    """Drop both tables (listening state is lost)."""
    op.drop_index("ix_up_next_briefing_id", "up_next")
    op.drop_table("up_next")
    op.drop_index("ix_listening_briefing_id", "listening")
    op.drop_table("listening")
