"""`mbc diff`: two fixture states committed in a temporary git repository, every kind of change between them."""

import subprocess
import sys

import pytest
from conftest import ROOT, TODAY, make_root

from mbc.diff import RevisionError, diff_revisions
from mbc.kinds import kinds
from test_rules import WATCH

NEW_TRIAL = """\
# yaml-language-server: $schema=../../schemas/trial.schema.json
id: emilia
acronym: EMILIA
title: Trastuzumab emtansine versus lapatinib plus capecitabine
phase: "3"
design: Randomised, open-label
level_of_evidence: I
subtypes: [her2-positive]
line: Second line
prior_therapy: Trastuzumab and a taxane
population: HER2-positive advanced breast cancer
lines: [second-line]
prior_exposure: {required: [trastuzumab, taxane]}
selected_by: []
arms:
  - {id: tdm1, label: Trastuzumab emtansine, drugs: [trastuzumab]}
  - {id: control, label: Lapatinib + capecitabine, control: true}
primary_endpoint: Progression-free survival
results:
  - id: primary-pfs
    analysis: Primary analysis
    endpoint: PFS
    published: 2012-11-08
    source: [verma2012]
    arms:
      - {arm: tdm1, median: 9.6, unit: months}
      - {arm: control, median: 6.4, unit: months}
    hazard_ratio: {value: 0.65, ci_low: 0.55, ci_high: 0.77}
status: draft
last_reviewed: 2026-11-01
"""
NEW_REFERENCE = """
@article{verma2012,
  author = {Verma, Sunil and others},
  title = {Trastuzumab emtansine for {HER2}-positive advanced breast cancer},
  journal = {N Engl J Med},
  year = {2012},
  doi = {10.1056/NEJMoa1209124},
  verified_source = {journal},
  verified_url = {https://www.nejm.org/doi/full/10.1056/NEJMoa1209124},
  verified_on = {2026-11-21},
}
"""
LATER_OS = """  - id: updated-os
    analysis: Updated overall survival analysis
    endpoint: OS
    published: 2015-02-19
    source: [swain2015]
    arms:
      - {arm: experimental, median: 57.1, unit: months}
      - {arm: control, median: 40.8, unit: months}
    hazard_ratio: {value: 0.69, ci_low: 0.58, ci_high: 0.82}
    supersedes: [final-os]
status: draft"""


def edit(root, path, old, new):
    target = root / path
    text = target.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path}"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")


def git(root, *args):
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
                   cwd=root, check=True, capture_output=True)


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """A repository whose tag 'before' holds the passing fixture and 'after' one of every change."""
    root = make_root(tmp_path_factory.mktemp("diff") / "project")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "evidence")
    git(root, "commit", "-q", "-m", "before")
    git(root, "tag", "before")
    trial, drug, pathway = "evidence/trials/cleopatra.yaml", "evidence/drugs/pertuzumab.yaml", "evidence/pathways/her2-first-line.yaml"
    edit(root, trial, "hazard_ratio: {value: 0.62, ci_low: 0.51, ci_high: 0.75}", "hazard_ratio: {value: 0.63, ci_low: 0.52, ci_high: 0.76}")
    edit(root, trial, "status: draft", LATER_OS)
    edit(root, trial, "design: Randomised, double-blind, placebo-controlled", "design: Randomised, double-blind")
    edit(root, drug, "status: draft", "regulatory:\n  - {agency: FDA, date: 2012-06-08, event: approval, "
                                      "indication: First line with trastuzumab and docetaxel, cites: [baselga2012]}\nstatus: draft")
    edit(root, drug, "brand_names: [Perjeta]", "brand_names: [Perjeta, Phesgo]")
    edit(root, pathway, '{label: "Yes", to: later}', '{label: "Yes", to: note}\n      - {label: "Unknown", to: later}')
    edit(root, "evidence/subtypes/her2-positive.yaml", "status: draft\nlast_reviewed: 2026-11-01\nreviewed_by: []",
         "status: reviewed\nlast_reviewed: 2026-11-01\nreviewed_by: [Test Reviewer]")
    edit(root, "evidence/drugs/trastuzumab.yaml", "status: reviewed", "retired_reason: Kept for history [@swain2015].\nstatus: retired")
    edit(root, "evidence/references.bib", "pages = {724--734}", "pages = {724--735}")
    edit(root, "evidence/settings/her2-positive-first-line.yaml", "description: Untreated HER2-positive metastatic disease",
         "description: HER2-positive metastatic disease untreated in the metastatic setting")
    (root / "evidence/biomarkers/her2.yaml").unlink()
    (root / "evidence/trials/emilia.yaml").write_text(NEW_TRIAL, encoding="utf-8")
    with open(root / "evidence/references.bib", "a", encoding="utf-8") as bib:
        bib.write(NEW_REFERENCE)
    (root / "evidence/watch.yaml").write_text(WATCH, encoding="utf-8")
    git(root, "add", "-A", "evidence")
    git(root, "commit", "-q", "-m", "after")
    git(root, "tag", "after")
    edit(root, "evidence/trials/emilia.yaml", 'phase: "3"', "phase: 3")
    git(root, "commit", "-q", "-am", "a record that no longer loads")
    git(root, "tag", "broken")
    return root


@pytest.fixture(scope="module")
def report(history):
    return diff_revisions(history, "before", "after", TODAY)


