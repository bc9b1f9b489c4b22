"""Dated releases: the version a build shows, the notes of a release and the "Changes" page.

A release is a git tag vYYYY.MM.DD (a suffix such as .1 for a second release on one day).
Its notes are the clinical diff (mbc.changes) from the release before it in the history.
Everything is read from the tags present, so the same checkout always builds the same pages.
"""

import functools
import subprocess
import sys
import tempfile
from pathlib import Path

from .changes import compare
from .diff import RevisionError, load_revision, render_markdown
from .text import plain
from .validate import Evidence

TAG_GLOB = "v[0-9][0-9][0-9][0-9].[0-9][0-9].[0-9][0-9]*"
UNRELEASED = "unreleased"


def _git(root: Path, *args: str) -> str | None:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else None


def version(root: Path) -> str:
    """`git describe` against the release tags: v2026.12.02 on a release, v2026.12.02-3-gabc1234
    three commits after it, and "unreleased" before the first release or outside git."""
    return _git(root, "describe", "--tags", "--match", TAG_GLOB) or UNRELEASED


def release_tags(root: Path) -> list[str]:
    """The releases in the history of HEAD, oldest first."""
    listed = _git(root, "tag", "--list", TAG_GLOB, "--merged", "HEAD", "--sort=version:refname")
    return listed.split() if listed else []


def previous_release(root: Path, tag: str) -> str | None:
    tags = release_tags(root) if tag in release_tags(root) else release_tags(root) + [tag]
    before = tags[:tags.index(tag)]
    return before[-1] if before else None


@functools.cache
def _evidence_at(root: Path, commit: str) -> Evidence:
    """The evidence of a commit never changes, so `mkdocs serve` loads each release once."""
    with tempfile.TemporaryDirectory(prefix="mbc-release-") as work:
        return load_revision(root, commit, Path(work))


def _commit(root: Path, ref: str) -> str:
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if commit is None:
        raise RevisionError(f"unknown revision '{ref}'")
    return commit


def release_notes(root: Path, tag: str, escape=str, level: int = 1) -> str:
    """The clinical diff from the release before tag, or a first-release summary."""
    previous = previous_release(root, tag)
    new = _evidence_at(root, _commit(root, tag))
    if previous is None:
        counts = ", ".join(f"{len(records)} {kind}" for kind, records in new.corpus.records.items())
        return (f"{'#' * level} First release {escape(tag)}\n\nEvidence snapshot {new.snapshot_date}: {counts}, "
                f"{len(new.bibliography.references)} references.\n")
    old = _evidence_at(root, _commit(root, previous))
    return render_markdown(compare(old, new), previous, tag, escape, level)


def changes_page(root: Path) -> str:
    """The "Changes" page: every release's notes, newest first, with record text escaped for the web."""
    lines = ["# Changes", "",
             "What changed in the evidence at each release: records added, retired or removed, results "
             "with their old and new numbers, regulatory decisions, flowchart answers and references. "
             f"Each release is a git tag; `mbc diff` compares any two versions. This build: {plain(version(root))}.", ""]
    tags = release_tags(root)
    if not tags:
        return "\n".join(lines + ["No release yet: the evidence has not been released under a dated version.", ""])
    return "\n".join(lines) + "\n" + "\n".join(release_notes(root, tag, plain, level=2) for tag in reversed(tags))


def print_release_notes(args) -> int:
    try:
        text = release_notes(args.root, args.tag)
    except RevisionError as error:
        print(f"mbc release-notes: {error}", file=sys.stderr)
        print("    hint: name a release tag such as v2026.12.02", file=sys.stderr)
        return 2
    sys.stdout.write(text)
    return 0
