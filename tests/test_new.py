"""`mbc new`: a reference skeleton from a DOI or PMID, to complete by hand; nothing is fetched."""

import subprocess
import sys

import bibtexparser
import pytest
from conftest import ROOT, TODAY, make_root

from mbc.validate import validate

ENV = {"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin"}


def mbc(root, *args):
    return subprocess.run([sys.executable, "-m", "mbc", "--root", str(root), *args], capture_output=True, text=True, env=ENV)


@pytest.mark.parametrize("args, key, field, value", [
    (["--doi", "https://doi.org/10.1056/NEJMoa1209124"], "doinejmoa1209124", "doi", "10.1056/NEJMoa1209124"),
    (["verma2012", "--pmid", "23020162"], "verma2012", "pmid", "23020162"),
])
def test_reference_skeleton_lists_what_to_fill_in(tmp_path, args, key, field, value):
    root = make_root(tmp_path / "project")
    done = mbc(root, "new", "reference", *args)
    assert done.returncode == 0, done.stderr
    assert f"added @article{{{key}}} to evidence/references.bib" in done.stderr and "verified_on" in done.stderr
    entry = bibtexparser.parse_file(str(root / "evidence/references.bib")).entries[-1]
    assert entry.key == key and entry[field] == value
    assert [f.key for f in entry.fields if f.value == ""] == [name for name in (
        "author", "title", "journal", "year", "volume", "number", "pages", "doi", "pmid", "pmcid",
        "verified_source", "verified_url", "verified_on") if name != field]
    problems = validate(root, TODAY).problems
    assert {p.rule for p in problems} == {"BIB-FIELD-MISSING", "BIB-UNCITED", "BIB-UNVERIFIED"}
    missing = " ".join(p.message for p in problems if p.rule == "BIB-FIELD-MISSING")
    assert all(f"'{key}' has no {name}" in missing for name in ("author", "title", "journal", "year"))


@pytest.mark.parametrize("args, message", [
    (["--pmid", "22149875"], "already has this PMID: cite it as [@baselga2012]"),
    (["baselga2012", "--doi", "10.1000/other"], "already has an entry 'baselga2012'"),
    (["--doi", "not-a-doi"], "'not-a-doi' is not a DOI"),
])
def test_nothing_is_written_when_the_reference_exists_or_is_malformed(tmp_path, args, message):
    root = make_root(tmp_path / "project")
    before = (root / "evidence/references.bib").read_bytes()
    done = mbc(root, "new", "reference", *args)
    assert done.returncode == 1 and message in done.stderr and "Traceback" not in done.stderr
    assert (root / "evidence/references.bib").read_bytes() == before
