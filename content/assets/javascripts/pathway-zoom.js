/* Zoom, pan and full screen for the pathway flowcharts, with svg-pan-zoom (pinned in
 * package.json, shipped by scripts/mkdocs_hooks.py). pathway.js calls window.mbcFlowZoom.
 * On narrow screens the frame scrolls natively instead (touch scrolling and pinch zoom work
 * there without help), so only the full-screen button is offered.
 */
(function () {
  "use strict";

  function button(text, label, onclick) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.setAttribute("aria-label", label);
    b.addEventListener("click", onclick);
    return b;
  }

  window.mbcFlowZoom = function (flow, svg, diagram) {
    var viewBox = svg.getAttribute("viewBox").split(" ").map(Number);
    var ratio = viewBox[3] / viewBox[2];
    var wide = window.matchMedia("(min-width: 45em)").matches && typeof window.svgPanZoom === "function";
    var pz = null;

    /* svg-pan-zoom drops the viewBox, so the SVG gets an explicit size: the frame's width
       (at most the drawing's own), and the drawing's proportions, or the whole screen. */
    function size() {
      if (document.fullscreenElement === flow) {
        svg.style.width = "100%";
        svg.style.height = "100%";
        return true;
      }
      var style = getComputedStyle(diagram);
      var room = diagram.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (room < 100) return false;  // mid-resize the frame can be momentarily empty: keep the last size
      var width = Math.min(room, viewBox[2]);
      svg.style.width = width + "px";
      svg.style.height = Math.round(width * ratio) + "px";
      return true;
    }
    function refit() {
      if (!pz || !size()) return;
      pz.resize();
      pz.fit();
      pz.center();
    }
    function enable() {
      size();
      pz = window.svgPanZoom(svg, { zoomEnabled: true, panEnabled: true, controlIconsEnabled: false, fit: true, center: true,
        mouseWheelZoomEnabled: false, dblClickZoomEnabled: false, minZoom: 0.5, maxZoom: 10, zoomScaleSensitivity: 0.3 });
    }
    function disable() {  // printing wants the plain SVG back, sized by the print stylesheet
      if (!pz) return;
      pz.destroy();
      pz = null;
      svg.querySelector(".svg-pan-zoom_viewport").removeAttribute("transform");
      svg.removeAttribute("style");
      svg.setAttribute("viewBox", viewBox.join(" "));
    }
    /* Keep a node in view: when zoomed in, pan so that it sits in the middle. */
    function show(node) {
      if (!pz || pz.getZoom() <= 1.01) return;  // at the fitted size every node is in view
      var box = node.getBoundingClientRect(), frame = svg.getBoundingClientRect();
      pz.panBy({ x: frame.left + frame.width / 2 - (box.left + box.width / 2), y: frame.top + frame.height / 2 - (box.top + box.height / 2) });
    }

    var buttons = [];
    if (wide) {
      enable();
      buttons.push(button("Zoom in", "Zoom in", function () { pz.zoomIn(); }),
        button("Zoom out", "Zoom out", function () { pz.zoomOut(); }),
        button("Fit", "Fit the whole flowchart", refit));
      window.addEventListener("beforeprint", disable);
      window.addEventListener("afterprint", function () { if (wide && !pz) enable(); });
      window.addEventListener("resize", refit);
    }
    if (flow.requestFullscreen) {
      var full = button("Full screen", "Show the flowchart full screen", function () {
        if (document.fullscreenElement === flow) document.exitFullscreen();
        else flow.requestFullscreen();
      });
      buttons.push(full);
      document.addEventListener("fullscreenchange", function () {
        var on = document.fullscreenElement === flow;
        full.textContent = on ? "Exit full screen" : "Full screen";
        full.setAttribute("aria-pressed", String(on));
        refit();
      });
    }
    return { buttons: buttons, refit: refit, show: show };
  };
})();
