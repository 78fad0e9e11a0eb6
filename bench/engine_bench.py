"""Time and peak memory of audiobrief's audio engine against a floor, a toolchain and an obvious script.

One command: `.venv/bin/python bench/engine_bench.py --sizes seed,10000,100000` (see bench/README.md).
Every row runs as its own subprocess; peak memory is the RSS summed over that subprocess's whole
tree, sampled every 20 ms from /proc. Prints figures, not pass/fail.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import random
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import lameenc

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "atacms-newsweek.txt"
WORDLIST = Path(__file__).with_name("wordlist.txt")
RANDOM_SEED = 20240505
SAMPLE_INTERVAL_S = 0.02
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
ESPEAK_RETRIEVAL = 1  #: AUDIO_OUTPUT_RETRIEVAL: samples come back through the synth callback
ESPEAK_BUFFER_MS = 1000  #: callback chunk length, as pyttsx3's espeak driver asks for
ESPEAK_RATE, ESPEAK_PITCH = 1, 3  #: espeak_PARAMETER values
ESPEAK_FLAGS = 0x1 | 0x1000  #: espeakCHARS_UTF8 | espeakENDPAUSE, as pyttsx3 passes them
ESPEAK_POS_CHARACTER = 1
ROWS = {
    "floor": "(a) floor: libespeak-ng one call + lameenc",
    "toolchain": "(b) toolchain: espeak-ng | ffmpeg",
    "obvious": "(c) obvious: pyttsx3/paragraph + pydub",
    "cold": "(d) audiobrief, cold cache",
    "warm": "(e) audiobrief, warm cache",
}


@dataclass(frozen=True)
class Settings:
    """What every row must match: audiobrief's default voice and its published MP3 format."""

    voice: str  #: espeak-ng voice id, e.g. gmw/en-us
    rate: int  #: words per minute
    pitch: int
    sample_rate: int
    kbps: int
    quality: int  #: LAME algorithm quality (0 best .. 9 fastest)


@dataclass(frozen=True)
class Result:
    """One row's measurement."""

    seconds: float
    peak_mb: float
    audio_s: float | None  #: length of the MP3 written, None when none was
    note: str = ""  #: "capped", "failed", "skipped: ..." when the row did not finish normally


ESPEAK_PRESET = "en-us-espeak"  #: the espeak-ng preset at newsreader pace (Piper: piper_bench.py)


def audiobrief_settings() -> Settings:
    """audiobrief's espeak-ng preset and its encoder settings."""
    from audiobrief.audio.encode import BIT_RATE_KBPS, ENCODER_QUALITY
    from audiobrief.audio.prepare import OUTPUT_RATE
    from audiobrief.presets import load_voice

    voice = load_voice(ESPEAK_PRESET)
    return Settings(voice.engine_voice, voice.rate, voice.pitch, OUTPUT_RATE, BIT_RATE_KBPS,
                    ENCODER_QUALITY)


def generate_text(words: int, seed: int = RANDOM_SEED) -> str:
    """A title and paragraphs of at least `words` words, every sentence distinct, drawn from the word list."""
    vocabulary = WORDLIST.read_text("utf-8").split()
    rng = random.Random(seed)
    seen: set[str] = set()
    paragraphs: list[str] = []
    total = 0
    while total < words:
        sentences: list[str] = []
        wanted = rng.randint(3, 6)
        while len(sentences) < wanted:
            picked = rng.choices(vocabulary, k=rng.randint(6, 20))
            sentence = " ".join(w + ("," if rng.random() < 0.08 else "") for w in picked)
            sentence = sentence.rstrip(",").capitalize() + "."
            if sentence not in seen:
                seen.add(sentence)
                sentences.append(sentence)
                total += len(picked)
        paragraphs.append(" ".join(sentences))
    return f"Benchmark briefing of {words} words\n\n" + "\n\n".join(paragraphs) + "\n"


