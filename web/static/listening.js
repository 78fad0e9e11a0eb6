// Up next and played: the queue of briefings ("Play next", "Add to queue", reorder, remove) that plays
// on from one briefing to the next, played marks and the place in each briefing (on the server for a
// logged-in account, else in this browser's localStorage), "Play all unplayed", and the sleep timer.
// Loaded on the library and on a finished briefing's page; its <script> tag carries data-mode
// ("server" or "browser"), data-csrf and, on a briefing's page, the account's data-position and
// data-played there.
"use strict";

(() => {
  const config = document.currentScript ? document.currentScript.dataset : {};
  const onServer = config.mode === "server";
  const QUEUE_KEY = "audiobrief-queue";  // localStorage: the queue's ids, as JSON
  const PLAYED_PREFIX = "audiobrief-played:";  // localStorage: "1" once a briefing was played to its end
  const POSITION_PREFIX = "audiobrief-position:";  // localStorage: seconds, as player.js reads it
  const PLAY_ON_KEY = "audiobrief-play-on";  // sessionStorage: the briefing to start playing on arrival
  const SLEEP_KEY = "audiobrief-sleep";  // sessionStorage: the sleep timer, kept from one briefing to the next
  const SAVE_EVERY_S = 5;
  const MAX_QUEUE = 100;  // as the server's bound (schemas.MAX_QUEUE)
  const ID = /^[0-9a-f]{32}$/;

  function read(storage, key) {
    try { return window[storage].getItem(key); } catch (error) { return null; }
  }

  function write(storage, key, value) {
    try {
      if (value === null) window[storage].removeItem(key);
      else window[storage].setItem(key, value);
    } catch (error) { /* storage off: nothing is remembered */ }
  }

  // The server's place in this briefing goes where player.js looks for it, before it looks (it reads
  // at DOMContentLoaded; deferred scripts run before that). Without server state the browser's stays.
  const section = document.getElementById("player-section");
  const briefingId = section ? section.dataset.briefing : null;
  if (onServer && briefingId && config.position !== undefined) {
    const position = Number(config.position);
    write("localStorage", POSITION_PREFIX + briefingId,
          config.played === "true" || !(position > 0) ? null : position.toFixed(1));
  }

  async function api(method, path, body) {
    const response = await fetch("/api/listening" + path, {
      method, credentials: "same-origin",
      headers: { Accept: "application/json", "Content-Type": "application/json", "X-CSRF-Token": config.csrf || "" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      const detail = typeof answer.detail === "string" ? answer.detail : "the server refused it";
      throw new Error(detail);
    }
    return answer;
  }

  const titles = new Map();  // briefing id -> title, from the page or the server's queue

  // The queue: ids in the order they play.
  async function loadQueue() {
    if (onServer) {
      const queue = await api("GET", "/queue");
      for (const item of queue.briefings) titles.set(item.id, item.title);
      return queue.briefings.map((item) => item.id);
    }
    let ids = [];
    try { ids = JSON.parse(read("localStorage", QUEUE_KEY) || "[]"); } catch (error) { ids = []; }
    return Array.isArray(ids) ? ids.filter((id) => typeof id === "string" && ID.test(id)).slice(0, MAX_QUEUE) : [];
  }

  async function saveQueue(ids) {
    if (onServer) {
      const queue = await api("PUT", "/queue", { briefings: ids });
      for (const item of queue.briefings) titles.set(item.id, item.title);
      return queue.briefings.map((item) => item.id);
    }
    write("localStorage", QUEUE_KEY, JSON.stringify(ids));
    return ids;
  }

  function savePlace(id, position, played) {
    write("localStorage", POSITION_PREFIX + id, played || position <= 0 ? null : position.toFixed(1));
    if (!onServer) {
      if (played !== undefined) write("localStorage", PLAYED_PREFIX + id, played ? "1" : null);
      return Promise.resolve();
    }
    const body = { position_s: Math.max(0, position) };
    if (played !== undefined) body.played = played;
    return api("PUT", "/briefings/" + id, body).catch(() => { /* offline: the browser's copy stays */ });
  }

  function titleOf(id) {
    return titles.get(id) || "the briefing";
  }

  function quoted(id) {
    return "“" + titleOf(id) + "”";
  }

  function button(text, hidden, className) {
    const made = document.createElement("button");
    made.type = "button";
    made.className = className;
    made.append(text);
    if (hidden) {
      const extra = document.createElement("span");
      extra.className = "visually-hidden";
      extra.textContent = " " + hidden;
      made.append(extra);
    }
    return made;
  }

  // Adding to the queue, from the library's rows or a briefing's page.
  async function enqueue(id, next, say) {
    let ids = await loadQueue();
    const already = ids.includes(id);
    if (next) ids = [id, ...ids.filter((other) => other !== id)];
    else if (already) {
      say(quoted(id) + " is already in the queue, " + (ids.indexOf(id) + 1) + " of " + ids.length + ".");
      return ids;
    } else ids = [...ids, id];
    if (ids.length > MAX_QUEUE) {
      say("The queue holds at most " + MAX_QUEUE + " briefings: remove some first.");
      return loadQueue();
    }
    ids = await saveQueue(ids);
    say(next ? quoted(id) + " plays next." : "Added " + quoted(id) + " to the queue, " + ids.length + " of "
        + ids.length + ".");
    return ids;
  }

  function whenReady(run) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
    else run();
  }

  whenReady(() => {
    if (document.getElementById("player")) briefingPage();
    if (document.getElementById("up-next")) libraryPage();
  });

  // ---- a briefing's page: saving the place, playing on, the sleep timer ----

  function briefingPage() {
    const audio = document.getElementById("player");
    const actions = document.getElementById("briefing-actions");
    const id = briefingId;
    titles.set(id, document.querySelector("h1").textContent.trim());

    const status = document.createElement("p");
    status.id = "listening-status";
    status.className = "listening-status";
    status.setAttribute("role", "status");
    const say = (text) => { status.textContent = text; };

    const queueControls = document.createElement("div");
    queueControls.className = "queue-controls";
    const next = button("Play next", "", "queue-next");
    const add = button("Add to queue", "", "queue-add");
    next.addEventListener("click", () => enqueue(id, true, say).catch((error) => say(error.message)));
    add.addEventListener("click", () => enqueue(id, false, say).catch((error) => say(error.message)));
    queueControls.append(next, add);

    const sleep = document.createElement("div");
    sleep.className = "sleep-timer";
    const label = document.createElement("label");
    label.htmlFor = "sleep-timer";
    label.textContent = "Sleep timer";
    const choice = document.createElement("select");
    choice.id = "sleep-timer";
    for (const [value, text] of [["", "Off"], ["end", "End of this briefing"], ["15", "15 minutes"],
                                 ["30", "30 minutes"], ["60", "60 minutes"]]) {
      choice.add(new Option(text, value));
    }
    sleep.append(label, choice);
    actions.append(queueControls, sleep, status);

    // The place, saved every few seconds of listening and on pause; played at the end.
    let lastSaved = audio.currentTime;
    audio.addEventListener("timeupdate", () => {
      if (audio.ended || Math.abs(audio.currentTime - lastSaved) < SAVE_EVERY_S) return;
      lastSaved = audio.currentTime;
      savePlace(id, audio.currentTime, false);
    });
    audio.addEventListener("pause", () => {
      if (!audio.ended && audio.currentTime > 0) savePlace(id, audio.currentTime, false);
    });

    // The sleep timer: at the end of this briefing, or after a number of minutes (kept across the
    // briefings the queue plays on into, for this tab).
    let timer = null;
    function setSleep(value, deadline) {
      clearTimeout(timer);
      timer = null;
      choice.value = value;
      if (!value) {
        write("sessionStorage", SLEEP_KEY, null);
        return;
      }
      write("sessionStorage", SLEEP_KEY, JSON.stringify({ value, deadline }));
      if (value !== "end") timer = setTimeout(sleepNow, Math.max(0, deadline - Date.now()));
    }
    function sleepNow() {
      setSleep("");
      audio.pause();
      say("Sleep timer: paused.");
    }
    choice.addEventListener("change", () => {
      const value = choice.value;
      setSleep(value, value && value !== "end" ? Date.now() + Number(value) * 60000 : null);
      say(!value ? "Sleep timer off." : value === "end" ? "Sleep timer: pauses at the end of this briefing."
        : "Sleep timer: pauses in " + value + " minutes.");
    });
    try {
      const kept = JSON.parse(read("sessionStorage", SLEEP_KEY) || "null");
      if (kept && kept.value === "end") setSleep("end", null);
      else if (kept && Number(kept.deadline) > Date.now()) setSleep(kept.value, Number(kept.deadline));
      else write("sessionStorage", SLEEP_KEY, null);
    } catch (error) { write("sessionStorage", SLEEP_KEY, null); }

    // At the end: played, then on into the next queued briefing (unless the sleep timer says stop).
    audio.addEventListener("ended", async () => {
      const saving = savePlace(id, 0, true);
      if (choice.value === "end") {
        setSleep("");
        say("Sleep timer: stopped at the end of the briefing.");
        return;
      }
      try {
        await saving;
        await playOn();
      } catch (error) {
        say("The queue could not be read: " + error.message);
      }
    });

    async function playOn() {
      let ids = (await loadQueue()).filter((other) => other !== id);
      while (ids.length) {
        const candidate = ids.shift();
        const answer = await fetch("/api/briefings/" + candidate, { headers: { Accept: "application/json" } });
        const found = answer.ok ? await answer.json() : null;
        if (found && found.state === "done") {
          titles.set(candidate, found.title);
          await saveQueue(ids);
          write("sessionStorage", PLAY_ON_KEY, candidate);
          say("Up next: " + quoted(candidate) + ".");
          location.assign("/briefings/" + candidate);
          return;
        }
      }
      await saveQueue([]);
      say("The end of the queue.");
    }

    // Arriving from the queue: play at once (the listener chose to play on).
    if (read("sessionStorage", PLAY_ON_KEY) === id) {
      write("sessionStorage", PLAY_ON_KEY, null);
      const playing = audio.play();
      if (playing) {
        playing.then(() => say("Playing " + quoted(id) + " from the queue."))
          .catch(() => say("Press play to hear " + quoted(id) + ", next in the queue."));
      }
    }
  }

  // ---- the library: marks, queue buttons, "Up next" and "Play all unplayed" ----

  function libraryPage() {
    const panel = document.getElementById("up-next");
    const list = document.getElementById("up-next-list");
    const empty = document.getElementById("up-next-empty");
    const status = document.getElementById("listening-status");
    const playAll = document.getElementById("play-unplayed");
    const say = (text) => { status.textContent = text; };
    const rows = new Map();
    for (const row of document.querySelectorAll("tr[data-briefing]")) {
      rows.set(row.dataset.briefing, row);
      titles.set(row.dataset.briefing, row.dataset.title);
    }
    const finished = [...rows.values()].filter((row) => row.dataset.duration);

    function played(row) {
      return onServer ? row.dataset.played === "1" : read("localStorage", PLAYED_PREFIX + row.dataset.briefing) === "1";
    }

    if (!onServer) {  // the marks the server cannot know: from this browser
      for (const row of finished) {
        const cell = row.querySelector(".listened");
        const place = Number(read("localStorage", POSITION_PREFIX + row.dataset.briefing));
        if (played(row)) cell.textContent = "Played";
        else if (place > 0) {
          const left = Math.max(0, Number(row.dataset.duration) - place);
          cell.textContent = Math.ceil(left / 60) + " min left";
        }
      }
    }

    let queue = [];
    function render(focus) {
      list.replaceChildren();
      queue.forEach((id, index) => {
        const item = document.createElement("li");
        item.dataset.briefing = id;
        const link = document.createElement("a");
        link.href = "/briefings/" + id;
        link.textContent = titleOf(id);
        const tools = document.createElement("span");
        tools.className = "up-next-tools";
        if (index > 0) tools.append(button("Move up", titleOf(id), "move-up"));
        if (index < queue.length - 1) tools.append(button("Move down", titleOf(id), "move-down"));
        tools.append(button("Remove", titleOf(id) + " from the queue", "remove"));
        item.append(link, " ", tools);
        list.append(item);
      });
      empty.hidden = queue.length > 0;
      if (!focus) return;
      const item = list.querySelector('li[data-briefing="' + focus.id + '"]');
      const target = item && (item.querySelector("." + focus.action) || item.querySelector("button"));
      (target || document.getElementById("up-next-heading")).focus();
    }

    async function change(ids, message, focus) {
      try {
        queue = await saveQueue(ids);
        render(focus);
        say(message);
      } catch (error) {
        say("The queue was not changed: " + error.message);
      }
    }

    list.addEventListener("click", (event) => {
      const pressed = event.target.closest("button");
      if (!pressed) return;
      const id = pressed.closest("li").dataset.briefing;
      const index = queue.indexOf(id);
      const ids = [...queue];
      if (pressed.classList.contains("remove")) {
        ids.splice(index, 1);
        const neighbour = ids[Math.min(index, ids.length - 1)];
        change(ids, "Removed " + quoted(id) + " from the queue.", neighbour ? { id: neighbour, action: "remove" } : null)
          .then(() => { if (!ids.length) document.getElementById("up-next-heading").focus(); });
        return;
      }
      const step = pressed.classList.contains("move-up") ? -1 : 1;
      ids.splice(index, 1);
      ids.splice(index + step, 0, id);
      change(ids, "Moved " + quoted(id) + (step < 0 ? " up" : " down") + ": " + (index + step + 1) + " of "
             + ids.length + ".", { id, action: step < 0 ? "move-up" : "move-down" });
    });

    for (const control of document.querySelectorAll("button.queue-next, button.queue-add")) {
      control.hidden = false;
      control.addEventListener("click", async () => {
        try {
          queue = await enqueue(control.dataset.briefing, control.classList.contains("queue-next"), say);
          render(null);
        } catch (error) {
          say("The queue was not changed: " + error.message);
        }
      });
    }

    playAll.addEventListener("click", async () => {
      const unplayed = finished.filter((row) => !played(row)).map((row) => row.dataset.briefing).slice(0, MAX_QUEUE);
      if (!unplayed.length) {
        say("Every finished briefing here is played.");
        return;
      }
      try {
        await saveQueue(unplayed.slice(1));
      } catch (error) {
        say("The queue was not changed: " + error.message);
        return;
      }
      write("sessionStorage", PLAY_ON_KEY, unplayed[0]);
      location.assign("/briefings/" + unplayed[0]);
    });

    loadQueue().then((ids) => {
      queue = onServer ? ids : ids.filter((id) => rows.has(id) && rows.get(id).dataset.duration);
      if (!onServer && queue.length !== ids.length) saveQueue(queue);  // deleted since: gone from the queue
      render(null);
      panel.hidden = false;
    }).catch((error) => {
      panel.hidden = false;
      say("The queue could not be read: " + error.message);
    });
  }
})();
