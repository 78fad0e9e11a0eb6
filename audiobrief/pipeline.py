"""Wires the stages: sources -> articles -> segments -> clips -> briefing, with one progress callback."""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from .assemble import BriefingMeta, assemble
from .cache import ClipCache
from .clean import clean
from .errors import OutputError
from .ingest import read_source
from .languages import voice_for_language
from .loudness import TARGET_LUFS
from .model import Article, Briefing, Clip, Segment, Voice
from .settings import data_home
from .speak import Expansion, Lexicon, load_lexicon, speak_line
from .synth import Synthesizer, SynthJob, start_worker
from .workers import WorkerPool, call_by_name


@dataclass(frozen=True)
class Progress:
    """One progress event: a stage name and how far it is."""

    stage: str  #: "read", "speak", "synthesize", "assemble", "done"
    done: int
    total: int
    message: str = ""


ProgressCallback = Callable[[Progress], None]


@dataclass(frozen=True)
class MakeOptions:
    """Everything that shapes a briefing besides its sources."""

    voice: Voice
    title: str | None = None
    lexicon: Lexicon = field(default_factory=load_lexicon)
    expand: Expansion = "first"
    allow_private_urls: bool = False
    workers: int | None = None
    target_lufs: float = TARGET_LUFS


@dataclass(frozen=True)
class Plan:
    """The segments to speak, each with the voice that speaks it."""

    segments: tuple[Segment, ...]
    voices: tuple[Voice, ...]
    articles: tuple[Article, ...]
    title: str
    notes: tuple[str, ...] = ()  #: things the summary line should mention (voice switches)


def read_articles(sources: Sequence[str], *, allow_private_urls: bool = False,
                  progress: ProgressCallback | None = None) -> list[Article]:
    """Ingest and clean every source, in order."""
    articles = []
    for number, source in enumerate(sources, 1):
        articles.append(clean(read_source(source, allow_private_urls=allow_private_urls)))
        if progress:
            progress(Progress("read", number, len(sources), source))
    return articles


def intro_text(articles: Sequence[Article]) -> str:
    """The spoken opening of a briefing with several stories."""
    titles = [a.title or f"story {n}" for n, a in enumerate(articles, 1)]
    listing = "; ".join(f"{n}: {t.rstrip('.')}" for n, t in enumerate(titles, 1))
    return f"This briefing has {len(articles)} stories. {listing}."


def briefing_title(articles: Sequence[Article], requested: str | None) -> str:
    """The title given, the single article's title, or a dated one."""
    if requested:
        return requested
    if len(articles) == 1 and articles[0].title:
        return articles[0].title
    return f"Briefing, {date.today():%B} {date.today().day}, {date.today().year}"


def plan_briefing(articles: Sequence[Article], options: MakeOptions, pool: WorkerPool) -> Plan:
    """Segment and speak every article (titles first, an intro for several), on pool workers."""
    planned = [pool.call(call_by_name, "audiobrief.tasks:plan_article", article, index,
                         options.lexicon, options.expand)
               for index, article in enumerate(articles)]
    segments: list[Segment] = []
    voices: list[Voice] = []
    notes: list[str] = []
    if len(articles) > 1:
        text = intro_text(articles)
        spoken = speak_line(text, options.lexicon, options.expand)
        segments.append(Segment("intro-s0", -1, 0, 0, text, spoken))
        voices.append(options.voice)
    for index, (article, article_segments) in enumerate(zip(articles, planned, strict=True)):
        voice = voice_for_language(options.voice, article.language)
        if voice is not options.voice:
            notes.append(f"article {index + 1} is in '{article.language}': "
                         f"read with espeak-ng voice {voice.engine_voice}")
        spoken_segments = article_segments()
        segments.extend(spoken_segments)
        voices.extend([voice] * len(spoken_segments))
    title = briefing_title(articles, options.title)
    return Plan(tuple(segments), tuple(voices), tuple(articles), title, tuple(notes))