def cleaned_copy(source: Path, dest: Path) -> Path:
    """Write to dest the article audiobrief reads from source (title and paragraphs), for rows a-c."""
    audiobrief = Path(sys.executable).with_name("audiobrief")
    shown = subprocess.run([str(audiobrief), "clean", "--json", str(source)], check=True,
                           capture_output=True, text=True).stdout
    article = json.loads(shown)
    dest.write_text("\n\n".join([article["title"], *article["paragraphs"]]) + "\n", "utf-8")
    return dest


def tree_rss_bytes(root: int) -> int:
    """Resident memory summed over root and all its descendants, read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/statm", "rb") as statm:
                total += int(statm.read().split()[1]) * PAGE_BYTES
        except OSError:
            continue
    return total


def measure(command: list[str], log: Path, cap_s: float | None,
            env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Run command; its wall seconds, peak tree RSS in MB, and "capped"/"failed" or ""."""
    peak = 0
    done = threading.Event()
    with log.open("wb") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env,
                                   start_new_session=True)

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, tree_rss_bytes(process.pid))
                done.wait(SAMPLE_INTERVAL_S)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            code = process.wait(timeout=cap_s)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            code = None
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
    if code is None:
        return seconds, peak / 1e6, f"capped at {cap_s:.0f} s"
    if code != 0:
        tail = log.read_text("utf-8", "replace").strip().splitlines()[-3:]
        print(f"  ! {shlex.join(command)[:120]} exited {code}: {' | '.join(tail)}", file=sys.stderr)
        return seconds, peak / 1e6, f"failed ({code})"
    return seconds, peak / 1e6, ""


def mp3_seconds(path: Path) -> float | None:
    """Duration of an MP3 file, None when there is none."""
    from mutagen.mp3 import MP3

    return MP3(path).info.length if path.exists() and path.stat().st_size else None


def lame_encoder(sample_rate: int, kbps: int, quality: int) -> lameenc.Encoder:
    """LAME for the floor rows: mono CBR at audiobrief's published rate and quality."""
    import lameenc

    encoder = lameenc.Encoder()
    encoder.set_bit_rate(kbps)
    encoder.set_in_sample_rate(sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(quality)
    return encoder


def run_floor(text: Path, out: Path, settings: Settings) -> None:
    """Row (a): the bundled libespeak-ng speaks the whole text in one espeak_Synth call; each chunk
    is resampled (audioop.ratecv, pydub's resampler) and encoded by lameenc as it arrives."""
    import espeakng_loader

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import audioop

    library = ctypes.CDLL(espeakng_loader.get_library_path())
    library.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
    rate = library.espeak_Initialize(ESPEAK_RETRIEVAL, ESPEAK_BUFFER_MS,
                                     espeakng_loader.get_data_path().encode(), 0)
    library.espeak_SetVoiceByName(settings.voice.encode())
    library.espeak_SetParameter(ESPEAK_RATE, settings.rate, 0)
    library.espeak_SetParameter(ESPEAK_PITCH, settings.pitch, 0)
    encoder = lame_encoder(settings.sample_rate, settings.kbps, settings.quality)
    state = None
    with out.open("wb") as mp3:

        def on_samples(wav: int, count: int, _events: int) -> int:
            nonlocal state
            if count > 0:
                pcm = ctypes.string_at(wav, count * 2)
                pcm, state = audioop.ratecv(pcm, 2, 1, rate, settings.sample_rate, state)
                mp3.write(encoder.encode(pcm))
            return 0

        callback_type = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)
        callback = callback_type(on_samples)
        library.espeak_SetSynthCallback(callback)
        data = text.read_bytes() + b"\0"
        library.espeak_Synth.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
                                         ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
        library.espeak_Synth(data, len(data), 0, ESPEAK_POS_CHARACTER, 0, ESPEAK_FLAGS, None, None)
        library.espeak_Synchronize()
        mp3.write(encoder.flush())