def section(report: str, title: str) -> str:
    return report.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_records_added_retired_and_removed(report):
    assert "- **EMILIA** (`emilia`)\n    - PFS, Primary analysis (2012-11-08): Trastuzumab emtansine 9.6 months vs " \
           "Lapatinib + capecitabine 6.4 months; HR 0.65 (95% CI 0.55 to 0.77) [verma2012]" in section(report, "Trials")
    assert "**Retired**\n\n- **Trastuzumab** (`trastuzumab`)\n    - Kept for history [@swain2015]." in section(report, "Drugs")
    assert "**Removed (deleted, not retired)**\n\n- **HER2** (`her2`)" in section(report, "Biomarkers")


def test_results_changed_added_and_superseded(report):
    cleopatra = section(report, "Trials").split("- **CLEOPATRA**", 1)[1]
    assert "    - design 'Randomised, double-blind, placebo-controlled' → 'Randomised, double-blind'" in cleopatra
    assert "    - new result: OS, Updated overall survival analysis (2015-02-19): Pertuzumab + trastuzumab + docetaxel " \
           "57.1 months vs Placebo + trastuzumab + docetaxel 40.8 months; HR 0.69 (95% CI 0.58 to 0.82) [swain2015]" in cleopatra
    assert "HR 0.62 (95% CI 0.51 to 0.75); p <0.001 [baselga2012] → now PFS, Primary analysis (2012-01-12; n 808): " \
           "Pertuzumab + trastuzumab + docetaxel 18.5 months vs Placebo + trastuzumab + docetaxel 12.4 months; " \
           "HR 0.63 (95% CI 0.52 to 0.76)" in cleopatra
    assert "    - superseded: OS, Final overall survival analysis (2015-02-19) is replaced by OS, " \
           "Updated overall survival analysis (2015-02-19)" in cleopatra


def test_regulatory_events_and_plain_lists(report):
    drugs = section(report, "Drugs")
    assert "- **Pertuzumab** (`pertuzumab`)\n" in drugs
    assert "    - new regulatory event: FDA approval, 2012-06-08: First line with trastuzumab and docetaxel [baselga2012]" in drugs
    assert "    - brand_names added: 'Phesgo'" in drugs


def test_pathway_branches(report):
    pathways = section(report, "Pathways")
    question = "'Previous anti-HER2 therapy for metastatic disease?'"
    assert f"    - answer 'Yes' to {question} now leads to 'Overall survival benefit confirmed at the final " \
           "analysis [@swain2015].' (was 'Later lines')" in pathways
    assert f"    - new answer 'Unknown' to {question} leads to 'Later lines'" in pathways


def test_review_status_and_references(report):
    assert "- **HER2-positive** (`her2-positive`)\n    - status: draft → reviewed by Test Reviewer" in section(report, "Subtypes")
    references = section(report, "References")
    assert "- **Verma et al. Trastuzumab emtansine for HER2-positive advanced breast cancer. N Engl J Med. 2012. " \
           "doi:10.1056/NEJMoa1209124** (`verma2012`)" in references
    assert "    - pages '724–734' → '724–735'" in references


def test_nothing_else_is_reported(report):
    titles = [line for line in report.splitlines() if line.startswith("## ")]
    assert titles == [f"## {kind.title}" for kind in kinds().values()] + ["## References", "## Watch list"]  # every kind changed
    records = [line for line in report.splitlines() if line.startswith("- **")]
    assert len(records) == 11, records  # emilia, trastuzumab, her2, seven records changed and the watch list: each once


def test_watch_list_items(report):
    assert "- **Watch list** (`watch`)\n    - new watch item: id 'pertuzumab-update'; kind 'regulatory-decision'; " \
           "what 'A label update is expected [@swain2015].'; expected '2027-03'; agency 'EMA'; drugs ['pertuzumab']; " \
           "added 2026-11-01" in section(report, "Watch list")


def test_a_record_that_does_not_load_is_named_not_removed(history):
    report = diff_revisions(history, "after", "broken", TODAY)
    assert "> At broken, 1 record file(s) do not load with today's schema: they are missing from this comparison." in report
    assert "EMILIA" not in report and "No change to the evidence." in report


def test_same_revision_has_no_change(history):
    assert "No change to the evidence." in diff_revisions(history, "before", "before", TODAY)


def test_unknown_revision_is_a_message_not_a_traceback(history):
    done = subprocess.run([sys.executable, "-m", "mbc", "--root", str(history), "diff", "v1999.01.01", "after"],
                          capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("mbc diff: ") and "hint:" in done.stderr


def test_a_revision_before_the_evidence_is_named(history):
    git(history, "checkout", "-q", "--orphan", "empty")
    git(history, "rm", "-q", "-r", "--cached", "evidence")
    git(history, "commit", "-q", "--allow-empty", "-m", "nothing yet")
    git(history, "tag", "empty")
    git(history, "checkout", "-q", "-f", "main")
    with pytest.raises(RevisionError, match="'empty' holds no evidence/ folder"):
        diff_revisions(history, "empty", "after", TODAY)


def test_cli_writes_the_file(history, tmp_path):
    out = tmp_path / "notes.md"
    done = subprocess.run([sys.executable, "-m", "mbc", "--root", str(history), "diff", "before", "after", "-o", str(out)],
                          capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").startswith("# Changes from before to after\n")
