"""A show's cover: one PNG per show, drawn from its title, in the data folder's shows/SLUG/. A new
title draws a new cover and removes the old one; removing the show removes its folder."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from ..audio.cover import cover_key, render_cover

#: covers of the release before this one: shows/SLUG-KEY.png, one more at each change of title
_LEGACY = re.compile(r"^(?P<slug>[a-z0-9-]+)-[0-9a-f]{16}\.png$")


def cover_file(home: Path, slug: str, title: str) -> Path:
    """The show's cover for this title, drawn (and the show's other covers removed) when missing."""
    folder = home / "shows" / slug
    path = folder / f"cover-{cover_key(title)[:16]}.png"
    if path.is_file():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".cover-", suffix=".part", delete=False) as scratch:
        scratch.write(render_cover(title))
    os.replace(scratch.name, path)
    for old in [*folder.glob("cover-*.png"), *_legacy_covers(home, slug)]:
        if old != path:
            old.unlink(missing_ok=True)
    return path


def remove_cover(home: Path, slug: str) -> None:
    """Delete the show's covers (its folder, and any cover of the release before)."""
    shutil.rmtree(home / "shows" / slug, ignore_errors=True)
    for old in _legacy_covers(home, slug):
        old.unlink(missing_ok=True)


def _legacy_covers(home: Path, slug: str) -> list[Path]:
    """The show's covers in the old layout (matched exactly: "news" never takes "news-daily"'s)."""
    return [path for path in (home / "shows").glob(f"{slug}-*.png")
            if (match := _LEGACY.match(path.name)) and match["slug"] == slug]
