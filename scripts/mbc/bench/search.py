"""How long a reader waits for search in the offline bundle opened from file://: navigation
start until the first result shows, against the page's own load event. A fresh browser
context each time, so nothing is cached; Debian's Chromium driven by Playwright."""

import zipfile
from pathlib import Path

from ..build import run_mkdocs
from ..bundle import write_zip
from .measure import Spread

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--allow-file-access-from-files"]
QUERY = "CLEOPATRA"
# Stamps the moment the first result is in the page, in ms since navigation start.
OBSERVER = """
new MutationObserver((_, observer) => {
  if (document.querySelector('.md-search-result__item')) {
    window.__firstResult = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


def unzipped_bundle(root: Path, work: Path) -> Path:
    """The offline site as a reader has it: built (the site/ an earlier row's `make build` left, as
    `make bundle` zips it), zipped, unzipped elsewhere."""
    work.mkdir(parents=True, exist_ok=True)
    site = root / "site"
    if not (site / "index.html").exists() and run_mkdocs(root, site) != 0:
        raise RuntimeError(f"{root}: the build failed")
    write_zip(site, work / "bundle.zip", "bench")
    with zipfile.ZipFile(work / "bundle.zip") as archive:
        archive.extractall(work / "unzipped")
    return work / "unzipped" / "index.html"


def time_search(index: Path, repeats: int) -> dict:
    from playwright.sync_api import sync_playwright

    figures = {"result_s": Spread(), "load_s": Spread(), "ratio": Spread()}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for attempt in range(repeats + 1):  # the first is a warm-up of the disk cache
            context = browser.new_context()
            page = context.new_page()
            page.add_init_script(OBSERVER)
            page.goto(index.as_uri(), wait_until="domcontentloaded")
            page.locator("label.md-search__icon, .md-search__input").first.click()
            page.keyboard.type(QUERY)
            page.wait_for_selector(".md-search-result__item", timeout=120_000)
            page.wait_for_load_state("load")
            result = page.evaluate("window.__firstResult") / 1000
            load = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd") / 1000
            context.close()
            if attempt:
                figures["result_s"].values.append(result)
                figures["load_s"].values.append(load)
                figures["ratio"].values.append(result / load)
        browser.close()
    return figures
