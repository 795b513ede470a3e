// Tacitus web app: the little interaction the pages need. No inline script (see the CSP).
"use strict";

function eventIds(element) {
  return (element.dataset.events || "").split(" ").filter(Boolean);
}

// Light up the evidence of one event in the document text and its entry in the event list.
function showEvidence(eventId, scroll) {
  document.querySelectorAll(".active").forEach((el) => el.classList.remove("active"));
  const marks = Array.from(document.querySelectorAll("mark.ev")).filter((m) =>
    eventIds(m).includes(eventId)
  );
  marks.forEach((m) => m.classList.add("active"));
  const item = document.getElementById("event-" + eventId);
  if (item) item.classList.add("active");
  if (scroll && marks.length) marks[0].scrollIntoView({ block: "center" });
}

function wireDocumentPage() {
  document.querySelectorAll("button.show-evidence").forEach((button) => {
    button.addEventListener("click", () => showEvidence(button.dataset.event, true));
  });
  document.querySelectorAll("mark.ev").forEach((mark) => {
    mark.addEventListener("click", () => {
      const ids = eventIds(mark);
      if (ids.length) showEvidence(ids[0], false);
      const item = document.getElementById("event-" + ids[0]);
      if (item) item.scrollIntoView({ block: "nearest" });
    });
  });
  const hash = window.location.hash;
  if (hash.startsWith("#event-")) showEvidence(hash.slice("#event-".length), true);
}

// Leave empty filters out of the URL so links stay short and shareable.
function wireFilters() {
  document.querySelectorAll("form.filters").forEach((form) => {
    form.addEventListener("submit", () => {
      form.querySelectorAll("input, select").forEach((field) => {
        if (!field.value) field.disabled = true;
      });
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  wireDocumentPage();
  wireFilters();
});
