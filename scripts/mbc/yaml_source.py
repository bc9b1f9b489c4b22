"""Read one YAML record with the position of every key and value.

PyYAML's C parser (libyaml) does the reading: it is fast, and its node tree keeps the
line and column of every key and value. A plain loader keeps the last of two duplicate
keys and expands aliases, so building the values reports every duplicate key, and a file
that may hold an anchor or alias (it has a '&' or '*') is first walked event by event to
report each of them; a contributor sees all of them in one run. Parsing a file once in the
common case halves the cost of loading.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, CollectionStartEvent, MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .problems import Problem

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when PyYAML was built with libyaml
TIMESTAMP = "tag:yaml.org,2002:timestamp"


class Mapping(dict):
    """A YAML mapping that remembers where each key and value starts (0-based line, column)."""

    start: tuple[int, int] = (0, 0)
    key_marks: dict
    value_marks: dict


class Sequence(list):
    """A YAML sequence that remembers where each item starts."""

    start: tuple[int, int] = (0, 0)
    item_marks: list


@dataclass
class LoadedYaml:
    data: Any  # a Mapping with positions, or None when unreadable
    problems: list[Problem]


def _mark(mark) -> tuple[int, int]:
    return mark.line, mark.column


def _build(node, constructor: SafeConstructor, duplicates: list[Problem], shown: str) -> Any:
    """Python values from composed nodes, keeping positions on mappings and sequences.

    A repeated key is reported in duplicates and its first value kept."""
    if isinstance(node, MappingNode):
        mapping = Mapping()
        mapping.start, mapping.key_marks, mapping.value_marks = _mark(node.start_mark), {}, {}
        for key_node, value_node in node.value:
            key = _build(key_node, constructor, duplicates, shown)
            key = key if isinstance(key, (str, int, float, bool)) or key is None else str(key)
            if key in mapping:
                mark = key_node.start_mark
                duplicates.append(Problem(shown, mark.line + 1, mark.column + 1, "YAML-DUPLICATE-KEY",
                                          f"key '{key}' is repeated (first on line {mapping.key_marks[key][0] + 1})",
                                          hint="keep one of the two and merge their values"))
                continue
            mapping[key] = _build(value_node, constructor, duplicates, shown)
            mapping.key_marks[key], mapping.value_marks[key] = _mark(key_node.start_mark), _mark(value_node.start_mark)
        return mapping
    if isinstance(node, SequenceNode):
        sequence = Sequence(_build(item, constructor, duplicates, shown) for item in node.value)
        sequence.start, sequence.item_marks = _mark(node.start_mark), [_mark(item.start_mark) for item in node.value]
        return sequence
    if isinstance(node, ScalarNode) and node.tag == TIMESTAMP:
        # Dates stay text so the schema can report an impossible date at its position.
        return node.value
    return constructor.construct_object(node, deep=True)


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

    def refuse(event, what: str) -> None:
        mark = event.start_mark
        problems.append(Problem(shown, mark.line + 1, mark.column + 1, "YAML-ALIAS", f"{what} is not allowed",
                                hint="write the value out in full where it is used"))

    for event in yaml.parse(text, Loader=LOADER):
        if isinstance(event, AliasEvent):
            refuse(event, f"alias '*{event.anchor}'")
            consume_value()
            continue
        if getattr(event, "anchor", None):
            refuse(event, f"anchor '&{event.anchor}'")
        if isinstance(event, ScalarEvent):
            if stack and stack[-1] is not None and expecting_key[-1]:
                seen = stack[-1]
                mark = event.start_mark
                if event.value in seen:
                    problems.append(Problem(shown, mark.line + 1, mark.column + 1, "YAML-DUPLICATE-KEY",
                                            f"key '{event.value}' is repeated (first on line {seen[event.value]})",
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
        # Without '&' or '*' there can be no anchor or alias, and _build reports duplicate keys.
        problems = _structure_problems(text, shown) if "&" in text or "*" in text else []
        if problems:
            return LoadedYaml(None, problems)
        node = yaml.compose(text, Loader=LOADER)
        data = _build(node, SafeConstructor(), problems, shown) if node is not None else None
        if problems:
            return LoadedYaml(None, problems)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = error.problem or error.context or "unreadable YAML"
        return LoadedYaml(None, [Problem(shown, line, column, "YAML-SYNTAX", reason,
                                         hint="check indentation and quoting around this position")])
    except (yaml.YAMLError, ValueError) as error:
        return LoadedYaml(None, [Problem(shown, 1, 1, "YAML-SYNTAX", str(error).splitlines()[0],
                                         hint="check the file is YAML")])
    if not isinstance(data, Mapping):
        return LoadedYaml(None, [Problem(shown, 1, 1, "YAML-SYNTAX", "the file does not hold a mapping of fields",
                                         hint="start the record with 'id: <file name>'")])
    return LoadedYaml(data, [])


def position(data: Any, loc: tuple, key_position: bool = False) -> tuple[int, int]:
    """Line and column (1-based) of the value at loc, or of the deepest part that exists.

    With key_position, point at the key itself (used for unknown fields).
    Path parts that are not in the data (pydantic adds union tags such as 'action') are skipped.
    """
    line, column = 0, 0
    node = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, Mapping) and part in node:
            line, column = node.key_marks[part] if (last and key_position) else node.value_marks[part]
            node = node[part]
        elif isinstance(node, Sequence) and isinstance(part, int) and 0 <= part < len(node):
            line, column = node.item_marks[part]
            node = node[part]
        elif isinstance(node, Mapping) and last:
            # A missing field: point at the mapping that should hold it.
            line, column = node.start
            break
    return line + 1, column + 1
