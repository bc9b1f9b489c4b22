"""End-to-end: real `mkdocs build --strict` runs, on the project's evidence and on fixtures."""

import hashlib
import json
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import ROOT, make_root
from sitecheck import broken_links

from mbc.build import build_into, run_mkdocs
from mbc.validate import validate


@pytest.fixture(scope="module")
def project_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("hosted") / "site"
    assert run_mkdocs(ROOT, site) == 0
    return site


def test_every_record_has_its_page(project_site):
    evidence = validate(ROOT)
    assert evidence.errors == []
    for record in evidence.corpus.all():
        page = project_site / record.kind / f"{record.id}.html"
        assert page.exists(), f"no page for {record.shown}"
        html = page.read_text(encoding="utf-8")
        assert "Evidence last reviewed:" in html and record.model.last_reviewed.isoformat() in html
        assert "not advice for patients" in html


def test_every_internal_link_and_anchor_resolves(project_site):
    site_url = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    assert broken_links(project_site, root_path=urlsplit(site_url).path) == []


def test_export_holds_every_record_and_reference(project_site):
    export = json.loads((project_site / "export" / "evidence.json").read_text(encoding="utf-8"))
    evidence = validate(ROOT)
    for record in evidence.corpus.all():
        assert record.id in export["records"][record.kind]
    assert set(export["references"]) == set(evidence.bibliography.references)


def test_edit_link_opens_the_yaml_source(project_site):
    html = (project_site / "trials" / "cleopatra.html").read_text(encoding="utf-8")
    assert "/edit/main/evidence/trials/cleopatra.yaml" in html


def _digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(site.rglob("*")) if p.is_file()}


def test_builds_are_reproducible_byte_for_byte(valid_root, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert run_mkdocs(valid_root, tmp_path / "one") == 0
    assert run_mkdocs(valid_root, tmp_path / "two") == 0
    assert _digest(tmp_path / "one") == _digest(tmp_path / "two")


def test_failed_build_leaves_the_last_good_site(valid_root):
    site = valid_root / "site"
    assert build_into(valid_root, site) == 0
    assert site.stat().st_mode & 0o777 == 0o755, "a web server must be able to read the site"
    before = _digest(site)
    trial = valid_root / "evidence/trials/cleopatra.yaml"
    trial.write_text(trial.read_text().replace("value: 0.62", "value: 9"))
    assert build_into(valid_root, site) != 0
    assert _digest(site) == before
    assert not [p for p in valid_root.iterdir() if p.name.startswith(".site")]


def test_a_strict_build_fails_on_a_broken_link_or_anchor(tmp_path, capsys):
    """MkDocs' --quiet once hid warnings from strict mode: a broken link must fail the build."""
    root = make_root(tmp_path / "project")
    content = root / "content"
    content.unlink()
    shutil.copytree(ROOT / "content", content)
    (content / "methods.md").write_text((ROOT / "content/methods.md").read_text(encoding="utf-8")
                                         + "\nSee [nowhere](no-such-page.md) and [an anchor](index.md#no-such-anchor).\n",
                                         encoding="utf-8")
    assert run_mkdocs(root, tmp_path / "site") != 0
    printed = capsys.readouterr().err
    assert "no-such-page.md" in printed and "no-such-anchor" in printed


def test_site_configuration_has_no_duplicate_keys():
    """A repeated key (two extra_javascript lists, say) silently drops the first: read it as records are read."""
    from mbc.yaml_source import load_yaml

    loaded = load_yaml(ROOT / "mkdocs.yml", "mkdocs.yml")
    assert loaded.problems == [], "\n".join(p.format() for p in loaded.problems)


def test_a_contributor_link_to_a_record_page_reaches_that_page(valid_root, tmp_path):
    """Contributor Markdown is rendered to raw HTML, whose links MkDocs leaves alone: ../kind/id.md
    must still reach the page, anchor included."""
    drug = valid_root / "evidence/drugs/pertuzumab.yaml"
    drug.write_text(drug.read_text(encoding="utf-8").replace(
        "Inhibits HER2 dimerisation [@baselga2012].",
        "Inhibits HER2 dimerisation, as in [CLEOPATRA](../trials/cleopatra.md#result-primary-pfs) [@baselga2012]."), encoding="utf-8")
    assert validate(valid_root).errors == []
    assert run_mkdocs(valid_root, tmp_path / "site") == 0
    html = (tmp_path / "site/drugs/pertuzumab.html").read_text(encoding="utf-8")
    assert 'href="../trials/cleopatra.html#result-primary-pfs"' in html
    site_url = yaml.safe_load((valid_root / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    assert broken_links(tmp_path / "site", root_path=urlsplit(site_url).path) == []