def check_output(out: Path) -> None:
    """Fail before any work when out cannot be written."""
    folder = out.parent if str(out.parent) else Path(".")
    if out.suffix.lower() != ".mp3":
        raise OutputError(f"'{out}' does not end in .mp3: name the output like briefing.mp3")
    if not folder.is_dir():
        raise OutputError(f"folder '{folder}' does not exist: create it or choose another -o")
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise OutputError(f"folder '{folder}' is not writable ({exc.strerror}): choose another -o") from exc


def render(plan: Plan, out: Path, options: MakeOptions, pool: WorkerPool,
           progress: ProgressCallback | None = None) -> Briefing:
    """Synthesize and assemble a planned briefing into out."""
    home = data_home()
    cache = ClipCache(home / "cache" / "clips")
    jobs = [SynthJob(s.id, s.spoken, v) for s, v in zip(plan.segments, plan.voices, strict=True)]

    def on_clip(done: int, total: int) -> None:
        if progress:
            progress(Progress("synthesize", done, total))

    cover = pool.call(call_by_name, "audiobrief.cover:render_cover", plan.title)
    gains = {voice: pool.call(call_by_name, "audiobrief.synth:calibrate", voice, cache,
                              home / "cache" / "loudness.json", options.target_lufs)
             for voice in dict.fromkeys(plan.voices)}
    voice_of = {s.id: v for s, v in zip(plan.segments, plan.voices, strict=True)}

    def gain_for(clip: Clip) -> float:
        return gains[voice_of[clip.segment_id]]()

    clips = Synthesizer(cache, pool).run(jobs, on_clip)
    meta = replace(_meta(plan), cover_png=cover())
    briefing = assemble(plan.segments, clips, options.voice, gain_for, out, meta, pool)
    cache.prune()
    if progress:
        progress(Progress("done", len(jobs), len(jobs), str(out)))
    return briefing


def _meta(plan: Plan) -> BriefingMeta:
    bylines = list(dict.fromkeys(a.byline for a in plan.articles if a.byline))
    dates = sorted(a.date for a in plan.articles if a.date)
    return BriefingMeta(
        title=plan.title,
        artist=", ".join(bylines) or "audiobrief",
        date=dates[-1] if dates else date.today().isoformat(),
        language=plan.articles[0].language if plan.articles else "en",
        chapter_titles=tuple(a.title or f"Article {n}" for n, a in enumerate(plan.articles, 1)),
    )


def make_briefing(sources: Sequence[str], out: Path, options: MakeOptions,
                  progress: ProgressCallback | None = None) -> tuple[Briefing, Plan]:
    """The whole job: read, clean, segment, speak, synthesize, assemble."""
    check_output(out)
    with WorkerPool(options.workers, initializer=start_worker) as pool:
        failures: list[BaseException] = []
        starting = threading.Thread(target=_start_workers, args=(pool, options, failures), daemon=True)
        starting.start()
        articles = read_articles(sources, allow_private_urls=options.allow_private_urls,
                                 progress=progress)
        starting.join()
        if failures:
            raise failures[0]
        plan = plan_briefing(articles, options, pool)
        return render(plan, out, options, pool, progress), plan


def make_from_articles(articles: Sequence[Article], out: Path, options: MakeOptions,
                       progress: ProgressCallback | None = None) -> tuple[Briefing, Plan]:
    """Plan and render articles already read (the web app's jobs), on one worker pool."""
    with WorkerPool(options.workers, initializer=start_worker) as pool:
        plan = plan_briefing(articles, options, pool)
        return render(plan, out, options, pool, progress), plan


def _start_workers(pool: WorkerPool, options: MakeOptions, failures: list[BaseException]) -> None:
    """Start the workers (their start-up imports take a while) by calibrating the voice, while
    the calling thread reads and cleans the articles; a failure is handed back in failures."""
    home = data_home()
    try:
        pool.call(call_by_name, "audiobrief.synth:calibrate", options.voice,
                  ClipCache(home / "cache" / "clips"), home / "cache" / "loudness.json",
                  options.target_lufs)()
    except Exception as exc:
        failures.append(exc)
