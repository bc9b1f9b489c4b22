"""The pathway flowcharts in real headless Chromium, on the hosted build and the unzipped
offline bundle: geometry as drawn, details, zoom, full screen, the walk-through, print."""

import pytest
from browser import browser_page
from test_browser import EVIDENCE, SCREENSHOTS, _page, built_site, hosted_site, offline_site, site  # noqa: F401  (fixtures)

PATHWAYS = sorted(EVIDENCE.corpus.records["pathways"])

# Every rectangle in page coordinates: boxes (with their notes markers), box texts, answers
# and their backgrounds, and each edge as segments.
GEOMETRY = """svg => {
  const rect = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; };
  const ctm = svg.querySelector('.edge path').getScreenCTM();
  const point = (x, y) => { const p = svg.createSVGPoint(); p.x = x; p.y = y; const q = p.matrixTransform(ctm); return [q.x, q.y]; };
  return {
    boxes: [...svg.querySelectorAll('a.node, a.note-tag')].map(a => ({id: a.dataset.node, box: rect(a.querySelector('.shape')),
                                                                   text: a.querySelector('text') ? rect(a.querySelector('text')) : null})),
    edges: [...svg.querySelectorAll('g.edge')].map(g => ({from: g.dataset.from, to: g.dataset.to,
      points: g.querySelector('path').getAttribute('d').slice(1).split('L').map(p => point(...p.split(',').map(Number))),
      answer: g.querySelector('.answer') ? rect(g.querySelector('.answer')) : null,
      answerBox: g.querySelector('.answer-bg') ? rect(g.querySelector('.answer-bg')) : null})),
    fontScale: svg.querySelector('text.label').getScreenCTM().a,
    column: document.querySelector('.md-content__inner').getBoundingClientRect().width,
    svgWidth: svg.getBoundingClientRect().width,
    pageScroll: document.documentElement.scrollWidth - window.innerWidth,
  };
}"""


def _inside(inner, outer, slack=1.0) -> bool:
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack
            and inner[0] + inner[2] <= outer[0] + outer[2] + slack and inner[1] + inner[3] <= outer[1] + outer[3] + slack)


def _overlap(a, b) -> bool:
    return a[0] + 0.5 < b[0] + b[2] and b[0] + 0.5 < a[0] + a[2] and a[1] + 0.5 < b[1] + b[3] and b[1] + 0.5 < a[1] + a[3]


def _crosses(p, q, box, margin=1.5) -> bool:
    x, y, w, h = box[0] + margin, box[1] + margin, box[2] - 2 * margin, box[3] - 2 * margin
    return max(p[0], q[0]) > x and min(p[0], q[0]) < x + w and max(p[1], q[1]) > y and min(p[1], q[1]) < y + h


@pytest.mark.parametrize("pathway", PATHWAYS)
def test_flowchart_as_drawn_fits_and_nothing_overlaps(site, pathway):
    base, allowed, opened = site
    with browser_page(allowed) as (page, traffic):
        page.goto(_page(base, f"pathways/{pathway}"))
        drawn = page.locator(".mbc-diagram svg").evaluate(GEOMETRY)
        boxes = drawn["boxes"]
        for i, a in enumerate(boxes):
            assert a["text"] is None or _inside(a["text"], a["box"]), f"text of {a['id']} leaves its box"
            for b in boxes[i + 1:]:
                assert not _overlap(a["box"], b["box"]), f"{a['id']} overlaps {b['id']}"
        for edge in drawn["edges"]:
            for p, q in zip(edge["points"], edge["points"][1:]):
                for box in boxes:
                    assert not _crosses(p, q, box["box"]), f"edge {edge['from']}->{edge['to']} crosses {box['id']}"
            if edge["answer"]:
                assert _inside(edge["answer"], edge["answerBox"]), f"answer on {edge['from']}->{edge['to']} leaves its label"
                assert any(_crosses(p, q, edge["answerBox"], margin=0) for p, q in zip(edge["points"], edge["points"][1:]))
                assert not any(_overlap(edge["answerBox"], box["box"]) for box in boxes)
        assert drawn["svgWidth"] <= drawn["column"] and drawn["pageScroll"] <= 0, "the diagram must fit the content column"
        assert drawn["fontScale"] * 13 >= 12, "box text must stay readable when fitted"
        assert traffic.outside == [] and traffic.console_errors == []


def _node_with_drug() -> tuple[str, str, str]:
    for pathway in PATHWAYS:
        for node in EVIDENCE.corpus.records["pathways"][pathway].model.nodes:
            if getattr(node, "drugs", None):
                return pathway, node.id, node.drugs[0]
    raise AssertionError("no pathway names a drug")


