"""Wires the stages: sources -> articles -> segments -> clips -> briefing, with one progress callback."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from .audio.assemble import assemble
from .audio.cache import ClipCache
from .audio.cover import cover_key
from .audio.loudness import CALIBRATION_TEXT, TARGET_LUFS, known_gain_db, voice_gain_db
from .audio.synth import Synthesizer, SynthJob, engine_pool
from .audio.tags import BriefingMeta
from .audio.workers import WorkerPool, call_by_name
from .cancel import CancelToken
from .clean import clean
from .engines import engine_id, is_neural, voice_label
from .errors import OutputError
from .ingest import read_source
from .languages import voice_for_language
from .model import Article, Briefing, Clip, Segment, Voice
from .presets import list_voices
from .settings import DEFAULT_FETCH_DEADLINE_S, cache_limit_bytes, data_home, fetch_deadline_s
from .speak import Expansion, Lexicon, load_lexicon, speak_line, variety_of_voice
from .tasks import plan_article


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
    fetch_deadline_s: float = field(default_factory=fetch_deadline_s)  #: seconds one URL may take in all
    workers: int | None = None  #: engine processes (default: one per core)
    target_lufs: float = TARGET_LUFS
    cache_bytes: int = field(default_factory=cache_limit_bytes)  #: the audio cache's bound


@dataclass(frozen=True)
class Plan:
    """The segments to speak, each with the voice that speaks it."""

    segments: tuple[Segment, ...]
    voices: tuple[Voice, ...]
    articles: tuple[Article, ...]
    title: str
    notes: tuple[str, ...] = ()  #: things the summary line should mention (voice switches)


def read_articles(sources: Sequence[str], *, allow_private_urls: bool = False,
                  deadline_s: float = DEFAULT_FETCH_DEADLINE_S,
                  progress: ProgressCallback | None = None) -> list[Article]:
    """Ingest and clean every source, in order (each URL fetched within deadline_s seconds)."""
    articles = []
    for number, source in enumerate(sources, 1):
        articles.append(clean(read_source(source, allow_private_urls=allow_private_urls,
                                          deadline_s=deadline_s)))
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


def neural_voices(articles: Sequence[Article], voice: Voice) -> list[Voice]:
    """The neural presets, when an article is in another language than voice speaks."""
    if all(a.language.lower() in ("", voice.language.lower()) for a in articles):
        return []
    return [v for v in list_voices() if is_neural(v)]


def plan_briefing(articles: Sequence[Article], options: MakeOptions) -> Plan:
    """Segment and speak every article (titles first, an intro for several)."""
    segments: list[Segment] = []
    voices: list[Voice] = []
    notes: list[str] = []
    neural = neural_voices(articles, options.voice)
    if len(articles) > 1:
        text = intro_text(articles)
        spoken = speak_line(text, options.lexicon, options.expand,
                            variety_of_voice(options.voice.engine_voice))
        segments.append(Segment("intro-s0", -1, 0, 0, text, spoken))
        voices.append(options.voice)
    for index, article in enumerate(articles):
        voice = voice_for_language(options.voice, article.language, neural)
        if voice is not options.voice:
            notes.append(f"article {index + 1} is in '{article.language}': "
                         f"read with {voice_label(voice)}")
        spoken_segments = plan_article(article, index, options.lexicon, options.expand,
                                       variety_of_voice(voice.engine_voice))
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


class Calibrations:
    """Each voice's loudness gain: a calibration passage spoken on the pool, measured here, once
    per voice (and remembered on disk)."""

    def __init__(self, pool: WorkerPool, options: MakeOptions) -> None:
        self.pool, self.target_lufs = pool, options.target_lufs
        home = data_home()
        self.cache = ClipCache(home / "cache" / "clips", options.cache_bytes)
        self.measurements = home / "cache" / "loudness.json"
        self.gains: dict[Voice, float] = {}
        self.measuring: dict[Voice, Callable[[], Clip]] = {}  #: passages being spoken on the pool

    def start(self, voice: Voice) -> None:
        """Begin measuring a voice, unless that has begun or it was measured before."""
        if voice in self.gains or voice in self.measuring:
            return
        key = self.cache.path_for(engine_id(voice), voice, CALIBRATION_TEXT).stem
        known = known_gain_db(self.measurements, key, self.target_lufs)
        if known is not None:
            self.gains[voice] = known
            return
        self.measuring[voice] = self.pool.call(call_by_name, "audiobrief.audio.synth:synthesize_one",
                                               SynthJob("calibration", CALIBRATION_TEXT, voice),
                                               self.cache)

    def gain(self, voice: Voice) -> float:
        """The voice's gain in dB, waiting for its passage if need be."""
        self.start(voice)
        if voice not in self.gains:
            clip = self.measuring.pop(voice)()
            self.gains[voice] = voice_gain_db(clip.path, self.measurements, clip.path.stem,
                                              self.target_lufs)
        return self.gains[voice]


