// The briefing page: speed, chapters and sentences that seek, the spoken sentence marked, shortcuts.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const audio = document.getElementById("player");
  if (!audio) return;
  const speed = document.getElementById("speed");
  const toggle = document.getElementById("shortcuts");
  const status = document.getElementById("player-status");
  const cues = Array.from(document.querySelectorAll("a.cue"));
  const chapters = Array.from(document.querySelectorAll("a.chapter"));
  const speeds = Array.from(speed.options).map((o) => o.value);
  let current = null;

  document.getElementById("player-controls").hidden = false;
  document.getElementById("shortcut-help").hidden = false;

  const stored = localStorage.getItem("audiobrief-shortcuts");
  toggle.checked = stored !== "off";
  toggle.addEventListener("change", () => {
    localStorage.setItem("audiobrief-shortcuts", toggle.checked ? "on" : "off");
  });

  function say(text) {
    status.textContent = text;
  }

  function setSpeed(value) {
    audio.playbackRate = Number(value);
    speed.value = value;
  }
  speed.addEventListener("change", () => setSpeed(speed.value));

  function seek(seconds) {
    audio.currentTime = Math.max(0, seconds);
    mark();
    const playing = audio.play();
    if (playing) playing.catch(() => say("Press play to listen."));
  }

  for (const link of [...cues, ...chapters]) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      seek(Number(link.dataset.start));
    });
  }

  // The sentence being spoken gets aria-current (no live region: screen readers are not interrupted).
  function mark() {
    const time = audio.currentTime;
    let found = null;
    for (const cue of cues) {
      if (Number(cue.dataset.start) <= time + 0.05) found = cue;
      else break;
    }
    if (found === current) return;
    if (current) current.removeAttribute("aria-current");
    if (found) found.setAttribute("aria-current", "true");
    current = found;
  }
  audio.addEventListener("timeupdate", mark);
  audio.addEventListener("seeked", mark);

  function chapterIndex() {
    let index = -1;
    chapters.forEach((chapter, n) => {
      if (Number(chapter.dataset.start) <= audio.currentTime + 0.5) index = n;
    });
    return index;
  }

  function jumpChapter(step) {
    if (!chapters.length) return;
    const target = Math.min(chapters.length - 1, Math.max(0, chapterIndex() + step));
    seek(Number(chapters[target].dataset.start));
    say("Chapter " + (target + 1) + ": " + chapters[target].textContent);
  }

  function stepSpeed(step) {
    const index = speeds.indexOf(speed.value);
    const next = speeds[Math.min(speeds.length - 1, Math.max(0, index + step))];
    setSpeed(next);
    say("Speed " + next + "×");
  }

  const keys = {
    k: () => { if (audio.paused) { audio.play(); say("Playing"); } else { audio.pause(); say("Paused"); } },
    j: () => { audio.currentTime = Math.max(0, audio.currentTime - 10); say("Back 10 seconds"); },
    l: () => { audio.currentTime = Math.min(audio.duration || Infinity, audio.currentTime + 10); say("Ahead 10 seconds"); },
    "[": () => jumpChapter(-1),
    "]": () => jumpChapter(1),
    "-": () => stepSpeed(-1),
    "=": () => stepSpeed(1),
  };

  document.addEventListener("keydown", (event) => {
    if (!toggle.checked || event.ctrlKey || event.altKey || event.metaKey) return;
    const target = event.target;
    if (target.closest && target.closest("input, select, textarea, [contenteditable]")) return;
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });
});
