// Optional: the page works without this file. It only adds a Print button and
// marks the submit button busy while the kit is built.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".js-print").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  document.querySelectorAll("form.kit-form").forEach(function (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("button[type=submit]");
      if (button) {
        button.setAttribute("aria-disabled", "true");
        button.textContent = "Building the kit…";
      }
    });
  });
});
