"""`make bench`: how validation and page generation scale, against MkDocs' own build of the
same pages measured in the same run. Prints ratios, not absolute claims.

For each corpus size the project's evidence is copied and padded with synthetic trials
(copies of a real trial under new ids). The baseline is a plain mkdocs-material build of the
already generated Markdown, without our hooks: what any MkDocs site of that size costs.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from .cli import ROOT
from .pages import generate_pages, write_pages
from .validate import validate

SIZES = (200, 800)
TEMPLATE_TRIAL = "cleopatra"


def _corpus(work: Path, extra: int) -> Path:
    root = work / f"corpus-{extra}"
    shutil.copytree(ROOT / "evidence", root / "evidence")
    for name in ("content", "site_templates", "scripts", "schemas"):
        (root / name).symlink_to(ROOT / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")  # a copy: the hooks take the root from its real path
    template = (ROOT / "evidence" / "trials" / f"{TEMPLATE_TRIAL}.yaml").read_text(encoding="utf-8")
    for i in range(extra):
        new_id = f"synthetic-{i:05d}"
        text = template.replace(f"id: {TEMPLATE_TRIAL}\n", f"id: {new_id}\n", 1)
        (root / "evidence" / "trials" / f"{new_id}.yaml").write_text(text, encoding="utf-8")
    return root


def _seconds(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _plain_mkdocs_config(root: Path, docs: Path) -> Path:
    """The site configuration without our hooks, over already generated pages."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("hooks", None)
    config.pop("watch", None)
    config["docs_dir"] = str(docs)
    config["theme"]["custom_dir"] = str(ROOT / "site_templates" / "overrides")
    config["extra"]["evidence_date"] = "bench"
    path = root / "plain-mkdocs.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def _mkdocs(config: Path, site: Path) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config), "--site-dir", str(site)]
    return _seconds(lambda: subprocess.run(command, check=True, env=env, cwd=config.parent))


def measure(work: Path, extra: int) -> dict[str, float]:
    root = _corpus(work, extra)
    evidence = validate(root)
    if evidence.errors:
        raise SystemExit("the evidence does not validate; run make validate")
    docs = root / "plain-docs"
    shutil.copytree(ROOT / "content", docs)
    write_pages(evidence, root, docs)
    records = len(evidence.corpus.all())
    return {
        "records": records,
        "validate": min(_seconds(lambda: validate(root)) for _ in range(3)),
        "generate": min(_seconds(lambda: generate_pages(evidence, root)) for _ in range(3)),
        "mkdocs": _mkdocs(_plain_mkdocs_config(root, docs), root / "site-plain"),
        "full": _mkdocs(root / "mkdocs.yml", root / "site-full"),
    }


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        rows = [measure(Path(tmp), extra) for extra in SIZES]
    print("records  validate  generate  plain mkdocs  our build   (validate+generate)/plain  our build/plain")
    for row in rows:
        ours = row["validate"] + row["generate"]
        print(f"{row['records']:7d}  {row['validate']:7.2f}s  {row['generate']:7.2f}s  {row['mkdocs']:10.2f}s  "
              f"{row['full']:8.2f}s  {ours / row['mkdocs']:24.2f}  {row['full'] / row['mkdocs']:14.2f}")
    small, large = rows
    growth = large["records"] / small["records"]
    print(f"\nscaling from {small['records']} to {large['records']} records (x{growth:.1f}):")
    for name in ("validate", "generate", "mkdocs", "full"):
        print(f"  {name:9s} x{large[name] / small[name]:.2f}  (linear would be x{growth:.1f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
