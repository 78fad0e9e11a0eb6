"""The `audiobrief` command: make, clean, speak-text, voices."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import AudiobriefError

EXIT_ERROR = 1
EXIT_INTERNAL = 70


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
                      help=".txt, .md or .html file, an http(s) URL, or - for standard input")
    make.add_argument("-o", "--output", required=True, type=Path, metavar="OUT.mp3")
    make.add_argument("--voice", default=None, help="voice preset (see `audiobrief voices`)")
    make.add_argument("--rate", type=int, default=None, metavar="WPM",
                      help="speaking rate in words per minute (80-450)")
    make.add_argument("--title", default=None, help="briefing title (default: the article's)")
    make.add_argument("--allow-private-urls", action="store_true",
                      help="allow URLs on loopback or private networks")
    _add_speech_options(make)

    clean = commands.add_parser("clean", help="show what will be read from an article")
    clean.add_argument("input", metavar="INPUT")
    clean.add_argument("--json", action="store_true", help="print JSON")
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: run one subcommand, turning known errors into one line on stderr."""
    args = build_parser().parse_args(argv)
    try:
        handler = {"make": cmd_make, "clean": cmd_clean, "speak-text": cmd_speak_text,
                   "voices": cmd_voices, "serve": cmd_serve}[args.command]
        return handler(args)
    except AudiobriefError as exc:
        print(f"audiobrief: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("audiobrief: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if os.environ.get("AUDIOBRIEF_DEBUG"):
            raise
        print(f"audiobrief: internal error: {type(exc).__name__}: {exc} "
              "(set AUDIOBRIEF_DEBUG=1 for details and please report it)", file=sys.stderr)
        return EXIT_INTERNAL


def cmd_make(args: argparse.Namespace) -> int:
    """Make one briefing and print a summary line."""
    from dataclasses import replace

    from .pipeline import MakeOptions, make_briefing
    from .presets import DEFAULT_VOICE, load_voice
    from .progress import ProgressBar
    from .speak import load_lexicon

    voice = load_voice(args.voice or DEFAULT_VOICE)
    if args.rate is not None:
        if not 80 <= args.rate <= 450:
            raise AudiobriefError(f"--rate {args.rate} is out of range: give 80 to 450 words a minute")
        voice = replace(voice, rate=args.rate)
    options = MakeOptions(voice=voice, title=args.title, lexicon=load_lexicon(args.lexicon),
                          expand=args.expand, allow_private_urls=args.allow_private_urls)
    with ProgressBar(enabled=sys.stderr.isatty()) as bar:
        briefing, plan = make_briefing(args.inputs, args.output, options, bar.update)
    minutes, seconds = divmod(round(briefing.duration_ms / 1000), 60)
    notes = "".join(f"; {note}" for note in plan.notes)
    print(f"{briefing.mp3}: {minutes}:{seconds:02d}, {len(briefing.cues)} segments, "
          f"{len(briefing.chapters)} chapter{'s' * (len(briefing.chapters) != 1)} "
          f"(transcript {briefing.vtt}){notes}")
    return 0


def cmd_clean(args: argparse.Namespace) -> int:
    """Print the cleaned article as text or JSON."""
    from .clean import clean
    from .ingest import read_source

    article = clean(read_source(args.input, allow_private_urls=args.allow_private_urls))
    if args.json:
        print(json.dumps({"title": article.title, "byline": article.byline, "date": article.date,
                          "language": article.language, "paragraphs": list(article.paragraphs)},
                         ensure_ascii=False, indent=1))
        return 0
    head = [article.title] if article.title else []
    if article.byline:
        head.append(f"By {article.byline}")
    print("\n\n".join([*head, *article.paragraphs]))
    return 0


def cmd_speak_text(args: argparse.Namespace) -> int:
    """One spoken line per input line; with --explain, each change after its line."""
    from .presets import DEFAULT_VOICE, load_voice
    from .speak import explain_line, load_lexicon, speak_line, variety_of_voice

    lexicon = load_lexicon(args.lexicon)
    variety = variety_of_voice(load_voice(args.voice or DEFAULT_VOICE).engine_voice)
    lines = (args.text if args.text is not None else sys.stdin.read()).splitlines()
    for line in lines:
        spoken = " ".join(speak_line(line, lexicon, args.expand, variety).split())
        print(spoken)
        if args.explain:
            for change in explain_line(line, lexicon, args.expand, variety):
                print(f"    {change.written!r} -> {change.spoken!r}  [{change.rule}]")
    return 0


def cmd_voices(args: argparse.Namespace) -> int:
    """List the presets."""
    from .presets import DEFAULT_VOICE, list_voices

    for voice in list_voices():
        marker = " (default)" if voice.name == DEFAULT_VOICE else ""
        print(f"{voice.name:12s} {voice.engine_voice:12s} {voice.rate:3d} wpm  "
              f"{voice.description}{marker}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Run the web app with uvicorn until interrupted."""
    import uvicorn

    from .server import Settings, create_app

    app = create_app(Settings.from_env())
    uvicorn.run(app, host=args.host, port=args.port, timeout_graceful_shutdown=5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
