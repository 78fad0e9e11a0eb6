"""Show runs: each run of a show is a row, queued and made off the request path (one at a time for
a show: its `active` column is unique); the shows' own run lock goes. Shows keep at least one
episode, and the text they stored before titles were cleaned is cleaned now.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from audiobrief.invisible import plain_title
from audiobrief.netguard import display_url

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

EMPTY = sa.text("''")
KEEP_EPISODES = 30  #: the default a show with no bound by count (0) is given


def upgrade() -> None:
    """Add show_runs; drop the shows' run lock; bound every show's episodes; clean stored text."""
    op.create_table(
        "show_runs",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("show_id", sa.Integer, sa.ForeignKey("shows.id", ondelete="CASCADE"), nullable=False),
        sa.Column("active", sa.Integer, unique=True),
        sa.Column("trigger", sa.Text, nullable=False),
        sa.Column("state", sa.Text, nullable=False, server_default=sa.text("'queued'")),
        sa.Column("outcome", sa.Text, nullable=False, server_default=EMPTY),
        sa.Column("message", sa.Text, nullable=False, server_default=EMPTY),
        sa.Column("briefing_id", sa.Text, sa.ForeignKey("briefings.id", ondelete="SET NULL")),
        sa.Column("failures", sa.Text, nullable=False, server_default=sa.text("'[]'")),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("started_at", sa.Float),
        sa.Column("finished_at", sa.Float),
        sa.Column("claimed_by", sa.Text, nullable=False, server_default=EMPTY),
        sa.Column("heartbeat_at", sa.Float),
    )
    op.create_index("ix_show_runs_show_id", "show_runs", ["show_id"])
    op.drop_column("shows", "claimed_at")
    op.drop_column("shows", "claimed_by")
    op.execute(sa.text("UPDATE shows SET keep_episodes = :keep WHERE keep_episodes < 1")
               .bindparams(keep=KEEP_EPISODES))
    _clean_stored_text()


def _clean_stored_text() -> None:
    """Titles and descriptions without bidi controls or control characters, stories' links and feeds
    without user names and passwords (as they are stored from now on)."""
    db = op.get_bind()
    shows = sa.table("shows", sa.column("id"), sa.column("title"), sa.column("description"))
    for show_id, title, description in db.execute(sa.select(shows.c.id, shows.c.title, shows.c.description)):
        db.execute(shows.update().where(shows.c.id == show_id).values(
            title=plain_title(title) or "Untitled show", description=plain_title(description)))
    sources = sa.table("show_sources", sa.column("show_id"), sa.column("url"), sa.column("title"))
    for show_id, url, title in db.execute(sa.select(sources.c.show_id, sources.c.url, sources.c.title)):
        db.execute(sources.update().where(sources.c.show_id == show_id, sources.c.url == url)
                   .values(title=plain_title(title)))
    episodes = sa.table("show_episodes", sa.column("briefing_id"), sa.column("stories"))
    for briefing_id, stories in db.execute(sa.select(episodes.c.briefing_id, episodes.c.stories)):
        cleaned = [{**story, "title": plain_title(story["title"]), "link": display_url(story["link"]),
                    "source": display_url(story["source"])} for story in json.loads(stories)]
        db.execute(episodes.update().where(episodes.c.briefing_id == briefing_id)
                   .values(stories=json.dumps(cleaned)))


def downgrade() -> None:
    """Drop show_runs and give the shows their run lock back (cleaned text stays clean)."""
    op.add_column("shows", sa.Column("claimed_by", sa.Text, nullable=False, server_default=EMPTY))
    op.add_column("shows", sa.Column("claimed_at", sa.Float))
    op.drop_index("ix_show_runs_show_id", "show_runs")
    op.drop_table("show_runs")
