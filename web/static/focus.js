// A page that answers a failed form (a wrong password) moves focus to what went wrong, so a keyboard or
// screen-reader user starts there instead of at the top of the page.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const target = document.querySelector("[data-focus-on-load]:not([hidden])");
  if (target) target.focus();
});
