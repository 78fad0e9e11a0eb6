"""The fidelity suite's articles (fixtures/fidelity/*.txt, written for audiobrief) and the pages they
stand in: each article as pasted page text, as an HTML page and as Markdown, with the paragraphs a
listener must hear and the blocks that must be left out.

An article file: header lines ("title:", "byline:", "author:", "date:", "site:", "forms:",
"language:"), a blank line, then one element a line:
  p TEXT        a paragraph            h TEXT   a subheading       li TEXT  a list entry
  q TEXT        a quoted paragraph     ts TEXT  a live blog's time t A | B  a table row (the first of
                                                                               a table is its header)
  x REASON: TEXT  a block the page shows that must be left out, for REASON (caption, photo credit,
                  related links, repeat, promo, subscription, advertisement, share bar, author bio,
                  comments, code block)
  pq TEXT       a pull quote: a copy of words heard elsewhere, set apart (left out as a repeat)
  code TEXT     a code block: the listener hears that it was skipped, and it is left out
"[words](address)" is a link and "*words*" emphasis; the listener hears the words.
Run `python fidelity.py NAME FORM` to print one form of an article.
"""

from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "fidelity"
FORMS = ("pasted", "html", "markdown")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_EMPHASIS = re.compile(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])")
_KINDS = ("p", "h", "li", "q", "ts", "t", "x", "pq", "code")
CODE_NOTE = "Code block skipped."  #: what a listener hears where a code block stands


@dataclass(frozen=True)
class Element:
    """One element of an article's body."""

    kind: str  #: one of _KINDS
    text: str  #: its text, with link and emphasis marks
    reason: str = ""  #: for "x": why it is left out


@dataclass(frozen=True)
class Site:
    """The page furniture around an article: a name, a menu, headlines of other stories, a footer,
    and what else the site prints around its articles."""

    name: str
    menu: tuple[str, ...]
    headlines: tuple[str, ...]
    footer: tuple[str, ...]
    banner: tuple[str, ...] = ()  #: lines above everything (a cookie notice)
    crumbs: str = ""  #: the breadcrumb trail above the headline
    date_first: bool = False  #: the date stands above the headline
    tools: tuple[str, ...] = ("Share", "Facebook", "Email")  #: what stands between byline and body
    bio: str = ""  #: a line about the author after the article ("{author}" stands for the name)
    signup: tuple[str, ...] = ()  #: a newsletter box after the article
    divs: bool = False  #: the HTML sets paragraphs in <div>s, not <p>s


SITES = {
    "valley": Site("The Valley Post", ("Home", "News", "Sport", "Weather", "Culture", "Opinion"),
                   ("Bakery on the high street wins the regional prize for its rye bread again",
                    "Rail strike called off after talks between the union and the operator",
                    "School choir to sing at the cathedral for the first time since the fire"),
                   ("About us", "Contact", "Privacy policy", "Terms of use"),
                   tools=("Share", "Facebook", "Email", "Advertisement")),
    "harbour": Site("Harbour Herald", ("Skip to main content", "Local", "Business", "Ferries", "Letters",
                                       "Sign in", "Subscribe"),
                    ("Fish market moves to the old tram depot for the winter",
                     "Lifeboat crew rescues two kayakers off the point",
                     "Ferry fares to rise by ten pence in the spring"),
                    ("Advertise with us", "Careers", "Cookie settings", "Accessibility"),
                    banner=("We use cookies to give you the best experience on our website.", "Accept all"),
                    crumbs="Home \u203a Local \u203a Harbour", tools=("4 min read", "Listen to this article"),
                    signup=("Get the Harbour Herald in your inbox", "Sign up for our morning newsletter"),
                    divs=True),
    "gazette": Site("Northfield Gazette", ("Menu", "Search", "Politics", "Health", "Science", "Courts",
                                           "Schools", "Newsletters"),
                    ("Hospital car park charges scrapped for night staff",
                     "Judge orders new hearing in the quarry dispute",
                     "Pupils plant four hundred trees along the ring road"),
                    ("Contact the newsroom", "Corrections", "Privacy notice", "Site map"),
                    date_first=True, bio="{author} is a reporter at the Northfield Gazette."),
}


