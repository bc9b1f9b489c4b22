/* Pathway pages: details beside the flowchart, zoom and full screen, and a walk-through.
 *
 * Everything is read from the page itself: the SVG (scripts/mbc/diagram.py) gives each box's
 * node id and each edge's source, target and answer; the outline below it holds each node's
 * full text, citations and links (li > #node-<id>). So the page works from file:// with no
 * request, and without this script the boxes still link to their outline entries.
 * Anything the outline entry of a node holds (a future settings table, say) appears in the
 * panels too: they copy the entry, minus the nested list of the steps after it.
 */
(function () {
  "use strict";

  var KIND = { entry: "Start", question: "Question", action: "Action", link: "Continues in", note: "Note" };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (attrs[key] === null || attrs[key] === undefined) return;
      if (key === "text") node.textContent = attrs[key];
      else if (key.slice(0, 2) === "on") node.addEventListener(key.slice(2), attrs[key]);
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  /* The outline entry of a node, copied from after its kind badge (the answer that led there
     and the badge are in the heading already), without the nested list of later steps and
     without ids, which must stay unique on the page. */
  function entry(id) {
    var anchor = document.getElementById("node-" + id);
    var item = anchor && anchor.closest("li");
    var copy = el("div", { class: "mbc-entry" });
    if (!item) return copy;
    var container = anchor.parentNode === item ? item : anchor.parentNode;
    var after = false;
    Array.prototype.forEach.call(container.childNodes, function (child) {
      if (child === anchor) { after = true; return; }
      if (!after || (child.nodeType === 1 && /^(UL|OL)$/.test(child.tagName))) return;
      copy.appendChild(child.cloneNode(true));
    });
    copy.querySelectorAll("[id]").forEach(function (node) { node.removeAttribute("id"); });
    return copy;
  }

  function readGraph(svg) {
    var graph = { nodes: {}, out: {}, edges: [], entry: null };
    svg.querySelectorAll("a.node").forEach(function (a) {
      var kind = (a.getAttribute("class").match(/node-(\w+)/) || [])[1];
      graph.nodes[a.dataset.node] = { id: a.dataset.node, kind: kind, el: a, title: a.querySelector("title").textContent,
        label: a.getAttribute("aria-label").replace(/^[^:]*: /, ""),
        notes: (a.dataset.notes || "").split(" ").filter(Boolean) };
      if (kind === "entry") graph.entry = a.dataset.node;
    });
    svg.querySelectorAll("g.edge").forEach(function (g) {
      var edge = { from: g.dataset.from, to: g.dataset.to, answer: g.dataset.answer || null, el: g };
      (graph.out[edge.from] = graph.out[edge.from] || []).push(edge);
      graph.edges.push(edge);
    });
    return graph;
  }

  /* Follow the answers from the entry: unbranched steps are passed through, and the walk stops
     at the first question without a (valid) answer or at the end of the pathway. */
  function walk(graph, answers) {
    var steps = [], edges = [], used = 0, current = graph.entry;
    while (current) {
      steps.push(current);
      var out = graph.out[current] || [];
      var next = null;
      if (out.length === 1 && !out[0].answer) next = out[0];
      else if (out.length && used < answers.length) {
        next = out.filter(function (edge) { return edge.to === answers[used]; })[0] || null;
        if (next) used += 1;
      }
      if (!next) return { steps: steps, edges: edges, answers: answers.slice(0, used), question: out.length ? current : null };
      edges.push(next);
      current = next.to;
    }
    return { steps: steps, edges: edges, answers: [], question: null };
  }

  function setup(flow) {
    var svg = flow.querySelector(".mbc-diagram svg");
    if (!svg) return;
    var graph = readGraph(svg);
    var diagram = flow.querySelector(".mbc-diagram");
    var main = flow.querySelector(".mbc-flow-main");
    var panel = el("aside", { class: "mbc-flow-panel", "aria-label": "Details", hidden: "" });
    var status = el("p", { class: "md-visually-hidden", role: "status" });
    main.appendChild(panel);
    var zoom = window.mbcFlowZoom ? window.mbcFlowZoom(flow, svg, diagram) : null;
    var walkButton = el("button", { type: "button", "aria-pressed": "false", text: "Walk the pathway", onclick: function () {
      if (walking()) stopWalk(); else go([]);
    } });
    var toolbar = el("div", { class: "mbc-flow-toolbar", role: "toolbar", "aria-label": "Flowchart" }, [walkButton].concat(zoom ? zoom.buttons : []));
    flow.insertBefore(toolbar, flow.firstChild);
    flow.appendChild(status);

    function walking() { return /^#walk(=|$)/.test(location.hash); }
    function answersInUrl() {
      var match = location.hash.match(/^#walk=(.*)$/);
      return match ? match[1].split(",").filter(Boolean).map(decodeURIComponent) : [];
    }
    function go(answers) {
      history.pushState(null, "", "#walk" + (answers.length ? "=" + answers.map(encodeURIComponent).join(",") : ""));
      render(true);
    }
    function stopWalk() {
      history.pushState(null, "", "#flowchart");
      render(true);
    }

    function open(content, label) {
      panel.replaceChildren.apply(panel, content);
      panel.setAttribute("aria-label", label);
      panel.hidden = false;
      flow.classList.add("has-panel");
      if (zoom) zoom.refit();
    }
    function close() {
      panel.hidden = true;
      flow.classList.remove("has-panel");
      svg.querySelectorAll(".selected").forEach(function (a) { a.classList.remove("selected"); });
      if (zoom) zoom.refit();
    }

    function heading(tag, node) {
      return el(tag, { tabindex: "-1", text: node.title });
    }
    function notesOf(node) {
      if (!node.notes.length) return null;
      return el("div", { class: "mbc-notes" }, [el("h4", { text: node.notes.length > 1 ? "Notes" : "Note" })]
        .concat(node.notes.map(entry)));
    }

    function showDetail(id, focus) {
      var node = graph.nodes[id];
      if (!node) return;
      svg.querySelectorAll(".selected").forEach(function (a) { a.classList.remove("selected"); });
      node.el.classList.add("selected");
      var title = heading("h3", node);
      var back = walking() ? el("button", { type: "button", text: "Back to the walk", onclick: function () { render(true); } })
        : null;
      open([title, entry(id), notesOf(node), el("div", { class: "mbc-walk-controls" }, [back,
        el("button", { type: "button", text: "Close", onclick: function () { close(); node.el.focus(); } })])], "Details");
      if (focus) title.focus();
    }

    function render(focus) {
      flow.classList.toggle("walking", walking());
      walkButton.setAttribute("aria-pressed", String(walking()));
      svg.querySelectorAll(".on-path, .current").forEach(function (n) { n.classList.remove("on-path", "current"); });
      if (!walking()) { close(); return; }
      var answers = answersInUrl(), state = walk(graph, answers);
      if (state.answers.length !== answers.length) {  // an answer that no longer exists: keep the valid start
        history.replaceState(null, "", "#walk" + (state.answers.length ? "=" + state.answers.map(encodeURIComponent).join(",") : ""));
      }
      state.steps.forEach(function (id) { graph.nodes[id].el.classList.add("on-path"); });
      state.edges.forEach(function (edge) { edge.el.classList.add("on-path"); });
      var last = graph.nodes[state.steps[state.steps.length - 1]];
      last.el.classList.add("current");
      var items = [el("h3", { text: "Walk the pathway" })];
      var answerOf = {};
      state.edges.forEach(function (edge) { if (edge.answer) answerOf[edge.from] = edge.answer; });
      var trail = el("ol", { class: "mbc-trail", "aria-label": "Your answers so far" });
      state.steps.forEach(function (id) {
        var node = graph.nodes[id];
        if (node === last) return;
        trail.appendChild(el("li", { class: answerOf[id] ? "answered" : "" }, [
          el("button", { type: "button", class: "mbc-trail-step", text: node.title, title: "Show the details of this step",
            onclick: function () { showDetail(id, true); } }),
          answerOf[id] ? el("span", { class: "mbc-answer" }, [el("strong", { text: " Answer: " }), document.createTextNode(answerOf[id])]) : null]));
      });
      if (trail.children.length) items.push(trail);
      var title = heading("h4", last);
      var current = [title, entry(last.id), notesOf(last)];
      if (state.question) {
        var group = el("div", { class: "mbc-answers", role: "group", "aria-label": "Answers" });
        (graph.out[last.id] || []).forEach(function (edge) {
          group.appendChild(el("button", { type: "button", text: edge.answer, onclick: function () {
            go(state.answers.concat([edge.to]));
          } }));
        });
        current.push(group);
        status.textContent = "Question: " + last.label;
      } else {
        current.push(el("p", { text: "End of this pathway." }));
        status.textContent = "Reached: " + last.label + ". End of this pathway.";
      }
      items.push(el("div", { class: "mbc-step current" }, current));
      items.push(el("div", { class: "mbc-walk-controls" }, [
        el("button", { type: "button", text: "Back", disabled: state.answers.length ? null : "",
          onclick: function () { go(state.answers.slice(0, -1)); } }),
        el("button", { type: "button", text: "Restart", onclick: function () { go([]); } }),
        el("button", { type: "button", text: "Close the walk", onclick: stopWalk })]));
      open(items, "Walk the pathway");
      if (zoom) zoom.show(last.el);
      if (focus) title.focus();
    }

    svg.querySelectorAll("a.node, a.note-tag").forEach(function (a) {
      a.addEventListener("click", function (event) { event.preventDefault(); showDetail(a.dataset.node, true); });
      a.addEventListener("focus", function () { showDetail(a.dataset.node, false); });
    });
    window.addEventListener("popstate", function () { render(false); });
    if (walking()) render(false);
  }

  function start() { document.querySelectorAll(".mbc-flow").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
