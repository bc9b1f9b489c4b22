"""One failing case per rule: exactly that rule fires, at the expected file and line.

Each case starts from the passing fixture (tests/fixtures/valid) and breaks one thing.
"""

from pathlib import Path

import pytest
from conftest import TODAY, make_root

from mbc.rules import RULES
from mbc.validate import validate

TRIAL = "evidence/trials/cleopatra.yaml"
DRUG = "evidence/drugs/pertuzumab.yaml"
PATHWAY = "evidence/pathways/her2-first-line.yaml"
SETTING = "evidence/settings/her2-positive-first-line.yaml"
BIB = "evidence/references.bib"
EXCEPTIONS = "evidence/exceptions.yaml"
NEW_ENTRY = """
@article{extra2020,
  author = {Doe, Jane},
  title = {An extra paper},
  journal = {J Test},
  year = {2020},
  doi = {10.1000/extra},
  verified_source = {PubMed},
  verified_url = {https://pubmed.ncbi.nlm.nih.gov/1/},
  verified_on = {2026-11-01},
}
"""
WATCH = """last_reviewed: 2026-11-01
items:
  - id: pertuzumab-update
    kind: regulatory-decision
    what: A label update is expected [@swain2015].
    expected: 2027-03
    agency: EMA
    drugs: [pertuzumab]
    added: 2026-11-01
"""


def replace(path, old, new):
    def apply(root: Path):
        target = root / path
        text = target.read_text(encoding="utf-8")
        assert old in text, f"fixture changed: {old!r} not in {path}"
        target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def write(path, content: bytes | str):
    def apply(root: Path):
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return apply


def steps(*breakages):
    def apply(root: Path):
        for breakage in breakages:
            breakage(root)
    return apply


def append(path, text):
    def apply(root: Path):
        with open(root / path, "a", encoding="utf-8") as handle:
            handle.write(text)
    return apply


