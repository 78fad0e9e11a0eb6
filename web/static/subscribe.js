// Copy buttons for addresses shown in read-only fields (without JavaScript the field can be selected).
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const field = document.getElementById(button.dataset.copy);
    const status = button.parentElement.querySelector(".copy-status");
    if (!field) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(field.value);
        status.textContent = "Copied the address.";
      } catch (error) {
        field.focus();
        field.select();
        status.textContent = "Copying was not allowed: the address is selected, copy it with your keyboard.";
      }
    });
  }
});
