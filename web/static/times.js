// Times in the viewer's own time zone: each <time data-local> is rewritten from its datetime attribute
// (the server's text, UTC or the show's zone, stays without JavaScript and becomes the tooltip). A new
// show's time zone starts as the browser's, unless the form came back with the listener's own choice.
"use strict";

// "7 December 2026, 19:58 CET"; data-local="short" gives "7 Dec 2026, 19:58 CET".
function localWords(moment, month) {
  const parts = {};
  const format = new Intl.DateTimeFormat("en-GB", {
    day: "numeric", month, year: "numeric", hour: "2-digit", minute: "2-digit",
    hourCycle: "h23", timeZoneName: "short",
  });
  for (const part of format.formatToParts(moment)) parts[part.type] = part.value;
  return `${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}

document.addEventListener("DOMContentLoaded", () => {
  if (!window.Intl || !Intl.DateTimeFormat) return;
  for (const element of document.querySelectorAll("time[data-local][datetime]:not([data-shown])")) {
    const moment = new Date(element.getAttribute("datetime"));
    if (Number.isNaN(moment.getTime())) continue;
    element.dataset.shown = "local";  // once, however many times the script is included
    element.title = element.textContent;
    element.textContent = localWords(moment, element.dataset.local === "short" ? "short" : "long");
  }
  const zone = document.querySelector("select[data-browser-zone]");
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && browserZone && Array.from(zone.options).some((option) => option.value === browserZone)) {
    zone.value = browserZone;
  }
});
