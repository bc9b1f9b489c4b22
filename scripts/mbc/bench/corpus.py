"""Project copies for the bench: the real evidence padded with synthetic trials (copies of a
real trial under new ids), and the baseline every row is measured against."""

import shutil
import sys
from pathlib import Path

import yaml

from ..cli import ROOT
from ..kinds import kinds
from ..site import site_files, write_site_files
from ..validate import validate

TEMPLATE_TRIAL = "cleopatra"
# Linked, not copied: the project's code, templates and installed tools.
LINKED = ("content", "site_templates", "scripts", "schemas", ".venv", "node_modules", "requirements.txt", "package-lock.json")


def project_copy(work: Path, records: int | None) -> Path:
    """A project in work/ with `records` records in all (None: the real evidence as it is), made once."""
    root = work / f"project-{records or 'real'}"
    if root.exists():
        return root
    shutil.copytree(ROOT / "evidence", root / "evidence")
    for name in LINKED:
        (root / name).symlink_to(ROOT / name)
    # Copies, not links: the hooks find the project from the configuration's real path.
    for name in ("mkdocs.yml", "Makefile"):
        shutil.copy(ROOT / name, root / name)
    real = sum(1 for _ in (ROOT / "evidence").glob("*/*.yaml"))
    template = (ROOT / "evidence" / "trials" / f"{TEMPLATE_TRIAL}.yaml").read_text(encoding="utf-8")
    for i in range(max(0, (records or real) - real)):
        new_id = f"synthetic-{i:05d}"
        text = template.replace(f"id: {TEMPLATE_TRIAL}\n", f"id: {new_id}\n", 1)
        (root / "evidence" / "trials" / f"{new_id}.yaml").write_text(text, encoding="utf-8")
    return root


def plain_mkdocs(root: Path) -> Path:
    """A plain mkdocs-material site of the same pages: generated Markdown, same theme and short
    navigation, no hooks. What any MkDocs site of this size costs; returns its configuration."""
    evidence = validate(root)
    if evidence.errors:
        raise SystemExit(f"{root}: the evidence does not validate; run make validate")
    path = root / "plain-mkdocs.yml"
    if path.exists():
        return path
    docs = root / "plain-docs"
    shutil.copytree(ROOT / "content", docs)
    write_site_files(site_files(evidence, root), docs)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("hooks", "watch", "strict"):
        config.pop(key, None)
    # The navigation the hooks make: each kind's index after Home.
    config["nav"][1:1] = [{kind.title: f"{kind.folder}/index.md"} for kind in kinds().values()]
    config["docs_dir"] = str(docs)
    config["theme"]["custom_dir"] = str(ROOT / "site_templates" / "overrides")
    config["extra"]["evidence_date"] = evidence.snapshot_date
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def plain_build_command(config: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config), "--site-dir", str(site)]


def bare_parse_command(root: Path) -> list[str]:
    """A bare C-YAML parse of every record: the floor for validation."""
    code = ("import sys, yaml\nfrom pathlib import Path\n"
            "for path in sorted(Path(sys.argv[1]).glob('*/*.yaml')):\n"
            "    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)\n")
    return [sys.executable, "-c", code, str(root / "evidence")]