@dataclass
class Article:
    """One article of the suite."""

    name: str
    title: str
    byline: str = ""  #: the credit as the page prints it ("By Ana Ruiz, Staff Reporter")
    author: str = ""  #: the names the listener's player should show
    published: str = ""  #: YYYY-MM-DD
    site: str = "valley"
    forms: tuple[str, ...] = FORMS
    language: str = "en"
    body: list[Element] = field(default_factory=list)

    def heard(self) -> list[str]:
        """The paragraphs a listener must hear, in order."""
        out: list[str] = []
        header: list[str] = []
        previous = ""
        for element in self.body:
            if element.kind == "t":
                cells = [plain(cell) for cell in element.text.split(" | ")]
                if previous != "t":
                    header = cells
                else:
                    out.append(row_sentence(header, cells))
            elif element.kind == "code":
                out.append(CODE_NOTE)
            elif element.kind not in ("x", "pq"):
                out.append(plain(element.text))
            previous = element.kind
        return out

    def left_out(self) -> list[tuple[str, str]]:
        """The (reason, text) of each block of the body that must be left out."""
        reasons = {"pq": "repeat", "code": "code block"}
        return [(element.reason or reasons[element.kind],
                 element.text if element.kind == "code" else plain(element.text))
                for element in self.body if element.kind in ("x", "pq", "code")]


def plain(text: str) -> str:
    """Text as heard: a link's words, emphasis without its marks."""
    return _EMPHASIS.sub(r"\1", _LINK.sub(r"\1", text))


def row_sentence(header: list[str], row: list[str]) -> str:
    """A table row as the listener hears it: "Berth: North quay; Ships: 4."."""
    sentence = "; ".join(f"{label}: {cell}" for label, cell in zip(header, row, strict=True) if cell)
    return sentence if sentence[-1:] in ".!?" else f"{sentence}."


def load(name: str) -> Article:
    """The article in fixtures/fidelity/NAME.txt."""
    text = (FOLDER / f"{name}.txt").read_text("utf-8")
    head, _, body = text.partition("\n\n")
    fields = dict(line.split(": ", 1) for line in head.splitlines())
    article = Article(name, fields["title"], fields.get("byline", ""), fields.get("author", ""),
                      fields.get("date", ""), fields.get("site", "valley"),
                      tuple(fields.get("forms", " ".join(FORMS)).split()), fields.get("language", "en"))
    for line in body.splitlines():
        if not line.strip():
            continue
        kind, _, rest = line.partition(" ")
        if kind not in _KINDS:
            raise ValueError(f"{name}: unknown element {kind!r} in {line!r}")
        if kind == "x":
            reason, _, rest = rest.partition(": ")
            article.body.append(Element(kind, rest, reason))
        else:
            article.body.append(Element(kind, rest))
    return article


def names() -> list[str]:
    """Every article of the suite."""
    return sorted(path.stem for path in FOLDER.glob("*.txt"))


def _spoken_date(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day:%B} {day.day}, {day.year}"


# -- pasted page text: what a reader gets selecting the whole page in a browser and copying it --

