"""The audio side: worker pool, clip cache, per-clip preparation, loudness, encoder, assembler,
tags and cover."""

import warnings

# pydub looks for ffmpeg when imported and warns that it is missing; audiobrief never asks pydub
# for anything that needs ffmpeg (it reads and writes WAV only), so the warning only misleads.
warnings.filterwarnings("ignore", message="Couldn't find ff(mpeg|probe)", category=RuntimeWarning)
