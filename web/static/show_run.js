// Follows a show's run on its page: polls the run's status, says what it is doing, and reloads the
// page (which then says what the run did) once it has ended.
"use strict";

const RUN_STATES = {
  queued: "The run is waiting its turn: the sources are read soon.",
  running: "Reading the sources and their stories.",
};

document.addEventListener("DOMContentLoaded", () => {
  const section = document.getElementById("run");
  if (!section) return;
  const line = document.getElementById("run-status");
  const poll = () => fetch(section.dataset.statusUrl, { headers: { Accept: "application/json" } })
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error("HTTP " + r.status))))
    .then((run) => {
      if (run.state === "done" || run.state === "failed") {
        location.reload();
        return;
      }
      const text = RUN_STATES[run.state];
      if (text && line.textContent !== text) line.textContent = text;
      setTimeout(poll, 1000);
    })
    .catch(() => setTimeout(poll, 3000));
  poll();
});
