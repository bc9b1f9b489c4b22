"""Real headless Chromium against the built site: the offline bundle from file:// and the
hosted build over HTTP on 127.0.0.1. No request may leave the machine."""

import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from urllib.request import urlopen

import pytest
from browser import browser_page, require_chromium
from conftest import ROOT

from mbc.build import run_mkdocs
from mbc.bundle import write_zip
from mbc.matching import lineage
from mbc.validate import validate

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
EVIDENCE = validate(ROOT)


def _pathway_with_drug() -> tuple[str, str]:
    for pathway in sorted(EVIDENCE.corpus.records["pathways"].values(), key=lambda r: r.id):
        for node in pathway.model.nodes:
            if getattr(node, "drugs", None):
                return pathway.id, node.drugs[0]
    raise AssertionError("no pathway names a drug")


PATHWAY, _ = _pathway_with_drug()  # the flowchart tests are in test_flowchart_browser.py


@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> Path:
    """One build, as `make site` makes it: served over HTTP and zipped for file://."""
    require_chromium()
    site = tmp_path_factory.mktemp("built") / "site"
    assert run_mkdocs(ROOT, site) == 0
    return site


@pytest.fixture(scope="module")
def offline_site(built_site, tmp_path_factory) -> str:
    """The bundle as a reader gets it: zipped, then unzipped somewhere else."""
    work = tmp_path_factory.mktemp("bundle")
    write_zip(built_site, work / "bundle.zip", "readme")
    with zipfile.ZipFile(work / "bundle.zip") as archive:
        archive.extractall(work / "unzipped")
    assert (work / "unzipped" / "index.html").exists() and (work / "unzipped" / "README.txt").exists()
    return (work / "unzipped").as_uri() + "/"


