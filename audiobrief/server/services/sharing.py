"""What another app shares with audiobrief (a phone's share sheet, the bookmarklet): the web page's
address, or else the text, checked as the form checks it before the listener confirms."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from ...netguard import display_url
from ..config import Settings
from ..schemas import MAX_TITLE
from .intake import FieldError, InvalidRequest, from_form
from .precheck import check_sources

#: the first web address in shared text (Android puts the page's address there, after its title)
URL_IN_TEXT = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
NOTHING_SHARED = "Nothing was shared: share a web page's address or some text with audiobrief."
PREVIEW_CHARS = 280  #: how much of shared text the confirmation shows


@dataclass(frozen=True)
class Shared:
    """A checked share: a web address to read, or else text; and the title to give the briefing."""

    title: str
    url: str = ""
    text: str = ""

    @property
    def preview(self) -> str:
        """The start of the text, for the confirmation."""
        flat = " ".join(self.text.split())
        return flat if len(flat) <= PREVIEW_CHARS else flat[:PREVIEW_CHARS - 1].rstrip() + "…"

    @property
    def shown_url(self) -> str:
        """The address as people read it (Unicode host names, no password)."""
        return display_url(self.url)


def shared_address(text: str, url: str) -> str:
    """The address shared: the url field, else the first http(s) address inside the text, else ""."""
    if url.strip():
        return url.strip()
    found = URL_IN_TEXT.search(text)
    return found.group(0).rstrip(".,;:!?)]}'") if found else ""


def _title(title: str) -> str:
    """The shared title on one line, cut to the form's limit (a page's title can be long)."""
    flat = " ".join(title.split())
    return flat if len(flat) <= MAX_TITLE else flat[:MAX_TITLE - 1].rstrip() + "…"


async def checked_share(title: str, text: str, url: str, settings: Settings) -> Shared:
    """The share, checked by the form's rules (sizes, web addresses, private hosts, readable text);
    raises InvalidRequest with the form's messages, or NOTHING_SHARED."""
    address = shared_address(text, url)
    if not address and not text.strip():
        raise InvalidRequest([FieldError("text", ("query", "text"), NOTHING_SHARED)])
    share = Shared(_title(title), url=address) if address else Shared(_title(title), text=text)
    fields = [("title", share.title), ("urls", share.url) if address else ("text", share.text)]
    intake = await from_form(FormData(fields), settings)
    await run_in_threadpool(check_sources, intake, settings)
    return share


def bookmarklet(base: str) -> str:
    """A javascript: link that opens the share page of this server with the open page's address and title."""
    target = json.dumps(f"{base}/share?url=")
    return ("javascript:void(location.href=" + target + "+encodeURIComponent(location.href)"
            "+'&title='+encodeURIComponent(document.title))")
