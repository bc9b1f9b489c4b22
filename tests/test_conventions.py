"""Repository conventions: the pre-commit hook runs the validator, the forms and owners files are well-formed."""

import re
import shlex
import subprocess

import yaml
from conftest import ROOT, make_root

GITHUB = ROOT / ".github"


def test_pre_commit_hook_validates_changed_evidence(tmp_path):
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [hook] = [hook for repo in config["repos"] for hook in repo["hooks"] if hook["id"] == "mbc-validate"]
    assert re.search(hook["files"], "evidence/trials/cleopatra.yaml") and not re.search(hook["files"], "README.md")
    root = make_root(tmp_path / "project")
    (root / ".venv").symlink_to(ROOT / ".venv")
    command = shlex.split(hook["entry"])
    done = subprocess.run(command, cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    trial = root / "evidence/trials/cleopatra.yaml"
    trial.write_text(trial.read_text(encoding="utf-8").replace('phase: "3"', "phase: 3"), encoding="utf-8")
    done = subprocess.run(command, cwd=root, capture_output=True, text=True)
    assert done.returncode == 1
    assert "evidence/trials/cleopatra.yaml:6:8: SCHEMA-INVALID" in done.stderr


def test_issue_forms_ask_for_page_error_and_source():
    forms = {path.name: yaml.safe_load(path.read_text(encoding="utf-8")) for path in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml")
             if path.name != "config.yml"}
    assert set(forms) == {"report-error.yml", "propose-trial.yml"}
    for form in forms.values():
        assert form["name"] and form["description"] and form["body"]
        ids = [item["id"] for item in form["body"] if item["type"] != "markdown"]
        assert len(ids) == len(set(ids))
    required = {item["id"] for item in forms["report-error.yml"]["body"] if item.get("validations", {}).get("required")}
    assert required == {"page", "wrong", "source"}


def test_evidence_changes_request_a_clinical_reviewer():
    owners = [line.split() for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")]
    assert ["/evidence/", "@mbc-evidence/clinical-reviewers"] in owners


def test_pull_request_template_holds_the_clinical_checklist():
    template = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    for item in ("Sources checked", "Numbers as printed", "Own words", "Reviewer"):
        assert f"- [ ] **{item}**" in template


def test_release_workflow_runs_on_the_release_tags():
    from mbc.release import TAG_GLOB

    workflow = yaml.safe_load((GITHUB / "workflows" / "release.yml").read_text(encoding="utf-8"))
    # PyYAML reads the key `on` as True (YAML 1.1).
    assert workflow[True]["push"]["tags"] == [TAG_GLOB]
    steps = " ".join(step.get("run", "") for step in workflow["jobs"]["release"]["steps"])
    assert "make site" in steps and 'make release-notes TAG="$GITHUB_REF_NAME"' in steps and "--notes-file release-notes.md" in steps
