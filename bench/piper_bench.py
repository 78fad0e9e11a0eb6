"""Time, peak memory and time to the first encoded clip of audiobrief's neural voice (Piper),
against the toolchain a capable user would script and the floor.

One command: `.venv/bin/python bench/piper_bench.py --sizes seed,10000,30000` (see bench/README.md);
`--text news` draws the sized articles from news_text.py (real news shapes: long quotes, lists,
tables read out) instead of the word list, and `--text FILE` measures one article of your own.
Every row runs as its own subprocess, measured like bench/engine_bench.py's rows (wall time, RSS
summed over the process tree); the rows take turns. Prints figures, not pass/fail.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import sys
import tempfile
import threading
import time
import warnings
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from engine_bench import (
    SEED,
    Result,
    _clock,
    cache_summary,
    cleaned_copy,
    compile_package,
    generate_text,
    lame_encoder,
    measure,
    mp3_seconds,
)
from news_text import news_text

PRESET = "en-us"  #: audiobrief's default preset: Piper's en_US-joe-medium
ROWS = {
    "toolchain": "(a) toolchain: python -m piper + ffmpeg",
    "floor": "(b) floor: one PiperVoice + lameenc",
    "cold": "(c) audiobrief, cold cache",
    "warm": "(d) audiobrief, warm cache",
    "bound": "(f) bound: the model calls alone",
}
POLL_S = 0.005  #: how often the cold row's cache is looked at for its first encoded clip


@dataclass(frozen=True)
class Settings:
    """What the floor and toolchain rows must match: the preset's model and pace, our MP3 format."""

    model: str  #: path of the .onnx model
    length_scale: float
    sample_rate: int
    kbps: int
    quality: int


def piper_settings() -> Settings:
    """The default preset's model and length scale, and audiobrief's encoder settings."""
    from audiobrief.audio.encode import BIT_RATE_KBPS, ENCODER_QUALITY
    from audiobrief.audio.prepare import OUTPUT_RATE
    from audiobrief.engines.piper import length_scale, model_files
    from audiobrief.presets import load_voice

    voice = load_voice(PRESET)
    return Settings(str(model_files(voice)[0]), length_scale(voice), OUTPUT_RATE, BIT_RATE_KBPS,
                    ENCODER_QUALITY)


def run_floor(text: Path, out: Path, settings: Settings) -> None:
    """Row (b): one loaded PiperVoice (onnxruntime's default threads) speaks the text paragraph by
    paragraph, volume normalization off as in audiobrief; each sentence's audio is resampled
    (audioop.ratecv) and encoded by lameenc with audiobrief's settings as it arrives."""
    from piper import PiperVoice
    from piper.config import SynthesisConfig

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import audioop

    voice = PiperVoice.load(settings.model)
    config = SynthesisConfig(length_scale=settings.length_scale, normalize_audio=False)
    encoder = lame_encoder(settings.sample_rate, settings.kbps, settings.quality)
    state = None
    with out.open("wb") as mp3:
        for paragraph in text.read_text("utf-8").split("\n\n"):
            for chunk in voice.synthesize(paragraph, config):
                pcm, state = audioop.ratecv(chunk.audio_int16_bytes, 2, 1, chunk.sample_rate,
                                            settings.sample_rate, state)
                mp3.write(encoder.encode(pcm))
        mp3.write(encoder.flush())


def run_bound(source: Path) -> None:
    """Row (f): what no design with this model can beat on this machine. The article planned as
    audiobrief plans it, the model loaded as audiobrief's worker loads it, then only the model
    calls (phonemes, then audio), one utterance per core at once, longest first so the cores
    finish together; no memory bound, nothing resampled, encoded or written."""
    from concurrent.futures import ThreadPoolExecutor

    from audiobrief.engines.piper import PiperEngine
    from audiobrief.pipeline import MakeOptions, plan_briefing, read_articles
    from audiobrief.presets import load_voice

    voice = load_voice(PRESET)
    engine = PiperEngine(voice)
    engine.start()
    plan = plan_briefing(read_articles([str(source)]), MakeOptions(voice=voice))
    spoken = sorted((segment.spoken for segment in plan.segments), key=len, reverse=True)
    with ThreadPoolExecutor(os.cpu_count() or 1) as cores:
        list(cores.map(engine.audio, spoken, [voice] * len(spoken)))


