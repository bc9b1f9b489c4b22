"""`mbc fix`: the mechanical fixes the validator can name with certainty, shown as a diff.

Each fixer answers one rule and runs only on a file where that rule fired; it rewrites the
text it was written for and nothing else (comments, quoting and layout stay as they are).
Anything that needs judgement (which number is right, which source) is left to the editor.
"""

import difflib
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .checks.key_order import FREE, canonical_order
from .problems import summary
from .kinds import kinds
from .validate import validate

# An identifier written with its address or label around it: https://doi.org/10.x, doi:10.x, PMID: 123.
ID_PREFIXES = {
    "doi": re.compile(r"(?i)^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)(10\.\d{4,9}/\S+)$"),
    "pmid": re.compile(r"(?i)^(?:https?://pubmed\.ncbi\.nlm\.nih\.gov/|pmid:?\s*)(\d+)/?$"),
    "pmcid": re.compile(r"(?i)^(?:https?://(?:pmc\.ncbi\.nlm\.nih\.gov|www\.ncbi\.nlm\.nih\.gov/pmc)/articles/)?(pmc\d+)/?$"),
}
BIB_FIELD = re.compile(r"(?im)^(\s*(doi|pmid|pmcid)\s*=\s*[{\"])([^}\"]*)([}\"])")


def fix_identifiers(text: str, path: Path) -> str:
    """BIB-ID-FORMAT: keep the bare identifier of a DOI, PMID or PMCID written as an address or with a label."""
    def bare(match: re.Match) -> str:
        found = ID_PREFIXES[match.group(2).lower()].match(match.group(3).strip())
        value = found.group(1) if found else match.group(3)
        return match.group(1) + (value.upper() if match.group(2).lower() == "pmcid" and found else value) + match.group(4)

    return BIB_FIELD.sub(bare, text)


def fix_id(text: str, path: Path) -> str:
    """ID-FILENAME: the id becomes the file name (renaming the file would break the links to it)."""
    return re.sub(r"(?m)^id:[ \t]*[^\s#]+", f"id: {path.stem}", text, count=1)


def fix_reversed_ci(text: str, path: Path) -> str:
    """PLAUS-CI: swap the two bounds of an interval whose lower bound is above its upper bound."""
    swaps = []

    def walk(node) -> None:
        if isinstance(node, MappingNode):
            values = {key.value: value for key, value in node.value if isinstance(key, ScalarNode)}
            low, high = values.get("ci_low"), values.get("ci_high")
            if isinstance(low, ScalarNode) and isinstance(high, ScalarNode) and _number(low) > _number(high):
                swaps.append((low, high))
            for _, value in node.value:
                walk(value)
        elif isinstance(node, SequenceNode):
            for item in node.value:
                walk(item)

    walk(yaml.compose(text, Loader=yaml.SafeLoader))
    spans = sorted(((n.start_mark.index, n.end_mark.index, other.value) for low, high in swaps
                    for n, other in ((low, high), (high, low))), reverse=True)
    for start, end, value in spans:  # from the end, so earlier offsets stay valid
        text = text[:start] + value + text[end:]
    return text


def _number(node: ScalarNode) -> float:
    try:
        return float(node.value)
    except ValueError:
        return float("-inf")  # not a number: never swapped


def fix_key_order(text: str, path: Path) -> str:
    """STYLE-KEY-ORDER: move each top-level key, with its value and the comments just above it, into the kind's order."""
    order = canonical_order(kinds()[path.parent.name].model)
    lines = text.splitlines(keepends=True)
    head: list[str] = []
    blocks: list[tuple[str, list[str]]] = []
    pending: list[str] = []  # comment lines, which travel with the key below them
    for line in lines:
        key = re.match(r"([A-Za-z_][\w-]*):", line)
        if key:
            blocks.append((key.group(1), pending + [line]))
            pending = []
        elif not blocks:
            head.append(line)  # before the first key: the $schema line stays first
        elif line.startswith("#"):
            pending.append(line)  # a comment at the margin belongs to what follows it
        else:
            blocks[-1][1].extend(pending + [line])
            pending = []
    rank = {key: order.index(key) if key in order else len(order) for key, _ in blocks}
    # Sorted, stable; the free key (statements) keeps its place in the file.
    ordered = sorted((block for block in blocks if block[0] != FREE), key=lambda block: rank[block[0]])
    for index, block in enumerate(blocks):
        if block[0] == FREE:
            ordered.insert(index, block)
    return "".join(head + [line for _, block in ordered for line in block] + pending)


@dataclass(frozen=True)
class Fixer:
    rule: str
    fix: Callable[[str, Path], str]


# Value fixes first; the key order last, as it moves whole blocks.
FIXERS = [Fixer("BIB-ID-FORMAT", fix_identifiers), Fixer("ID-FILENAME", fix_id), Fixer("PLAUS-CI", fix_reversed_ci),
          Fixer("STYLE-KEY-ORDER", fix_key_order)]
PASSES = 3  # a record that did not load (wrong id) shows its other problems only once it loads


def plan(root: Path) -> dict[str, tuple[str, str]]:
    """Shown path -> (text now, text fixed), for every file a fixer changes. The fixes are made and
    re-validated in a copy of evidence/, so nothing is written here."""
    changes: dict[str, tuple[str, str]] = {}
    with tempfile.TemporaryDirectory(prefix="mbc-fix-") as work:
        copy = Path(work)
        shutil.copytree(root / "evidence", copy / "evidence")
        for _ in range(PASSES):
            rules: dict[str, set[str]] = {}
            for problem in validate(copy).problems:
                rules.setdefault(problem.path, set()).add(problem.rule)
            progressed = False
            for shown, fired in sorted(rules.items()):
                path = copy / shown
                text = path.read_text(encoding="utf-8")
                fixed = text
                for fixer in FIXERS:
                    if fixer.rule in fired:
                        fixed = fixer.fix(fixed, path)
                if fixed != text:
                    changes[shown] = (changes[shown][0] if shown in changes else text, fixed)
                    path.write_text(fixed, encoding="utf-8")
                    progressed = True
            if not progressed:
                break
    return changes


def print_fixes(args) -> int:
    """Show the fixes as a unified diff and, unless --dry-run, write them."""
    changes = plan(args.root)
    for shown, (old, new) in changes.items():
        sys.stdout.writelines(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                                   f"a/{shown}", f"b/{shown}"))
    if not args.dry_run:
        for shown, (_, new) in changes.items():
            (args.root / shown).write_text(new, encoding="utf-8")
    remaining = validate(args.root).problems
    print(f"{'would fix' if args.dry_run else 'fixed'} {len(changes)} file(s); "
          f"{'as it stands' if args.dry_run else 'still to fix by hand'}: {summary(remaining)}", file=sys.stderr)
    return 1 if args.dry_run and changes else 0
