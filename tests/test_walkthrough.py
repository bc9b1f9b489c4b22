"""The contributing page's walkthrough shows real output: replay it on the fixture and find each output on the page."""

import subprocess
import sys

from conftest import ROOT, make_root

PAGE = (ROOT / "content" / "contributing.md").read_text(encoding="utf-8")
TRIAL = "evidence/trials/cleopatra.yaml"
ENV = {"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"}


def mbc(root, *args) -> str:
    done = subprocess.run([sys.executable, "-m", "mbc", "--root", str(root), *args], capture_output=True, text=True, env=ENV)
    return done.stdout + done.stderr


def git(root, *args):
    subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=e@example.org", *args], cwd=root, check=True, capture_output=True)


def test_walkthrough_output_is_what_the_commands_print(tmp_path):
    root = make_root(tmp_path / "project")
    trial = root / TRIAL
    text = trial.read_text(encoding="utf-8")
    start, end = text.index("  - id: final-os"), text.index("status: draft")
    final_os = text[start:end]
    trial.write_text(text[:start] + text[end:], encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "evidence")
    git(root, "commit", "-q", "-m", "CLEOPATRA primary analysis")
    git(root, "checkout", "-q", "-b", "cleopatra-final-os")

    assert mbc(root, "new", "reference", "--doi", "https://doi.org/10.1056/NEJMoa1413513") in PAGE
    typed = final_os.replace("ci_low: 35.8, ci_high: 48.3", "ci_low: 48.3, ci_high: 35.8")
    assert f"```yaml\n{typed}```" in PAGE
    text = trial.read_text(encoding="utf-8")
    trial.write_text(text.replace("status: draft", typed + "status: draft", 1), encoding="utf-8")
    for command in (["validate"], ["fix"], ["validate"]):
        assert mbc(root, *command) in PAGE, command
    git(root, "commit", "-q", "-am", "CLEOPATRA: final overall survival analysis (Swain 2015)")
    assert mbc(root, "diff", "main") in PAGE

    text = trial.read_text(encoding="utf-8")
    trial.write_text(text.replace("reviewed_by: []", "reviewed_by: [Josiah Carberry]"), encoding="utf-8")
    assert mbc(root, "validate") in PAGE