# rule -> (how to break the fixture, file expected in the message, line and column expected)
CASES = {
    "FILE-ENCODING": (write(DRUG, b"id: pertuzumab\nname: Pertuzumab \xff\n"), DRUG, 2, 18),
    "FILE-LOCATION": (write("evidence/notes.txt", "stray notes\n"), "evidence/notes.txt", 1, 1),
    "YAML-SYNTAX": (replace(DRUG, "name: Pertuzumab", "name: [Pertuzumab"), DRUG, 4, 12),
    "YAML-DUPLICATE-KEY": (replace(DRUG, "drug_class:", "name: Again\ndrug_class:"), DRUG, 5, 1),
    "YAML-ALIAS": (replace(DRUG, "targets: [HER2]\nmechanism", "targets: &t [HER2]\nmechanism"), DRUG, 6, 10),
    "SCHEMA-UNKNOWN-FIELD": (replace(DRUG, "brand_names:", "brandnames: [X]\nbrand_names:"), DRUG, 4, 1),
    "SCHEMA-MISSING-FIELD": (replace(DRUG, "drug_class: Anti-HER2 monoclonal antibody\n", ""), DRUG, 2, 1),
    "SCHEMA-INVALID": (replace(TRIAL, 'phase: "3"', "phase: 3"), TRIAL, 6, 8),
    "SCHEMA-DATE": (replace(DRUG, "last_reviewed: 2026-11-01", "last_reviewed: 2026-02-30"), DRUG, 10, 16),
    "ID-FILENAME": (replace(DRUG, "id: pertuzumab", "id: pertuzumab-x"), DRUG, 2, 5),
    "STYLE-KEY-ORDER": (steps(replace(TRIAL, "nct: NCT00567190\n", ""), replace(TRIAL, "primary_endpoint:", "nct: NCT00567190\nprimary_endpoint:")),
                        TRIAL, 23, 1),
    "ID-DUPLICATE": (steps(replace(TRIAL, "  - id: final-os", "  - id: primary-pfs"),
                           replace(SETTING, "[primary-pfs, final-os]", "[primary-pfs]")), TRIAL, 26, 9),
    "LINK-UNRESOLVED": (replace(TRIAL, "drugs: [pertuzumab, trastuzumab]", "drugs: [pertuzumab, docetaxel]"), TRIAL, 19, 25),
    "TERM-UNKNOWN": (replace(TRIAL, "lines: [first-line]", "lines: [first-lne]"), TRIAL, 13, 9),
    "REVIEW-REVIEWER": (replace(DRUG, "status: draft", "status: reviewed"), DRUG, 9, 9),
    "REVIEWER-UNKNOWN": (replace("evidence/drugs/trastuzumab.yaml", "[Test Reviewer]", "[Test Reviewr]"),
                         "evidence/drugs/trastuzumab.yaml", 16, 15),
    "REVIEWER-ORCID": (replace("evidence/reviewers.yaml", "0000-0002-1825-0097", "0000-0002-1825-0079"), "evidence/reviewers.yaml", 3, 12),
    "DATE-FUTURE": (replace(DRUG, "last_reviewed: 2026-11-01", "last_reviewed: 2027-01-01"), DRUG, 10, 16),
    "PLAUS-HR": (replace(TRIAL, "value: 0.62", "value: 0.92"), TRIAL, 35, 27),
    "PLAUS-CI": (replace(TRIAL, "ci_low: 35.8, ci_high: 48.3", "ci_low: 48.3, ci_high: 35.8"), TRIAL, 45, 60),
    "PLAUS-MEDIAN": (replace(TRIAL, "median: 18.5", "median: -18.5"), TRIAL, 33, 45),
    "PLAUS-N": (replace(TRIAL, "    n: 808", "    n: 0"), TRIAL, 31, 8),
    "PLAUS-RESULT-DATE": (replace(TRIAL, "published: 2012-01-12", "published: 2013-01-12"), TRIAL, 29, 16),
    "CITE-MISSING": (replace(DRUG, "mechanism: Inhibits HER2 dimerisation [@baselga2012].", "mechanism: Inhibits HER2 dimerisation."), DRUG, 7, 12),
    "CITE-UNKNOWN": (replace(DRUG, "[@baselga2012]", "[@nobody2020]"), DRUG, 7, 40),
    "BIB-PARSE": (append(BIB, "\nstray text between entries\n"), BIB, 46, 1),
    "BIB-DUPLICATE-KEY": (append(BIB, "\n@article{swain2015,\n  title = {Again},\n}\n"), BIB, 46, 1),
    "BIB-FIELD-MISSING": (replace(BIB, "  journal = {N Engl J Med},\n  year = {2015},", "  year = {2015},"), BIB, 17, 1),
    "BIB-NO-IDENTIFIER": (replace(BIB, "  doi = {10.1056/NEJMoa1413513},\n", ""), BIB, 17, 1),
    "BIB-ID-FORMAT": (replace(BIB, "pmid = {22149875}", "pmid = {PMID22149875}"), BIB, 10, 3),
    "BIB-DUPLICATE-ID": (replace(BIB, "doi = {10.1056/NEJMoa1413513}", "doi = {10.1056/NEJMoa1113216}"), BIB, 25, 3),
    "BIB-UNCITED": (append(BIB, NEW_ENTRY), BIB, 46, 1),
    "BIB-UNVERIFIED": (replace(BIB, "  verified_url = {https://www.nejm.org/doi/full/10.1056/NEJMoa1413513},\n", ""), BIB, 17, 1),
    "URL-SCHEME": (replace(DRUG, "Inhibits HER2 dimerisation [@baselga2012].", "Inhibits [HER2](java&#115;cript:alert(1)) [@baselga2012]."), DRUG, 7, 12),
    "LINK-PAGE": (replace(DRUG, "Inhibits HER2 dimerisation [@baselga2012].", "Inhibits HER2 dimerisation, as in [CLEOPATRA](../trials/cleopatra.md) and [X](../trials/no-such-trial.md) [@baselga2012]."), DRUG, 7, 12),
    "RESULT-UNCHECKED": (replace(TRIAL, "    checked_against: [baselga2012]\n", ""), TRIAL, 26, 9),
    "TEXT-PROVENANCE": (replace(TRIAL, "note: Sensitivity analyses", "note: Not verified. Sensitivity analyses"), TRIAL, 48, 11),
    "WATCH-OVERDUE": (write("evidence/watch.yaml", WATCH.replace("2027-03", "2026-10")), "evidence/watch.yaml", 6, 15),
    "SETTING-POPULATION": (replace(SETTING, "line: first-line", "line: second-line"), SETTING, 14, 16),
    "SETTING-EVIDENCE": (steps(replace(SETTING, "[primary-pfs, final-os]", "[primary-pfs]"),
                              replace(TRIAL, "    hazard_ratio: {value: 0.62, ci_low: 0.51, ci_high: 0.75}\n", ""),
                              replace(TRIAL, "    control: true\n", "")), SETTING, 14, 7),
    "SETTING-REGULATORY": (replace(SETTING, "regimen: [trastuzumab, pertuzumab]", "regimen: [pertuzumab, trastuzumab]"),
                           "evidence/drugs/trastuzumab.yaml", 11, 127),
    "PATHWAY-ENTRY": (replace(PATHWAY, "  - {id: later, type: link", "  - {id: second, type: entry, text: Again, next: later}\n  - {id: later, type: link"), PATHWAY, 22, 5),
    "PATHWAY-TARGET": (replace(PATHWAY, "final analysis [@swain2015].\"}", "final analysis [@swain2015].\", next: nowhere}"), PATHWAY, 21, 114),
    "PATHWAY-UNREACHABLE": (replace(PATHWAY, "  - {id: later, type: link", "  - {id: lost, type: note, text: Nobody points here}\n  - {id: later, type: link"), PATHWAY, 22, 10),
    "PATHWAY-CYCLE": (replace(PATHWAY, "final analysis [@swain2015].\"}", "final analysis [@swain2015].\", next: prior}"), PATHWAY, 21, 114),
    "EXCEPTION-INVALID": (write(EXCEPTIONS, "exceptions:\n  - rule: CITE-MISSING\n    path: evidence/drugs/pertuzumab.yaml#mechanism\n"
                                            "    reason: The mechanism is textbook knowledge.\n"), EXCEPTIONS, 2, 11),
    "EXCEPTION-UNUSED": (write(EXCEPTIONS, "exceptions:\n  - rule: PLAUS-RESULT-DATE\n"
                                           "    path: evidence/trials/cleopatra.yaml#results.primary-pfs.published\n"
                                           "    reason: Online in 2012, in print in 2013.\n"), EXCEPTIONS, 2, 5),
    "PATHWAY-BRANCH-LABEL": (replace(PATHWAY, '{label: "Yes", to: later}', '{label: "no", to: later}'), PATHWAY, 13, 17),
}


