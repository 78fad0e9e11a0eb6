// The request form with JavaScript: submit in the background, show errors beside fields, then go to the briefing.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("briefing-form");
  const panel = document.getElementById("progress");
  const problem = document.getElementById("problem");
  samplesInPlace();
  if (!form || !window.fetch || !window.FormData) return;
  const plainTitle = document.title.replace(/^Error: /, "");

  function clearErrors() {
    problem.hidden = true;
    problem.textContent = "";
    const summary = document.getElementById("error-summary");
    if (summary) summary.remove();
    document.title = plainTitle;
    for (const message of form.querySelectorAll(".error")) {
      message.hidden = true;
      message.textContent = "";
      const field = document.getElementById(message.id.replace(/-error$/, ""));
      if (field) {
        field.removeAttribute("aria-invalid");
        const ids = (field.getAttribute("aria-describedby") || "").split(" ").filter((x) => x && x !== message.id);
        field.setAttribute("aria-describedby", ids.join(" "));
      }
    }
  }

  function showFieldError(name, text) {
    const message = document.getElementById(name + "-error");
    const field = document.getElementById(name);
    if (!message || !field) return false;
    if (!message.hidden) return true;
    message.textContent = "";
    const prefix = document.createElement("span");
    prefix.className = "visually-hidden";
    prefix.textContent = "Error: ";
    message.append(prefix, text);
    message.hidden = false;
    field.setAttribute("aria-invalid", "true");
    const ids = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    field.setAttribute("aria-describedby", [...ids, message.id].join(" "));
    return true;
  }

  function showProblem(text) {
    problem.textContent = text;
    problem.hidden = false;
    document.title = "Error: " + plainTitle;
  }

  // The same summary the server puts above the form: a heading and a link to each field in error.
  function showSummary(messages) {
    const summary = document.createElement("div");
    summary.className = "error-summary";
    summary.id = "error-summary";
    summary.tabIndex = -1;
    const heading = document.createElement("h2");
    heading.textContent = messages.length === 1 ? "There is a problem with the form"
      : "There are " + messages.length + " problems with the form";
    const list = document.createElement("ul");
    const place = (name) => Array.from(form.elements).indexOf(document.getElementById(name));
    messages.sort((a, b) => place(a[0]) - place(b[0]));  // in the order of the form's fields
    for (const [name, text] of messages) {
      const link = document.createElement("a");
      link.href = "#" + name;
      link.textContent = text;
      const item = document.createElement("li");
      item.append(link);
      list.append(item);
    }
    summary.append(heading, list);
    form.before(summary);
    document.title = "Error: " + plainTitle;
  }

  async function submit(event) {
    event.preventDefault();
    clearErrors();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    let response;
    try {
      response = await fetch("/api/briefings", { method: "POST", body: new FormData(form),
                                                 headers: { Accept: "application/json" } });
    } catch (error) {
      button.disabled = false;
      showProblem("The server could not be reached. Check your connection and try again.");
      return;
    }
    const body = await response.json().catch(() => ({}));
    button.disabled = false;
    if (response.status === 202) {
      following(body.id);
      return;
    }
    if (Array.isArray(body.detail)) {
      const inFields = [];
      for (const item of body.detail) {
        const name = item.loc && item.loc.length > 1 ? String(item.loc[1]) : "";
        if (!showFieldError(name, item.msg)) showProblem(item.msg);
        else if (!inFields.some(([seen]) => seen === name)) inFields.push([name, item.msg]);
      }
      if (inFields.length) showSummary(inFields);
      const first = form.querySelector("[aria-invalid=true]");
      if (first) first.focus();
      return;
    }
    showProblem(typeof body.detail === "string" ? body.detail : "The briefing could not be requested (HTTP " + response.status + ").");
  }

  // The briefing's page plays it while it is made: go there at once, and start listening on arrival.
  function following(id) {
    form.hidden = true;
    panel.hidden = false;
    const link = document.getElementById("job-link");
    link.href = "/briefings/" + id;
    document.getElementById("job-status").textContent = "Opening the briefing…";
    document.getElementById("progress-heading").focus();
    sessionStorage.setItem("audiobrief-listen", id);
    location.assign("/briefings/" + id);
  }

  form.addEventListener("submit", submit);
});

// "Hear this voice" plays the sample on the form: each link becomes a play/stop button (one sample at a
// time), and a status line says what plays. Without JavaScript the links open the MP3.
function samplesInPlace() {
  const list = document.querySelector(".voice-samples ul");
  const status = document.getElementById("sample-status");
  if (!list || !status || !window.Audio) return;
  const audio = new Audio();
  audio.preload = "none";
  let current = null;

  function stopped(text) {
    if (current) {
      current.setAttribute("aria-pressed", "false");
      current.querySelector(".sample-action").textContent = "Play";
    }
    current = null;
    status.textContent = text;
  }

  for (const link of list.querySelectorAll("a[href$='/sample.mp3']")) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sample-play";
    button.setAttribute("aria-pressed", "false");
    button.dataset.src = link.getAttribute("href");
    button.dataset.name = link.dataset.voice;
    const action = document.createElement("span");
    action.className = "sample-action";
    action.textContent = "Play";
    button.append(action, " sample: " + link.dataset.voice);
    link.replaceWith(button);
    button.addEventListener("click", () => {
      if (current === button) {
        audio.pause();
        stopped("Stopped the sample of " + button.dataset.name + ".");
        return;
      }
      if (current) stopped("");
      current = button;
      button.setAttribute("aria-pressed", "true");
      action.textContent = "Stop";
      status.textContent = "Loading the sample of " + button.dataset.name + "…";
      audio.src = button.dataset.src;
      audio.play().catch(() => {
        if (current === button) stopped("The sample of " + button.dataset.name + " could not be played.");
      });
    });
  }
  audio.addEventListener("playing", () => {
    if (current) status.textContent = "Playing the sample of " + current.dataset.name + ".";
  });
  audio.addEventListener("ended", () => {
    if (current) stopped("The sample of " + current.dataset.name + " has ended.");
  });
  audio.addEventListener("error", () => {
    if (current) stopped("The sample of " + current.dataset.name + " could not be played.");
  });
}
