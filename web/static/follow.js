// Follows a briefing being made: Server-Sent Events, with the JSON status endpoint as a fallback.
"use strict";

const STAGES = { queued: "In the queue", running: "Being made", done: "Finished", failed: "Could not be made" };

// The stage, which the page's heading shows, and the status line, which begins with the same words
// (the percentage in tens: the line changes, and is announced, at most ten times).
function describeStatus(status, listening) {
  const stage = STAGES[status.state] || status.state;
  if (status.state === "done") {
    return [stage, stage + (listening ? ": the player has the whole briefing and plays on here." : ". Opening the briefing…")];
  }
  if (status.state === "failed") return [stage, stage + ": " + (status.error || "unknown error")];
  return [stage, stage + ": " + Math.floor(status.progress * 10) * 10 + "% done."];
}

// Calls onStatus(status) at each change until the briefing is done or failed.
function followBriefing(id, onStatus) {
  const eventsUrl = "/api/briefings/" + encodeURIComponent(id) + "/events";
  const statusUrl = "/api/briefings/" + encodeURIComponent(id);
  let finished = false;
  const handle = (status) => {
    if (finished) return;
    finished = status.state === "done" || status.state === "failed";
    onStatus(status);
  };
  if (!window.EventSource) {
    const poll = () => fetch(statusUrl).then((r) => r.json()).then((s) => {
      handle(s.state ? s : { state: "failed", progress: 0, error: "this briefing no longer exists" });
      if (!finished) setTimeout(poll, 1000);
    });
    poll();
    return;
  }
  const source = new EventSource(eventsUrl);
  source.addEventListener("status", (event) => {
    handle(JSON.parse(event.data));
    if (finished) source.close();
  });
  source.addEventListener("error", () => {
    if (finished) return;
    source.close();
    fetch(statusUrl).then((r) => (r.ok ? r.json() : Promise.reject(new Error("HTTP " + r.status))))
      .then((s) => {
        handle(s);
        if (!finished) setTimeout(() => followBriefing(id, onStatus), 1000);
      })
      .catch(() => handle({ state: "failed", progress: 0, error: "lost contact with the server; reload the page" }));
  });
}

// Shows progress in a <progress>, the stage in the heading and the status line (a polite live
// region) together, so that all three agree; the line changes only with a stage or ten percent, so
// screen readers are not flooded.
function progressView(heading, bar, line, listening) {
  return (status) => {
    const percent = Math.round(status.progress * 100);
    bar.value = status.state === "done" ? 100 : percent;
    bar.textContent = bar.value + "%";
    const [stage, text] = describeStatus(status, listening());
    if (heading.textContent !== stage) heading.textContent = stage;
    if (line.textContent === text) return;
    line.textContent = text;
    if (status.state === "done" && listening()) {
      const link = document.createElement("a");
      link.href = location.pathname;
      link.textContent = "Open the finished briefing";
      line.append(" ", link, " for its chapters and downloads.");
    }
  };
}

document.addEventListener("DOMContentLoaded", () => {
  const job = document.getElementById("job");
  if (!job) return;
  const id = location.pathname.split("/").pop();
  const listening = () => Boolean(job.dataset.listening);
  const show = progressView(document.getElementById("status-heading"), document.getElementById("job-progress"),
                            document.getElementById("job-status"), listening);
  followBriefing(id, (status) => {
    show(status);
    if (status.state === "done" && listening()) document.dispatchEvent(new Event("briefing-finished"));
    else if (status.state === "done" || status.state === "failed") location.reload();
  });
});
