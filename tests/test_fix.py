"""`mbc fix`: each fixer, on the failing fixture of the rule it answers, leaves the passing fixture exactly."""

import subprocess
import sys

import pytest
from conftest import FIXTURES, ROOT, TODAY, make_root
from test_rules import BIB, CASES, DRUG, TRIAL, replace

from mbc.fix import FIXERS, plan
from mbc.validate import validate

EXTRA = {  # other spellings each fixer must undo, beside the rule's own failing case
    "doi-url": (replace(BIB, "doi = {10.1056/NEJMoa1113216}", "doi = {https://doi.org/10.1056/NEJMoa1113216}"), "BIB-ID-FORMAT"),
    "doi-label": (replace(BIB, "doi = {10.1056/NEJMoa1413513}", "doi = {doi:10.1056/NEJMoa1413513}"), "BIB-ID-FORMAT"),
    "pmcid-address": (replace(BIB, "pmcid = {PMC5705202}", "pmcid = {https://pmc.ncbi.nlm.nih.gov/articles/pmc5705202/}"), "BIB-ID-FORMAT"),
    "hr-ci-reversed": (replace(TRIAL, "ci_low: 0.51, ci_high: 0.75", "ci_low: 0.75, ci_high: 0.51"), "PLAUS-CI"),
    "id-and-order": (lambda root: (replace(DRUG, "id: pertuzumab", "id: perjeta")(root),
                                   replace(DRUG, "status: draft\n", "")(root),
                                   replace(DRUG, "name: Pertuzumab", "status: draft\nname: Pertuzumab")(root)), "ID-FILENAME"),
}


def fixed_tree(root):
    """Apply the planned fixes and return every evidence file's text."""
    for shown, (_, new) in plan(root).items():
        (root / shown).write_text(new, encoding="utf-8")
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted((root / "evidence").rglob("*")) if p.is_file()}


def passing_tree():
    return {("evidence/" + p.relative_to(FIXTURES / "valid" / "evidence").as_posix()): p.read_text(encoding="utf-8")
            for p in sorted((FIXTURES / "valid" / "evidence").rglob("*")) if p.is_file()}


@pytest.mark.parametrize("rule", [fixer.rule for fixer in FIXERS])
def test_fixer_restores_the_passing_fixture(rule, tmp_path):
    root = make_root(tmp_path / "project")
    CASES[rule][0](root)
    assert rule in {p.rule for p in validate(root, TODAY).problems}
    assert fixed_tree(root) == passing_tree()


@pytest.mark.parametrize("case", sorted(EXTRA))
def test_other_spellings_are_fixed(case, tmp_path):
    root = make_root(tmp_path / "project")
    breakage, rule = EXTRA[case]
    breakage(root)
    assert rule in {p.rule for p in validate(root, TODAY).problems}
    assert fixed_tree(root) == passing_tree()


@pytest.mark.parametrize("rule", ["PLAUS-HR", "CITE-UNKNOWN", "LINK-UNRESOLVED", "BIB-FIELD-MISSING"])
def test_judgement_is_left_to_the_editor(rule, tmp_path):
    root = make_root(tmp_path / "project")
    CASES[rule][0](root)
    assert plan(root) == {}


def test_command_shows_the_diff_and_dry_run_writes_nothing(tmp_path):
    root = make_root(tmp_path / "project")
    CASES["ID-FILENAME"][0](root)
    broken = (root / DRUG).read_text(encoding="utf-8")
    env = {"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin"}
    dry = subprocess.run([sys.executable, "-m", "mbc", "--root", str(root), "fix", "--dry-run"], capture_output=True, text=True, env=env)
    assert dry.returncode == 1 and (root / DRUG).read_text(encoding="utf-8") == broken
    assert dry.stdout.splitlines()[:2] == [f"--- a/{DRUG}", f"+++ b/{DRUG}"]
    assert "-id: pertuzumab-x\n+id: pertuzumab\n" in dry.stdout
    done = subprocess.run([sys.executable, "-m", "mbc", "--root", str(root), "fix"], capture_output=True, text=True, env=env)
    assert done.returncode == 0 and done.stdout == dry.stdout
    assert "fixed 1 file(s); still to fix by hand: 0 errors, 0 warnings" in done.stderr
