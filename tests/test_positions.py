"""Exact positions: every problem names the line and column of the offending key, item or
citation, says what was expected and what was found, once per position, and a file that
fails to load causes no problem anywhere else."""

import pytest
from conftest import TODAY, make_root
from test_rules import BIB, BIOMARKER, DRUG, NEW_ENTRY, PATHWAY, TRIAL, append, replace, write

from mbc.validate import validate


def problems_after(tmp_path, *breakages):
    root = make_root(tmp_path / "project")
    for breakage in breakages:
        breakage(root)
    return validate(root, TODAY).problems


def positions(problems):
    return [(p.rule, p.path, p.line, p.column) for p in problems]


FOLDED = """who: >-
  Every patient with metastatic
  breast cancer, as the trials
  enrolled them [@baselga2012; @nobody2020].
"""
LITERAL = """who: |
  Every patient with metastatic breast cancer [@baselga2012].
  Tested again at progression [@nobody2020].
"""


@pytest.mark.parametrize("block, line, column", [(FOLDED, 9, 32), (LITERAL, 8, 32)])
def test_citation_inside_a_block_is_named_on_its_own_line(tmp_path, block, line, column):
    found = problems_after(tmp_path, replace(BIOMARKER, "who: Every patient with metastatic breast cancer [@baselga2012].\n", block))
    assert positions(found) == [("CITE-UNKNOWN", BIOMARKER, line, column)], "\n".join(p.format() for p in found)


def test_each_occurrence_of_an_unknown_key_is_named_where_it_is(tmp_path):
    found = problems_after(tmp_path, replace(DRUG, "mechanism: Inhibits HER2 dimerisation [@baselga2012].",
                                             "mechanism: Inhibits [@nobody2020] HER2 dimerisation [@nobody2020]."))
    assert positions(found) == [("CITE-UNKNOWN", DRUG, 7, 22), ("CITE-UNKNOWN", DRUG, 7, 54)]


def test_unknown_key_in_a_cites_list_is_named_at_its_item(tmp_path):
    found = problems_after(tmp_path, replace(PATHWAY, "cites: [baselga2012]", "cites: [baselga2012, nobody2020]"))
    assert positions(found) == [("CITE-UNKNOWN", PATHWAY, 19, 26)]


def test_an_error_in_a_list_names_the_item_and_says_what_was_expected(tmp_path):
    found = problems_after(tmp_path, replace(DRUG, "subtypes: [her2-positive]", "subtypes: [her2-positive, HER2 Low]"))
    assert positions(found) == [("SCHEMA-INVALID", DRUG, 8, 27)]
    problem = found[0]
    assert problem.message.startswith("item 2 of 'subtypes':")
    assert problem.expected.startswith("Subtype ids where the drug is used.")
    assert problem.actual == "'HER2 Low'"
    assert "expected: " in problem.format() and "actual:   'HER2 Low'" in problem.format()


def test_a_value_matching_no_member_of_a_union_is_one_message(tmp_path):
    found = problems_after(tmp_path, replace(TRIAL, "median: 18.5", "median: soon"))
    assert positions(found) == [("SCHEMA-INVALID", TRIAL, 33, 45)]
    assert "a valid number" in found[0].message and "'NR'" in found[0].message
    assert found[0].expected.startswith("Median time, or NR")


@pytest.mark.parametrize("written", [".nan", ".inf", "-.inf", "true", '"0.62"'])
def test_not_a_number_is_refused_where_a_number_is_expected(tmp_path, written):
    found = problems_after(tmp_path, replace(TRIAL, "value: 0.62", f"value: {written}"))
    assert positions(found) == [("SCHEMA-INVALID", TRIAL, 35, 27)], "\n".join(p.format() for p in found)


def test_a_whole_number_is_a_number(tmp_path):
    """Printed hazard ratios of 1 and medians of 12 months are written as printed."""
    found = problems_after(tmp_path, replace(TRIAL, "median: 18.5", "median: 18"))
    assert found == []


@pytest.mark.parametrize("written", ["20261101", "1762000000", "2026-11-01T00:00:00", "'2026-11-01 '"])
def test_only_a_written_day_is_a_date(tmp_path, written):
    found = problems_after(tmp_path, replace(DRUG, "last_reviewed: 2026-11-01", f"last_reviewed: {written}"))
    assert positions(found) == [("SCHEMA-DATE", DRUG, 10, 16)], "\n".join(p.format() for p in found)


def test_two_missing_fields_at_one_place_are_one_message(tmp_path):
    found = problems_after(tmp_path, replace(DRUG, "drug_class: Anti-HER2 monoclonal antibody\n", ""),
                           replace(DRUG, "name: Pertuzumab\n", ""))
    assert positions(found) == [("SCHEMA-MISSING-FIELD", DRUG, 2, 1)]
    assert "'name'" in found[0].message and "'drug_class'" in found[0].message


