"""Record kinds are described once: the annotated templates validate, and a new kind needs one
model, one page template and one fixture to get everything else."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, TODAY, make_root

from mbc.kinds import kinds
from mbc.validate import validate

TEMPLATES = ROOT / "content" / "record-templates"


@pytest.mark.parametrize("folder", sorted(kinds()))
def test_the_annotated_template_of_each_kind_validates(tmp_path, folder):
    kind = kinds()[folder]
    template = TEMPLATES / f"{kind.singular}.yaml"
    text = template.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../../schemas/{kind.schema_file}\n")
    root = make_root(tmp_path / "project")
    record_id = yaml.safe_load(text)["id"]
    (root / "evidence" / folder / f"{record_id}.yaml").write_text(text, encoding="utf-8")
    problems = validate(root, TODAY).problems
    assert problems == [], "\n".join(p.format() for p in problems)


def test_the_contributing_page_includes_every_template():
    page = (ROOT / "content" / "contributing.md").read_text(encoding="utf-8")
    for kind in kinds().values():
        assert f'--8<-- "record-templates/{kind.singular}.yaml"' in page


TOY_MODEL = '''"""Toys: a kind that exists only in a test."""

from ..kinds import Kind
from .base import RecordBase, Slug, field


class Toy(RecordBase):
    name: str = field("Display name.", "Spinning top", min_length=1)
    colour: str = field("Free text.", "Red", min_length=1)
    drugs: list[Slug] = field("Drug ids.", ["pertuzumab"], default_factory=list, links_to="drugs")
    note: str = field("Markdown, cited.", "A note [@baselga2012].", min_length=1, cites="required")


KIND = Kind(folder="toys", singular="toy", title="Toys", model=Toy, nav_order=9,
            backlink_intro="Toys that name this record")
'''
TOY_TEMPLATE = '''{% include "_header.md.j2" %}
Colour: {{ record.colour }}. Drugs: {{ record.drugs }}.

<div class="mbc-text">{{ record.note }}</div>
'''
TOY_FIXTURE = '''id: top
name: Spinning top
colour: Red
drugs: [pertuzumab]
note: Spins [@baselga2012].
status: draft
last_reviewed: 2026-11-01
'''
# Run inside the copied project, with its own scripts first on the path.
PROBE = '''
import json, sys
from pathlib import Path
from mbc.kinds import kinds
from mbc.validate import validate
from mbc.export import export_json
from mbc.build import run_mkdocs
root = Path.cwd()
evidence = validate(root)
facts = {"kinds": list(kinds()), "problems": [p.format() for p in evidence.problems if p.severity == "error"],
         "exported": list(json.loads(export_json(evidence))["records"].get("toys", {}))}
site = root / "site"
facts["build"] = run_mkdocs(root, site)
page = site / "toys/top.html"
facts["page"] = page.exists() and "Spinning top" in page.read_text()
facts["index"] = (site / "toys/index.html").exists()
facts["nav"] = "Toys" in (site / "index.html").read_text()
facts["backlink"] = "Toys that name this record" in (site / "drugs/pertuzumab.html").read_text()
print(json.dumps(facts))
'''


@pytest.fixture(scope="module")
def toy_project(tmp_path_factory) -> Path:
    """A copy of the project with a toy kind added by writing one model, one template and one fixture."""
    project = tmp_path_factory.mktemp("toy") / "project"
    for name in ("scripts", "site_templates", "content", "schemas", "tests", "evidence"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    (project / "scripts/mbc/schema/toys.py").write_text(TOY_MODEL, encoding="utf-8")
    (project / "site_templates/pages/toy.md.j2").write_text(TOY_TEMPLATE, encoding="utf-8")
    for evidence in (project / "evidence", project / "tests/fixtures/valid/evidence"):
        (evidence / "toys").mkdir()
        (evidence / "toys/top.yaml").write_text(TOY_FIXTURE, encoding="utf-8")
    return project


def _run(project: Path, *command: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(project / "scripts"))
    return subprocess.run([sys.executable, *command], cwd=project, env=env, capture_output=True, text=True, timeout=600)


def test_a_new_kind_gets_validation_pages_nav_backlinks_and_export(toy_project):
    run = _run(toy_project, "-c", PROBE)
    assert run.returncode == 0, run.stderr
    facts = json.loads(run.stdout.splitlines()[-1])
    assert "toys" in facts["kinds"] and facts["problems"] == []
    assert facts["exported"] == ["top"]
    assert facts["build"] == 0 and facts["page"] and facts["index"] and facts["nav"] and facts["backlink"]


def test_a_new_kind_gets_link_and_citation_checks(toy_project, tmp_path):
    broken = tmp_path / "project"
    shutil.copytree(toy_project, broken, symlinks=True, ignore=shutil.ignore_patterns("site", "tests"))
    (broken / "evidence/toys/top.yaml").write_text(TOY_FIXTURE.replace("[pertuzumab]", "[nonesuch]")
                                                   .replace("Spins [@baselga2012].", "Spins."), encoding="utf-8")
    run = _run(broken, "-m", "mbc", "--root", str(broken), "validate")
    assert run.returncode == 1
    assert "evidence/toys/top.yaml:4:9: LINK-UNRESOLVED" in run.stderr
    assert "evidence/toys/top.yaml:5:7: CITE-MISSING" in run.stderr


def test_a_new_kind_is_covered_by_the_hostile_input_tests(toy_project):
    run = _run(toy_project, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_hostile_input.py",
               "tests/test_rules.py::test_passing_fixture_is_clean")
    assert run.returncode == 0, run.stdout[-3000:]
    assert "6 passed" in run.stdout
