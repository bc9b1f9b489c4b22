"""Read one YAML record with the position of every key and value.

PyYAML's C parser (libyaml) produces the event stream and values are built from it in a
single loop, with no recursion: PyYAML's own composer recurses in C and crashes the
interpreter on deeply nested input, so nesting is capped here before anything is built.
The same loop reports every duplicate key (a plain loader keeps the last silently), every
anchor or alias (an alias bomb never expands) and every explicit tag, so a contributor
sees all of them in one run.
"""

import bisect
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (AliasEvent, CollectionEndEvent, CollectionStartEvent, DocumentStartEvent, MappingStartEvent,
                         ScalarEvent)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from .problems import Problem, Rule

RULES = [
    Rule("FILE-ENCODING", "error", "Every record and the bibliography must be valid UTF-8."),
    Rule("YAML-SYNTAX", "error", "The file must be well-formed YAML holding one mapping."),
    Rule("YAML-DUPLICATE-KEY", "error", "A key may appear only once in a mapping; later values would silently replace earlier ones."),
    Rule("YAML-ALIAS", "error", "YAML anchors and aliases are not allowed, so that every value is written where it is used."),
]

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when PyYAML was built with libyaml
TIMESTAMP = "tag:yaml.org,2002:timestamp"
STANDARD_TAGS = {None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
MAX_DEPTH = 32  # records nest six levels at most; deeper input is refused before it is built


class Mapping(dict):
    """A YAML mapping that remembers where each key and value starts (0-based line, column)
    and where each plain-text value ends (character offsets, to find a citation inside it)."""

    start: tuple[int, int] = (0, 0)
    key_marks: dict
    value_marks: dict
    spans: dict
    source: "Source | None" = None  # set on the root mapping only


class Sequence(list):
    """A YAML sequence that remembers where each item starts."""

    start: tuple[int, int] = (0, 0)
    item_marks: list
    spans: list


class Source:
    """The text of a file, to turn a character offset into a line and column."""

    def __init__(self, text: str):
        self.text = text
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", text)]

    def line_column(self, offset: int) -> tuple[int, int]:
        """0-based line and column of a character offset."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line, offset - self.line_starts[line]

    @property
    def last_line(self) -> int:
        """1-based number of the last line that holds any text."""
        return max(1, len(self.text.rstrip("\n").split("\n")) if self.text.strip() else 1)


@dataclass
class LoadedYaml:
    data: Any  # a Mapping with positions, or None when unreadable
    problems: list[Problem]


def _mark(mark) -> tuple[int, int]:
    return mark.line, mark.column


_RESOLVER = Resolver()  # the implicit types of PyYAML's safe loader: int, float, bool, null, timestamp
_CONSTRUCTOR = SafeConstructor()


def _scalar(event: ScalarEvent) -> Any:
    tag = event.tag if event.tag not in (None, "!") else _RESOLVER.resolve(ScalarNode, event.value, event.implicit)
    if tag == TIMESTAMP:
        return event.value  # dates stay text so the schema can report an impossible date at its position
    node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    construct = SafeConstructor.yaml_constructors.get(tag, SafeConstructor.construct_undefined)
    return construct(_CONSTRUCTOR, node)


class _Builder:
    """Values from the event stream: a stack of open collections, each with the key awaiting its value."""

    def __init__(self, shown: str):
        self.shown = shown
        self.problems: list[Problem] = []
        self.stack: list[tuple[Mapping | Sequence, list]] = []  # (collection, [pending key] or [] for mappings)
        self.seen: list[dict] = []  # per open mapping: key -> line of its first use
        self.root: Any = None
        self.documents = 0

    def problem(self, mark, rule: str, message: str, hint: str) -> None:
        self.problems.append(Problem(self.shown, mark.line + 1, mark.column + 1, rule, message, hint))

    def add(self, value: Any, event) -> None:
        """Place a value in the open collection: as a key, a mapping value or a sequence item."""
        if not self.stack:
            self.root = value
            return
        parent, pending = self.stack[-1]
        start = _mark(event.start_mark)
        span = (event.start_mark.index, event.end_mark.index) if isinstance(event, ScalarEvent) else None
        if isinstance(parent, Sequence):
            parent.append(value)
            parent.item_marks.append(start)
            parent.spans.append(span)
        elif not pending:
            self.add_key(parent, value, event)
        else:
            key = pending.pop()
            parent[key] = value
            parent.value_marks[key], parent.spans[key] = start, span

    def add_key(self, parent: Mapping, key: Any, event) -> None:
        if isinstance(key, (Mapping, Sequence)):
            return  # refused in event(); kept out of the mapping
        try:
            hash(key)
        except TypeError:
            key = repr(key)
        seen = self.seen[-1]
        if key in seen:
            self.problem(event.start_mark, "YAML-DUPLICATE-KEY", f"key '{key}' is repeated (first on line {seen[key]})",
                         "keep one of the two and merge their values")
        else:
            seen[key] = event.start_mark.line + 1
        parent.key_marks.setdefault(key, _mark(event.start_mark))
        self.stack[-1][1].append(key)

    def event(self, event) -> bool:
        """Handle one event; False stops reading (nesting too deep)."""
        if getattr(event, "anchor", None) and not isinstance(event, AliasEvent):
            self.problem(event.start_mark, "YAML-ALIAS", f"anchor '&{event.anchor}' is not allowed",
                         "write the value out in full where it is used")
        if isinstance(event, DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.problem(event.start_mark, "YAML-SYNTAX", "a second YAML document starts here",
                             "keep one record per file, without '---' separators")
        elif isinstance(event, AliasEvent):
            self.problem(event.start_mark, "YAML-ALIAS", f"alias '*{event.anchor}' is not allowed",
                         "write the value out in full where it is used")
            self.add(None, event)
        elif isinstance(event, ScalarEvent):
            try:
                value = _scalar(event)
            except (yaml.YAMLError, ValueError, TypeError, OverflowError) as error:
                self.problem(event.start_mark, "YAML-SYNTAX", f"this value cannot be read: {_reason(error)}",
                             "write it as plain text, a number, true/false or a date, without a '!' tag")
                value = None
            self.add(value, event)
        elif isinstance(event, CollectionStartEvent):
            if len(self.stack) >= MAX_DEPTH:
                self.problem(event.start_mark, "YAML-SYNTAX", f"values are nested more than {MAX_DEPTH} levels deep",
                             "records nest a few levels at most; check the brackets and indentation")
                return False
            if event.tag not in STANDARD_TAGS:
                self.problem(event.start_mark, "YAML-SYNTAX", f"the tag '{event.tag}' is not allowed",
                             "remove the '!' tag; records hold plain mappings and lists")
            if self.stack and isinstance(self.stack[-1][0], Mapping) and not self.stack[-1][1]:
                self.problem(event.start_mark, "YAML-SYNTAX", "a key must be a single value, not a list or mapping",
                             "write the key as plain text followed by ':'")
                return False
            collection: Mapping | Sequence
            if isinstance(event, MappingStartEvent):
                collection = Mapping()
                collection.key_marks, collection.value_marks, collection.spans = {}, {}, {}
                self.seen.append({})
            else:
                collection = Sequence()
                collection.item_marks, collection.spans = [], []
            collection.start = _mark(event.start_mark)
            self.add(collection, event)
            self.stack.append((collection, []))
        elif isinstance(event, CollectionEndEvent):
            collection, _ = self.stack.pop()
            if isinstance(collection, Mapping):
                self.seen.pop()
        return True


def _reason(error: Exception) -> str:
    return (getattr(error, "problem", None) or str(error) or type(error).__name__).splitlines()[0]


def _syntax_problem(error: yaml.YAMLError, raw: bytes, source: Source, shown: str) -> Problem:
    """Where a YAML error starts: an unclosed quote or bracket that runs to the end of the file is
    reported where it opens, and no position lies past the last line."""
    if isinstance(error, yaml.reader.ReaderError):  # the C reader counts bytes
        before = raw[: error.position]
        line, column = before.count(b"\n"), len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace"))
        return Problem(shown, line + 1, column + 1, "YAML-SYNTAX", f"character #x{error.character:04x} is not allowed here",
                       hint="remove the control character (often pasted from a PDF or a word processor)")
    problem, context = getattr(error, "problem_mark", None), getattr(error, "context_mark", None)
    mark = problem or context
    if context is not None and (mark is None or mark.line + 1 > source.last_line):
        mark = context
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if line > source.last_line:
        line, column = source.last_line, 1
    reason = getattr(error, "problem", None) or "unreadable YAML"
    if getattr(error, "context", None) and context is not None:
        reason = f"{reason} ({error.context} on line {context.line + 1})"
    return Problem(shown, line, column, "YAML-SYNTAX", reason, hint="check indentation and quoting around this position")


def load_yaml(path: Path, shown: str, raw: bytes | None = None) -> LoadedYaml:
    """Load a YAML file (from raw, its bytes, when given); on any problem return data=None and every problem found."""
    raw = path.read_bytes() if raw is None else raw
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1  # in characters, as editors count
        return LoadedYaml(None, [Problem(shown, before.count(b"\n") + 1, column, "FILE-ENCODING",
                                         f"byte 0x{raw[error.start]:02x} is not valid UTF-8",
                                         hint="re-save the file as UTF-8 (most editors offer this under 'Save with encoding')")])
    source = Source(text)
    builder = _Builder(shown)
    try:
        for event in yaml.parse(text, Loader=LOADER):
            if not builder.event(event):
                break
    except yaml.YAMLError as error:
        return LoadedYaml(None, builder.problems + [_syntax_problem(error, raw, source, shown)])
    if builder.problems:
        return LoadedYaml(None, builder.problems)
    if not isinstance(builder.root, Mapping):
        return LoadedYaml(None, [Problem(shown, 1, 1, "YAML-SYNTAX", "the file does not hold a mapping of fields",
                                         hint="start the record with 'id: <file name>'")])
    builder.root.source = source
    return LoadedYaml(builder.root, [])


def _node(data: Any, loc: tuple) -> tuple[Any, tuple[int, int], tuple[int, int] | None, bool]:
    """The value at loc, its start, its text span (plain values only) and whether it exists.

    Parts of loc that are not in the data are skipped: pydantic adds union tags such as 'action'.
    When the last part is missing, the position is that of the collection that should hold it.
    """
    line_column, span, node = (0, 0), None, data
    for index, part in enumerate(loc):
        if isinstance(node, Mapping) and part in node:
            line_column, span = node.value_marks[part], node.spans.get(part)
            node = node[part]
        elif isinstance(node, Sequence) and isinstance(part, int) and 0 <= part < len(node):
            line_column, span = node.item_marks[part], node.spans[part]
            node = node[part]
        elif index == len(loc) - 1:
            if isinstance(node, (Mapping, Sequence)):
                line_column = node.start
            return node, line_column, None, False
    return node, line_column, span, True


def position(data: Any, loc: tuple, key_position: bool = False) -> tuple[int, int]:
    """Line and column (1-based) of the value at loc, or of the deepest part that exists.

    With key_position, point at the key itself (used for unknown fields).
    """
    if key_position and loc:
        parent, _, _, found = _node(data, loc[:-1])
        if found and isinstance(parent, Mapping) and loc[-1] in parent.key_marks:
            line, column = parent.key_marks[loc[-1]]
            return line + 1, column + 1
    _, (line, column), _, _ = _node(data, loc)
    return line + 1, column + 1


def positions_in_text(data: Any, loc: tuple, pattern: re.Pattern) -> list[tuple[int, int]]:
    """Line and column (1-based) of each match of pattern in the written text of the plain value at
    loc, so a citation inside a folded or literal block is named on its own line."""
    _, _, span, found = _node(data, loc)
    source = getattr(data, "source", None)
    if not found or span is None or source is None:
        return []
    return [(line + 1, column + 1) for line, column in
            (source.line_column(match.start()) for match in pattern.finditer(source.text, span[0], span[1]))]
