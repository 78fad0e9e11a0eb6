// Follows a briefing being made: Server-Sent Events, with the JSON status endpoint as a fallback.
"use strict";

const STAGES = { queued: "In the queue", running: "Speaking the articles" };

function describeStatus(status) {
  const percent = Math.round(status.progress * 100);
  if (status.state === "done") return "Ready. Opening the briefing…";
  if (status.state === "failed") return "The briefing could not be made: " + (status.error || "unknown error");
  return (STAGES[status.state] || status.state) + ": " + percent + "% done.";
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

// Shows progress in a <progress> and a polite status line, announcing only when the text changes
// by a stage or ten percent, so screen readers are not flooded.
function progressView(bar, line) {
  let announced = "";
  let lastTenth = -1;
  return (status) => {
    const percent = Math.round(status.progress * 100);
    bar.value = percent;
    bar.textContent = percent + "%";
    const tenth = Math.floor(percent / 10);
    const text = describeStatus(status);
    const stageChanged = text.split(":")[0] !== announced.split(":")[0];
    if (stageChanged || tenth !== lastTenth || status.state === "done" || status.state === "failed") {
      line.textContent = text;
      announced = text;
      lastTenth = tenth;
    }
  };
}

document.addEventListener("DOMContentLoaded", () => {
  const job = document.getElementById("job");
  if (!job) return;
  const id = location.pathname.split("/").pop();
  const show = progressView(document.getElementById("job-progress"), document.getElementById("job-status"));
  followBriefing(id, (status) => {
    show(status);
    if (status.state === "done" && job.dataset.listening) document.dispatchEvent(new Event("briefing-finished"));
    else if (status.state === "done" || status.state === "failed") location.reload();
  });
});
