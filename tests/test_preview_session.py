"""The preview's builder in process: an edit renders only the pages whose Markdown changed, checks
them as the strict build does before writing anything, and falls back to a full build when an
edit reaches beyond the pages."""

import shutil

import pytest
from conftest import ROOT, make_root

from mbc.preview_session import Session

TRIAL = "evidence/trials/cleopatra.yaml"
NOTE = "note: Sensitivity analyses adjusted for crossover [@swain2015]."


def _edit(root, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _stamps(site) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


@pytest.fixture
def session(tmp_path):
    root = make_root(tmp_path / "project")
    (root / "content").unlink()  # edited below: a copy, not the project's own pages
    shutil.copytree(ROOT / "content", root / "content")
    work = tmp_path / "work"
    work.mkdir()
    built = Session(root, work)
    answer = built.update([])
    assert answer["how"] == "full build" and answer["problems"] == []
    return root, built


def test_a_record_edit_renders_only_the_pages_that_show_it(session):
    root, built = session
    site = built.site
    before = _stamps(site)
    _edit(root, TRIAL, NOTE, "note: Crossover-adjusted analyses, edited in the preview [@swain2015].")
    answer = built.update([TRIAL])
    assert answer["problems"] == [] and answer["how"].startswith("rendered")
    assert built.site == site  # written in place
    after = _stamps(site)
    rewritten = {path for path in before if after[path] != before[path]}
    assert "edited in the preview" in (site / "trials/cleopatra.html").read_text(encoding="utf-8")
    assert "trials/cleopatra.html" in rewritten
    assert "drugs/trastuzumab.html" not in rewritten and "index.html" not in rewritten
    assert len(rewritten) < len(before) / 2


def test_a_hand_written_page_edit_renders_that_page(session):
    root, built = session
    _edit(root, "content/methods.md", "\n", "\nEdited in the preview.\n")
    answer = built.update(["content/methods.md"])
    assert answer["problems"] == [] and answer["how"].startswith("rendered 1 page")
    assert "Edited in the preview." in (built.site / "methods.html").read_text(encoding="utf-8")


def test_a_broken_link_writes_nothing_and_the_next_good_edit_writes_everything_since(session):
    root, built = session
    page = built.site / "methods.html"
    good = page.read_text(encoding="utf-8")
    _edit(root, TRIAL, NOTE, "note: Edited in the batch that failed [@swain2015].")
    _edit(root, "content/methods.md", "\n", "\nSee [nowhere](no-such-page.md) and [the start](index.md#no-such-anchor).\n")
    answer = built.update([TRIAL, "content/methods.md"])
    assert answer["how"] == "nothing written"
    assert any("no-such-page.md" in line for line in answer["problems"])
    assert any("no-such-anchor" in line for line in answer["problems"])
    assert page.read_text(encoding="utf-8") == good
    assert "Edited in the batch that failed" not in (built.site / "trials/cleopatra.html").read_text(encoding="utf-8")
    _edit(root, "content/methods.md", "See [nowhere](no-such-page.md) and [the start](index.md#no-such-anchor).", "Fixed.")
    answer = built.update(["content/methods.md"])  # the trial's edit came in the failed batch only
    assert answer["problems"] == []
    assert "Fixed." in page.read_text(encoding="utf-8")
    assert "Edited in the batch that failed" in (built.site / "trials/cleopatra.html").read_text(encoding="utf-8")


def test_invalid_evidence_keeps_the_pages_and_names_the_problem(session):
    root, built = session
    page = built.site / "trials/cleopatra.html"
    good = page.read_text(encoding="utf-8")
    _edit(root, TRIAL, "id: cleopatra", "id: cleopatra\nnot_a_field: 1")
    answer = built.update([TRIAL])
    assert answer["how"] == "nothing written" and page.read_text(encoding="utf-8") == good
    assert any("SCHEMA-UNKNOWN-FIELD" in line and "cleopatra.yaml:3:1" in line for line in answer["problems"])


def test_edits_beyond_the_pages_are_full_builds(session):
    root, built = session
    first = built.site
    shutil.copy(root / TRIAL, root / "evidence/trials/cleopatra-copy.yaml")
    _edit(root, "evidence/trials/cleopatra-copy.yaml", "id: cleopatra", "id: cleopatra-copy")
    answer = built.update(["evidence/trials/cleopatra-copy.yaml"])  # a new record: new page, index, search
    assert answer["how"] == "full build" and built.site != first
    assert (built.site / "trials/cleopatra-copy.html").exists()
    assert built.update(["content/record-templates/trial.yaml"])["how"] == "full build"  # included by a page
