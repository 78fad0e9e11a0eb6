// The finished briefing's page: the controls (controls.js), chapters and sentences that seek, the
// spoken sentence marked and kept in view, the transcript as one Tab stop whose chosen sentence the
// arrow keys move (aria-activedescendant), shortcuts for keyboards, and the place remembered.
"use strict";

const FOLLOW_PAUSE_MS = 8000; // after the listener scrolls, the transcript does not follow for this long
const SAVE_EVERY_S = 5;
const RESUME_MIN_S = 5;

document.addEventListener("DOMContentLoaded", () => {
  const audio = document.getElementById("player");
  if (!audio) return;
  const section = document.getElementById("player-section");
  const toggle = document.getElementById("shortcuts");
  const help = document.getElementById("shortcut-help");
  const transcript = document.getElementById("cues");
  const cues = Array.from(transcript.querySelectorAll(".cue"));
  const links = Array.from(document.querySelectorAll("a.chapter"));
  const chapterList = links.map((link) => ({ start: Number(link.dataset.start), title: link.textContent }));
  const placeKey = "audiobrief-position:" + section.dataset.briefing;
  const player = playerControls(audio, section, () => chapterList);
  let current = null;

  for (const hint of document.querySelectorAll(".js-only")) hint.hidden = false;

  // Shortcuts: on unless turned off; their list shows only while they are on.
  toggle.checked = storedValue("audiobrief-shortcuts") !== "off";
  help.hidden = !toggle.checked;
  toggle.addEventListener("change", () => {
    storeValue("audiobrief-shortcuts", toggle.checked ? "on" : "off");
    help.hidden = !toggle.checked;
  });

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

  function playFrom(seconds) {
    player.seek(seconds, true);
    mark();
  }

  // The transcript is one Tab stop and reads as text: the sentences are not controls. The arrow keys
  // choose a sentence (aria-activedescendant), Enter or Space plays it; a click or tap plays one too.
  let chosen = null;
  function choose(cue) {
    if (chosen) chosen.classList.remove("chosen");
    chosen = cue;
    cue.classList.add("chosen");
    transcript.setAttribute("aria-activedescendant", cue.id);
  }
  if (cues.length) {
    transcript.tabIndex = 0;
    transcript.setAttribute("role", "group");
    transcript.setAttribute("aria-labelledby", "transcript-heading");
    transcript.setAttribute("aria-describedby", "transcript-hint");
    choose(cues[0]);
  }
  transcript.addEventListener("focus", () => { if (current) choose(current); });
  transcript.addEventListener("click", (event) => {
    const cue = event.target.closest(".cue");
    if (!cue) return;
    choose(cue);
    playFrom(Number(cue.dataset.start));
  });
  transcript.addEventListener("keydown", (event) => {
    const index = cues.indexOf(chosen);
    const targets = { ArrowDown: index + 1, ArrowRight: index + 1, ArrowUp: index - 1, ArrowLeft: index - 1,
                      Home: 0, End: cues.length - 1 };
    if (event.key in targets) {
      event.preventDefault();
      event.stopPropagation();
      choose(cues[Math.min(cues.length - 1, Math.max(0, targets[event.key]))]);
      chosen.scrollIntoView({ block: "nearest" });
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      event.stopPropagation();
      playFrom(Number(chosen.dataset.start));
    }
  });

  for (const link of links) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      playFrom(Number(link.dataset.start));
    });
  }

  // The place in this briefing, offered again on return.
  const resume = document.getElementById("resume");
  const resumeButton = document.getElementById("resume-button");
  const savedPlace = Number(storedValue(placeKey));
  if (savedPlace >= RESUME_MIN_S && !new URLSearchParams(location.search).has("t")) {
    resumeButton.textContent = "Resume at " + clockOf(savedPlace);
    resume.hidden = false;
    resumeButton.addEventListener("click", () => {
      resume.hidden = true;
      playFrom(savedPlace);
    });
  }
  let lastSaved = 0;
  audio.addEventListener("timeupdate", () => {
    if (Math.abs(audio.currentTime - lastSaved) < SAVE_EVERY_S) return;
    lastSaved = audio.currentTime;
    storeValue(placeKey, audio.currentTime.toFixed(1));
  });
  audio.addEventListener("pause", () => {
    if (audio.currentTime >= RESUME_MIN_S && !audio.ended) storeValue(placeKey, audio.currentTime.toFixed(1));
  });
  audio.addEventListener("play", () => { resume.hidden = true; });
  audio.addEventListener("ended", () => storeValue(placeKey, null));

  const keys = {
    k: () => { player.toggle(); player.say(audio.paused ? "Paused" : "Playing"); },
    j: () => player.skip(-BACK_S),
    l: () => player.skip(AHEAD_S),
    "[": () => player.jumpChapter(-1),
    "]": () => player.jumpChapter(1),
    "-": () => player.stepSpeed(-1),
    "=": () => player.stepSpeed(1),
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