def test_every_rule_has_a_failing_case():
    assert set(CASES) == set(RULES)


def test_passing_fixture_is_clean(valid_root):
    assert validate(valid_root, TODAY).problems == []


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fires_alone(rule, tmp_path):
    root = make_root(tmp_path / "project")
    breakage, path, line, column = CASES[rule]
    breakage(root)
    problems = validate(root, TODAY).problems
    assert {p.rule for p in problems} == {rule}, "\n".join(p.format() for p in problems)
    assert [(p.path, p.line, p.column) for p in problems][0] == (path, line, column), "\n".join(p.format() for p in problems)
    assert all(p.hint for p in problems)


BIOMARKER = "evidence/biomarkers/her2.yaml"


@pytest.mark.parametrize("old, new, rule, line", [
    ("who: Every patient with metastatic breast cancer [@baselga2012].", "who: Every patient.", "CITE-MISSING", 6),
    ("drugs: [pertuzumab, trastuzumab]", "drugs: [pertuzumab, lapatinib]", "LINK-UNRESOLVED", 13),
    ("trials: [cleopatra]", "trials: [emilia]", "LINK-UNRESOLVED", 14),
    ("    summary: Pertuzumab added", "    summary: >-\n      Pertuzumab added", None, None),
])
def test_biomarker_fields_cite_and_link(tmp_path, old, new, rule, line):
    root = make_root(tmp_path / "project")
    replace(BIOMARKER, old, new)(root)
    problems = validate(root, TODAY).problems
    assert [(p.rule, p.path, p.line) for p in problems] == ([(rule, BIOMARKER, line)] if rule else [])


@pytest.mark.parametrize("written, rule", [
    ("2012-06-08", None), ("2012-06", None), ("2012", None), ('"2012"', None),
    ("2012-02-30", "SCHEMA-DATE"), ("2012-13", "SCHEMA-DATE"), ("June 2012", "SCHEMA-DATE"), ("2099", "DATE-FUTURE"),
])
def test_regulatory_dates_keep_the_precision_of_the_source(tmp_path, written, rule):
    root = make_root(tmp_path / "project")
    replace(DRUG, "status: draft", f"regulatory:\n  - {{agency: FDA, date: {written}, event: approval, "
                                    "indication: First line, cites: [baselga2012]}\nstatus: draft")(root)
    problems = validate(root, TODAY).problems
    assert [(p.rule, p.line) for p in problems] == ([(rule, 10)] if rule else []), "\n".join(p.format() for p in problems)


