// Listening while a briefing is made: the player follows the growing MP3 (one HTTP response that ends
// with the audio) with the same controls as the finished one (controls.js; each article's title
// starts a chapter), the transcript fills in as sentences are laid out, and once the briefing is done
// the player moves to the finished file whenever that cannot be heard (paused, or not yet started).
"use strict";

const CUES_POLL_MS = 1500;
const SENTENCE_ID = /^a(\d+)-(?:(title)|p(\d+))-s\d+/;

document.addEventListener("DOMContentLoaded", () => {
  const live = document.getElementById("live");
  const audio = document.getElementById("live-player");
  const job = document.getElementById("job");
  if (!live || !audio || !job) return;
  const id = live.dataset.briefing;
  const transcript = document.getElementById("live-transcript");
  const sentences = [];
  const chapters = [];
  const player = playerControls(audio, live, () => chapters);
  let known = 0;
  let current = null;
  let finished = false;

  // Whoever just asked for this briefing hears it at once (they pressed the button for it).
  if (sessionStorage.getItem("audiobrief-listen") === id) {
    sessionStorage.removeItem("audiobrief-listen");
    const playing = audio.play();
    if (playing) playing.catch(() => player.say("Press play to listen while the rest is made."));
  }

  // Once the listener has begun, the page must not reload at the end (follow.js asks).
  audio.addEventListener("play", () => { job.dataset.listening = "true"; });

  function paragraphFor(sentenceId) {
    const match = SENTENCE_ID.exec(sentenceId);
    const key = match ? "a" + match[1] + (match[2] ? "-title" : "-p" + match[3]) : "intro";
    let block = transcript.lastElementChild;
    if (!block || block.dataset.key !== key) {
      block = document.createElement(match && match[2] ? "h3" : "p");
      block.dataset.key = key;
      transcript.append(block);
    }
    return block;
  }

  function add(cue) {
    const span = document.createElement("span");
    span.className = "cue";
    span.dataset.start = cue.start_ms / 1000;
    span.textContent = cue.written;
    const block = paragraphFor(cue.id);
    if (block.tagName === "H3" && !block.childElementCount) {
      chapters.push({ start: cue.start_ms / 1000, title: cue.written });
    }
    block.append(span, " ");
    sentences.push(span);
  }

  function poll() {
    fetch(live.dataset.cuesUrl + "?start=" + known, { headers: { Accept: "application/json" } })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error("HTTP " + r.status))))
      .then((body) => {
        body.cues.forEach(add);
        known += body.cues.length;
        if (!body.complete) setTimeout(poll, CUES_POLL_MS);
      })
      .catch(() => { if (!finished) setTimeout(poll, CUES_POLL_MS * 4); });
  }
  poll();

  audio.addEventListener("timeupdate", () => {
    let found = null;
    for (const span of sentences) {
      if (Number(span.dataset.start) <= audio.currentTime + 0.05) found = span;
      else break;
    }
    if (found === current) return;
    if (current) current.removeAttribute("aria-current");
    if (found) found.setAttribute("aria-current", "true");
    current = found;
  });

  // The finished file has byte ranges (seeking anywhere); it holds the same audio, so it takes over
  // at the same moment whenever nothing is heard.
  function toFinishedFile() {
    if (!audio.paused || audio.src.endsWith("/audio.mp3")) return;
    const at = audio.currentTime;
    audio.preload = "auto"; // the live player fetched nothing until played; this one is wanted now
    audio.src = live.dataset.finishedUrl;
    audio.addEventListener("loadedmetadata", () => { audio.currentTime = at; }, { once: true });
  }

  document.addEventListener("briefing-finished", () => {
    finished = true;
    toFinishedFile();
    audio.addEventListener("pause", toFinishedFile);
  });
});
