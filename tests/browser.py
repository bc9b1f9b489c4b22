"""Launching Debian's Chromium through Playwright, with every outside request blocked and recorded."""

import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking switches Chromium itself calls home, which is not the page's doing.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--allow-file-access-from-files"]


def require_chromium() -> str:
    """The browser's path; in CI a missing browser fails the run instead of skipping it."""
    path = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    if path:
        return path
    if os.environ.get("CI") == "true":
        pytest.fail("Chromium is not installed: .ci/run installs Debian's chromium package")
    pytest.skip("Chromium is not installed (apt-get install chromium)")


@dataclass
class Traffic:
    allowed_prefixes: tuple[str, ...]
    outside: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def route(self, route):
        url = route.request.url
        if url.startswith(self.allowed_prefixes):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()


@contextmanager
def browser_page(allowed_prefixes: tuple[str, ...], color_scheme: str = "light", width: int = 1280, javascript: bool = True):
    from playwright.sync_api import sync_playwright

    executable = require_chromium()
    traffic = Traffic(allowed_prefixes)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=ARGS)
        context = browser.new_context(color_scheme=color_scheme, viewport={"width": width, "height": 900},
                                      java_script_enabled=javascript)
        context.route("**/*", traffic.route)
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and traffic.console_errors.append(message.text))
        page.on("pageerror", lambda error: traffic.console_errors.append(str(error)))
        # Requests the router cannot see (file:// and the like) are still recorded here.
        page.on("request", lambda request: request.url.startswith(allowed_prefixes + ("data:", "blob:"))
                or request.url in traffic.outside or traffic.outside.append(request.url))
        try:
            yield page, traffic
        finally:
            context.close()
            browser.close()
