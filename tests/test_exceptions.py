"""Exceptions as data: a plausibility problem that is wrong for one value is overruled in
evidence/exceptions.yaml with a reason; an exception that no longer fires is an error."""

from conftest import TODAY, make_root
from test_rules import EXCEPTIONS, TRIAL, replace, write

from mbc.validate import validate

LATE = replace(TRIAL, "published: 2012-01-12", "published: 2013-01-12")  # PLAUS-RESULT-DATE at 26:16


def exception(rule="PLAUS-RESULT-DATE", path="evidence/trials/cleopatra.yaml#results.primary-pfs.published",
              reason="Online in 2012, in print in 2013."):
    return f"exceptions:\n  - rule: {rule}\n    path: {path}\n    reason: {reason}\n"


def rules_after(tmp_path, *breakages):
    root = make_root(tmp_path / "project")
    for breakage in breakages:
        breakage(root)
    problems = validate(root, TODAY).problems
    return [(p.rule, p.path, p.line, p.column) for p in problems]


def test_an_exception_overrules_its_problem_only(tmp_path):
    assert rules_after(tmp_path, LATE) == [("PLAUS-RESULT-DATE", TRIAL, 29, 16)]
    assert rules_after(tmp_path / "two", LATE, write(EXCEPTIONS, exception())) == []


def test_an_exception_names_the_item_by_its_id_not_its_position(tmp_path):
    path = "evidence/trials/cleopatra.yaml#results.0.published"
    assert set(rules_after(tmp_path, LATE, write(EXCEPTIONS, exception(path=path)))) == {
        ("PLAUS-RESULT-DATE", TRIAL, 29, 16), ("EXCEPTION-UNUSED", EXCEPTIONS, 2, 5)}


def test_an_exception_that_no_longer_fires_is_an_error(tmp_path):
    assert rules_after(tmp_path, write(EXCEPTIONS, exception())) == [("EXCEPTION-UNUSED", EXCEPTIONS, 2, 5)]


def test_an_exception_cannot_overrule_a_structural_rule(tmp_path):
    breakage = replace(TRIAL, "source: [baselga2012]", "source: [nobody2020]")
    found = rules_after(tmp_path, breakage, write(EXCEPTIONS, exception(rule="CITE-UNKNOWN", path=f"{TRIAL}#results.primary-pfs.source.0")))
    assert ("EXCEPTION-INVALID", EXCEPTIONS, 2, 11) in found and any(rule == "CITE-UNKNOWN" for rule, *_ in found)


def test_an_exception_needs_a_reason(tmp_path):
    found = rules_after(tmp_path, LATE, write(EXCEPTIONS, exception(reason='""')))
    assert ("SCHEMA-INVALID", EXCEPTIONS, 4, 13) in found and ("PLAUS-RESULT-DATE", TRIAL, 29, 16) in found
