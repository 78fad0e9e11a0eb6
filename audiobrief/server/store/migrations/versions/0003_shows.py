"""Shows: titled, scheduled briefings made from RSS and Atom sources, each with its own feed.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

EMPTY = sa.text("''")


def upgrade() -> None:
    """Create the shows, their sources, the entries each has spoken, and its episodes."""
    op.create_table(
        "shows",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.Text, nullable=False, unique=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("description", sa.Text, nullable=False, server_default=EMPTY),
        sa.Column("voice", sa.Text, nullable=False),
        sa.Column("schedule", sa.Text, nullable=False, server_default=EMPTY),
        sa.Column("max_stories", sa.Integer, nullable=False),
        sa.Column("max_per_source", sa.Integer, nullable=False),
        sa.Column("keep_episodes", sa.Integer, nullable=False),
        sa.Column("keep_days", sa.Integer, nullable=False),
        sa.Column("owner_id", sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL")),
        sa.Column("public", sa.Integer, nullable=False, server_default=sa.text("1")),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("last_run_at", sa.Float),
        sa.Column("next_run_at", sa.Float),
        sa.Column("claimed_by", sa.Text, nullable=False, server_default=EMPTY),
        sa.Column("claimed_at", sa.Float),
    )
    op.create_table(
        "show_sources",
        sa.Column("show_id", sa.Integer, sa.ForeignKey("shows.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("url", sa.Text, primary_key=True),
        sa.Column("title", sa.Text, nullable=False, server_default=EMPTY),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("etag", sa.Text, nullable=False, server_default=EMPTY),
        sa.Column("last_modified", sa.Text, nullable=False, server_default=EMPTY),
        sa.Column("checked_at", sa.Float),
        sa.Column("error", sa.Text, nullable=False, server_default=EMPTY),
        sa.Column("error_at", sa.Float),
    )
    op.create_table(
        "show_seen",
        sa.Column("show_id", sa.Integer, sa.ForeignKey("shows.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("seen_at", sa.Float, nullable=False),
    )
    op.create_table(
        "show_episodes",
        sa.Column("briefing_id", sa.Text, sa.ForeignKey("briefings.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("show_id", sa.Integer, sa.ForeignKey("shows.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("stories", sa.Text, nullable=False),
    )
    op.create_index("ix_show_episodes_show_id", "show_episodes", ["show_id"])


def downgrade() -> None:
    """Drop the show tables."""
    op.drop_index("ix_show_episodes_show_id", "show_episodes")
    for table in ("show_episodes", "show_seen", "show_sources", "shows"):
        op.drop_table(table)
