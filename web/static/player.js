// The briefing page: speed, chapters and sentences that seek, the spoken sentence marked and kept in
// view, one tab stop for the whole transcript, shortcuts, and speed and place remembered.
"use strict";

const FOLLOW_PAUSE_MS = 8000; // after the listener scrolls, the transcript does not follow for this long
const SAVE_EVERY_S = 5;
const RESUME_MIN_S = 5;

function clock(seconds) {
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h ? h + ":" + String(m).padStart(2, "0") + ":" + s : m + ":" + s;
}

function stored(key) {
  try { return localStorage.getItem(key); } catch (error) { return null; }
}

function store(key, value) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch (error) { /* storage off: nothing is remembered */ }
}

document.addEventListener("DOMContentLoaded", () => {
  const audio = document.getElementById("player");
  if (!audio) return;
  const section = document.getElementById("player-section");
  const speed = document.getElementById("speed");
  const toggle = document.getElementById("shortcuts");
  const help = document.getElementById("shortcut-help");
  const status = document.getElementById("player-status");
  const cues = Array.from(document.querySelectorAll(".cue"));
  const chapters = Array.from(document.querySelectorAll("a.chapter"));
  const speeds = Array.from(speed.options).map((o) => o.value);
  const placeKey = "audiobrief-position:" + section.dataset.briefing;
  let current = null;

  document.getElementById("player-controls").hidden = false;
  for (const hint of document.querySelectorAll(".js-only")) hint.hidden = false;

  function say(text) {
    status.textContent = text;
  }

  // Shortcuts: on unless turned off; their list shows only while they are on.
  toggle.checked = stored("audiobrief-shortcuts") !== "off";
  help.hidden = !toggle.checked;
  toggle.addEventListener("change", () => {
    store("audiobrief-shortcuts", toggle.checked ? "on" : "off");
    help.hidden = !toggle.checked;
  });

  // Speed, kept for every briefing.
  function setSpeed(value) {
    audio.playbackRate = Number(value);
    audio.defaultPlaybackRate = Number(value);
    speed.value = value;
    store("audiobrief-speed", value);
  }
  const savedSpeed = stored("audiobrief-speed");
  if (speeds.includes(savedSpeed)) setSpeed(savedSpeed);
  speed.addEventListener("change", () => setSpeed(speed.value));

  function seek(seconds) {
    audio.currentTime = Math.max(0, seconds);
    mark();
    const playing = audio.play();
    if (playing) playing.catch(() => say("Press play to listen."));
  }

  // The sticky player must not hide what is focused or followed: scrolling leaves room for it.
  function keepClearOfPlayer() {
    const sticky = getComputedStyle(section).position === "sticky";
    const room = sticky ? section.getBoundingClientRect().height + 8 : 0;
    document.documentElement.style.scrollPaddingTop = room + "px";
  }
  keepClearOfPlayer();
  if (window.ResizeObserver) new ResizeObserver(keepClearOfPlayer).observe(section);
  window.addEventListener("resize", keepClearOfPlayer);

  // Following the spoken sentence, unless the listener scrolled away recently or asked for less motion.
  let lastUserScroll = -Infinity;
  let ownScrollUntil = 0;
  const userScrolled = () => { lastUserScroll = performance.now(); };
  const userMoved = () => {  // a wheel or a finger stops the page's own scrolling at once
    if (performance.now() < ownScrollUntil) {
      ownScrollUntil = 0;
      window.scrollTo({ top: window.scrollY, behavior: "instant" });
    }
    userScrolled();
  };
  window.addEventListener("wheel", userMoved, { passive: true });
  window.addEventListener("touchmove", userMoved, { passive: true });
  window.addEventListener("scroll", () => {  // by keyboard or scroll bar, unless it is the page's own
    if (performance.now() > ownScrollUntil) userScrolled();
  }, { passive: true });
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  function follow(cue) {
    if (reducedMotion.matches || audio.paused) return;
    if (performance.now() - lastUserScroll < FOLLOW_PAUSE_MS) return;
    const box = cue.getBoundingClientRect();
    const top = parseFloat(document.documentElement.style.scrollPaddingTop) || 0;
    if (box.top >= top && box.bottom <= window.innerHeight) return;
    ownScrollUntil = performance.now() + 1500;
    cue.scrollIntoView({ block: "center", behavior: "smooth" });
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
    if (found) {
      found.setAttribute("aria-current", "true");
      follow(found);
    }
    current = found;
  }
  audio.addEventListener("timeupdate", mark);
  audio.addEventListener("seeked", mark);

  // The transcript is one tab stop: the arrow keys move between sentences, Enter or Space plays one.
  let roving = cues[0] || null;
  for (const cue of cues) {
    cue.setAttribute("role", "button");
    cue.tabIndex = cue === roving ? 0 : -1;
    cue.addEventListener("click", () => {
      moveTo(cue, false);
      seek(Number(cue.dataset.start));
    });
    cue.addEventListener("keydown", (event) => {
      const index = cues.indexOf(cue);
      const targets = { ArrowDown: index + 1, ArrowRight: index + 1, ArrowUp: index - 1, ArrowLeft: index - 1,
                        Home: 0, End: cues.length - 1 };
      if (event.key in targets) {
        event.preventDefault();
        event.stopPropagation();
        moveTo(cues[Math.min(cues.length - 1, Math.max(0, targets[event.key]))], true);
      } else if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        event.stopPropagation();
        seek(Number(cue.dataset.start));
      }
    });
  }

  function moveTo(cue, focus) {
    if (roving) roving.tabIndex = -1;
    roving = cue;
    cue.tabIndex = 0;
    if (focus) cue.focus();
  }

  for (const link of chapters) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      seek(Number(link.dataset.start));
    });
  }

  function chapterIndex() {
    let index = -1;
    chapters.forEach((chapter, n) => {
      if (Number(chapter.dataset.start) <= audio.currentTime + 0.5) index = n;
    });
    return index;
  }

  // ] on the last chapter goes to the end (a listener skipping ahead wants to be done), never back.
  function jumpChapter(step) {
    if (!chapters.length) return;
    const atEnd = audio.ended || (audio.duration && audio.currentTime >= audio.duration - 0.25);
    const target = (atEnd ? chapters.length : chapterIndex()) + step;  // [ at the end: the last chapter
    if (target >= chapters.length) {
      audio.currentTime = audio.duration || audio.currentTime;
      say("End of the briefing");
      return;
    }
    const index = Math.max(0, target);
    seek(Number(chapters[index].dataset.start));
    say("Chapter " + (index + 1) + ": " + chapters[index].textContent);
  }

  function stepSpeed(step) {
    const index = speeds.indexOf(speed.value);
    const next = speeds[Math.min(speeds.length - 1, Math.max(0, index + step))];
    setSpeed(next);
    say("Speed " + next + "×");
  }

  // The place in this briefing, offered again on return.
  const resume = document.getElementById("resume");
  const resumeButton = document.getElementById("resume-button");
  const savedPlace = Number(stored(placeKey));
  if (savedPlace >= RESUME_MIN_S && !new URLSearchParams(location.search).has("t")) {
    resumeButton.textContent = "Resume at " + clock(savedPlace);
    resume.hidden = false;
    resumeButton.addEventListener("click", () => {
      resume.hidden = true;
      seek(savedPlace);
    });
  }
  let lastSaved = 0;
  audio.addEventListener("timeupdate", () => {
    if (Math.abs(audio.currentTime - lastSaved) < SAVE_EVERY_S) return;
    lastSaved = audio.currentTime;
    store(placeKey, audio.currentTime.toFixed(1));
  });
  audio.addEventListener("pause", () => {
    if (audio.currentTime >= RESUME_MIN_S && !audio.ended) store(placeKey, audio.currentTime.toFixed(1));
  });
  audio.addEventListener("play", () => { resume.hidden = true; });
  audio.addEventListener("ended", () => store(placeKey, null));

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
