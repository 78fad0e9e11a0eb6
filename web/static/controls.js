// The on-screen controls of a player (finished or live) and its Media Session: back 15 s, play or
// pause, ahead 30 s, previous and next chapter, speed, the position; the lock screen, headphones and
// car see the title, byline, show, cover and chapter and can do the same. Used by player.js and stream.js.
"use strict";

const BACK_S = 15;
const AHEAD_S = 30;
const CHAPTER_GRACE_S = 0.5; // a chapter counts as reached this close before its start

function clockOf(seconds) {
  const total = Math.max(0, Math.round(seconds || 0));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h ? h + ":" + String(m).padStart(2, "0") + ":" + s : m + ":" + s;
}

function storedValue(key) {
  try { return localStorage.getItem(key); } catch (error) { return null; }
}

function storeValue(key, value) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch (error) { /* storage off: nothing is remembered */ }
}

// Binds the controls inside section to audio and returns what the page's shortcuts call.
// chapters() gives [{start, title}] in order (it may grow, as on the live player).
function playerControls(audio, section, chapters) {
  const panel = document.getElementById("player-controls");
  const speed = document.getElementById("speed");
  const play = document.getElementById("play");
  const seekbar = document.getElementById("seek");
  const elapsed = document.getElementById("elapsed");
  const total = document.getElementById("total");
  const status = document.getElementById("player-status");
  const speeds = Array.from(speed.options).map((o) => o.value);
  const session = "mediaSession" in navigator ? navigator.mediaSession : null;
  let dragging = false;

  audio.controls = false; // the page's own controls replace the native ones (one Tab stop each)
  panel.hidden = false;

  function say(text) {
    status.textContent = text;
  }

  // The furthest the player can go: the end of the file, or of what has arrived of a stream.
  function end() {
    if (Number.isFinite(audio.duration)) return audio.duration;
    const ranges = audio.seekable.length ? audio.seekable : audio.buffered;
    return ranges.length ? ranges.end(ranges.length - 1) : audio.currentTime;
  }

  function start() {
    const playing = audio.play();
    if (playing) playing.catch(() => say("Press play to listen."));
  }

  function seek(seconds, andPlay) {
    audio.currentTime = Math.min(end(), Math.max(0, seconds));
    if (andPlay) start();
  }

  function toggle() {
    if (audio.paused) start();
    else audio.pause();
  }

  function skip(seconds) {
    seek(audio.currentTime + seconds, false);
    say((seconds < 0 ? "Back " : "Ahead ") + Math.abs(seconds) + " seconds");
  }

  function chapterIndex() {
    let index = -1;
    chapters().forEach((chapter, n) => {
      if (chapter.start <= audio.currentTime + CHAPTER_GRACE_S) index = n;
    });
    return index;
  }

  // Next on the last chapter goes to the end (a listener skipping ahead wants to be done), never
  // back; previous before the first chapter goes to the start.
  function jumpChapter(step) {
    const list = chapters();
    const atEnd = audio.ended || (Number.isFinite(audio.duration) && audio.currentTime >= audio.duration - 0.25);
    const target = (atEnd ? list.length : chapterIndex()) + step; // previous at the end: the last chapter
    if (target >= list.length) {
      if (!Number.isFinite(audio.duration)) return; // a stream has no end yet
      audio.currentTime = audio.duration;
      say("End of the briefing");
    } else if (target < 0) {
      seek(0, true);
      say("Start of the briefing");
    } else {
      seek(list[target].start, true);
      say("Chapter " + (target + 1) + ": " + list[target].title);
    }
  }

  // Speed, kept for every briefing.
  function setSpeed(value) {
    audio.playbackRate = Number(value);
    audio.defaultPlaybackRate = Number(value);
    speed.value = value;
    storeValue("audiobrief-speed", value);
  }
  function stepSpeed(step) {
    const index = speeds.indexOf(speed.value);
    const next = speeds[Math.min(speeds.length - 1, Math.max(0, index + step))];
    setSpeed(next);
    say("Speed " + next + "×");
  }
  const savedSpeed = storedValue("audiobrief-speed");
  if (speeds.includes(savedSpeed)) setSpeed(savedSpeed);
  speed.addEventListener("change", () => setSpeed(speed.value));

  play.addEventListener("click", toggle);
  document.getElementById("back").addEventListener("click", () => skip(-BACK_S));
  document.getElementById("ahead").addEventListener("click", () => skip(AHEAD_S));
  document.getElementById("previous-chapter").addEventListener("click", () => jumpChapter(-1));
  document.getElementById("next-chapter").addEventListener("click", () => jumpChapter(1));

  // The play button names what it does next; the section shows which icon.
  function showState() {
    play.setAttribute("aria-label", audio.paused ? "Play" : "Pause");
    section.classList.toggle("playing", !audio.paused);
    if (session) session.playbackState = audio.paused ? "paused" : "playing";
  }
  audio.addEventListener("play", showState);
  audio.addEventListener("pause", showState);
  audio.addEventListener("ended", showState);
  showState();

  // The position: a slider on the finished player, the time heard on both.
  if (seekbar) {
    seekbar.addEventListener("pointerdown", () => { dragging = true; });
    seekbar.addEventListener("pointerup", () => { dragging = false; });
    seekbar.addEventListener("input", () => { audio.currentTime = Number(seekbar.value); });
  }
  function showPosition() {
    elapsed.textContent = clockOf(audio.currentTime);
    if (!seekbar || !Number.isFinite(audio.duration)) return;
    total.textContent = clockOf(audio.duration);
    seekbar.max = String(Math.floor(audio.duration));
    if (!dragging) seekbar.value = String(Math.floor(audio.currentTime));
    seekbar.setAttribute("aria-valuetext", clockOf(audio.currentTime) + " of " + clockOf(audio.duration));
  }
  for (const name of ["timeupdate", "durationchange", "loadedmetadata", "seeked"]) {
    audio.addEventListener(name, showPosition);
  }
  showPosition();

  // Media Session: what the lock screen, headphones and car show and do.
  if (session) {
    const data = section.dataset;
    let shownChapter = null;
    const showMetadata = () => {
      const index = chapterIndex();
      const chapter = index >= 0 ? chapters()[index].title : "";
      if (session.metadata && chapter === shownChapter) return;
      shownChapter = chapter;
      session.metadata = new MediaMetadata({
        title: chapter ? chapter + " · " + data.title : data.title,
        artist: data.artist || "",
        album: data.album || "audiobrief",
        artwork: [{ src: new URL(data.artwork, location.href).href, sizes: "1400x1400", type: "image/png" }],
      });
    };
    const showPositionState = () => {
      if (!session.setPositionState || !Number.isFinite(audio.duration) || !(audio.duration > 0)) return;
      session.setPositionState({ duration: audio.duration, playbackRate: audio.playbackRate,
                                 position: Math.min(audio.currentTime, audio.duration) });
    };
    showMetadata();
    audio.addEventListener("timeupdate", showMetadata);
    audio.addEventListener("seeked", showMetadata);
    for (const name of ["loadedmetadata", "durationchange", "ratechange", "seeked", "play", "pause"]) {
      audio.addEventListener(name, showPositionState);
    }
    const actions = {
      play: () => start(),
      pause: () => audio.pause(),
      seekbackward: (details) => seek(audio.currentTime - ((details && details.seekOffset) || BACK_S), false),
      seekforward: (details) => seek(audio.currentTime + ((details && details.seekOffset) || AHEAD_S), false),
      previoustrack: () => jumpChapter(-1),
      nexttrack: () => jumpChapter(1),
      seekto: (details) => {
        if (details.fastSeek && audio.fastSeek) audio.fastSeek(details.seekTime);
        else seek(details.seekTime, false);
        showPositionState();
      },
    };
    for (const [action, handler] of Object.entries(actions)) {
      try { session.setActionHandler(action, handler); } catch (error) { /* not known to this browser */ }
    }
  }

  return { seek, toggle, skip, jumpChapter, stepSpeed, say, chapterIndex };
}