def test_a_box_opens_its_details_zoom_and_full_screen_work(site):
    base, allowed, opened = site
    pathway, node, drug = _node_with_drug()
    with browser_page(allowed) as (page, traffic):
        page.goto(_page(base, f"pathways/{pathway}"))
        page.locator(f'.mbc-diagram a.node[data-node="{node}"]').click()
        panel = page.locator(".mbc-flow-panel")
        assert panel.is_visible()
        viewport = page.locator(".svg-pan-zoom_viewport")
        scale = lambda: viewport.evaluate("g => g.getCTM().a")  # noqa: E731
        before = scale()
        page.get_by_role("button", name="Zoom in").click()
        assert scale() > before * 1.2
        page.get_by_role("button", name="Fit the whole flowchart").click()
        assert abs(scale() - before) < 0.05
        page.get_by_role("button", name="Show the flowchart full screen").click()
        page.wait_for_function("document.fullscreenElement && document.fullscreenElement.classList.contains('mbc-flow')")
        page.evaluate("document.exitFullscreen()")
        page.wait_for_function("!document.fullscreenElement")
        panel.locator(f'a[href*="drugs/{drug}"]').first.click()
        page.wait_for_load_state()
        assert f"drugs/{drug}" in page.url
        assert page.locator("h1").first.inner_text().strip().rstrip("¶") == EVIDENCE.corpus.get("drugs", drug).model.name
        assert traffic.outside == [] and traffic.console_errors == []


def test_walk_by_keyboard_to_an_end_survives_a_reload(site):
    base, allowed, opened = site
    with browser_page(allowed) as (page, traffic):
        page.goto(_page(base, "pathways/therapy-by-subtype"))
        page.get_by_role("button", name="Walk the pathway").click()
        answers = page.locator(".mbc-answers button")
        while answers.count():
            for _ in range(40):  # from the focused question, Tab reaches its first answer
                if page.evaluate("document.activeElement.closest('.mbc-answers') !== null"):
                    break
                page.keyboard.press("Tab")
            page.keyboard.press("Enter")
            page.wait_for_function("document.activeElement.tagName === 'H4'")
        assert "End of this pathway" in page.locator(".mbc-flow-panel").inner_text()
        current = page.locator(".mbc-diagram .node.current").get_attribute("data-node")
        assert "#walk=" in page.url
        url = page.url
        page.reload()
        assert page.url == url
        assert page.locator(".mbc-diagram .node.current").get_attribute("data-node") == current
        assert page.locator(".mbc-trail li.answered").count() == url.split("#walk=")[1].count(",") + 1
        page.get_by_role("button", name="Back", exact=True).click()
        assert page.locator(".mbc-answers button").count() >= 2
        page.get_by_role("button", name="Restart", exact=True).click()
        assert page.url.endswith("#walk")
        assert traffic.outside == [] and traffic.console_errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_walk_panel_accessibility_and_screenshots(hosted_site, scheme):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with browser_page((hosted_site,), color_scheme=scheme) as (page, traffic):
        page.goto(hosted_site + "pathways/therapy-by-subtype.html#walk=q-hr,q-crisis")
        assert page.locator(".mbc-answers button").count() == 2
        page.screenshot(path=str(SCREENSHOTS / f"flowchart-walk-{scheme}.png"), full_page=True)
        results = Axe().run(page)
        serious = [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in results.response["violations"]
                   if v["impact"] in ("serious", "critical")]
        assert serious == []
        assert traffic.outside == []


def test_phone_and_print(hosted_site):  # noqa: F811
    with browser_page((hosted_site,), width=390) as (page, traffic):
        page.goto(hosted_site + "pathways/her2-positive-after-trastuzumab.html")
        page.screenshot(path=str(SCREENSHOTS / "flowchart-phone.png"), full_page=True)
        svg = page.locator(".mbc-diagram svg")
        assert svg.evaluate("s => s.querySelector('text.label').getScreenCTM().a") >= 0.99, "phones show the diagram at full size"
        frame = page.locator(".mbc-diagram").evaluate("d => [d.getBoundingClientRect().right, d.scrollWidth > d.clientWidth]")
        assert frame[0] <= 390 and frame[1], "the diagram scrolls inside its frame, which fits the phone"
    with browser_page((hosted_site,)) as (page, traffic):
        page.goto(hosted_site + "pathways/her2-positive-after-trastuzumab.html")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        page.emulate_media(media="print")
        height = page.locator(".mbc-diagram svg").evaluate("s => s.getBoundingClientRect().height")
        assert height <= 23 * 96 / 2.54 + 1, "the diagram fits one printed page"
        assert page.locator(".mbc-flow").evaluate("f => getComputedStyle(f).breakAfter") == "page"
        assert page.locator(".mbc-flow-toolbar").is_hidden()