def render(plan: Plan, out: Path, options: MakeOptions, pool: WorkerPool,
           progress: ProgressCallback | None = None,
           calibrations: Calibrations | None = None, release_idle: bool = True,
           cancel: CancelToken | None = None) -> Briefing:
    """Synthesize and assemble a planned briefing into out; with release_idle, the workers are
    let go at once when the cache holds every clip; cancel stops it between clips (Cancelled),
    leaving the pool's workers to others."""
    calibrations = calibrations or Calibrations(pool, options)
    cache = calibrations.cache
    for voice in dict.fromkeys(plan.voices):
        calibrations.start(voice)
    jobs = [SynthJob(s.id, s.spoken, v) for s, v in zip(plan.segments, plan.voices, strict=True)]
    if (release_idle and not calibrations.measuring and cache.has_entry(cover_key(plan.title), ".png")
            and all(cache.has(engine_id(job.voice), job.voice, job.spoken) for job in jobs)):
        pool.release()

    def on_clip(done: int, total: int) -> None:
        if progress:
            progress(Progress("synthesize", done, total))

    voice_of = {s.id: v for s, v in zip(plan.segments, plan.voices, strict=True)}

    def gain_for(clip: Clip) -> float:
        return calibrations.gain(voice_of[clip.segment_id])

    covers: list[Callable[[], bytes]] = []

    def clips_then_cover() -> Iterator[Clip]:
        """The clips, then the cover is asked for: the workers are free by then, while this
        process still encodes the last chunks."""
        yield from Synthesizer(cache, pool, engine_id=engine_id, cancel=cancel).run(jobs, on_clip)
        covers.append(_cover(plan.title, cache, pool))

    def finished_meta() -> BriefingMeta:
        cover = covers[0] if covers else _cover(plan.title, cache, pool)
        return replace(_meta(plan), cover_png=cover())

    briefing = assemble(plan.segments, clips_then_cover(), options.voice, gain_for, out,
                        finished_meta, cache)
    cache.prune()
    if progress:
        progress(Progress("done", len(jobs), len(jobs), str(out)))
    return briefing


def _cover(title: str, cache: ClipCache, pool: WorkerPool) -> Callable[[], bytes]:
    """The cover for title: from the cache, or drawn on the pool (then cached)."""
    key = cover_key(title)
    cached = cache.read_entry(key, ".png")
    if cached is not None:
        return lambda: cached
    drawing = pool.call(call_by_name, "audiobrief.audio.cover:render_cover", title)

    def drawn() -> bytes:
        png = drawing()
        cache.write_entry(key, ".png", png)
        return png

    return drawn


def _meta(plan: Plan) -> BriefingMeta:
    bylines = list(dict.fromkeys(a.byline for a in plan.articles if a.byline))
    dates = sorted(a.date for a in plan.articles if a.date)
    return BriefingMeta(
        title=plan.title,
        artist=", ".join(bylines) or "audiobrief",
        date=dates[-1] if dates else date.today().isoformat(),
        language=plan.articles[0].language if plan.articles else "en",
        chapter_titles=tuple(a.title or f"Article {n}" for n, a in enumerate(plan.articles, 1)),
        articles=plan.articles,
    )


def make_briefing(sources: Sequence[str], out: Path, options: MakeOptions,
                  progress: ProgressCallback | None = None,
                  pool: WorkerPool | None = None) -> tuple[Briefing, Plan]:
    """The whole job: read, clean, segment, speak, synthesize, assemble. The workers start at once
    (their start-up takes a while; the caller may have started them sooner, as `pool`) and are let
    go if the cache turns out to hold everything."""
    check_output(out)
    if pool is None:
        with engine_pool(options.voice, options.workers) as own:
            return make_briefing(sources, out, options, progress, own)
    calibrations = Calibrations(pool, options)
    calibrations.start(options.voice)
    articles = read_articles(sources, allow_private_urls=options.allow_private_urls,
                             deadline_s=options.fetch_deadline_s,
                             progress=progress)
    plan = plan_briefing(articles, options)
    return render(plan, out, options, pool, progress, calibrations), plan


def make_from_articles(articles: Sequence[Article], out: Path, options: MakeOptions,
                       progress: ProgressCallback | None = None, pool: WorkerPool | None = None,
                       cancel: CancelToken | None = None) -> tuple[Briefing, Plan]:
    """Plan and render articles already read (the web app's jobs), on pool when one is given
    (kept by the caller: its workers are neither let go nor closed here); cancel stops it."""
    plan = plan_briefing(articles, options)
    if pool is not None:
        return render(plan, out, options, pool, progress, release_idle=False, cancel=cancel), plan
    with engine_pool(options.voice, options.workers) as own:
        return render(plan, out, options, own, progress, cancel=cancel), plan
