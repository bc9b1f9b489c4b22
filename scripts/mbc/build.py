"""Build the site with MkDocs into a fresh folder, then swap it in: a failed build leaves
the last good site untouched."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def mkdocs_build(root: Path, site_dir: Path) -> tuple[int, list[str]]:
    """`mkdocs build --strict` into site_dir: the exit code and the lines worth showing.

    MkDocs 1.6's --quiet also hides warnings from the counter that --strict reads, so a quiet
    strict build passes with broken links. Run it verbose, keep only its warnings and errors,
    and fail on any warning ourselves as well.
    """
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", "0")
    env.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner, shown on every build
    command = [sys.executable, "-m", "mkdocs", "build", "--strict",
               "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(site_dir)]
    run = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    shown = [line for line in (run.stdout + run.stderr).splitlines()
             if not line.startswith("INFO") and line.strip() and not line.startswith(" ")]
    warned = any(line.startswith(("WARNING", "ERROR")) for line in shown)
    return run.returncode or (1 if warned else 0), shown


def run_mkdocs(root: Path, site_dir: Path) -> int:
    """`mkdocs build --strict` into site_dir, its problems on stderr; returns the exit code."""
    code, shown = mkdocs_build(root, site_dir)
    for line in shown:
        print(line, file=sys.stderr)
    return code


def build_into(root: Path, target: Path) -> int:
    """Build into a temporary sibling of target and replace target only on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    fresh.chmod(0o755)  # mkdtemp makes it private (0700); a web server must be able to read the site
    code = run_mkdocs(root, fresh)
    if code != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        print(f"build failed; {target.name}/ was left as it was", file=sys.stderr)
        return code
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return 0


def build_site(root: Path) -> int:
    code = build_into(root, root / "site")
    if code == 0:
        print("built the hosted site into site/", file=sys.stderr)
    return code
