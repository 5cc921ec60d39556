"use strict";
(() => {
  const form = document.getElementById("filters");
  const findings = Array.from(document.querySelectorAll("article.finding"));
  const checked = (name) =>
    new Set(Array.from(form.querySelectorAll(`input[name="${name}"]:checked`), (input) => input.value));
  const apply = () => {
    const severity = checked("severity");
    const check = checked("check");
    const state = checked("state");
    let shown = 0;
    for (const article of findings) {
      const visible =
        severity.has(article.dataset.severity) &&
        check.has(article.dataset.code) &&
        state.has(article.dataset.state);
      article.hidden = !visible;
      shown += visible ? 1 : 0;
    }
    document.getElementById("shown-count").textContent = String(shown);
  };
  if (form) {
    form.addEventListener("change", apply);
    form.hidden = false;  // without a script the filters could do nothing, so they start hidden
    apply();
  }
  // Long tables show their first rows; the rest is one click away (and always printed).
  for (const button of document.querySelectorAll("button[data-toggle]")) {
    const rows = document.getElementById(button.dataset.toggle);
    rows.classList.add("folded");
    button.hidden = false;
    button.addEventListener("click", () => {
      rows.classList.remove("folded");
      button.hidden = true;
    });
  }
  // A link into a closed document must open it; printing shows every document in full.
  const reveal = () => {
    const target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    const details = target ? target.closest("details") : null;
    if (details && !details.open) {
      details.open = true;
      target.scrollIntoView();
    }
  };
  window.addEventListener("hashchange", reveal);
  reveal();
  // On paper each check is explained once, in the Checks section, not under every finding.
  window.addEventListener("beforeprint", () => {
    for (const details of document.querySelectorAll("details:not(.about)")) details.open = true;
  });
})();
