"""Reviewers are named once, with an ORCID iD, and shown with a link on each record they reviewed."""

from conftest import TODAY, make_root

from mbc.pages import generate_pages
from mbc.validate import validate


def test_reviewed_record_page_links_the_orcid_record(valid_root):
    evidence = validate(valid_root, TODAY)
    page = generate_pages(evidence, valid_root)["drugs/trastuzumab.md"]
    assert ('by Test Reviewer (<a class="mbc-orcid" href="https://orcid.org/0000-0002-1825-0097" '
            'title="ORCID record of Test Reviewer">ORCID 0000-0002-1825-0097</a>, Test University, Department of Oncology).') in page
    assert "not yet reviewed by a clinician" in generate_pages(evidence, valid_root)["drugs/pertuzumab.md"]


def test_without_a_reviewers_file_nobody_can_be_named(tmp_path):
    root = make_root(tmp_path / "project")
    (root / "evidence/reviewers.yaml").unlink()
    problems = validate(root, TODAY).problems
    assert [(p.rule, p.path, p.line) for p in problems] == [("REVIEWER-UNKNOWN", "evidence/drugs/trastuzumab.yaml", 16)]


def test_reviewers_file_shape_is_checked_at_its_position(tmp_path):
    root = make_root(tmp_path / "project")
    path = root / "evidence/reviewers.yaml"
    path.write_text(path.read_text().replace("orcid: 0000-0002-1825-0097", "orcid: https://orcid.org/0000-0002-1825-0097")
                    .replace("    affiliation: Test University, Department of Oncology\n", ""))
    problems = validate(root, TODAY).problems
    assert [(p.rule, p.path, p.line) for p in problems if p.path.endswith("reviewers.yaml")] == [
        ("SCHEMA-MISSING-FIELD", "evidence/reviewers.yaml", 2), ("SCHEMA-INVALID", "evidence/reviewers.yaml", 3)]
