"""A square, high-contrast cover image with the briefing title (Pillow, imported only when a
cover is drawn: a cached cover needs none)."""

from __future__ import annotations

import hashlib
import io
import textwrap

SIZE = 1400
BACKGROUND = (16, 24, 40)
FOREGROUND = (255, 255, 255)
ACCENT = (255, 200, 61)


def cover_key(title: str, size: int = SIZE) -> str:
    """Names the cover render_cover draws for this title (for the cache)."""
    from importlib.metadata import version

    design = f"pillow-{version('pillow')} {size} {BACKGROUND} {FOREGROUND} {ACCENT} v1"
    return hashlib.sha256(f"{design}\n{title}".encode()).hexdigest()


def render_cover(title: str, size: int = SIZE) -> bytes:
    """PNG bytes: the title in large white type on dark blue, wrapped to fit."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (size, size), BACKGROUND)
    draw = ImageDraw.Draw(image)
    margin = size // 10
    label = ImageFont.load_default(size=size // 22)
    draw.text((margin, margin), "audiobrief", font=label, fill=ACCENT)
    draw.rectangle((margin, margin + size // 14, margin + size // 5, margin + size // 14 + 12),
                   fill=ACCENT)
    for font_size in (size // 11, size // 14, size // 18, size // 24):
        font = ImageFont.load_default(size=font_size)
        width_chars = max(8, int((size - 2 * margin) / (font_size * 0.55)))
        lines = textwrap.wrap(title or "Briefing", width=width_chars)
        line_height = int(font_size * 1.2)
        if len(lines) * line_height <= size - 3 * margin - size // 7:
            break
    lines = lines[: max(1, (size - 3 * margin - size // 7) // line_height)]
    top = margin + size // 7
    for number, line in enumerate(lines):
        draw.text((margin, top + number * line_height), line, font=font, fill=FOREGROUND)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
