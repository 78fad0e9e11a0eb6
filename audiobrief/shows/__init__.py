"""Shows: briefings made from RSS and Atom sources on a schedule, each show its own podcast feed.

The service API (audiobrief.shows.service.ShowService, built on the server's Store and Settings):

- create(slug, title, *, description, voice, schedule, sources, max_stories, max_per_source,
  keep_episodes, keep_days, public, owner_id) -> Show
- list_shows() -> list[Show]; get(slug) -> Show (ShowNotFound);
  update(slug, **changes) -> Show; remove(slug) (episodes and their files go too)
- add_source(slug, url) -> Show; remove_source(slug, url) -> Show;
  import_opml(slug, data, name) -> list of new URLs; export_opml(slug) -> OPML 2.0 bytes
- run(slug) -> RunResult: reads every source (guarded, conditional GET), picks the new entries
  (deduplicated by entry id and canonical link, N per source and in total, newest first), reads
  each entry's page (else the entry's own text) and hands one briefing to `submit`; nothing new
  makes no episode; a failing source is noted (Source.error, Source.error_at) and left out
- due(now) -> list[Show]; run_due(now) -> list[RunResult]: each due show once, its slot taken in
  the database first (two processes never make the same run); prune(slug) applies retention
- episodes(slug) -> list[Episode] (newest first; Story.origin is "page" or "entry");
  episode_show(briefing_id) -> slug or None

The service lives in audiobrief.shows.service (imported on its own: it loads the server's modules).
Errors are ShowError (ShowNotFound, ShowExists, RunBusy) or ScheduleError, one line each.
Modules: model (dataclasses), schedule (parse_schedule, next_run), feeds (read_feed, parse_feed,
canonical_link), stories (pick_entries, read_story), opml, records (the tables), service,
scheduler (the thread in `audiobrief serve`).
"""

from .model import Entry, Episode, Run, RunResult, Schedule, Show, Source, SourceFailure, Story
from .schedule import ScheduleError, next_run, parse_schedule

__all__ = ["Entry", "Episode", "Run", "RunResult", "Schedule", "ScheduleError", "Show", "Source",
           "SourceFailure", "Story", "next_run", "parse_schedule"]
