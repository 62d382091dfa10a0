// Optional: the page works without this file. It only adds a Print button and
// marks a submit button busy while its result is built.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".js-print").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  // Forms that navigate to a result say what they are doing; a form that only
  // downloads a file (a scorecard) has no data-busy and stays as it is.
  document.querySelectorAll("form[data-busy]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("button[type=submit]");
      if (button) {
        button.setAttribute("aria-disabled", "true");
        button.textContent = form.dataset.busy;
      }
    });
  });
});
