"""Each pasted or uploaded article as it was cleaned when the request was checked (its JSON form), so
the job reads it from there instead of cleaning it a second time. Inputs stored before have none and
are cleaned by the job as before.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add inputs.cleaned (nullable: ALTER TABLE ADD COLUMN, no copy of the table)."""
    op.add_column("inputs", sa.Column("cleaned", sa.Text))


def downgrade() -> None:
    """Drop the cleaned articles (the job cleans every input again)."""
    op.drop_column("inputs", "cleaned")
