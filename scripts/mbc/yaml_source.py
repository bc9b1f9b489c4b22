"""Read one YAML record with the position of every key and value.

ruamel.yaml keeps line and column numbers on the loaded mappings and sequences.
Before constructing anything we walk the event stream once, because ruamel stops at
the first duplicate key and would expand aliases: the walk reports every duplicate
key and every alias in the file, so a contributor sees all of them in one run.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from .problems import Problem


@dataclass
class LoadedYaml:
    data: Any  # ruamel CommentedMap (with .lc positions) or None when unreadable
    problems: list[Problem]


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    # Dates stay text so the schema can report an impossible date at its position,
    # instead of ruamel raising on the first one without saying where.
    yaml.constructor.add_constructor("tag:yaml.org,2002:timestamp", lambda c, node: str(node.value))
    return yaml


def _encoding_problem(raw: bytes, shown: str, error: UnicodeDecodeError) -> Problem:
    before = raw[: error.start]
    line = before.count(b"\n") + 1
    column = error.start - (before.rfind(b"\n") + 1) + 1
    return Problem(shown, line, column, "FILE-ENCODING", f"byte 0x{raw[error.start]:02x} is not valid UTF-8",
                   hint="re-save the file as UTF-8 (most editors offer this under 'Save with encoding')")


def _structure_problems(text: str, shown: str) -> list[Problem]:
    """Report every duplicate key and every anchor or alias, walking events only."""
    problems: list[Problem] = []
    stack: list[dict | None] = []  # per open collection: keys seen (mappings) or None (sequences)
    expecting_key: list[bool] = []

    def consume_value() -> None:
        if stack and stack[-1] is not None:
            expecting_key[-1] = True

    for event in _yaml().parse(text):
        if getattr(event, "anchor", None) and not isinstance(event, AliasEvent):
            mark = event.start_mark
            problems.append(Problem(shown, mark.line + 1, mark.column + 1, "YAML-ALIAS",
                                    f"anchor '&{event.anchor}' is not allowed",
                                    hint="write the value out in full where it is used"))
        if isinstance(event, AliasEvent):
            mark = event.start_mark
            problems.append(Problem(shown, mark.line + 1, mark.column + 1, "YAML-ALIAS",
                                    f"alias '*{event.anchor}' is not allowed",
                                    hint="write the value out in full where it is used"))
            consume_value()
        elif isinstance(event, ScalarEvent):
            if stack and stack[-1] is not None and expecting_key[-1]:
                seen = stack[-1]
                mark = event.start_mark
                if event.value in seen:
                    first_line = seen[event.value]
                    problems.append(Problem(shown, mark.line + 1, mark.column + 1, "YAML-DUPLICATE-KEY",
                                            f"key '{event.value}' is repeated (first on line {first_line})",
                                            hint="keep one of the two and merge their values"))
                else:
                    seen[event.value] = mark.line + 1
                expecting_key[-1] = False
            else:
                consume_value()
        elif isinstance(event, CollectionStartEvent):
            if stack and stack[-1] is not None and expecting_key[-1]:
                expecting_key[-1] = False  # a complex key: treat as consumed
            else:
                consume_value()
            stack.append({} if isinstance(event, MappingStartEvent) else None)
            expecting_key.append(True)
        elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            stack.pop()
            expecting_key.pop()
    return problems


def load_yaml(path: Path, shown: str) -> LoadedYaml:
    """Load a YAML file; on any problem return data=None and every problem found."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return LoadedYaml(None, [_encoding_problem(raw, shown, error)])
    try:
        problems = _structure_problems(text, shown)
        if problems:
            return LoadedYaml(None, problems)
        data = _yaml().load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = error.problem or error.context or "unreadable YAML"
        return LoadedYaml(None, [Problem(shown, line, column, "YAML-SYNTAX", reason,
                                         hint="check indentation and quoting around this position")])
    except YAMLError as error:
        return LoadedYaml(None, [Problem(shown, 1, 1, "YAML-SYNTAX", str(error).splitlines()[0],
                                         hint="check the file is YAML")])
    if not hasattr(data, "lc") or not isinstance(data, dict):
        return LoadedYaml(None, [Problem(shown, 1, 1, "YAML-SYNTAX", "the file does not hold a mapping of fields",
                                         hint="start the record with 'id: <file name>'")])
    return LoadedYaml(data, [])


def position(data: Any, loc: tuple, key_position: bool = False) -> tuple[int, int]:
    """Line and column (1-based) of the value at loc, or of the deepest part that exists.

    With key_position, point at the key itself (used for unknown fields).
    Path parts that are not in the data (pydantic adds union tags such as 'action') are skipped.
    """
    line, column = 1, 1
    node = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, dict) and part in node:
            if hasattr(node, "lc"):
                line, column = node.lc.key(part) if (last and key_position) else node.lc.value(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            if hasattr(node, "lc"):
                line, column = node.lc.item(part)
            node = node[part]
        elif isinstance(node, dict) and hasattr(node, "lc") and index == len(loc) - 1:
            # A missing field: point at the mapping that should hold it.
            line, column = node.lc.line, node.lc.col
            return line + 1, column + 1
        else:
            continue
    return line + 1, column + 1
