"""Shared test helpers: project roots built in temporary folders from fixtures."""

import shutil
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
TODAY = date(2026, 11, 21)

sys.path.insert(0, str(ROOT / "scripts"))


def make_root(target: Path, evidence: Path | None = None) -> Path:
    """A project root in target: the given evidence folder, the real templates, content, scripts and config."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(evidence or FIXTURES / "valid" / "evidence", target / "evidence")
    for name in ("content", "site_templates", "scripts", "schemas", "node_modules"):
        (target / name).symlink_to(ROOT / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture
def valid_root(tmp_path) -> Path:
    return make_root(tmp_path / "project")
