"""Wires the stages: sources -> articles -> segments -> clips -> briefing, with one progress callback."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from .assemble import BriefingMeta, assemble
from .cache import ClipCache
from .clean import clean
from .cover import render_cover
from .errors import OutputError
from .ingest import read_source
from .languages import voice_for_language
from .loudness import CALIBRATION_TEXT, TARGET_LUFS, voice_gain_db
from .model import Article, Briefing, Clip, Segment, Voice
from .segment import segment_article
from .settings import data_home
from .speak import Expansion, Lexicon, load_lexicon, speak_article, speak_line
from .synth import Synthesizer, SynthJob, start_worker
from .workers import WorkerPool


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


def plan_briefing(articles: Sequence[Article], options: MakeOptions) -> Plan:
    """Segment and speak every article (titles first, an intro for several)."""
    segments: list[Segment] = []
    voices: list[Voice] = []
    notes: list[str] = []
    if len(articles) > 1:
        text = intro_text(articles)
        spoken = speak_line(text, options.lexicon, options.expand)
        segments.append(Segment("intro-s0", -1, 0, 0, text, spoken))
        voices.append(options.voice)
    for index, article in enumerate(articles):
        voice = voice_for_language(options.voice, article.language)
        if voice is not options.voice:
            notes.append(f"article {index + 1} is in '{article.language}': "
                         f"read with espeak-ng voice {voice.engine_voice}")
        spoken = speak_article(segment_article(article, index, with_title=True),
                               options.lexicon, options.expand)
        segments.extend(spoken)
        voices.extend([voice] * len(spoken))
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


def render(plan: Plan, out: Path, options: MakeOptions,
           progress: ProgressCallback | None = None) -> Briefing:
    """Synthesize and assemble a planned briefing into out."""
    home = data_home()
    cache = ClipCache(home / "cache" / "clips")
    calibrations = {voice: SynthJob(f"calibration-{n}", CALIBRATION_TEXT, voice)
                    for n, voice in enumerate(dict.fromkeys(plan.voices))}
    jobs = [*calibrations.values(),
            *(SynthJob(s.id, s.spoken, v) for s, v in zip(plan.segments, plan.voices, strict=True))]
    total = len(jobs)

    def on_clip(done: int, _total: int) -> None:
        if progress:
            progress(Progress("synthesize", done, total))

    gains: dict[str, float] = {}
    with WorkerPool(options.workers, initializer=start_worker) as pool:
        cover = pool.call(render_cover, plan.title)
        clips = Synthesizer(cache, pool).run(jobs, on_clip)
        for voice in calibrations:
            clip = next(clips)
            gains[_voice_key(voice)] = voice_gain_db(
                clip.path, home / "cache" / "loudness.json", clip.path.stem, options.target_lufs)

        voice_of = {s.id: v for s, v in zip(plan.segments, plan.voices, strict=True)}

        def gain_for(clip: Clip) -> float:
            return gains[_voice_key(voice_of[clip.segment_id])]

        meta = replace(_meta(plan), cover_png=cover())
        briefing = assemble(plan.segments, clips, options.voice, gain_for, out, meta, pool)
    cache.prune()
    if progress:
        progress(Progress("done", total, total, str(out)))
    return briefing


def _voice_key(voice: Voice) -> str:
    return f"{voice.engine_voice}|{voice.rate}|{voice.pitch}"


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
    articles = read_articles(sources, allow_private_urls=options.allow_private_urls,
                             progress=progress)
    plan = plan_briefing(articles, options)
    return render(plan, out, options, progress), plan
