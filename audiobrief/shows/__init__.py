"""Shows: briefings made from RSS and Atom sources on a schedule, each show its own podcast feed.

The service API (audiobrief.shows.service.ShowService, built on the server's Store and Settings, a
`submit` for episodes and an `enqueue` for runs):

- create(slug, title, *, description, voice, schedule, sources, max_stories, max_per_source,
  keep_episodes, keep_days, public, owner_id) -> Show
- list_shows() -> list[Show]; get(slug) -> Show (ShowNotFound);
  update(slug, **changes) -> Show; remove(slug) (episodes, their files and the cover go too)
- add_source(slug, url) -> Show; remove_source(slug, url) -> Show;
  import_opml(slug, data, name) -> list of new URLs; export_opml(slug, credentials) -> OPML 2.0 bytes
- request_run(slug) -> Run: a run asked for, stored as queued and handed to `enqueue` (the run
  queue's threads, or a Celery task), never made on the request path; RunBusy while the show has one
  waiting or going, RunsFull / AccountRunsFull over the bounds on runs, OverQuota over the quota
- execute(run_id) -> RunResult | None: makes a queued run under a claim renewed by heartbeats: reads
  the sources several at once (guarded, conditional GET), picks the new entries (deduplicated by
  entry id and canonical link, N per source and in total, newest first), reads each entry's page
  (else the entry's own text) and hands one briefing to `submit`; nothing new makes no episode; a
  failing source is noted (Source.error, Source.error_at) and left out; an account that may make no
  more briefings gets a refused run saying why. run(slug) asks for one and makes it here and now.
- get_run(slug, run_id), recent_runs(slug); due(now), run_due(now) -> list[Run]: each due show's
  run queued once, its slot taken in the database first; pending_runs(), revive_runs(): the runs to
  take up after a restart or a dead process; prune(slug) applies retention
- episodes(slug) -> list[Episode] (newest first; Story.origin is "page" or "entry");
  episode(briefing_id) -> Episode or None

The service lives in audiobrief.shows.service (imported on its own: it loads the server's modules).
Errors (audiobrief.shows.errors) are ShowError and its kinds, or ScheduleError, one line each.
Modules: model (dataclasses), schedule (parse_schedule, next_run), checks (each field checked),
feeds (read_feed, parse_feed, canonical_link), stories (pick_entries, read_story), reading (several
at once), making (a run's work), opml, cover, records and run_records (the tables), service,
run_queue (the embedded server's run threads), scheduler (the thread in `audiobrief serve`).
"""

from .model import Entry, Episode, Run, RunResult, Schedule, Show, Source, SourceFailure, Story
from .schedule import ScheduleError, next_run, parse_schedule

__all__ = ["Entry", "Episode", "Run", "RunResult", "Schedule", "ScheduleError", "Show", "Source",
           "SourceFailure", "Story", "next_run", "parse_schedule"]
