"""A random salt per account in its private feed's key, so that a new account never gets the key of
a removed one whose id the database gave out again. Accounts made before keep an empty salt, and
with it the key their subscribers already have, until their feed is reset.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add users.feed_salt (ALTER TABLE ADD COLUMN: a batch copy of users would cascade on SQLite)."""
    op.add_column("users", sa.Column("feed_salt", sa.Text, nullable=False, server_default=sa.text("''")))


def downgrade() -> None:
    """Drop the salt (accounts made since then lose their feed address)."""
    op.drop_column("users", "feed_salt")
