"""py3langid's model, unpacked once into the data folder and memory-mapped. Loaded the usual way it
takes 0.7 s and 75 MB of memory; mapped, a detection reads only the pages its text touches."""

from __future__ import annotations

import lzma
import os
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..settings import data_home

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")  #: py3langid 0.4's layout


def model_folder() -> Path:
    """Where the unpacked model of the installed py3langid lives."""
    from importlib.metadata import version

    return data_home() / "cache" / f"py3langid-{version('py3langid')}"


def unpack_model(folder: Path) -> None:
    """Stream the packaged model (an LZMA-compressed .npz) into one .npy file per array; the
    folder appears complete or not at all."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    folder.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".unpacking-"))
    try:
        with tempfile.TemporaryFile(dir=folder.parent) as npz:
            with lzma.open(MODEL_DIR / MODEL_FILE) as packed:
                shutil.copyfileobj(packed, npz, 1 << 20)
            npz.seek(0)
            with zipfile.ZipFile(npz) as members:
                members.extractall(scratch, [f"{name}.npy" for name in _ARRAYS])
        try:
            os.replace(scratch, folder)
        except OSError:
            if not folder.is_dir():  # another process unpacked it first: that copy is as good
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def mapped_identifier() -> LanguageIdentifier:
    """A py3langid identifier reading the model through memory maps (unpacking it on first use).
    Drop it after use: the maps close with it."""
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    folder = model_folder()
    if not all((folder / f"{name}.npy").exists() for name in _ARRAYS):
        unpack_model(folder)
    arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in _ARRAYS}
    return LanguageIdentifier(
        arrays["ptc"], np.array(arrays["pc"]), arrays["classes"].tolist(),
        memoryview(arrays["nextmove"]), memoryview(arrays["out_feat"]),
        norm_probs=True, tk_row=arrays["nextmove_row"].tolist(),
    )