def run_obvious(text: Path, out: Path, settings: Settings) -> None:
    """Row (c): one pyttsx3 engine saving a WAV per paragraph, pydub `+` to join, pydub export."""
    from audiobrief.engines.espeak import load_espeak_library

    load_espeak_library()  # the same bundled libespeak-ng, made visible to pyttsx3
    import pyttsx3
    from pydub import AudioSegment

    engine = pyttsx3.init("espeak")
    engine.setProperty("voice", settings.voice)
    engine.setProperty("rate", settings.rate)
    engine.setProperty("pitch", settings.pitch)
    paragraphs = [p.strip() for p in text.read_text("utf-8").split("\n\n") if p.strip()]
    with tempfile.TemporaryDirectory() as scratch:
        wav = Path(scratch) / "paragraph.wav"
        engine.save_to_file("Ready.", str(wav))  # pyttsx3 2.99 drops a process's first long utterance
        engine.runAndWait()
        briefing = AudioSegment.empty()
        for paragraph in paragraphs:
            engine.save_to_file(paragraph, str(wav))
            engine.runAndWait()
            briefing += AudioSegment.from_wav(wav)
        briefing.export(out, format="mp3", bitrate=f"{settings.kbps}k",
                        parameters=["-ar", str(settings.sample_rate), "-ac", "1"])


def row_commands(source: Path, text: Path, out: Path, home: Path, settings: Settings
                 ) -> dict[str, tuple[list[str], dict[str, str] | None] | str]:
    """Per row, the command and environment to run, or why it is skipped: audiobrief reads source,
    the other rows speak text (source as audiobrief cleans it)."""
    me = [sys.executable, str(Path(__file__).resolve())]
    child = ["--settings", json.dumps(asdict(settings)), str(text), str(out)]
    audiobrief = [str(Path(sys.executable).with_name("audiobrief")), "make", str(source), "-o", str(out),
                  "--voice", ESPEAK_PRESET]
    env = {**os.environ, "AUDIOBRIEF_HOME": str(home)}
    commands: dict[str, tuple[list[str], dict[str, str] | None] | str] = {
        "floor": ([*me, "--row", "floor", *child], None),
        "obvious": ([*me, "--row", "obvious", *child], None),
        "cold": (audiobrief, env),
        "warm": (audiobrief, env),
    }
    if shutil.which("espeak-ng") and shutil.which("ffmpeg"):
        voice = settings.voice.rsplit("/", 1)[-1]
        script = (f"espeak-ng -v {voice} -s {settings.rate} -p {settings.pitch} --stdout "
                  f"-f {shlex.quote(str(text))} | ffmpeg -hide_banner -loglevel error -y -f wav -i pipe:0 "
                  f"-ar {settings.sample_rate} -ac 1 -b:a {settings.kbps}k {shlex.quote(str(out))}")
        commands["toolchain"] = (["sh", "-c", script], None)
    else:
        commands["toolchain"] = "skipped: espeak-ng or ffmpeg not installed"
    return {row: commands[row] for row in ROWS}


def cache_summary(home: Path) -> str:
    """How many clips and encoded chunks, and how many MB, audiobrief's cache holds."""
    clips = list((home / "cache" / "clips").glob("*/*.wav"))
    chunks = list((home / "cache" / "clips").glob("*/*.mp3"))
    size = sum(path.stat().st_size for path in clips + chunks) / 1e6
    return f"{len(clips)} clips and {len(chunks)} encoded chunks, {size:.0f} MB"


