"""The live preview for real: `python -m mbc serve` on a copy of the project, edited while it
runs, read over HTTP at the site_url path."""

import os
import shutil
import socket
import subprocess
import sys
import time
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest
from conftest import ROOT, make_root

from mbc.preview import base_path

TRIAL = "evidence/trials/cleopatra.yaml"
# Appended to scripts/mbc/pages.py: a module the first build imported, so a preview that kept
# it cached would never show this.
CODE_EDIT = """

_generate_pages = generate_pages


def generate_pages(*args, **kwargs):
    pages = _generate_pages(*args, **kwargs)
    return {path: text + "\\n\\nCode edit seen.\\n" if path.endswith(".md") else text for path, text in pages.items()}
"""


def _get(url: str) -> tuple[int, str]:
    """Status and text; a request that took longer than 10 s would fail the test (no request may hang)."""
    try:
        with urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _until(url: str, check, what: str, timeout: float = 240) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            status, text = _get(url)
        except OSError:  # not listening yet
            status, text = 0, ""
        if check(status, text):
            return text
        time.sleep(0.3)
    raise AssertionError(f"{url}: {what} not seen within {timeout} s")


@pytest.fixture
def preview(tmp_path):
    """A project with its own copy of the code and templates, served by the preview."""
    root = make_root(tmp_path / "project")
    for name in ("scripts", "site_templates"):
        (root / name).unlink()
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, PYTHONPATH=str(root / "scripts"))
    log = tmp_path / "serve.log"
    with log.open("w") as said:
        server = subprocess.Popen([sys.executable, "-m", "mbc", "--root", str(root), "serve", "--port", str(port)],
                                  cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=said)
    page = f"http://127.0.0.1:{port}{base_path(root)}trials/cleopatra.html"
    try:
        yield root, page, log
    finally:
        server.terminate()
        server.wait(timeout=30)


def _build_said(log, version: int, timeout: float = 60) -> str:
    """The preview's line about build number `version` ("preview: <how> (version N)")."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in log.read_text(encoding="utf-8").splitlines():
            if line.startswith("preview: ") and line.endswith(f"(version {version})"):
                return line
        time.sleep(0.2)
    raise AssertionError(f"no build {version} in the preview's output:\n{log.read_text(encoding='utf-8')}")


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_edits_show_bad_edits_keep_the_last_good_pages_with_their_problems(preview):
    root, page, log = preview
    assert base_path(root) == "/mbc-evidence/"
    _until(page, lambda status, text: status == 200 and "CLEOPATRA" in text, "the first build")
    assert "full build" in _build_said(log, 1)

    _edit(root / TRIAL, "design: ", "design: Previewedit one, ")
    _until(page, lambda status, text: "Previewedit one" in text, "a record edit")
    assert "rendered 1 page" in _build_said(log, 2)  # only the trial's page: not a full build

    _edit(root / TRIAL, "id: cleopatra", "id: cleopatra\nnot_a_field: 1")
    text = _until(page, lambda status, text: "mbc-preview-problems" in text, "the problems of a bad edit")
    assert "SCHEMA-UNKNOWN-FIELD" in text and "cleopatra.yaml" in text
    assert "Previewedit one" in text  # still the last good page
    status, other = _get(page.replace("trials/cleopatra.html", ""))
    assert status == 200 and "mbc-preview-problems" in other  # on every page

    _edit(root / TRIAL, "id: cleopatra\nnot_a_field: 1", "id: cleopatra")
    _edit(root / TRIAL, "Previewedit one", "Previewedit two")
    text = _until(page, lambda status, text: "Previewedit two" in text, "the fixed edit")
    assert "mbc-preview-problems" not in text


def test_edits_to_code_and_templates_show_without_a_restart(preview):
    root, page, log = preview
    _until(page, lambda status, text: status == 200 and "CLEOPATRA" in text, "the first build")

    _edit(root / "site_templates" / "pages" / "trial.md.j2", "\n", "\nTemplate edit seen.\n")
    _until(page, lambda status, text: "Template edit seen." in text, "a template edit")

    pages = root / "scripts" / "mbc" / "pages.py"
    with pages.open("a", encoding="utf-8") as module:
        module.write(CODE_EDIT)
    _until(page, lambda status, text: "Code edit seen." in text, "an edit to scripts/mbc")

    # Broken code: the last good pages stay, with the error on them.
    with pages.open("a", encoding="utf-8") as module:
        module.write("\nundefined_name\n")
    text = _until(page, lambda status, text: "mbc-preview-problems" in text, "the error of broken code")
    assert "undefined_name" in text and "Code edit seen." in text
