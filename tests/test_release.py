"""Dated releases: the version in the footer, release notes from the previous tag and the Changes page, in a real build."""

import re
import subprocess
import sys

import pytest
from conftest import ROOT, make_root

from mbc.build import run_mkdocs
from mbc.release import changes_page, previous_release, release_notes, release_tags, version

HOSTILE = "CLEOPATRA <script>alert(1)</script>"


def git(root, *args):
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
                   cwd=root, check=True, capture_output=True)


def commit(root, message, tag=None):
    git(root, "add", "-A", "evidence")
    git(root, "commit", "-q", "--allow-empty", "-m", message)
    if tag:
        git(root, "tag", tag)


def edit(root, path, old, new):
    target = root / path
    target.write_text(target.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """Two releases and one commit after the second."""
    root = make_root(tmp_path_factory.mktemp("release") / "project")
    git(root, "init", "-q", "-b", "main")
    commit(root, "first", "v2026.11.01")
    edit(root, "evidence/trials/cleopatra.yaml", "acronym: CLEOPATRA", f"acronym: {HOSTILE}")
    edit(root, "evidence/trials/cleopatra.yaml", "value: 0.62", "value: 0.63")
    commit(root, "second", "v2026.11.21")
    commit(root, "after the release")
    return root


def test_tags_and_version(released, tmp_path):
    assert release_tags(released) == ["v2026.11.01", "v2026.11.21"]
    assert previous_release(released, "v2026.11.21") == "v2026.11.01"
    assert previous_release(released, "v2026.11.01") is None
    assert re.fullmatch(r"v2026\.11\.21-1-g[0-9a-f]+", version(released))
    assert version(make_root(tmp_path / "not-git")) == "unreleased"


def test_release_notes_are_the_diff_from_the_previous_release(released):
    notes = release_notes(released, "v2026.11.21")
    assert notes.startswith("# Changes from v2026.11.01 to v2026.11.21\n")
    assert "HR 0.62 (95% CI 0.51 to 0.75); p <0.001 [baselga2012] → now" in notes
    assert release_notes(released, "v2026.11.01").startswith("# First release v2026.11.01\n\nEvidence snapshot 2026-11-01: ")


def test_release_notes_command(released):
    done = subprocess.run([sys.executable, "-m", "mbc", "--root", str(released), "release-notes", "v2026.11.21"],
                          capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert done.stdout == release_notes(released, "v2026.11.21")


def test_changes_page_lists_releases_newest_first(released):
    page = changes_page(released)
    assert page.index("## Changes from v2026.11.01 to v2026.11.21") < page.index("## First release v2026.11.01")
    assert "### Trials" in page and "<script>" not in page


def test_site_shows_version_date_and_changes(released, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    site = tmp_path / "site"
    assert run_mkdocs(released, site) == 0
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r"Version <span data-mbc-version>v2026\.11\.21-1-g[0-9a-f]+</span>,\s*evidence of "
                     r"<span data-mbc-evidence-date>2026-11-01</span>", home)
    changes = (site / "changes.html").read_text(encoding="utf-8")
    assert "Changes from v2026.11.01 to v2026.11.21" in changes
    assert "<script>alert" not in changes and "CLEOPATRA &#60;script&#62;alert&#40;1&#41;&#60;/script&#62;" in changes
