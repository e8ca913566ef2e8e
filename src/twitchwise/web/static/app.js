// twitchwise: the little behaviour the pages need (no inline scripts: the CSP forbids them).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("[data-print]") : null;
    if (target) {
      event.preventDefault();
      window.print();
    }
  });
  // Put the focus on the new page's heading after an htmx swap, so keyboard and
  // screen-reader users know where they are.
  document.addEventListener("htmx:afterSettle", function () {
    var heading = document.querySelector("main h1, main h2");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: false });
    }
  });
})();
