"""OPML 2.0 import and export of a show's sources (ElementTree, entities refused)."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from ..errors import InputError
from .model import Show

MAX_OPML_BYTES = 1024 * 1024


def opml_urls(data: bytes, name: str, most: int) -> list[str]:
    """The feed addresses (xmlUrl) of every outline in an OPML file, in order, each once (more than
    `most`, the sources a show takes, is refused)."""
    if len(data) > MAX_OPML_BYTES:
        raise InputError(f"'{name}' is over the 1 MB limit for an OPML file: export fewer feeds")
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        raise InputError(f"'{name}' declares a DOCTYPE or entities, which OPML does not use: "
                         "export it again")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(f"'{name}' is not valid XML ({exc}): export the OPML file again") from None
    if root.tag != "opml":
        raise InputError(f"'{name}' is not an OPML file (its root is <{root.tag[:40]}>): "
                         "give a file exported by a feed reader")
    urls: list[str] = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or "").strip()
        if url and url not in urls:
            urls.append(url)
    if len(urls) > most:
        raise InputError(f"'{name}' lists {len(urls)} feeds: a show takes at most {most}")
    return urls


def show_opml(show: Show) -> bytes:
    """An OPML 2.0 document listing a show's sources."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = show.title
    body = ET.SubElement(root, "body")
    for source in show.sources:
        ET.SubElement(body, "outline", type="rss", text=source.title or source.url,
                      title=source.title or source.url, xmlUrl=source.url)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
