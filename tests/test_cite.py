"""Cite this page: each record page cites itself and links RIS and BibTeX files of that citation and its references."""

import bibtexparser
import pytest
import rispy
from conftest import make_root

from mbc.build import run_mkdocs

HOSTILE = 'CLEOPATRA <img src=x onerror="alert(1)">'


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_root(tmp_path_factory.mktemp("cite") / "project")
    trial = root / "evidence/trials/cleopatra.yaml"
    trial.write_text(trial.read_text(encoding="utf-8").replace("acronym: CLEOPATRA", f"acronym: '{HOSTILE}'"), encoding="utf-8")
    out = root / "site"
    assert run_mkdocs(root, out) == 0
    return out


def test_page_cites_itself_and_links_the_files(site):
    html = (site / "trials/cleopatra.html").read_text(encoding="utf-8")
    citation = html.split('<p class="mbc-cite">', 1)[1].split("</p>", 1)[0]
    assert citation.startswith("MBC Evidence contributors. CLEOPATRA &#60;img src=x onerror=&#34;alert&#40;1&#41;&#34;&#62;. "
                               "In: MBC Evidence, Trials. Version unreleased; evidence last reviewed 2026-11-01. ")
    assert citation.endswith("mbc-evidence.github.io/mbc-evidence/trials/cleopatra.html")
    assert "<img" not in html.split('id="cite-this-page"', 1)[1]
    assert ('and the 2 references this record cites for a reference manager: <a href="../cite/trials/cleopatra.ris">RIS</a> · '
            '<a href="../cite/trials/cleopatra.bib">BibTeX</a>') in html


def test_ris_holds_the_page_then_its_references(site):
    entries = rispy.loads((site / "cite/trials/cleopatra.ris").read_text(encoding="utf-8"))
    assert [e["id"] for e in entries] == ["mbc-trials-cleopatra", "baselga2012", "swain2015"]
    page = entries[0]
    assert (page["type_of_reference"], page["title"], page["edition"], page["date"]) == ("ELEC", HOSTILE, "unreleased", "2026-11-01")
    assert page["urls"] == ["https://mbc-evidence.github.io/mbc-evidence/trials/cleopatra.html"]


def test_bibtex_holds_the_page_then_its_references(site):
    library = bibtexparser.parse_string((site / "cite/drugs/trastuzumab.bib").read_text(encoding="utf-8"))
    assert library.failed_blocks == []
    assert [(e.entry_type, e.key) for e in library.entries] == [("misc", "mbc-drugs-trastuzumab"), ("article", "baselga2012")]
    assert library.entries[0]["url"] == "https://mbc-evidence.github.io/mbc-evidence/drugs/trastuzumab.html"