def row_commands(source: Path, text: Path, out: Path, work: Path, home: Path,
                 settings: Settings) -> dict[str, tuple[list[str], dict[str, str] | None] | str]:
    """Per row, the command and environment, or why it is skipped."""
    me = [sys.executable, str(Path(__file__).resolve())]
    audiobrief = [str(Path(sys.executable).with_name("audiobrief")), "make", str(source), "-o", str(out),
                  "--voice", PRESET]
    env = {**os.environ, "AUDIOBRIEF_HOME": str(home)}
    commands: dict[str, tuple[list[str], dict[str, str] | None] | str] = {
        "floor": ([*me, "--row", "floor", "--settings", json.dumps(settings.__dict__), str(text), str(out)],
                  None),
        "cold": (audiobrief, env),
        "warm": (audiobrief, env),
        "bound": ([*me, "--row", "bound", str(source)], None),
    }
    if shutil.which("ffmpeg"):
        wav = work / "toolchain.wav"
        script = (f"{shlex.quote(sys.executable)} -m piper -m {shlex.quote(settings.model)} "
                  f"--length-scale {settings.length_scale} --no-normalize -i {shlex.quote(str(text))} "
                  f"-f {shlex.quote(str(wav))} 2>/dev/null && ffmpeg -hide_banner -loglevel error -y "
                  f"-i {shlex.quote(str(wav))} -ar {settings.sample_rate} -ac 1 -b:a {settings.kbps}k "
                  f"{shlex.quote(str(out))}")
        commands["toolchain"] = (["sh", "-c", script], None)
    else:
        commands["toolchain"] = "skipped: ffmpeg not installed"
    return {row: commands[row] for row in ROWS}


def first_encoded_clip(home: Path, started: float, stop: threading.Event, found: list[float]) -> None:
    """Record the seconds from started until an encoded chunk first lies in home's cache."""
    clips = home / "cache" / "clips"
    while not stop.is_set():
        if clips.is_dir() and next(clips.glob("*/*.mp3"), None) is not None:
            found.append(time.perf_counter() - started)
            return
        time.sleep(POLL_S)


def bench_size(label: str, source: Path, work: Path, settings: Settings, repeat: int,
               cap_s: float | None, rows: set[str]) -> dict[str, Result]:
    """The chosen rows on one input, taking turns, `repeat` rounds; best time, highest peak."""
    home, out = work / f"home-{label}", work / f"out-{label}.mp3"
    text = cleaned_copy(source, work / f"cleaned-{label}.txt")
    commands = {row: plan if row in rows else "skipped (--rows)"
                for row, plan in row_commands(source, text, out, work, home, settings).items()}
    runs: dict[str, list[tuple[float, float, str]]] = {row: [] for row, plan in commands.items()
                                                       if not isinstance(plan, str)}
    audio: dict[str, float | None] = {}
    firsts: list[float] = []
    for _ in range(repeat):
        for row in runs:
            command, env = commands[row]  # type: ignore[misc]
            stop, found = threading.Event(), []
            if row == "cold":
                shutil.rmtree(home, ignore_errors=True)
                watcher = threading.Thread(target=first_encoded_clip,
                                           args=(home, time.perf_counter(), stop, found), daemon=True)
                watcher.start()
            out.unlink(missing_ok=True)
            runs[row].append(measure(command, work / f"{row}-{label}.log", cap_s, env))
            stop.set()
            firsts.extend(found)
            audio[row] = None if runs[row][-1][2] or row == "bound" else mp3_seconds(out)
    results = {row: Result(min(r[0] for r in row_runs), max(r[1] for r in row_runs), audio[row],
                           row_runs[-1][2]) for row, row_runs in runs.items()}
    for row, plan in commands.items():
        if isinstance(plan, str):
            results[row] = Result(0.0, 0.0, None, plan)
    words = [len(path.read_text("utf-8").split()) for path in (source, text)]
    print(f"\n## {label}: audiobrief reads {source.name} ({words[0]} words); rows a-b speak the article "
          f"as audiobrief cleans it ({words[1]} words)")
    print(f"{'row':42s} {'seconds':>9s} {'/toolchain':>10s} {'/floor':>7s} {'peak MB':>8s} {'audio':>8s}")
    for row in ROWS:
        result = results[row]
        if result.note.startswith("skipped"):
            print(f"{ROWS[row]:42s} {result.note}")
            continue
        print(f"{ROWS[row]:42s} {result.seconds:9.2f} {_ratio(result, results['toolchain']):>10s} "
              f"{_ratio(result, results['floor']):>7s} {result.peak_mb:8.0f} {_clock(result.audio_s):>8s}"
              f"  {result.note}".rstrip())
    best_first = f"{min(firsts):.2f} s" if firsts else "not seen"
    print(f"{'(e) audiobrief cold: first encoded clip':42s} {best_first} after the command started "
          f"(best of {len(firsts)})")
    print(f"  cache after the cold run: {cache_summary(home)}")
    print(f"  1-minute load average after this size: {os.getloadavg()[0]:.2f} (other work on the machine "
          "skews times)")
    sys.stdout.flush()
    return results


