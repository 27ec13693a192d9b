// On every admin page (admin/base_site.html), after Django's own scripts have run.
"use strict";
window.addEventListener("load", () => {
  // The magnifier beside a selection filter's search box (Django's SelectFilter2.js) is a
  // span with a name: as an image, a screen reader may read that name (ARIA 1.2 forbids
  // naming a bare span).
  for (const icoon of document.querySelectorAll(".search-label-icon[aria-label]")) {
    icoon.setAttribute("role", "img");
  }
});