def pasted(article: Article) -> str:
    """The page as copied out of a browser: menus, headline, byline, body, related stories, footer."""
    site = SITES[article.site]
    lines = [*site.banner, f"{article.title} | {site.name}", "", *site.menu, "", site.crumbs]
    if article.published and site.date_first:
        lines.append(_spoken_date(article.published))
    lines += [article.title, ""]
    if article.byline:
        lines.append(article.byline)
    if article.published and not site.date_first:
        lines.append(_spoken_date(article.published))
    lines += [*site.tools, ""]
    previous = ""
    for element in article.body:
        text = plain(element.text)
        if element.kind == "t":
            lines.append("\t".join(plain(cell) for cell in element.text.split(" | ")))
        elif element.kind == "li":
            lines.append(f"\u2022 {text}" if len(article.name) % 2 else text)
        else:
            if previous in ("t", "li"):
                lines.append("")
            lines += [text, ""]
        previous = element.kind
    lines += ["", *_after(article, site), "Most read", *site.headlines, "", *site.footer,
              f"\u00a9 2025 {site.name}"]
    return "\n".join(lines) + "\n"


def _after(article: Article, site: Site) -> list[str]:
    """What the site prints after an article: the author's line, a newsletter box."""
    bio = [site.bio.format(author=article.author), ""] if site.bio and " " in article.author else []
    return [*bio, *site.signup, ""]


# -- an HTML page --

def _inline(text: str) -> str:
    """A paragraph's text as HTML: links and emphasis marked up, the rest escaped."""
    out, at = [], 0
    for match in _LINK.finditer(text):
        out += [_emphasis(text[at:match.start()]),
                f'<a href="{html.escape(match[2])}">{_emphasis(match[1])}</a>']
        at = match.end()
    return "".join([*out, _emphasis(text[at:])])


def _emphasis(text: str) -> str:
    return _EMPHASIS.sub(r"<em>\1</em>", html.escape(text, quote=False))


def _left_out_html(element: Element) -> str:
    text = _inline(element.text)
    reason = element.reason
    if reason in ("caption", "photo credit"):
        photo = f'<img src="/photos/{len(text)}.jpg" alt="">'
        return f"<figure>{photo}<figcaption>{text}</figcaption></figure>"
    if element.kind == "pq":
        return f'<aside class="pull-quote"><p>{text}</p></aside>'
    if reason == "related links":
        return f'<p class="related"><strong>{text}</strong></p>'
    if reason in ("promo", "subscription"):
        form = '<form><input type="email"><button>Sign up</button></form>'
        return f'<div class="newsletter-box"><p>{text}</p>{form}</div>'
    if element.kind == "code":
        return f"<pre><code>{html.escape(element.text)}</code></pre>"
    if reason == "advertisement":
        return f'<div class="ad-slot"><p>{text}</p></div>'
    if reason == "author bio":
        return f'<div class="author-bio"><p>{text}</p></div>'
    return f"<p>{text}</p>"


