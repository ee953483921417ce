// The one script of every hub page (templates/base.html loads it through static_url):
// marks the current demo in the navigation and opens the navigation on narrow screens.
(function () {
  "use strict";
  var nav = document.querySelector("nav.demos");
  if (!nav) return;
  var path = location.pathname;
  var best = null;
  nav.querySelectorAll("a").forEach(function (a) {
    var p = a.getAttribute("href");
    if (p === "/" ? path === "/" : path.indexOf(p) === 0) {
      if (!best || p.length > best.getAttribute("href").length) best = a;
    }
  });
  if (best) best.setAttribute("aria-current", "page");
  var button = document.querySelector("header.hub button.menu");
  if (button) {
    button.addEventListener("click", function () {
      var open = nav.classList.toggle("open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
})();
