"""The audio side: worker pool, clip cache, per-clip preparation, loudness, encoder, assembler,
tags and cover."""
