"""The schema as of accounts and tokens: briefings, their inputs, users, sessions and API tokens.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

EMPTY = sa.text("''")


def upgrade() -> None:
    """Create every table (a database from before migrations already has briefings and inputs)."""
    present = set(sa.inspect(op.get_bind()).get_table_names())

    def create_table(name: str, *columns: sa.Column) -> None:
        if name not in present:
            op.create_table(name, *columns)

    create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False, unique=True),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("admin", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("feed_version", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    create_table(
        "briefings",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("title", sa.Text, nullable=False, server_default=EMPTY),
        sa.Column("requested_title", sa.Text, nullable=False, server_default=EMPTY),
        sa.Column("voice", sa.Text, nullable=False),
        sa.Column("rate", sa.Integer),
        sa.Column("pronunciations", sa.Text, nullable=False, server_default=sa.text("'{}'")),
        sa.Column("state", sa.Text, nullable=False, server_default=sa.text("'queued'")),
        sa.Column("stage", sa.Text, nullable=False, server_default=EMPTY),
        sa.Column("progress", sa.Float, nullable=False, server_default=sa.text("0")),
        sa.Column("error", sa.Text, nullable=False, server_default=EMPTY),
        sa.Column("attempts", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("finished_at", sa.Float),
        sa.Column("duration_ms", sa.Integer),
        sa.Column("mp3_bytes", sa.Integer),
        sa.Column("description", sa.Text, nullable=False, server_default=EMPTY),
        sa.Column("owner_id", sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL")),
        sa.Column("public", sa.Integer, nullable=False, server_default=sa.text("1")),
    )
    create_table(
        "inputs",
        sa.Column("briefing_id", sa.Text, sa.ForeignKey("briefings.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    create_table(
        "sessions",
        sa.Column("token_hash", sa.Text, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("csrf", sa.Text, nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
    )
    create_table(
        "api_tokens",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("token_hash", sa.Text, nullable=False, unique=True),
        sa.Column("created_at", sa.Float, nullable=False),
    )


def downgrade() -> None:
    """Drop every table."""
    for table in ("api_tokens", "sessions", "inputs", "briefings", "users"):
        op.drop_table(table)
