"""The process's Prometheus instruments (prometheus-client, its default registry): what the web app
serves at /metrics and `audiobrief worker --metrics-port` serves for the worker. Labels hold only
fixed vocabularies (route templates, states, engines, error classes), never a URL, title or key."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

#: seconds a briefing takes to make, from short notes to long reads under load
MAKING_BUCKETS = (1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600, 1200)
#: making seconds per second of audio: under 1 is faster than listening
PER_AUDIO_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5)
HTTP_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)

SUBMITTED = Counter("audiobrief_briefings_submitted", "Briefings stored and queued")
MADE = Counter("audiobrief_briefings_made", "Briefings made and put in place")
FAILED = Counter("audiobrief_briefings_failed", "Briefings failed, by reason (an error class)", ["reason"])
IN_HAND = Gauge("audiobrief_briefings_in_hand", "Briefings this process is reading or making now")
MAKING_SECONDS = Histogram("audiobrief_briefing_seconds", "Seconds to make a briefing (after reading)",
                           buckets=MAKING_BUCKETS)
PER_AUDIO_SECOND = Histogram("audiobrief_briefing_seconds_per_audio_second",
                             "Making seconds per second of audio made", buckets=PER_AUDIO_BUCKETS)
SYNTHESIS_SECONDS = Histogram("audiobrief_synthesis_seconds", "Seconds of synthesis per briefing, by engine",
                              ["engine"], buckets=MAKING_BUCKETS)
FETCH_ERRORS = Counter("audiobrief_fetch_errors", "Articles that could not be read, by kind (an error class)",
                       ["kind"])
OPEN_STREAMS = Gauge("audiobrief_open_streams", "Listeners following /media/ID/stream.mp3 now")
SSE_FOLLOWERS = Gauge("audiobrief_sse_followers", "Clients following a briefing's events now")
HTTP_REQUESTS = Counter("audiobrief_http_requests", "HTTP requests answered, by route template and status",
                        ["method", "route", "status"])
HTTP_SECONDS = Histogram("audiobrief_http_request_seconds",
                         "Seconds to the end of an answer, by route template", ["method", "route"],
                         buckets=HTTP_BUCKETS)
SHOW_RUNS = Counter("audiobrief_show_runs", "Show runs finished, by outcome", ["outcome"])


def failure_reason(exc: BaseException) -> str:
    """A failure's label: the error's class name (a fixed set), never its message."""
    return type(exc).__name__