def test_watch_item_is_resolved_by_a_later_regulatory_event(tmp_path):
    root = make_root(tmp_path / "project")
    write("evidence/watch.yaml", WATCH.replace("2027-03", "2026-10"))(root)
    replace(DRUG, "status: draft", "regulatory:\n  - {agency: EMA, date: 2026-11-05, event: label-change, "
                                    "indication: Update, cites: [baselga2012]}\nstatus: draft")(root)
    assert validate(root, TODAY).problems == []


def test_a_pending_watch_item_is_clean_and_its_citation_counts(tmp_path):
    root = make_root(tmp_path / "project")
    write("evidence/watch.yaml", WATCH)(root)
    assert validate(root, TODAY).problems == []


VOCABULARY = "evidence/vocabulary.yaml"


@pytest.mark.parametrize("path, old, new, rule, line", [
    (TRIAL, "prior_exposure: {}", "prior_exposure: {required: [trastuzumab], excluded: [taxanes]}", "TERM-UNKNOWN", 14),
    (TRIAL, "selected_by: []", "selected_by: [her2-low, esr1-mutated]", "TERM-UNKNOWN", 15),
    (TRIAL, "prior_exposure: {}\n", "", "SCHEMA-MISSING-FIELD", 2),
    (VOCABULARY, "broader: anti-her2-therapy", "broader: anti-her2", "TERM-UNKNOWN", 8),
    (VOCABULARY, "{id: taxane,", "{id: trastuzumab,", "ID-DUPLICATE", 9),
    (VOCABULARY, "biomarker: her2}", "biomarker: her3}", "LINK-UNRESOLVED", 11),
])
def test_terms_come_from_the_vocabulary(tmp_path, path, old, new, rule, line):
    root = make_root(tmp_path / "project")
    replace(path, old, new)(root)
    problems = validate(root, TODAY).problems
    assert {(p.rule, p.path) for p in problems} == {(rule, path)}, "\n".join(p.format() for p in problems)
    assert problems[-1].line == line


def test_without_the_vocabulary_every_term_is_unknown(tmp_path):
    root = make_root(tmp_path / "project")
    (root / VOCABULARY).unlink()
    problems = validate(root, TODAY).problems
    assert [(p.rule, p.path, p.line) for p in problems] == [("TERM-UNKNOWN", SETTING, 5), ("TERM-UNKNOWN", TRIAL, 13)]
    assert "vocabulary.yaml" in problems[0].hint


@pytest.mark.parametrize("path, old, new, rule, line", [
    # The population: subtype, exposures required, allowed and excluded, and selecting biomarkers.
    (SETTING, "subtype: her2-positive", "subtype: her2-low", "LINK-UNRESOLVED", 4),
    (SETTING, "prior_exposure: []", "prior_exposure: [taxane]", "SETTING-POPULATION", 14),
    (TRIAL, "prior_exposure: {}", "prior_exposure: {required: [trastuzumab]}", "SETTING-POPULATION", 14),
    (TRIAL, "selected_by: []", "selected_by: [her2-low]", "SETTING-POPULATION", 14),
    (TRIAL, "prior_exposure: {}", "prior_exposure: {required: [trastuzumab], allowed: [taxane]}", "SETTING-POPULATION", 14),
    # A result id the trial does not have, and an option id used twice.
    (SETTING, "[primary-pfs, final-os]", "[primary-pfs, overall-survival]", "LINK-UNRESOLVED", 15),
    (SETTING, "statements:\n      - text: Adding", "statements:\n      - text: Adding", None, None),
    # Single-arm evidence is allowed when the option says so.
    (SETTING, "    added: 2026-11-01", "    evidence: single-arm\n    added: 2026-11-01", None, None),
])
def test_settings_rest_on_matching_trials(tmp_path, path, old, new, rule, line):
    root = make_root(tmp_path / "project")
    replace(path, old, new)(root)
    problems = validate(root, TODAY).problems
    assert [(p.rule, p.path, p.line) for p in problems] == ([(rule, SETTING, line)] if rule else []), \
        "\n".join(p.format() for p in problems)


def test_a_setting_with_exposures_matches_a_trial_that_requires_a_broader_one(tmp_path):
    """The setting's patients had trastuzumab; the trial required anti-HER2 therapy and allowed a taxane."""
    root = make_root(tmp_path / "project")
    replace(SETTING, "prior_exposure: []", "prior_exposure: [trastuzumab, taxane]")(root)
    replace(TRIAL, "prior_exposure: {}", "prior_exposure: {required: [anti-her2-therapy], allowed: [taxane]}")(root)
    assert validate(root, TODAY).problems == []
