"""A loopback web site with one article that a test can hold: while held, the answer trickles spaces
and a briefing reading it stays "being made" (its page shows progress), until the test releases it.
At /empty the answer ends with nothing but those spaces: the briefing then fails (nothing to read)."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Tram Line Extended</title><meta name="author" content="Ada Reporter"></head><body><article>
<h1>Tram Line Extended</h1>
<p>The city tram line will reach the new hospital by next autumn, the transport board said on Tuesday.</p>
<p>Work on the two kilometre extension starts in spring. Buses will run along the route while the rails
are laid, and the board promised that no stop will close for more than a week.</p>
<p>Residents near the hospital had asked for the tram for years. The board expects about four thousand
riders a day on the new stretch.</p>
</article></body></html>"""
HOLD_LIMIT_S = 90  #: a held article is let go after this long whatever happens


class ArticleSite:
    """A loopback web server with one article at /article; while held, the answer trickles spaces and
    the briefing reading it stays "being made"."""

    def __init__(self) -> None:
        self.released = threading.Event()
        self.released.set()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                deadline = time.monotonic() + HOLD_LIMIT_S
                while not site.released.wait(1) and time.monotonic() < deadline:
                    self.wfile.write(b" ")
                    self.wfile.flush()
                if self.path != "/empty":
                    self.wfile.write(ARTICLE_HTML.encode())

            def log_message(self, *_args: object) -> None:
                return

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.http.server_address[1]}/article"
        self.empty_url = f"http://127.0.0.1:{self.http.server_address[1]}/empty"
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def hold(self) -> None:
        """Keep the next readers waiting until release()."""
        self.released.clear()

    def release(self) -> None:
        """Let every reader have the article."""
        self.released.set()

    def close(self) -> None:
        """Let every reader go and stop the site."""
        self.release()
        self.http.shutdown()