def bench_size(label: str, source: Path, work: Path, settings: Settings,
               skipped: Callable[[str], bool], cap_s: float | None, repeat: int) -> dict[str, Result]:
    """Run every row on one input (best time and highest peak of `repeat` runs); print the results.
    The rows take turns, one run each per round, so that a machine whose speed drifts from minute
    to minute skews every row alike (the warm row always follows a cold one)."""
    from audiobrief.settings import MB, cache_limit_bytes

    home = work / f"home-{label}"
    out = work / f"out-{label}.mp3"
    text = cleaned_copy(source, work / f"cleaned-{label}.txt")
    results: dict[str, Result] = {}
    runs: dict[str, list[tuple[float, float, str]]] = {}
    commands: dict[str, tuple[list[str], dict[str, str] | None]] = {}
    for row, plan in row_commands(source, text, out, home, settings).items():
        if skipped(row):
            results[row] = Result(0.0, 0.0, None, "skipped (--skip)")
        elif isinstance(plan, str):
            results[row] = Result(0.0, 0.0, None, plan)
        else:
            runs[row], commands[row] = [], plan
    audio: dict[str, float | None] = {}
    after_cold = ""
    for _ in range(repeat):
        for row, row_runs in runs.items():
            if row_runs and row_runs[-1][2]:
                continue  # capped or failed: not run again
            command, env = commands[row]
            if row == "cold":
                shutil.rmtree(home, ignore_errors=True)
            out.unlink(missing_ok=True)
            row_runs.append(measure(command, work / f"{row}-{label}.log", cap_s, env))
            audio[row] = None if row_runs[-1][2] else mp3_seconds(out)
            if row == "cold" and not row_runs[-1][2]:
                after_cold = (f"cache after the last cold run: {cache_summary(home)} "
                              f"(bound {cache_limit_bytes() // MB} MB, AUDIOBRIEF_CACHE_MB)")
    notes = [after_cold] if after_cold else []
    for row, row_runs in runs.items():
        results[row] = Result(min(r[0] for r in row_runs), max(r[1] for r in row_runs),
                              audio[row], row_runs[-1][2])
    results = {row: results[row] for row in ROWS}
    words = [len(path.read_text("utf-8").split()) for path in (source, text)]
    print_table(f"{label}: audiobrief reads {source.name} ({words[0]} words); rows a-c speak the "
                f"article as audiobrief cleans it ({words[1]} words)", results, notes)
    return results


def _ratio(value: Result, reference: Result) -> str:
    if value.note or reference.note or not reference.seconds:
        return "-"
    return f"{value.seconds / reference.seconds:.2f}x"


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes // 60}:{minutes % 60:02d}:{rest:02d}"


def print_table(title: str, results: dict[str, Result], notes: list[str]) -> None:
    """One size's rows: seconds, ratio to toolchain and floor, peak MB, audio length."""
    print(f"\n## {title}")
    print(f"{'row':44s} {'seconds':>9s} {'/toolchain':>10s} {'/floor':>7s} {'peak MB':>8s} {'audio':>8s}")
    for row, result in results.items():
        if result.note.startswith("skipped"):
            print(f"{ROWS[row]:44s} {result.note}")
            continue
        print(f"{ROWS[row]:44s} {result.seconds:9.2f} {_ratio(result, results['toolchain']):>10s} "
              f"{_ratio(result, results['floor']):>7s} {result.peak_mb:8.0f} "
              f"{_clock(result.audio_s):>8s}  {result.note}".rstrip())
    for note in notes:
        print(f"  {note}")
    print(f"  1-minute load average after this size: {os.getloadavg()[0]:.2f} (other work on the machine "
          "skews times)")
    sys.stdout.flush()


