/* The evidence finder (finder.md): filters the settings built into the page by subtype, line, therapy
   received and biomarker results, compares chosen options side by side, and keeps the choices in the
   address (#subtype=...&line=...&exposure=a,b&biomarker=c&compare=setting:option,...). It fetches
   nothing, so it works from file:// too; without it the page is the plain list of settings. */
(function () {
  "use strict";

  function start() {
    var form = document.getElementById("mbc-finder");
    if (!form) return;  // not the finder page
    var results = document.getElementById("mbc-finder-results");
    var list = document.getElementById("mbc-finder-list");
    var status = document.getElementById("mbc-finder-status");
    var compare = document.getElementById("mbc-compare");
    var compareBody = document.getElementById("mbc-compare-body");
    var sections = Array.prototype.slice.call(results.querySelectorAll(".mbc-finder-setting"));

    form.hidden = false;
    results.hidden = false;
    list.hidden = true;
    addCompareBoxes(sections);

    function words(text) { return text ? text.split(" ").filter(Boolean) : []; }

    // The terms a reader has, with their broader terms: picking "aromatase inhibitor" covers "endocrine therapy".
    function had(name) {
      var covered = {};
      form.querySelectorAll('input[name="' + name + '"]:checked').forEach(function (box) {
        words(box.getAttribute("data-lineage")).forEach(function (term) { covered[term] = true; });
      });
      return covered;
    }

    function matches(section, choice) {
      var data = section.dataset;
      if (choice.subtype && data.subtype !== choice.subtype) return false;
      if (choice.line && data.line !== choice.line) return false;
      return words(data.exposures).every(function (t) { return choice.exposure[t]; }) &&
        words(data.biomarkers).every(function (t) { return choice.biomarker[t]; });
    }

    function apply() {
      var choice = { subtype: form.subtype.value, line: form.line.value, exposure: had("exposure"), biomarker: had("biomarker") };
      var shown = 0;
      sections.forEach(function (section) {
        section.hidden = !matches(section, choice);
        if (!section.hidden) shown += 1;
      });
      status.textContent = shown === 1 ? "1 setting matches your choices." :
        shown + " settings match your choices." + (shown === 0 ? " Remove a choice to see more." : "");
      renderCompare();
    }

    function checkedValues(selector) {
      return Array.prototype.map.call(document.querySelectorAll(selector + ":checked"), function (box) { return box.value; });
    }

    function writeState() {
      var state = new URLSearchParams();
      if (form.subtype.value) state.set("subtype", form.subtype.value);
      if (form.line.value) state.set("line", form.line.value);
      [["exposure", 'input[name="exposure"]'], ["biomarker", 'input[name="biomarker"]'], ["compare", "input.mbc-compare-box"]]
        .forEach(function (pair) {
          var values = checkedValues(pair[1]);
          if (values.length) state.set(pair[0], values.join(","));
        });
      var text = state.toString();
      history.replaceState(null, "", text ? "#" + text : location.pathname + location.search);
    }

    function readState() {
      var state = new URLSearchParams(location.hash.replace(/^#/, ""));
      form.subtype.value = state.get("subtype") || "";
      form.line.value = state.get("line") || "";
      ["exposure", "biomarker"].forEach(function (name) {
        var values = words((state.get(name) || "").replace(/,/g, " "));
        form.querySelectorAll('input[name="' + name + '"]').forEach(function (box) { box.checked = values.indexOf(box.value) >= 0; });
      });
      var chosen = words((state.get("compare") || "").replace(/,/g, " "));
      document.querySelectorAll("input.mbc-compare-box").forEach(function (box) { box.checked = chosen.indexOf(box.value) >= 0; });
    }

    // A "compare" checkbox beside each option row, named after the option and its setting for screen readers.
    function addCompareBoxes(all) {
      all.forEach(function (section) {
        section.querySelectorAll("span.mbc-option").forEach(function (span) {
          var label = document.createElement("label");
          label.className = "mbc-compare-label";
          var box = document.createElement("input");
          box.type = "checkbox";
          box.className = "mbc-compare-box";
          box.value = section.dataset.setting + ":" + span.dataset.option;
          box.setAttribute("aria-label", "Compare " + span.textContent + " (" + section.dataset.title + ")");
          label.appendChild(box);
          label.appendChild(document.createTextNode(" compare"));
          span.parentNode.insertBefore(label, span.parentNode.firstChild);
        });
      });
    }

    // The chosen options side by side: one column per option, one row per column of the options tables.
    function renderCompare() {
      var boxes = Array.prototype.filter.call(document.querySelectorAll("input.mbc-compare-box"), function (box) { return box.checked; });
      compareBody.textContent = "";
      compare.hidden = boxes.length < 2;
      if (boxes.length < 2) {
        if (boxes.length === 1) status.textContent += " Choose one more option to compare.";
        return;
      }
      var rows = boxes.map(function (box) { return box.closest("tr"); });
      var headings = Array.prototype.map.call(rows[0].closest("table").querySelectorAll("thead th"), function (th) { return th.textContent; });
      var table = document.createElement("table");
      var caption = document.createElement("caption");
      caption.textContent = boxes.length + " options side by side";
      table.appendChild(caption);
      var head = table.createTHead().insertRow();
      head.appendChild(cell("th", "", "col"));
      rows.forEach(function (row, i) {
        var th = cell("th", "", "col");
        th.textContent = row.cells[0].querySelector("span.mbc-option").textContent;
        var setting = document.createElement("div");
        setting.className = "mbc-compare-setting";
        setting.textContent = boxes[i].closest(".mbc-finder-setting").dataset.title;
        th.appendChild(setting);
        head.appendChild(th);
      });
      var body = table.createTBody();
      headings.forEach(function (heading, column) {
        var tr = body.insertRow();
        var th = cell("th", heading, "row");
        tr.appendChild(th);
        rows.forEach(function (row) {
          var td = document.createElement("td");
          Array.prototype.forEach.call(row.cells[column].childNodes, function (node) { td.appendChild(node.cloneNode(true)); });
          td.querySelectorAll(".mbc-compare-label").forEach(function (label) { label.remove(); });
          tr.appendChild(td);
        });
      });
      var wrapper = document.createElement("div");
      wrapper.className = "md-typeset__table";
      wrapper.appendChild(table);
      compareBody.appendChild(wrapper);
    }

    function cell(tag, text, scope) {
      var element = document.createElement(tag);
      element.textContent = text;
      if (scope) element.scope = scope;
      return element;
    }

    form.addEventListener("change", function () { writeState(); apply(); });
    results.addEventListener("change", function (event) {
      if (event.target.classList.contains("mbc-compare-box")) { writeState(); apply(); }
    });
    form.addEventListener("reset", function () {
      setTimeout(function () {
        document.querySelectorAll("input.mbc-compare-box").forEach(function (box) { box.checked = false; });
        writeState();
        apply();
      });
    });
    window.addEventListener("hashchange", function () { readState(); apply(); });
    readState();
    apply();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
