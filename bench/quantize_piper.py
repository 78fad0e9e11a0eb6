"""An 8-bit statically quantized copy of a Piper voice model, calibrated on news-like sentences: the
fast-voice study's builder (bench/fast_voice_bench.py). Not part of audiobrief: the copy did not keep
the voice intelligible enough to offer (bench/README.md). onnxruntime's quantization tools need the
onnx package: `pip install '.[bench]'`."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import onnxruntime
from onnxruntime.quantization import (
    CalibrationDataReader,
    QuantFormat,
    QuantType,
    quantize_static,
)

from audiobrief.engines.piper import NOISE_SCALE, NOISE_W_SCALE, PiperEngine, length_scale
from audiobrief.model import Voice

#: Sentences written for calibration in the shapes of news copy (quotes, figures, lists, long
#: clauses, a question); none of them is among the sentences bench/fast_voice_bench.py listens to.
CALIBRATION_SENTENCES = (
    "The county board approved a budget of 312 million dollars on Thursday night.",
    '"We are not going to raise fares this year," the transit director told reporters.',
    "Rain, sleet and strong winds closed three schools, two libraries and the central market.",
    "Officials said the water main, which was laid in 1938, burst shortly after four in the "
    "morning and flooded a stretch of Elm Avenue for nearly six hours before crews shut it off.",
    "Is the new clinic ready? Not yet, according to the health department.",
    "Unemployment fell to 3.8 percent in October, the lowest level since the spring of 2019.",
    "The museum will open its doors at nine, and tickets cost twelve dollars for adults.",
    "Shares of the shipping company dropped 7 percent after it warned of weaker demand in Asia.",
    "Police asked anyone who saw the crash on Route 9 to call the tip line.",
    "The festival drew about 40,000 visitors over the weekend, organizers said on Sunday.",
    '"It is a good first step," said Councilwoman Grace Kim, "but it is only a first step."',
    "Farmers in the valley have waited since August for the state to release drought relief "
    "money, and many say that without it they will sell part of their herds before winter.",
    "The airport handled 1.2 million passengers in July, up 15 percent from a year earlier.",
    "Snow is expected late Friday.",
)
#: Ops quantized: the convolutions (86% of the model's time, 71% in the decoder) and the
#: matrix products; the element-wise ops of the flow and the gating stay in float.
QUANTIZED_OPS = ["Conv", "ConvTranspose", "MatMul"]
#: The model draws its noise (RandomNormalLike) while it is calibrated: a fixed seed makes the ranges,
#: and so the copy, the same at every build.
CALIBRATION_SEED = 1


class PhonemeFeed(CalibrationDataReader):
    """The model's inputs for each calibration sentence, made as audiobrief makes them."""

    def __init__(self, source: Path) -> None:
        voice = Voice(name="calibration", engine_voice=str(source), engine="piper", origin=str(source))
        engine = PiperEngine(voice)
        model = engine._loaded()
        scales = np.array([NOISE_SCALE, length_scale(voice), NOISE_W_SCALE], dtype=np.float32)
        self._feeds: Iterator[dict[str, np.ndarray]] = iter([
            {"input": np.array([ids], dtype=np.int64),
             "input_lengths": np.array([len(ids)], dtype=np.int64),
             "scales": scales}
            for ids in (model.phonemes_to_ids(engine.phonemes(text)) for text in CALIBRATION_SENTENCES)
        ])

    def get_next(self) -> dict[str, np.ndarray] | None:
        return next(self._feeds, None)


def quantized_copy(source: Path, target: Path, *, quant_format: QuantFormat = QuantFormat.QOperator,
                   per_channel: bool = False, nodes: list[str] | None = None) -> None:
    """Write a copy of the Piper model source with its QUANTIZED_OPS nodes (or only `nodes`) in 8 bits,
    calibrated on CALIBRATION_SENTENCES, and its config beside it, to target (onnxruntime's random
    seed is left at CALIBRATION_SEED for this process)."""
    onnxruntime.set_seed(CALIBRATION_SEED)
    quantize_static(
        str(source), str(target), PhonemeFeed(source),
        quant_format=quant_format,
        op_types_to_quantize=QUANTIZED_OPS,
        nodes_to_quantize=nodes,
        per_channel=per_channel,
        activation_type=QuantType.QUInt8,
        weight_type=QuantType.QInt8,
        calibration_providers=["CPUExecutionProvider"],
    )
    shutil.copyfile(source.with_name(source.name + ".json"), target.with_name(target.name + ".json"))


def build_fast_model(source: Path, target: Path) -> None:
    """Write the en-us-fast candidate: the whole model's convolutions and products in 8 bits (QOperator)."""
    quantized_copy(source, target)