@pytest.fixture(scope="module")
def hosted_site(built_site):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(built_site)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    for _ in range(100):
        try:
            urlopen(base, timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield base
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(params=["offline", "hosted"])
def site(request):
    """(base URL, allowed URL prefixes, how it is opened) for each way readers open the site."""
    if request.param == "offline":
        return request.getfixturevalue("offline_site"), ("file://",), "offline"
    base = request.getfixturevalue("hosted_site")
    return base, (base,), "hosted"


def _page(base: str, path: str) -> str:
    return f"{base}{path or 'index'}.html"


def _search(page, query: str) -> list[str]:
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.keyboard.type(query, delay=20)  # Material listens for key events; fill() sends none
    page.wait_for_selector(".md-search-result__item a", timeout=15000)
    return page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")


@pytest.mark.parametrize("query, expected", [("Tucatinib", "drugs/tucatinib"), ("CLEOPATRA", "trials/cleopatra")])
def test_search_finds_drugs_and_trials(site, query, expected):
    base, allowed, opened = site
    with browser_page(allowed) as (page, traffic):
        page.goto(_page(base, ""))
        hits = _search(page, query)
        assert any(expected in hit for hit in hits), hits
        assert traffic.outside == []
        assert traffic.console_errors == []


PAGES_BY_KIND = {
    "home": "",
    "subtype": "subtypes/her2-positive",
    "drug": "drugs/trastuzumab",
    "trial": "trials/cleopatra",
    "pathway": f"pathways/{PATHWAY}",
    "biomarker": f"biomarkers/{min(EVIDENCE.corpus.records['biomarkers'])}",
    "references": "references",
    "setting": "settings/her2-positive-first-line",
    "finder": "finder",
}


@pytest.mark.parametrize("kind", sorted(PAGES_BY_KIND))
def test_accessibility_and_screenshots(hosted_site, kind):
    from axe_playwright_python.sync_playwright import Axe

    path = PAGES_BY_KIND[kind]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for scheme in ("light", "dark"):
        with browser_page((hosted_site,), color_scheme=scheme) as (page, traffic):
            page.goto(_page(hosted_site, path))
            page.screenshot(path=str(SCREENSHOTS / f"{kind}-{scheme}.png"), full_page=True)
            if scheme == "light":
                results = Axe().run(page)
                serious = [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in results.response["violations"]
                           if v["impact"] in ("serious", "critical")]
                assert serious == []
            assert traffic.outside == []


# The finder: a reader after an aromatase inhibitor and a CDK4/6 inhibitor, in second line, with an ESR1 mutation.
CHOICE = {"subtype": "hr-positive-her2-negative", "line": "second-line", "exposure": ["aromatase-inhibitor", "cdk46-inhibitor"],
          "biomarker": ["esr1-mutated"]}


def _expected_settings(choice) -> list[str]:
    """The settings the finder must show, by the same rule read from the records: the setting's subtype
    and line, and every exposure and biomarker it requires is one the reader has (or a broader kind of one)."""
    corpus = EVIDENCE.corpus
    had = {section: {t for term in choice[name] for t in lineage(term, corpus.terms(section))}
           for name, section in (("exposure", "exposure"), ("biomarker", "biomarker"))}
    return [s.id for s in corpus.records["settings"].values()
            if s.model.subtype == choice["subtype"] and s.model.line == choice["line"]
            and set(s.model.prior_exposure) <= had["exposure"] and set(s.model.biomarkers) <= had["biomarker"]]


def _shown(page) -> list[str]:
    return page.eval_on_selector_all(".mbc-finder-setting:not([hidden])", "sections => sections.map(s => s.dataset.setting)")


def test_finder_filters_compares_and_keeps_its_state_in_the_url(site):
    base, allowed, opened = site
    expected = _expected_settings(CHOICE)
    assert expected, "no setting matches the finder test's choice"
    with browser_page(allowed) as (page, traffic):
        page.goto(_page(base, "finder"))
        assert page.locator("#mbc-finder-list").is_hidden()
        # Choices by keyboard: tab into the subtype list, then the line list; checkboxes with the space bar.
        page.locator("#mbc-subtype").focus()
        page.select_option("#mbc-subtype", CHOICE["subtype"])
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "mbc-line"
        page.select_option("#mbc-line", CHOICE["line"])
        for name in ("exposure", "biomarker"):
            for value in CHOICE[name]:
                page.locator(f'input[name="{name}"][value="{value}"]').focus()
                page.keyboard.press("Space")
        assert sorted(_shown(page)) == sorted(expected)
        status = page.locator("#mbc-finder-status").inner_text()
        assert status.startswith(f"{len(expected)} setting"), status
        # The right options: those of the matching settings' records, in their tables.
        shown_options = page.eval_on_selector_all(".mbc-finder-setting:not([hidden]) span.mbc-option",
                                                  "spans => spans.map(s => s.dataset.option)")
        assert set(shown_options) == {o.id for s in expected for o in EVIDENCE.corpus.get("settings", s).model.options}
        # Compare two options side by side.
        boxes = page.locator(".mbc-finder-setting:not([hidden]) input.mbc-compare-box")
        assert boxes.count() >= 2
        boxes.nth(0).check()
        boxes.nth(1).focus()
        page.keyboard.press("Space")
        chosen = [boxes.nth(i).get_attribute("aria-label") for i in (0, 1)]
        compare = page.locator("#mbc-compare")
        assert compare.is_visible()
        headers = compare.locator("thead th").all_inner_texts()
        assert len(headers) == 3
        for label, header in zip(chosen, headers[1:]):
            assert label.removeprefix("Compare ").split(" (")[0] in header
        assert compare.locator("tbody th").first.inner_text().startswith("Option")
        assert "compare=" in page.url
        # Reload from the URL: the same view.
        state = page.url
        page.goto(_page(base, ""))
        page.goto(state)
        assert sorted(_shown(page)) == sorted(expected)
        assert page.locator("#mbc-compare").is_visible()
        assert page.locator("#mbc-compare thead th").count() == 3
        if opened == "hosted":  # axe once, on the hosted build, with filters and the comparison showing
            from axe_playwright_python.sync_playwright import Axe
            results = Axe().run(page)
            serious = [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in results.response["violations"]
                       if v["impact"] in ("serious", "critical")]
            assert serious == []
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "finder-filtered-light.png"), full_page=True)
        assert traffic.outside == []
        assert traffic.console_errors == []


def test_finder_without_javascript_is_the_plain_list_of_settings(site):
    base, allowed, opened = site
    with browser_page(allowed, javascript=False) as (page, traffic):
        page.goto(_page(base, "finder"))
        assert page.locator("#mbc-finder").is_hidden() and page.locator("#mbc-finder-results").is_hidden()
        links = page.locator("#mbc-finder-list a[href*='settings/']")
        assert links.count() == len(EVIDENCE.corpus.records["settings"])
        assert traffic.outside == []


