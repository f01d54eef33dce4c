// Map page, progressive enhancement: name and product count of the region (or producer) under the
// pointer or keyboard focus, shown in a line under the map. The map works fully without this script.
(function () {
  "use strict";
  var figure = document.querySelector(".region-map");
  if (!figure) return;
  var line = figure.querySelector(".map-hover");
  if (!line) return;
  function show(event) {
    var link = event.target.closest && event.target.closest("a[aria-label]");
    if (!link || !figure.contains(link)) return;
    line.textContent = link.getAttribute("aria-label");
    line.classList.add("map-hover-active");
  }
  figure.addEventListener("pointerover", show);
  figure.addEventListener("focusin", show);
  line.hidden = false;
})();
