/* "Save on this device" on a finished briefing's page: its page, MP3, transcript and cover go into
   the Cache Storage, where the service worker (/sw.js) plays them without a connection; "Remove from
   this device" deletes them. Nothing is stored unless the listener asks. */
"use strict";

(() => {
  const BRIEFING_CACHE = "audiobrief-briefing-";  // as in sw.js
  const STATIC_CACHE = "audiobrief-static";
  const section = document.getElementById("player-section");
  const actions = document.getElementById("briefing-actions");
  if (!section || !actions || !("serviceWorker" in navigator) || !window.caches) return;

  const id = section.dataset.briefing;
  const cacheName = BRIEFING_CACHE + id;
  const media = `/media/${id}/`;
  const needed = [`/briefings/${id}`, `${media}audio.mp3`, `${media}transcript.vtt`];
  const optional = [`${media}cover.png`, `${media}chapters.json`];

  const box = document.createElement("div");
  box.className = "offline";
  box.id = "offline";
  const state = document.createElement("p");
  state.className = "offline-state";
  state.id = "offline-state";
  state.setAttribute("role", "status");
  const save = document.createElement("button");
  save.type = "button";
  save.id = "offline-save";
  save.textContent = "Save on this device";
  const remove = document.createElement("button");
  remove.type = "button";
  remove.id = "offline-remove";
  remove.textContent = "Remove from this device";
  save.hidden = true;
  remove.hidden = true;
  box.append(state, save, remove);
  actions.append(box);

  /** The same-origin style sheet, scripts and icons this page uses, for saved pages to use offline. */
  function pageFiles() {
    const links = document.querySelectorAll(
      "script[src], link[rel=stylesheet], link[rel=icon], link[rel=manifest], link[rel=apple-touch-icon]");
    const urls = Array.from(links, (node) => new URL(node.src || node.href, location.href));
    return [...new Set(urls.filter((url) => url.origin === location.origin).map((url) => url.pathname))];
  }

  function show(saved, message) {
    save.hidden = saved;
    remove.hidden = !saved;
    save.disabled = false;
    remove.disabled = false;
    state.textContent = message;
  }

  async function savedOthers() {
    return (await caches.keys()).filter((name) => name.startsWith(BRIEFING_CACHE) && name !== cacheName);
  }

  async function saveHere() {
    save.disabled = true;
    state.textContent = "Saving on this device…";
    try {
      await navigator.serviceWorker.register("/sw.js");
      const cache = await caches.open(cacheName);
      await cache.addAll(needed);
      await Promise.all(optional.map((url) => cache.add(url).catch(() => undefined)));
      await (await caches.open(STATIC_CACHE)).addAll(pageFiles());
      await navigator.serviceWorker.ready;
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => false);
    } catch (error) {
      await caches.delete(cacheName);
      const reason = error && error.name === "QuotaExceededError"
        ? "there is not enough room on this device" : "the connection or the browser refused it";
      show(false, `It could not be saved: ${reason}. Try again later.`);
      save.focus();
      return;
    }
    show(true, "Saved on this device: it plays without a connection.");
    remove.focus();
  }

  async function removeHere() {
    remove.disabled = true;
    await caches.delete(cacheName);
    if ((await savedOthers()).length === 0) {
      await caches.delete(STATIC_CACHE);
      const registration = await navigator.serviceWorker.getRegistration("/");
      if (registration) await registration.unregister();
    }
    show(false, "Removed from this device.");
    save.focus();
  }

  save.addEventListener("click", saveHere);
  remove.addEventListener("click", removeHere);
  caches.has(cacheName).then((saved) => {
    show(saved, saved ? "Saved on this device: it plays without a connection." : "");
    if (saved) navigator.serviceWorker.register("/sw.js").catch(() => undefined);
  });
})();