def test_setting_page_shows_its_forest_plot(site):
    base, allowed, opened = site
    with browser_page(allowed) as (page, traffic):
        page.goto(_page(base, "settings/her2-positive-first-line"))
        plot = page.locator("img.mbc-forest")
        plot.scroll_into_view_if_needed()
        assert plot.evaluate("img => img.complete && img.naturalWidth > 300")
        assert page.locator("table").first.locator("tbody tr").count() >= 2
        assert traffic.outside == []
        assert traffic.console_errors == []


# Search with the index built at build time (scripts/mbc/search_index.py) against Material's own,
# which builds its index in the browser: trial acronyms, drug names, biomarkers, words of a
# result's text, two words, prefixes, one letter.
SEARCH_QUERIES = ["CLEOPATRA", "Tucatinib", "DESTINY-Breast03", "MONALEESA", "trastuzumab deruxtecan", "ESR1",
                  "PIK3CA", "trast", "neutropenia", "overall survival", "elacestrant", "HER2-low", "c", "brain metastases"]
RESULTS = """() => ({list: document.querySelector('.md-search-result__list').innerHTML,
                     meta: document.querySelector('.md-search-result__meta').textContent,
                     suggest: document.querySelector('.md-search__suggest').textContent})"""


@pytest.fixture(scope="module")
def material_search(offline_site, tmp_path_factory) -> str:
    """The offline bundle as Material would ship it: its own worker, the index without the prebuilt part."""
    import json
    import shutil
    from urllib.parse import urlparse

    import material

    bundle = Path(urlparse(offline_site).path)
    site = tmp_path_factory.mktemp("material-search") / "site"
    shutil.copytree(bundle, site)
    (ours,) = (site / "assets/javascripts/workers").glob("search.*.min.js")
    shutil.copy(Path(material.__file__).parent / "templates/assets/javascripts/workers" / ours.name, ours)
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert "prebuilt" in index["config"] and "loadPrebuiltIndex" in (bundle / "assets/javascripts/workers" / ours.name).read_text()
    del index["config"]["prebuilt"]
    (site / "search/search_index.js").write_text(f"var __index = {json.dumps(index)}", encoding="utf-8")
    return site.as_uri() + "/"


def _search_results(base: str, queries: list[str], typed: bool = False, expected: dict | None = None) -> dict:
    """Each query's rendered results (list, count, suggestion), links made relative to the site."""
    shown = {}
    with browser_page(("file://",)) as (page, traffic):
        page.goto(base + "index.html")
        page.locator("label.md-search__icon, .md-search__input").first.click()
        for query in queries:
            page.fill(".md-search__input", "")
            page.dispatch_event(".md-search__input", "keyup")
            page.wait_for_selector(".md-search-result__item", state="detached")
            if typed:  # as fast as keys come: the worker answers the latest query only
                page.keyboard.type(query)
                page.wait_for_function(f"() => ({RESULTS})().list.replaceAll({base!r}, '') === {expected[query]['list']!r}")
            else:
                page.fill(".md-search__input", query)
                page.dispatch_event(".md-search__input", "keyup")
                page.wait_for_selector(".md-search-result__item", timeout=30000)
            results = page.evaluate(RESULTS)
            shown[query] = {key: value.replace(base, "") for key, value in results.items()}
        assert traffic.outside == []
        assert traffic.console_errors == []
    return shown


def test_prebuilt_search_index_gives_materials_own_results(offline_site, material_search):
    material = _search_results(material_search, SEARCH_QUERIES)
    assert _search_results(offline_site, SEARCH_QUERIES) == material
    assert all(material[query]["list"].count("md-search-result__item") for query in SEARCH_QUERIES)
    # Typed key by key, the suggestion shows as well (Material shows it on key presses only)
    typed = ["CLEOPATRA", "trastuzumab deruxtecan", "ESR1"]
    shown = _search_results(offline_site, typed, typed=True, expected=material)
    assert {q: (r["list"], r["meta"]) for q, r in shown.items()} == {q: (material[q]["list"], material[q]["meta"]) for q in typed}
    assert [shown[q]["suggest"] for q in typed] == typed