def _ratio(value: Result, reference: Result) -> str:
    if value.note or reference.note or not reference.seconds:
        return "-"
    return f"{value.seconds / reference.seconds:.2f}x"


def article_labels(sizes: str, text: str) -> list[str]:
    """The articles to measure: each of the sizes, or the one file given as --text."""
    return sizes.split(",") if text in ("generated", "news") else ["file"]


def article(label: str, text: str, work: Path) -> Path:
    """The article for a label: the seed, one of the size drawn from the chosen text, or the file."""
    if label == "seed":
        return SEED
    if label == "file":
        return Path(text)
    source = work / f"{text}-{label}.txt"
    source.write_text((news_text if text == "news" else generate_text)(int(label)), "utf-8")
    return source


def main(argv: list[str] | None = None) -> None:
    """Run the rows at each size; print the tables and the 30k/10k time ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="seed,10000,30000",
                        help="comma-separated: seed and/or word counts (default: %(default)s)")
    parser.add_argument("--text", default="generated",
                        help="generated (the word list), news (news_text.py), or the path of an article to "
                             "measure instead of the sizes (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="rounds of every row; best time is kept (default: %(default)s)")
    parser.add_argument("--cap", type=float, default=None, metavar="SECONDS",
                        help="kill a row after this long and report it as capped")
    parser.add_argument("--rows", default=",".join(ROWS),
                        help=f"comma-separated rows to run, of {', '.join(ROWS)} (default: all)")
    parser.add_argument("--row", choices=["floor", "bound"], help=argparse.SUPPRESS)
    parser.add_argument("--settings", help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.row == "floor":
        run_floor(*args.paths, Settings(**json.loads(args.settings)))
        return
    if args.row == "bound":
        run_bound(*args.paths)
        return
    settings = piper_settings()
    print("# audiobrief neural voice benchmark")
    print(f"machine: {os.cpu_count()} CPUs; best of {args.repeat} run(s) per row, rows taking turns; "
          "peak MB = RSS summed over the row's process tree")
    print(f"voice: Piper {Path(settings.model).name} (piper-tts {metadata.version('piper-tts')}, "
          f"onnxruntime {metadata.version('onnxruntime')}), length scale {settings.length_scale} "
          f"(audiobrief's {PRESET} preset), volume normalization off, in every row")
    print(f"encoding: {settings.sample_rate} Hz mono CBR {settings.kbps} kbps; (b)-(d) lameenc "
          f"{metadata.version('lameenc')} at quality {settings.quality}; (a) ffmpeg's libmp3lame")
    compile_package()
    results: dict[str, dict[str, Result]] = {}
    with tempfile.TemporaryDirectory(prefix="audiobrief-piper-bench-") as scratch:
        work = Path(scratch)
        for label in article_labels(args.sizes, args.text):
            source = article(label, args.text, work)
            results[label] = bench_size(label, source, work, settings, args.repeat, args.cap,
                                        set(args.rows.split(",")))
    if "10000" in results and "30000" in results:
        small, large = results["10000"]["cold"], results["30000"]["cold"]
        ratio = "-" if small.note or large.note else f"{large.seconds / small.seconds:.2f}"
        print(f"\naudiobrief cold time at 30,000 words / at 10,000 words (3.0 = linear): {ratio}")


if __name__ == "__main__":
    main()
