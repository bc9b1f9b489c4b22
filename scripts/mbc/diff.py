"""`mbc diff REF_A REF_B`: what changed in the evidence between two git revisions, for a clinician.

Each revision's evidence/ is taken out of git into a temporary folder and loaded with the
project's own validator, so the comparison sees typed records rather than lines of YAML.
The comparison itself is in mbc.changes; this module only fetches revisions and prints.
"""

import io
import subprocess
import sys
import tarfile
import tempfile
from datetime import date
from pathlib import Path

from .changes import Changes, KindChanges, compare
from .kinds import kinds
from .validate import Evidence, validate


class RevisionError(Exception):
    """A revision git cannot resolve or that holds no evidence."""


def _git(root: Path, *args: str) -> bytes:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True)
    if done.returncode != 0:
        raise RevisionError(done.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return done.stdout


def load_revision(root: Path, ref: str, into: Path, today: date | None = None) -> Evidence:
    """The evidence as it was at ref, loaded from an extracted copy under into."""
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    try:
        archive = _git(root, "archive", "--format=tar", commit, "evidence")
    except RevisionError:
        raise RevisionError(f"'{ref}' holds no evidence/ folder: it predates the evidence") from None
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return validate(into, today)


def _section(title: str, changes: KindChanges, escape, level: int) -> list[str]:
    lines = [f"{'#' * (level + 1)} {title}", ""]
    for heading, entries in (("Added", changes.added), ("Retired", changes.retired),
                             ("Removed (deleted, not retired)", changes.removed), ("Changed", changes.changed)):
        if not entries:
            continue
        lines += [f"**{heading}**", ""]
        for entry in entries:
            lines.append(f"- **{escape(entry.label)}** (`{entry.id}`)")
            lines += [f"    - {escape(detail)}" for detail in entry.details]
        lines.append("")
    return lines


def render_markdown(changes: Changes, old_ref: str, new_ref: str, escape=str, level: int = 1) -> str:
    """The changes as Markdown, headed at level. escape makes record text safe where the Markdown becomes a web page."""
    lines = [f"{'#' * level} Changes from {escape(old_ref)} to {escape(new_ref)}", "",
             f"Evidence snapshot {changes.old_date} → {changes.new_date}.", ""]
    for ref, unloaded in ((old_ref, changes.old_unloaded), (new_ref, changes.new_unloaded)):
        if unloaded:
            lines += [f"> At {escape(ref)}, {unloaded} record file(s) do not load with today's schema: they are missing "
                      "from this comparison.", ""]
    sections = [(kinds()[kind].title, kind_changes) for kind, kind_changes in changes.kinds.items() if kind_changes]
    if changes.references:
        sections.append(("References", changes.references))
    if changes.watch:
        sections.append(("Watch list", changes.watch))
    if not sections:
        return "\n".join(lines + ["No change to the evidence.", ""])
    for title, kind_changes in sections:
        lines += _section(title, kind_changes, escape, level)
    return "\n".join(lines)


def diff_revisions(root: Path, old_ref: str, new_ref: str, today: date | None = None) -> str:
    """The clinical diff between two revisions of the repository at root, as Markdown."""
    with tempfile.TemporaryDirectory(prefix="mbc-diff-") as work:
        old = load_revision(root, old_ref, Path(work) / "old", today)
        new = load_revision(root, new_ref, Path(work) / "new", today)
        return render_markdown(compare(old, new), old_ref, new_ref)


def print_diff(args) -> int:
    try:
        text = diff_revisions(args.root, args.old, args.new)
    except RevisionError as error:
        print(f"mbc diff: {error}", file=sys.stderr)
        print("    hint: name two commits, branches or tags, e.g. `mbc diff v2026.11.01 HEAD`", file=sys.stderr)
        return 2
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
