"""The `audiobrief` command: make, clean, speak-text, voices, serve, and the server's users and tokens."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .audio.lifeline import kill_children
from .errors import AudiobriefError
from .netguard import PrivateAddressError
from .shows.cli import add_show_parser, cmd_show

if TYPE_CHECKING:
    from .model import Article
    from .server.config import Settings

EXIT_ERROR = 1
EXIT_INTERNAL = 70
PRIVATE_URL_FIX = "use --allow-private-urls if you mean it"
EXIT_INTERRUPTED = 128 + signal.SIGINT
EXIT_TERMINATED = 128 + signal.SIGTERM


class Terminated(BaseException):
    """SIGTERM arrived: unwind like Ctrl-C, so workers are stopped and scratch files removed."""


@contextmanager
def sigterm_unwinds() -> Iterator[None]:
    """Within the block, SIGTERM raises Terminated in the main thread (once: a second SIGTERM
    ends the process at once, as by default). For `make`, which has workers and scratch files to
    clean up; `serve` is uvicorn's (a graceful stop, then the process ends by the signal itself,
    which service managers count as a clean stop)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def unwind(signum: int, frame: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        raise Terminated

    previous = signal.signal(signal.SIGTERM, unwind)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _add_speech_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lexicon", action="append", type=Path, default=[], metavar="FILE",
                        help="extra pronunciations (same format as the built-in lexicon); "
                             "repeatable; overrides built-in entries")
    parser.add_argument("--expand", choices=["first", "always", "never"], default="first",
                        help="say what an acronym stands for at its first mention (default), "
                             "every time, or never")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="audiobrief", description="Spoken MP3 briefings from news articles, offline.")
    parser.add_argument("--version", action="version", version=f"audiobrief {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    make = commands.add_parser("make", help="make one MP3 briefing from articles")
    make.add_argument("inputs", nargs="+", metavar="INPUT",
                      help=".txt, .md, .html or .json (from clean --json) file, an http(s) URL, "
                           "or - for standard input")
    make.add_argument("-o", "--output", required=True, type=Path, metavar="OUT.mp3")
    make.add_argument("--voice", default=None, help="voice preset (see `audiobrief voices`)")
    make.add_argument("--rate", type=int, default=None, metavar="WPM",
                      help="speaking rate in words per minute (80-450)")
    make.add_argument("--title", default=None, help="briefing title (default: the article's)")
    make.add_argument("--allow-private-urls", action="store_true",
                      help="allow URLs on loopback or private networks")
    _add_speech_options(make)

    clean = commands.add_parser("clean", help="show what will be read from an article, and what was left out")
    clean.add_argument("input", metavar="INPUT")
    clean.add_argument("--json", action="store_true",
                       help="print JSON, what was left out included (make reads it back as it is)")
    clean.add_argument("--left-out", action="store_true",
                       help="print what was left out (menus, captions, promos, ...), each with its reason")
    clean.add_argument("--allow-private-urls", action="store_true",
                       help="allow URLs on loopback or private networks")

    speak = commands.add_parser("speak-text", help="print the spoken form of text, line by line")
    speak.add_argument("text", nargs="?", help="text to normalise (default: standard input)")
    speak.add_argument("--explain", action="store_true",
                       help="after each line, list each change and the rule that made it")
    speak.add_argument("--voice", default=None,
                       help="voice preset whose language variety (en-us or en-gb) to say it in")
    _add_speech_options(speak)

    commands.add_parser("voices", help="list the voice presets")

    serve = commands.add_parser("serve", help="run the web app and podcast feed")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")

    worker = commands.add_parser("worker",
                                 help="make briefings taken from AUDIOBRIEF_BROKER_URL (Celery on Redis)")
    worker.add_argument("--check", action="store_true",
                        help="check that the database and Redis answer within a second, print one line "
                             "and exit (0 ready, 1 not)")
    worker.add_argument("--metrics-port", type=int, default=None, metavar="N",
                        help="serve this worker's metrics (Prometheus text format) on port N")
    worker.add_argument("--metrics-host", default="127.0.0.1",
                        help="address for --metrics-port to listen on (default 127.0.0.1)")

    database = commands.add_parser("db", help="the web server's database")
    database_commands = database.add_subparsers(dest="action", required=True, metavar="ACTION")
    database_commands.add_parser("upgrade", help="migrate the database to the newest schema")

    user = commands.add_parser("user", help="the web server's accounts")
    user_commands = user.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = user_commands.add_parser("add", help="add an account (password from a prompt or standard input)")
    add.add_argument("name")
    add.add_argument("--admin", action="store_true", help="may delete anyone's briefings and sees all")
    user_commands.add_parser("list", help="list the accounts")
    remove = user_commands.add_parser("remove", help="remove an account with its briefings, sessions, tokens")
    remove.add_argument("name")
    password = user_commands.add_parser("password", help="set a new password (logs out its sessions)")
    password.add_argument("name")
    reset = user_commands.add_parser("reset-feed", help="give an account's private feed a new address")
    reset.add_argument("name")

    token = commands.add_parser("token", help="API tokens (Authorization: Bearer) for the web server")
    token_commands = token.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = token_commands.add_parser("create", help="create a token for an account; it is printed once")
    create.add_argument("name", help="the account")
    create.add_argument("--label", default="", help="what the token is for (shown by `token list`)")
    listing = token_commands.add_parser("list", help="list tokens (not the tokens themselves)")
    listing.add_argument("name", nargs="?", help="only this account's")
    revoke = token_commands.add_parser("revoke", help="revoke a token by the number `token list` shows")
    revoke.add_argument("id", type=int)
    add_show_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: run one subcommand, turning known errors into one line on stderr."""
    args = build_parser().parse_args(argv)
    try:
        handler = {"make": cmd_make, "clean": cmd_clean, "speak-text": cmd_speak_text,
                   "voices": cmd_voices, "serve": cmd_serve, "user": cmd_user,
                   "token": cmd_token, "db": cmd_db,
                   "worker": cmd_worker, "show": cmd_show}[args.command]
        return handler(args)
    except PrivateAddressError as exc:
        print(f"audiobrief: error: {exc.with_fix(PRIVATE_URL_FIX)}", file=sys.stderr)
        return EXIT_ERROR
    except AudiobriefError as exc:
        print(f"audiobrief: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        kill_children()
        print("audiobrief: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Terminated:
        kill_children()
        print("audiobrief: terminated (SIGTERM)", file=sys.stderr)
        return EXIT_TERMINATED
    except Exception as exc:
        if os.environ.get("AUDIOBRIEF_DEBUG"):
            raise
        print(f"audiobrief: internal error: {type(exc).__name__}: {exc} "
              "(set AUDIOBRIEF_DEBUG=1 for details and please report it)", file=sys.stderr)
        return EXIT_INTERNAL


def cmd_make(args: argparse.Namespace) -> int:
    """Make one briefing and print a summary line. The speech workers start first: their
    start-up (an interpreter, the engine, a voice model) overlaps everything else before the
    first clip (this process's imports, reading, cleaning, the speak stage)."""
    from dataclasses import replace

    from .audio.synth import engine_pool
    from .presets import DEFAULT_VOICE, load_voice

    voice = load_voice(args.voice or DEFAULT_VOICE)
    if args.rate is not None:
        if not 80 <= args.rate <= 450:
            raise AudiobriefError(f"--rate {args.rate} is out of range: give 80 to 450 words a minute")
        voice = replace(voice, rate=args.rate)
    with sigterm_unwinds(), engine_pool(voice) as pool:
        from .invisible import plain_title
        from .pipeline import MakeOptions, make_briefing
        from .progress import ProgressBar
        from .speak import load_lexicon

        options = MakeOptions(voice=voice, title=plain_title(args.title or "") or None,
                              lexicon=load_lexicon(args.lexicon), expand=args.expand,
                              allow_private_urls=args.allow_private_urls)
        with ProgressBar(enabled=sys.stderr.isatty()) as bar:
            briefing, plan = make_briefing(args.inputs, args.output, options, bar.update, pool)
    minutes, seconds = divmod(round(briefing.duration_ms / 1000), 60)
    notes = "".join(f"; {note}" for note in plan.notes)
    print(f"{briefing.mp3}: {minutes}:{seconds:02d}, {len(briefing.cues)} segments, "
          f"{len(briefing.chapters)} chapter{'s' * (len(briefing.chapters) != 1)} "
          f"(transcript {briefing.vtt}){notes}")
    return 0


def cmd_clean(args: argparse.Namespace) -> int:
    """Print the cleaned article as text or JSON, or what was left out of it."""
    from .clean import clean
    from .clean.saved import article_record
    from .ingest import read_source
    from .settings import fetch_deadline_s

    article = clean(read_source(args.input, allow_private_urls=args.allow_private_urls,
                                deadline_s=fetch_deadline_s()))
    if args.json:
        print(json.dumps(article_record(article), ensure_ascii=False, indent=1))
        return 0
    if args.left_out:
        print(left_out_text(article))
        return 0
    head = [article.title] if article.title else []
    if article.byline:
        head.append(f"By {article.byline}")
    print("\n\n".join([*head, *article.paragraphs]))
    return 0


def left_out_text(article: Article) -> str:
    """The blocks left out of an article as text: each numbered, with its reason and place."""
    lines = [f"Left out of '{article.source}': {len(article.left_out)} "
             f"block{'s' * (len(article.left_out) != 1)}"]
    for number, block in enumerate(article.left_out, 1):
        place = (f"after paragraph {block.after_paragraph + 1}" if block.after_paragraph >= 0
                 else "before the first paragraph")
        lines.append(f"\n{number}. {block.reason}, {place}:")
        lines.extend(f"   {line}" for line in block.text.splitlines())
    return "\n".join(lines)


def cmd_speak_text(args: argparse.Namespace) -> int:
    """One spoken line per input line; with --explain, each change after its line."""
    from .ingest import MAX_INPUT_BYTES
    from .presets import DEFAULT_VOICE, load_voice
    from .speak import explain_line, load_lexicon, speak_line, variety_of_voice

    lexicon = load_lexicon(args.lexicon)
    variety = variety_of_voice(load_voice(args.voice or DEFAULT_VOICE).engine_voice)
    text = args.text if args.text is not None else sys.stdin.read(MAX_INPUT_BYTES + 1)
    if len(text) > MAX_INPUT_BYTES:
        raise AudiobriefError("standard input is over the 5 MB limit: give less text at a time")
    lines = text.splitlines()
    for line in lines:
        spoken = " ".join(speak_line(line, lexicon, args.expand, variety).split())
        print(spoken)
        if args.explain:
            for change in explain_line(line, lexicon, args.expand, variety):
                print(f"    {change.written!r} -> {change.spoken!r}  [{change.rule}]")
    return 0


def cmd_voices(args: argparse.Namespace) -> int:
    """List the presets: engine, language, sample rate and where each came from."""
    from .engines import sample_rate
    from .presets import DEFAULT_VOICE, list_voices

    for voice in list_voices():
        marker = " (default)" if voice.name == DEFAULT_VOICE else ""
        print(f"{voice.name:18s} {voice.engine:9s} {voice.language:3s} {sample_rate(voice):5d} Hz "
              f"{voice.rate:3d} wpm  {voice.origin:8s} {voice.description}{marker}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Run the web app with uvicorn until interrupted."""
    import uvicorn

    from .server.app import create_app
    from .server.http.guard import exposure_problem
    from .server.http.timeouts import uvicorn_options
    from .server.store.accounts import Accounts
    from .server.store.records import server_data

    settings, store = server_data()
    problem = exposure_problem(args.host, settings, Accounts(store).exist())
    if problem:
        raise AudiobriefError(problem)
    app = create_app(settings)
    uvicorn.run(app, host=args.host, port=args.port, **uvicorn_options(settings))
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    """Run a Celery worker that makes briefings and show runs until stopped (SIGTERM finishes the ones
    in hand)."""
    from .server.config import Settings
    from .server.jobs.broker import worker_app, worker_maker, worker_queues

    settings = Settings.from_env()
    if not settings.broker_url:
        raise AudiobriefError("AUDIOBRIEF_BROKER_URL is not set: set it to the redis:// address the web "
                              "server enqueues briefings on")
    if args.check:
        return worker_check(settings)
    worker_maker()  # opens (and migrates) the database before the first task
    if args.metrics_port is not None:
        from prometheus_client import start_http_server

        start_http_server(args.metrics_port, addr=args.metrics_host)
    app = worker_app(settings)
    briefings, runs, threads = worker_queues(settings)
    app.worker_main(["worker", "--pool=threads", f"--concurrency={threads}", f"--queues={briefings},{runs}",
                     "--loglevel=INFO",
                     "--without-gossip", "--without-mingle", "--without-heartbeat",
                     f"--hostname=audiobrief-{os.getpid()}@%h"])
    return 0


def worker_check(settings: Settings) -> int:
    """The readiness checks of /readyz as a command: one line, 0 when ready, 1 when not."""
    from .server.services.health import readiness
    from .server.store.database import make_engine, ping

    engine = make_engine(settings.store_target)
    checks = readiness(settings, lambda: ping(engine))
    failed = checks.failing()
    if failed:
        print(f"not ready: {', '.join(failed)} out of reach")
        return 1
    print(f"ready: {', '.join(checks.names)} reachable")
    return 0


def cmd_db(args: argparse.Namespace) -> int:
    """Migrate the server's database to the newest schema (opening the store does it)."""
    from .server.store.database import current_revision
    from .server.store.records import server_data

    store = server_data()[1]
    print(f"the database is at revision {current_revision(store.engine)}, the newest")
    return 0


def read_password() -> str:
    """A new password: asked twice on a terminal, else the first line of standard input."""
    import getpass

    from .server.store.accounts import MAX_PASSWORD, AccountError, check_password

    if not sys.stdin.isatty():
        return check_password(sys.stdin.readline(MAX_PASSWORD + 3).rstrip("\r\n"))  # a longer line is refused
    password = check_password(getpass.getpass("Password: "))
    if getpass.getpass("Password again: ") != password:
        raise AccountError("the two passwords differ: run the command again")
    return password


def cmd_user(args: argparse.Namespace) -> int:
    """Add, list or remove accounts, change a password, or reset an account's private feed address."""
    from .server.jobs.runner import remove_files
    from .server.store.accounts import Accounts, check_name
    from .server.store.records import server_data

    settings, store = server_data()
    accounts = Accounts(store)
    if args.action == "add":
        user = accounts.add(check_name(args.name), read_password(), admin=args.admin)
        print(f"added {'admin ' if user.admin else ''}account '{user.name}'")
    elif args.action == "list":
        for user in accounts.all():
            print(f"{user.name}{' (admin)' if user.admin else ''}")
    elif args.action == "remove":
        user = accounts.named(args.name)
        for record in store.select(owner_id=user.id):
            store.delete(record.id)
            remove_files(settings, record.id)
        accounts.remove(user.name)
        print(f"removed account '{user.name}' and its briefings")
    elif args.action == "password":
        accounts.set_password(accounts.named(args.name).name, read_password())
        print(f"new password for '{args.name}'; its sessions are logged out")
    else:
        accounts.reset_feed(args.name)
        print(f"the private feed of '{args.name}' has a new address (shown on its account page); "
              "the old one no longer works")
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    """Create, list or revoke API tokens."""
    from datetime import UTC, datetime

    from .server.store.accounts import Accounts
    from .server.store.records import server_data

    accounts = Accounts(server_data()[1])
    if args.action == "create":
        print(accounts.create_token(args.name, args.label))
        print("keep it safe: it is shown only this once (send it as Authorization: Bearer TOKEN)",
              file=sys.stderr)
    elif args.action == "list":
        for token in accounts.tokens(args.name):
            made = datetime.fromtimestamp(token.created_at, UTC).strftime("%Y-%m-%d %H:%M UTC")
            print(f"{token.id}\t{token.user}\t{made}\t{token.label}")
    else:
        accounts.revoke_token(args.id)
        print(f"revoked API token {args.id}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