def print_header(settings: Settings, repeat: int) -> None:
    """The machine, engines and encoder settings every row uses."""
    import espeakng_loader

    library = ctypes.CDLL(espeakng_loader.get_library_path())
    library.espeak_Info.restype = ctypes.c_char_p

    def version(program: str) -> str:
        if not shutil.which(program):
            return "not installed"
        first = subprocess.run([program, "-version" if program == "ffmpeg" else "--version"],
                               capture_output=True, text=True).stdout.splitlines()
        return first[0].split("  Data")[0].split(" Copyright")[0] if first else "unknown"

    print("# audiobrief engine benchmark")
    print(f"machine: {os.cpu_count()} CPUs; best time of {repeat} run(s) per row; peak MB = RSS "
          f"summed over the row's process tree, sampled every {SAMPLE_INTERVAL_S * 1000:.0f} ms")
    print(f"voice: espeak-ng {settings.voice}, {settings.rate} wpm, pitch {settings.pitch} "
          f"(audiobrief's {ESPEAK_PRESET} preset) in every row")
    print(f"(a),(d),(e) libespeak-ng {library.espeak_Info(None).decode()} from espeakng-loader "
          f"{metadata.version('espeakng-loader')}; lameenc {metadata.version('lameenc')} (LAME): "
          f"{settings.sample_rate} Hz mono CBR {settings.kbps} kbps, quality -q {settings.quality} "
          "(audiobrief.audio.encode.ENCODER_QUALITY), 22050 Hz resampled by audioop.ratecv")
    print(f"(b) {version('espeak-ng')}; {version('ffmpeg')}: libmp3lame -ar {settings.sample_rate} "
          f"-ac 1 -b:a {settings.kbps}k (LAME's default quality: ffmpeg sets none)")
    print(f"(c) pyttsx3 + the same libespeak-ng; pydub export through ffmpeg, {settings.kbps}k, "
          f"-ar {settings.sample_rate} -ac 1")


def compile_package() -> None:
    """Write audiobrief's bytecode first, as pip does when it installs the package: an editable
    install where PYTHONDONTWRITEBYTECODE is set would otherwise compile every module in every
    process of every run, which no installed copy does."""
    import compileall

    import audiobrief

    compileall.compile_dir(Path(audiobrief.__file__).parent, quiet=1)
    print("audiobrief's bytecode written before timing (as an installed package has it)")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options (--row, --settings and the two paths are for the bench's own children)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="seed,10000,100000",
                        help="comma-separated: seed and/or word counts (default: %(default)s)")
    parser.add_argument("--skip", action="append", default=[], metavar="ROW[@SIZE]",
                        help=f"leave a row out, at one size or all; rows: {', '.join(ROWS)} (repeatable)")
    parser.add_argument("--cap", type=float, default=None, metavar="SECONDS",
                        help="kill a row after this long and report it as capped")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="run each row N times and keep the best time (default: %(default)s)")
    parser.add_argument("--row", choices=["floor", "obvious"], help=argparse.SUPPRESS)
    parser.add_argument("--settings", help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Run the rows at each size and print the tables and the linearity ratio."""
    args = parse_args(argv)
    if args.row:
        text, out = args.paths
        run = run_floor if args.row == "floor" else run_obvious
        run(text, out, Settings(**json.loads(args.settings)))
        return
    unknown = {s.split("@")[0] for s in args.skip} - set(ROWS)
    if unknown:
        sys.exit(f"--skip: unknown rows {sorted(unknown)}; choose from {', '.join(ROWS)}")
    settings = audiobrief_settings()
    print_header(settings, args.repeat)
    compile_package()
    results: dict[str, dict[str, Result]] = {}
    with tempfile.TemporaryDirectory(prefix="audiobrief-bench-") as scratch:
        work = Path(scratch)
        for label in args.sizes.split(","):
            if label == "seed":
                source = SEED
            else:
                source = work / f"generated-{label}.txt"
                source.write_text(generate_text(int(label)), "utf-8")
            results[label] = bench_size(
                label, source, work, settings,
                lambda row, label=label: row in args.skip or f"{row}@{label}" in args.skip, args.cap,
                args.repeat)
    if "10000" in results and "100000" in results:
        print("\nlinearity (audiobrief time at 100,000 words / at 10,000 words; 10.0 = linear):")
        for row in ("cold", "warm"):
            small, large = results["10000"][row], results["100000"][row]
            ratio = "-" if small.note or large.note else f"{large.seconds / small.seconds:.1f}"
            print(f"  {ROWS[row]:44s} {ratio}")


if __name__ == "__main__":
    main()
