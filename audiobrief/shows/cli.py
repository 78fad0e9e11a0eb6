"""`audiobrief show ...`: add, list, run and remove shows, and manage their sources."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import AudiobriefError
from ..files import read_regular_file
from .model import Show
from .opml import MAX_OPML_BYTES
from .schedule import describe_next

if TYPE_CHECKING:
    from .service import ShowService


def add_show_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The `show` command and its actions."""
    show = commands.add_parser("show", help="shows: briefings made from RSS/Atom sources on a schedule")
    actions = show.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="add a show")
    add.add_argument("slug", metavar="SLUG", help="the show's name in addresses: like morning-news")
    add.add_argument("--title", required=True, metavar="TEXT")
    add.add_argument("--source", action="append", default=[], metavar="URL",
                     help="an RSS or Atom feed; repeatable")
    add.add_argument("--schedule", default="", metavar="TEXT",
                     help="like 'every day at 06:30 Europe/Berlin', 'weekdays at 07:00' or 'every 4 hours'")
    add.add_argument("--voice", metavar="NAME", help="a voice preset (see `audiobrief voices`)")
    add.add_argument("--max-stories", type=int, metavar="N", help="stories in one episode")
    actions.add_parser("list", help="list the shows")
    run = actions.add_parser("run", help="make an episode now; prints its MP3 path, or `nothing new`")
    run.add_argument("slug", metavar="SLUG")
    remove = actions.add_parser("remove", help="remove a show with its episodes")
    remove.add_argument("slug", metavar="SLUG")
    sources = actions.add_parser("sources", help="list, add, remove, import or export a show's sources")
    sources.add_argument("slug", metavar="SLUG")
    sources.add_argument("--add", action="append", default=[], metavar="URL")
    sources.add_argument("--remove", action="append", default=[], metavar="URL")
    sources.add_argument("--import", dest="import_file", type=Path, metavar="OPML")
    sources.add_argument("--export", action="store_true", help="print the sources as OPML")


def cmd_show(args: argparse.Namespace) -> int:
    """Run one `show` action."""
    from ..server.store.records import server_data
    from .service import ShowService

    settings, store = server_data()
    service = ShowService(store, settings)
    if args.action == "add":
        show = service.create(args.slug, args.title, sources=args.source, schedule=args.schedule,
                              voice=args.voice, max_stories=args.max_stories)
        print(f"added show '{show.slug}' with {len(show.sources)} source{'s' * (len(show.sources) != 1)}"
              + (f"; next run {_when(show)}" if show.schedule else ""))
    elif args.action == "list":
        for show in service.list_shows():
            schedule = show.schedule.text if show.schedule else "on demand"
            print(f"{show.slug}\t{show.title}\t{schedule}\t{_when(show)}\t{len(show.sources)} sources")
    elif args.action == "run":
        return _run(service, args.slug)
    elif args.action == "remove":
        service.remove(args.slug)
        print(f"removed show '{args.slug}' and its episodes")
    else:
        _sources(service, args)
    return 0


def _when(show: Show) -> str:
    if show.schedule is None or show.next_run_at is None:
        return "-"
    return describe_next(show.schedule, datetime.fromtimestamp(show.next_run_at, UTC))


def _run(service: ShowService, slug: str) -> int:
    """Make an episode here and now (not through a server's queue) and print its MP3 path."""
    from ..cancel import CancelToken
    from ..server.jobs.runner import JobRunner, briefing_dir

    result = service.run(slug)
    for failure in result.failures:
        print(f"audiobrief: warning: {failure.error}", file=sys.stderr)
    if result.outcome == "refused":
        raise AudiobriefError(f"show '{slug}' made nothing: {result.message}")
    if result.episode is None:
        print("nothing new")
        return 0
    briefing_id = result.episode.briefing_id
    runner = JobRunner(service.settings, service.store)
    try:
        if service.store.start(briefing_id) and (record := service.store.get(briefing_id)):
            runner.make_claimed(record, CancelToken())  # nobody else can cancel it here
    finally:
        runner.pools.close()
    record = service.store.get(briefing_id)
    if record is None or record.state != "done":
        reason = record.error if record else "it was deleted while being made"
        raise AudiobriefError(f"the episode of show '{slug}' failed: {reason}")
    print(briefing_dir(service.settings, briefing_id) / "audio.mp3")
    return 0


def _sources(service: ShowService, args: argparse.Namespace) -> None:
    """List the sources, or add, remove, import or export them."""
    for url in args.add:
        service.add_source(args.slug, url)
        print(f"added source {url}", file=sys.stderr)
    for url in args.remove:
        service.remove_source(args.slug, url)
        print(f"removed source {url}", file=sys.stderr)
    if args.import_file is not None:
        data, _ = read_regular_file(args.import_file, MAX_OPML_BYTES,
                                    "give an OPML file exported by a feed reader")
        added = service.import_opml(args.slug, data, str(args.import_file))
        print(f"imported {len(added)} new source{'s' * (len(added) != 1)} from {args.import_file}",
              file=sys.stderr)
    if args.export:
        sys.stdout.write(service.export_opml(args.slug).decode("utf-8") + "\n")
    elif not (args.add or args.remove or args.import_file):
        for source in service.get(args.slug).sources:
            state = (f"failed: {source.error}" if source.error
                     else "ok" if source.checked_at else "not read yet")
            print(f"{source.url}\t{state}")
