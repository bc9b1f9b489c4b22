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
def offline_site(tmp_path_factory) -> str:
    """The bundle as a reader gets it: zipped, then unzipped somewhere else."""
    require_chromium()
    work = tmp_path_factory.mktemp("bundle")
    assert run_mkdocs(ROOT, work / "site", ROOT / "mkdocs-offline.yml") == 0
    write_zip(work / "site", work / "bundle.zip", "readme")
    with zipfile.ZipFile(work / "bundle.zip") as archive:
        archive.extractall(work / "unzipped")
    assert (work / "unzipped" / "index.html").exists() and (work / "unzipped" / "README.txt").exists()
    return (work / "unzipped").as_uri() + "/"


@pytest.fixture(scope="module")
def hosted_site(tmp_path_factory):
    require_chromium()
    site = tmp_path_factory.mktemp("hosted") / "site"
    assert run_mkdocs(ROOT, site) == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)],
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
    """(base URL, allowed URL prefixes, page suffix) for each way readers open the site."""
    if request.param == "offline":
        return request.getfixturevalue("offline_site"), ("file://",), ".html"
    base = request.getfixturevalue("hosted_site")
    return base, (base,), "/"


def _page(base: str, suffix: str, path: str) -> str:
    return base + (path + suffix if suffix == ".html" else path + "/")


def _search(page, query: str) -> list[str]:
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.keyboard.type(query, delay=20)  # Material listens for key events; fill() sends none
    page.wait_for_selector(".md-search-result__item a", timeout=15000)
    return page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")


@pytest.mark.parametrize("query, expected", [("Tucatinib", "drugs/tucatinib"), ("CLEOPATRA", "trials/cleopatra")])
def test_search_finds_drugs_and_trials(site, query, expected):
    base, allowed, suffix = site
    with browser_page(allowed) as (page, traffic):
        page.goto(base + ("index.html" if suffix == ".html" else ""))
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
}


@pytest.mark.parametrize("kind", sorted(PAGES_BY_KIND))
def test_accessibility_and_screenshots(hosted_site, kind):
    from axe_playwright_python.sync_playwright import Axe

    path = PAGES_BY_KIND[kind]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for scheme in ("light", "dark"):
        with browser_page((hosted_site,), color_scheme=scheme) as (page, traffic):
            page.goto(hosted_site + (path + "/" if path else ""))
            page.screenshot(path=str(SCREENSHOTS / f"{kind}-{scheme}.png"), full_page=True)
            if scheme == "light":
                results = Axe().run(page)
                serious = [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in results.response["violations"]
                           if v["impact"] in ("serious", "critical")]
                assert serious == []
            assert traffic.outside == []
