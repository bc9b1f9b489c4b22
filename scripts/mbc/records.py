"""Load every record under evidence/ into typed models, reporting schema problems at their positions."""

import difflib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .problems import Problem, relative
from .kinds import kinds
from .schema import RecordBase
from .schema.vocabulary import Vocabulary
from .schema.watch import WatchList
from .yaml_source import load_yaml, position

IGNORED_IN_EVIDENCE = {"references.bib", "README.md"}
WATCH_FILE = "watch.yaml"
VOCABULARY_FILE = "vocabulary.yaml"
# The files of evidence/ that hold one model each rather than a record of a kind.
SINGLE_FILES = {WATCH_FILE: ("watch", WatchList), VOCABULARY_FILE: ("vocabulary", Vocabulary)}


@dataclass
class Record:
    """A valid record with where it came from, so checks can point back into the file."""

    kind: str
    model: RecordBase
    path: Path
    shown: str  # path as printed in messages, relative to the project root
    data: Any  # the raw mapping as read, holding positions (yaml_source.Mapping)

    @property
    def id(self) -> str:
        return self.model.id

    def at(self, *loc, key: bool = False) -> tuple[int, int]:
        return position(self.data, loc, key_position=key)

    def problem(self, loc: tuple, rule: str, message: str, hint: str = "", **extra) -> Problem:
        line, column = self.at(*loc)
        return Problem(self.shown, line, column, rule, message, hint, **extra)


@dataclass
class Corpus:
    root: Path
    records: dict[str, dict[str, Record]] = field(default_factory=lambda: {kind: {} for kind in kinds()})
    # Records whose file exists but failed to load: links to them are not reported again.
    broken: set[tuple[str, str]] = field(default_factory=set)
    watch: "Record | None" = None  # evidence/watch.yaml, when present and valid
    vocabulary: "Record | None" = None  # evidence/vocabulary.yaml, when present and valid

    def get(self, kind: str, record_id: str) -> Record | None:
        return self.records[kind].get(record_id)

    def all(self) -> list[Record]:
        return [record for kind in kinds() for record in sorted(self.records[kind].values(), key=lambda r: r.id)]

    def single_files(self) -> list[Record]:
        """The watch list and the vocabulary, those present and valid: checked like records."""
        return [record for record in (self.watch, self.vocabulary) if record is not None]

    def terms(self, section: str) -> dict:
        """Term id -> term of a vocabulary section (empty without a valid vocabulary)."""
        return {term.id: term for term in self.vocabulary.model.section(section)} if self.vocabulary else {}


def _model_at(model: type, loc: tuple) -> type | None:
    """The pydantic model class that owns the last part of loc (for 'did you mean' hints)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            if part in current.model_fields:
                current = current.model_fields[part].annotation
            else:  # a union tag such as 'action'
                continue
        current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Reach the model inside list[...], X | None and tagged unions."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (list,):
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            models = [a for a in typing.get_args(annotation) if isinstance(a, type) and issubclass(a, BaseModel)]
            return models[0] if len(models) == 1 else annotation
        else:
            return annotation


def _schema_problems(error: ValidationError, model: type, data: Any, shown: str) -> list[Problem]:
    problems: dict[tuple, Problem] = {}
    for item in error.errors():
        loc = item["loc"]
        kind = item["type"]
        name = str(loc[-1]) if loc else "record"
        if kind == "missing":
            line, column = position(data, loc)
            owner = _model_at(model, loc)
            info = owner.model_fields.get(name) if owner else None
            hint = f"add '{name}:' — {info.description} Example: {info.examples[0]!r}" if info else f"add '{name}:'"
            problem = Problem(shown, line, column, "SCHEMA-MISSING-FIELD", f"missing required field '{name}'", hint)
        elif kind == "extra_forbidden":
            line, column = position(data, loc, key_position=True)
            owner = _model_at(model, loc)
            allowed = sorted(owner.model_fields) if owner else []
            close = difflib.get_close_matches(name, allowed, n=1)
            hint = (f"did you mean '{close[0]}'? " if close else "") + (f"allowed here: {', '.join(allowed)}" if allowed else "")
            problem = Problem(shown, line, column, "SCHEMA-UNKNOWN-FIELD", f"unknown field '{name}'", hint)
        else:
            # Union members each report an error; keep one message per position.
            data_loc = tuple(part for part in loc if not (isinstance(part, str) and ("[" in part or part in ("float", "int", "str", "bool"))))
            line, column = position(data, data_loc)
            field_name = next((str(p) for p in reversed(data_loc) if isinstance(p, str)), "value")
            owner = _model_at(model, data_loc + ("_",)) if data_loc else None
            info = owner.model_fields.get(field_name) if owner else None
            rule = "SCHEMA-DATE" if kind.startswith("date") else "SCHEMA-INVALID"
            expected = f"{info.description} Example: {info.examples[0]!r}" if info else ""
            key = (line, column, rule)
            if key in problems:
                continue
            problem = Problem(shown, line, column, rule, f"'{field_name}': {item['msg']}",
                              hint="see the schema reference page for this field",
                              expected=expected, actual=repr(item.get("input"))[:80])
        problems[(problem.line, problem.column, problem.rule, problem.message)] = problem
    return list(problems.values())


def load_record(path: Path, kind: str, root: Path) -> tuple[Record | None, list[Problem]]:
    shown = relative(path, root)
    loaded = load_yaml(path, shown)
    if loaded.data is None:
        return None, loaded.problems
    problems: list[Problem] = []
    raw_id = loaded.data.get("id")
    if isinstance(raw_id, str) and raw_id != path.stem:
        line, column = position(loaded.data, ("id",))
        problems.append(Problem(shown, line, column, "ID-FILENAME", f"id '{raw_id}' differs from the file name '{path.stem}'",
                                hint=f"rename the file to {raw_id}.yaml or set 'id: {path.stem}'"))
    singles = dict(SINGLE_FILES.values())
    model_class = singles[kind] if kind in singles else kinds()[kind].model
    try:
        model = model_class.model_validate(loaded.data)
    except ValidationError as error:
        return None, problems + _schema_problems(error, model_class, loaded.data, shown)
    if problems:
        return None, problems
    return Record(kind, model, path, shown, loaded.data), []


def load_corpus(root: Path) -> tuple[Corpus, list[Problem]]:
    """Load every record under root/evidence; files in unknown places are reported, never skipped."""
    evidence = root / "evidence"
    corpus = Corpus(root)
    problems: list[Problem] = []
    for path in sorted(p for p in evidence.rglob("*") if p.is_file()):
        parts = path.relative_to(evidence).parts
        if len(parts) == 1 and parts[0] in IGNORED_IN_EVIDENCE:
            continue
        if len(parts) == 1 and parts[0] in SINGLE_FILES:
            name = SINGLE_FILES[parts[0]][0]
            loaded, found = load_record(path, name, root)
            setattr(corpus, name, loaded)
            problems.extend(found)
            continue
        if len(parts) != 2 or parts[0] not in kinds() or path.suffix != ".yaml":
            problems.append(Problem(relative(path, root), 1, 1, "FILE-LOCATION", "this file is not where a record can be",
                                    hint=f"records go in evidence/<kind>/<id>.yaml with kind one of: {', '.join(kinds())}"))
            continue
        record, found = load_record(path, parts[0], root)
        problems.extend(found)
        if record is not None:
            corpus.records[record.kind][record.id] = record
        else:
            corpus.broken.add((parts[0], path.stem))
    return corpus, problems
