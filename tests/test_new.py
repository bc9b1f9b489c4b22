"""`mbc new`: a record from its kind's annotated template, a reference skeleton from a DOI or PMID; nothing is fetched."""

import re
import subprocess
import sys
from datetime import date

import bibtexparser
import pytest
from conftest import ROOT, TODAY, make_root

from mbc.kinds import kinds
from mbc.new import find_kind
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


@pytest.mark.parametrize("kind", [kind.singular for kind in kinds().values()])
def test_new_record_starts_from_the_kind_template(tmp_path, kind):
    root = make_root(tmp_path / "project")
    folder = find_kind(kind).folder
    done = mbc(root, "new", kind, "new-record")
    assert done.returncode == 0, done.stderr
    assert f"wrote evidence/{folder}/new-record.yaml from content/record-templates/{kind}.yaml" in done.stderr
    text = (root / "evidence" / folder / "new-record.yaml").read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n")
    assert re.search(r"(?m)^id: new-record +#", text) and re.search(rf"(?m)^last_reviewed: {date.today().isoformat()}", text)
    template = (ROOT / "content" / "record-templates" / f"{kind}.yaml").read_text(encoding="utf-8")
    assert len(text.splitlines()) == len(template.splitlines())  # comments and fields all kept
    evidence = validate(root)
    record = evidence.corpus.get(folder, "new-record")
    assert record is not None and record.model.status == "draft"
    # The template is in the order STYLE-KEY-ORDER asks for, and names only what the fixture has.
    assert [p.format() for p in evidence.problems if p.path.endswith("new-record.yaml")] == []


@pytest.mark.parametrize("args, message", [
    (["trial", "cleopatra"], "evidence/trials/cleopatra.yaml already exists"),
    (["trial", "Not_A_Slug"], "'Not_A_Slug' is not an id"),
    (["trail", "x"], "unknown kind 'trail'; one of: reference, "),
    (["reference"], "give the paper's --doi or --pmid"),
    (["trial", "x", "--doi", "10.1000/x"], "--doi and --pmid start a reference"),
])
def test_new_record_refusals_write_nothing(tmp_path, args, message):
    root = make_root(tmp_path / "project")
    before = sorted(p for p in (root / "evidence").rglob("*"))
    done = mbc(root, "new", *args)
    assert done.returncode == 1 and message in done.stderr and "nothing was written" in done.stderr
    assert sorted(p for p in (root / "evidence").rglob("*")) == before
