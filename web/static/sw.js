/* audiobrief's service worker: plays briefings the listener saved on this device (offline.js puts
   them in the Cache Storage), and nothing else. It never stores anything itself: pages come from the
   network first and from a saved copy only when the network fails; a saved briefing's files come from
   its copy, byte ranges cut from the stored MP3 as the audio element asks for them. Logging out
   forgets every saved briefing, since saved pages may be private. */
"use strict";

const BRIEFING_CACHE = "audiobrief-briefing-";  // + the briefing's id: its page and files
const STATIC_CACHE = "audiobrief-static";  // the style sheet, scripts and icons the saved pages use
const PAGE = /^\/briefings\/([0-9a-f]{32})$/;
const MEDIA = /^\/media\/([0-9a-f]{32})\/(audio\.mp3|transcript\.vtt|cover\.png|chapters\.json)$/;
const STATIC = /^\/(static\/[\w.-]+|icons\/icon-\d+\.png|manifest\.webmanifest|favicon\.ico)$/;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

/** Delete every saved briefing and the files their pages use. */
async function forgetAll() {
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith(BRIEFING_CACHE) || name === STATIC_CACHE)
    .map((name) => caches.delete(name)));
}

/** The saved copy of a URL in one cache, or undefined (never creates the cache). */
function savedCopy(url, cacheName) {
  return caches.match(url, { cacheName, ignoreSearch: true, ignoreVary: true });
}

/** The network's answer, whatever it is; the saved copy only when the network cannot be reached. */
async function networkFirst(request, cacheName) {
  try {
    return await fetch(request);
  } catch (error) {
    const saved = await savedCopy(request.url, cacheName);
    if (saved) return saved;
    throw error;
  }
}

/** An answer to "Range: bytes=..." cut from a stored file: 206, or 416 when it lies outside. */
async function partial(stored, range) {
  const blob = await stored.blob();
  const size = blob.size;
  const type = stored.headers.get("Content-Type") || "application/octet-stream";
  const parts = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  let start = -1;
  let end = size - 1;
  if (parts && parts[1] !== "") {
    start = Number(parts[1]);
    if (parts[2] !== "") end = Math.min(Number(parts[2]), size - 1);
  } else if (parts && parts[2] !== "") {
    start = Math.max(0, size - Number(parts[2]));
  }
  if (start < 0 || start >= size || start > end) {
    return new Response(null, { status: 416, headers: { "Content-Range": `bytes */${size}` } });
  }
  return new Response(blob.slice(start, end + 1, type), {
    status: 206,
    headers: {
      "Content-Type": type,
      "Content-Length": String(end - start + 1),
      "Content-Range": `bytes ${start}-${end}/${size}`,
      "Accept-Ranges": "bytes",
    },
  });
}

/** A saved briefing's file from its copy (ranges cut from it); the network for any other. */
async function savedFile(request, cacheName) {
  const stored = await savedCopy(request.url, cacheName);
  if (!stored) return fetch(request);
  const range = request.headers.get("Range");
  return range ? partial(stored, range) : stored;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && url.pathname === "/logout") {
    event.waitUntil(forgetAll());
    return;
  }
  if (request.method !== "GET") return;
  let found = MEDIA.exec(url.pathname);
  if (found) {
    event.respondWith(savedFile(request, BRIEFING_CACHE + found[1]));
    return;
  }
  found = PAGE.exec(url.pathname);
  if (found) {
    event.respondWith(networkFirst(request, BRIEFING_CACHE + found[1]));
  } else if (STATIC.test(url.pathname)) {
    event.respondWith(networkFirst(request, STATIC_CACHE));
  }
});