def test_a_broken_record_causes_no_problem_elsewhere(tmp_path):
    """Only the drug cites extra2020, and the trial names the drug: when the drug cannot be read,
    the entry is not 'uncited' and the trial's link is not 'unresolved'."""
    found = problems_after(tmp_path, append(BIB, NEW_ENTRY),
                           replace(DRUG, "mechanism: Inhibits HER2 dimerisation [@baselga2012].",
                                   "mechanism: Inhibits HER2 [@extra2020].\nmechanism: again"))
    assert {p.rule for p in found} == {"YAML-DUPLICATE-KEY"}, "\n".join(p.format() for p in found)


def test_an_unreadable_entry_is_not_reported_again_by_its_citations(tmp_path):
    found = problems_after(tmp_path, replace(BIB, "@article{swain2015,", "@article{swain2015,\n  year = {2015},"))
    assert {p.rule for p in found} == {"BIB-PARSE"}, "\n".join(p.format() for p in found)


def test_keys_differing_only_in_case_are_duplicates(tmp_path):
    entry = "\n@article{Swain2015,\n  author = {Doe, Jane},\n  title = {Case},\n  journal = {J},\n  year = {2015},\n}\n"
    found = problems_after(tmp_path, append(BIB, entry))
    assert positions(found) == [("BIB-DUPLICATE-KEY", BIB, 46, 1)]
    assert "only in case" in found[0].message


def test_bibtex_problems_name_the_field(tmp_path):
    found = problems_after(tmp_path, replace(BIB, "  pmid = {22149875},", "  pmid = {22149875x},"))
    assert positions(found) == [("BIB-ID-FORMAT", BIB, 10, 3)]


@pytest.mark.parametrize("name", [".DS_Store", "drugs/.pertuzumab.yaml.swp", "drugs/pertuzumab.yaml~", "trials/#cleopatra.yaml#",
                                  ".git/config", "drugs/.hidden/x.yaml"])
def test_editor_and_system_files_are_ignored(tmp_path, name):
    assert problems_after(tmp_path, write(f"evidence/{name}", b"\x00\x01 not yaml")) == []


@pytest.mark.parametrize("text, line, column", [
    ("id: pertuzumab\nname: \"Pertuzumab\n", 2, 7),  # an unclosed quote: where it opens, not past the end
    ("id: pertuzumab\nname: [Pertuzumab\n", 2, 7),
    ("id: pertuzumab\nname: Per\x00tuzumab\n", 2, 10),
    ("id: pertuzumab\n  name: x\n name: y\n", 2, 7),
    ("id: pertuzumab\nname: x\n---\nid: again\n", 3, 1),
    ("id: pertuzumab\nname: !!python/object:os.system x\n", 2, 7),
    ("id: pertuzumab\nname: !custom [a]\n", 2, 7),
    ("id: pertuzumab\n? [a, b]\n: c\n", 2, 3),
])
def test_yaml_syntax_errors_name_where_the_problem_starts(tmp_path, text, line, column):
    found = problems_after(tmp_path, write(DRUG, text))
    assert positions(found)[:1] == [("YAML-SYNTAX", DRUG, line, column)], "\n".join(p.format() for p in found)
    assert all(p.line <= text.count("\n") for p in found)


def test_deep_nesting_is_refused_without_recursion(tmp_path):
    depth = 200_000  # PyYAML's own composer crashes the interpreter on this
    found = problems_after(tmp_path, write(DRUG, "id: pertuzumab\nname: " + "[" * depth + "]" * depth + "\n"))
    assert positions(found) == [("YAML-SYNTAX", DRUG, 2, 38)]
    assert "nested more than" in found[0].message


def test_a_remark_inside_a_block_is_named_on_its_own_line(tmp_path):
    found = problems_after(tmp_path, replace(BIOMARKER, "who: Every patient with metastatic breast cancer [@baselga2012].\n",
                                             "who: >-\n  Every patient with metastatic breast cancer\n  [@baselga2012]; not verified.\n"))
    assert positions(found) == [("TEXT-PROVENANCE", BIOMARKER, 8, 19)], "\n".join(p.format() for p in found)


def test_a_bibliography_that_is_not_utf8_is_named_at_the_byte(tmp_path):
    found = problems_after(tmp_path, lambda root: (root / BIB).write_bytes((root / BIB).read_bytes().replace(b"Kim", b"K\xefm", 1)))
    assert positions(found)[:1] == [("FILE-ENCODING", BIB, 2, 59)]


def test_a_bad_address_in_the_bibliography_is_named_at_its_field(tmp_path):
    found = problems_after(tmp_path, replace(BIB, "verified_url = {https://pmc.ncbi.nlm.nih.gov/articles/PMC5705202}",
                                             "verified_url = {javascript:alert(1)}"))
    assert ("URL-SCHEME", BIB, 13, 3) in positions(found), "\n".join(p.format() for p in found)


def test_braces_nested_past_any_need_are_refused_at_their_field(tmp_path):
    """Decoding nested LaTeX groups recurses, and nested accents cost exponential time."""
    found = problems_after(tmp_path, replace(BIB, "  title = {Pertuzumab plus", "  title = {" + "{\\'{" * 40 + "}}" * 40 + "Pertuzumab plus"))
    assert positions(found)[:1] == [("BIB-PARSE", BIB, 3, 1)], "\n".join(p.format() for p in found)
    assert "nests braces more than" in found[0].message