def page_html(article: Article) -> str:
    """The article as a news site serves it: head metadata, a navigation bar, the article, a list of
    other stories and a footer."""
    site = SITES[article.site]
    menu = "".join(f'<li><a href="/{item.lower().replace(" ", "-")}">{item}</a></li>' for item in site.menu)
    parts = [f'<!DOCTYPE html>\n<html lang="{article.language}"><head><meta charset="utf-8">',
             f"<title>{html.escape(article.title)} | {site.name}</title>"]
    if article.author:
        parts.append(f'<meta name="author" content="{html.escape(article.author)}">')
    if article.published:
        parts.append(f'<meta property="article:published_time" content="{article.published}T08:00:00Z">')
    banner = "".join(f"<p>{line}</p>" for line in site.banner)
    parts += [f'</head><body><div class="cookies">{banner}</div><header><a class="logo" href="/">', site.name,
              "</a><nav><ul>", menu, "</ul></nav></header><main><article>"]
    if site.crumbs:
        parts.append(f'<nav class="crumbs">{html.escape(site.crumbs)}</nav>')
    dated = f'<time datetime="{article.published}">{_spoken_date(article.published)}</time>'
    if article.published and site.date_first:
        parts.append(dated)
    parts.append(f"<h1>{html.escape(article.title)}</h1>")
    if article.byline:
        parts.append(f'<p class="byline">{html.escape(article.byline)}</p>')
    if article.published and not site.date_first:
        parts.append(dated)
    tools = " ".join(f'<a href="#">{tool}</a>' for tool in site.tools)
    parts.append(f'<div class="tools">{tools}</div>')
    body = article.body
    n = 0
    while n < len(body):
        element = body[n]
        if element.kind in ("li", "t"):
            end = n
            while end < len(body) and body[end].kind == element.kind:
                end += 1
            parts.append(_list_html(body[n:end]) if element.kind == "li" else _table_html(body[n:end]))
            n = end
            continue
        text = _inline(element.text)
        paragraph = f'<div class="para">{text}</div>' if site.divs else f"<p>{text}</p>"
        parts.append({"p": paragraph, "h": f"<h2>{text}</h2>",
                      "q": f"<blockquote><p>{text}</p></blockquote>",
                      "ts": f'<h3 class="entry-time"><time>{text}</time></h3>'}.get(element.kind)
                     or _left_out_html(element))
        n += 1
    related = "".join(f'<li><a href="/story/{i}">{line}</a></li>' for i, line in enumerate(site.headlines))
    footer = "".join(f'<li><a href="/{i}">{item}</a></li>' for i, item in enumerate(site.footer))
    after = _after(article, site)
    if after[0]:
        parts.append('<div class="after-article">' + "".join(f"<p>{line}</p>" for line in after if line)
                     + "</div>")
    parts += ['</article><aside class="most-read"><h2>Most read</h2><ol>', related,
              f"</ol></aside></main><footer><ul>{footer}</ul><p>\u00a9 2025 {site.name}</p></footer>",
              "</body></html>"]
    return "\n".join(parts) + "\n"


def _list_html(items: list[Element]) -> str:
    return "<ul>" + "".join(f"<li>{_inline(item.text)}</li>" for item in items) + "</ul>"


def _table_html(rows: list[Element]) -> str:
    cells = [row.text.split(" | ") for row in rows]
    head = "".join(f"<th>{_inline(cell)}</th>" for cell in cells[0])
    body = "".join("<tr>" + "".join(f"<td>{_inline(cell)}</td>" for cell in row) + "</tr>"
                   for row in cells[1:])
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


# -- Markdown --

def markdown(article: Article) -> str:
    """The article as a Markdown file: headline, byline and date, then its body."""
    lines = [f"# {article.title}", ""]
    if article.byline:
        lines += [article.byline, ""]
    if article.published:
        lines += [_spoken_date(article.published), ""]
    previous = ""
    for element in article.body:
        text = element.text
        if element.kind == "t":
            cells = text.split(" | ")
            lines.append(f"| {' | '.join(cells)} |")
            if previous != "t":
                lines.append("|" + "---|" * len(cells))
            previous = "t"
            continue
        if previous in ("t", "li") and element.kind != previous:
            lines.append("")
        if element.kind == "li":
            lines.append(f"- {text}")
        else:
            lines += [{"h": f"## {text}", "q": f"> {text}", "ts": f"**{text}**"}.get(element.kind, text)
                      if element.kind not in ("x", "pq", "code") else _left_out_markdown(element), ""]
        previous = element.kind
    return "\n".join(lines).rstrip() + "\n"


def _left_out_markdown(element: Element) -> str:
    if element.reason in ("caption", "photo credit"):
        return f"![photo](photo.jpg)\n\n*{element.text}*"
    if element.kind == "pq":
        return f"> {element.text}"
    if element.kind == "code":
        return f"```\n{element.text}\n```"
    return element.text


def form(article: Article, name: str) -> tuple[str, str]:
    """A file name and the text of one form of an article."""
    if name == "pasted":
        return f"{article.name}.txt", pasted(article)
    if name == "html":
        return f"{article.name}.html", page_html(article)
    return f"{article.name}.md", markdown(article)


if __name__ == "__main__":
    print(form(load(sys.argv[1]), sys.argv[2])[1])
