"""How long an editor waits in the live preview: a record saved until its page over HTTP
shows the change (`make serve`), against MkDocs' own live reload of an edited Markdown page of a plain
site of the same pages."""

import socket
import subprocess
import sys
import time
import urllib.request
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .measure import Spread

TRIAL = "cleopatra"
OLD = "design: Randomised"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, server: subprocess.Popen, timeout: float = 300) -> float:
    """Seconds until the page at url contains text."""
    start = time.perf_counter()
    while text not in _fetch(url):
        if server.poll() is not None:
            raise RuntimeError(f"the preview server stopped ({server.args[2:]}); run it by hand to see why")
        if time.perf_counter() - start > timeout:
            raise RuntimeError(f"{url} did not show {text!r} within {timeout} s")
        time.sleep(0.05)
    return time.perf_counter() - start


def our_serve(root: Path, port: int) -> list[str]:
    """What `make serve` runs."""
    return [sys.executable, "-m", "mbc", "--root", str(root), "serve", "--port", str(port)]


def mkdocs_serve(config: Path, port: int) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(config), "--dev-addr", f"127.0.0.1:{port}"]


class Preview:
    """A running preview server and the file an editor changes in it."""

    def __init__(self, root: Path, command, config: Path, source: Path, page: str, old: str) -> None:
        port = _free_port()
        base_path = urlsplit(yaml.safe_load(config.read_text(encoding="utf-8")).get("site_url", "")).path or "/"
        self.url = f"http://127.0.0.1:{port}{base_path}{page}"
        self.source, self.old = source, old
        self.original = source.read_text(encoding="utf-8")
        self.server = subprocess.Popen(command(port), cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def edit(self, marker: str) -> float:
        """Save an edit; seconds until the page shows it."""
        self.source.write_text(self.original.replace(self.old, f"{self.old} {marker}", 1), encoding="utf-8")
        return _wait_for(self.url, marker, self.server)

    def stop(self) -> None:
        self.source.write_text(self.original, encoding="utf-8")
        self.server.terminate()
        self.server.wait(timeout=30)


def time_preview(root: Path, plain_config: Path, repeats: int) -> dict:
    """Our preview and MkDocs' own, both running, edited in turn."""
    docs = Path(yaml.safe_load(plain_config.read_text(encoding="utf-8"))["docs_dir"])
    ours = Preview(root, partial(our_serve, root), plain_config, root / "evidence" / "trials" / f"{TRIAL}.yaml",
                   f"trials/{TRIAL}.html", OLD)
    base = Preview(root, partial(mkdocs_serve, plain_config), plain_config, docs / "trials" / f"{TRIAL}.md",
                   f"trials/{TRIAL}.html", "Randomised")
    figures = {"seconds": Spread(), "base_seconds": Spread(), "ratio": Spread()}
    try:
        for preview in (ours, base):
            _wait_for(preview.url, "</html>", preview.server)
        for attempt in range(repeats + 1):  # the first is a warm-up
            time.sleep(1)  # let both watchers settle between edits
            a = ours.edit(f"benchedit{attempt}x")
            time.sleep(1)
            b = base.edit(f"benchedit{attempt}x")
            if attempt:
                figures["seconds"].values.append(a)
                figures["base_seconds"].values.append(b)
                figures["ratio"].values.append(a / b)
    finally:
        ours.stop()
        base.stop()
    return figures
