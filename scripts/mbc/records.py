"""Load every record under evidence/ into typed models, reporting schema problems at their positions."""

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .cache import cached
from .kinds import kinds
from .problems import Problem, Rule, relative
from .schema import RecordBase
from .schema.vocabulary import Vocabulary
from .schema.watch import WatchList
from .schema_errors import schema_problems
from .yaml_source import load_yaml, position, positions_in_text

RULES = [
    Rule("FILE-LOCATION", "error", "Records live in evidence/<kind>/<id>.yaml, in a folder named after a known kind."),
    Rule("ID-FILENAME", "error", "A record's id must equal its file name without .yaml."),
]

IGNORED_IN_EVIDENCE = {"references.bib", "README.md", "exceptions.yaml", "reviewers.yaml"}
WATCH_FILE = "watch.yaml"
VOCABULARY_FILE = "vocabulary.yaml"
# The files of evidence/ that hold one model each rather than a record of a kind.
SINGLE_FILES = {WATCH_FILE: ("watch", WatchList), VOCABULARY_FILE: ("vocabulary", Vocabulary)}
# Words a citation key is made of: a file that fails to load still cites every key it mentions.
KEY_WORD = re.compile(r"[A-Za-z0-9_:.\-]+")


def editor_file(relative_path: Path) -> bool:
    """Files editors and systems leave beside ours: hidden ones (.DS_Store, .x.yaml.swp, .git),
    backups (x.yaml~) and Emacs autosaves (#x.yaml#). They are never evidence."""
    return any(part.startswith(".") or part.endswith("~") or (part.startswith("#") and part.endswith("#"))
               for part in relative_path.parts)


@dataclass
class Record:
    """A valid record with where it came from, so checks can point back into the file."""

    kind: str
    model: RecordBase
    path: Path
    shown: str  # path as printed in messages, relative to the project root
    # The raw mapping as read, holding positions (yaml_source.Mapping): ten times the size of the
    # file, so it is not kept. The checks of one record run while it is loaded; the checks across
    # records read it again, from the file, only to place a problem they found.
    _data: Any = field(default=None, repr=False, compare=False)

    @property
    def data(self) -> Any:
        if self._data is None:
            self._data = load_yaml(self.path, self.shown, self.path.read_bytes()).data
        return self._data

    @property
    def id(self) -> str:
        return self.model.id

    def at(self, *loc, key: bool = False) -> tuple[int, int]:
        return position(self.data, loc, key_position=key)

    def problem(self, loc: tuple, rule: str, message: str, hint: str = "", **extra) -> Problem:
        line, column = self.at(*loc)
        return Problem(self.shown, line, column, rule, message, hint, where=self.where(loc), **extra)

    def where(self, loc: tuple) -> str:
        """loc as evidence/exceptions.yaml names it: an item with an id by its id, others by position."""
        parts = []
        for i, part in enumerate(loc):
            item = self.raw(loc[: i + 1])
            item_id = item.get("id") if isinstance(part, int) and isinstance(item, dict) else None
            parts.append(item_id if isinstance(item_id, str) else str(part))
        return ".".join(parts)

    def text_problem(self, loc: tuple, pattern: re.Pattern, rule: str, message: str, hint: str = "") -> Problem:
        """A problem with words in a text, at the first match of pattern as written in the file
        (inside a folded or literal block too); else at the field."""
        found = positions_in_text(self.data, loc, pattern)
        if not found:
            return self.problem(loc, rule, message, hint)
        return Problem(self.shown, *found[0], rule, message, hint, where=self.where(loc))

    def citation_problem(self, loc: tuple, key: str, occurrence: int, rule: str, message: str, hint: str = "") -> Problem:
        """A problem with a cited key, at the key itself rather than at the field: the occurrence-th
        list item or '@key' naming it, in the value at loc and then in the other fields beside it
        (a result cites in 'source' and in its 'note'); else at loc."""
        pattern = re.compile(rf"(?<![A-Za-z0-9_:.\-])@{re.escape(key)}(?![A-Za-z0-9_:.\-])")
        owner = self.raw(loc[:-1])
        siblings = [loc[:-1] + (name,) for name in owner if name != loc[-1]] if isinstance(owner, dict) else []
        places: list[tuple[tuple[int, int], str]] = []
        for place in [loc] + siblings:
            value = self.raw(place)
            if isinstance(value, list):
                places += [(self.at(*place, i), self.where(place + (i,))) for i, item in enumerate(value) if item == key]
            elif isinstance(value, str):
                places += [(at, self.where(place)) for at in positions_in_text(self.data, place, pattern)]
        if not places:
            return self.problem(loc, rule, message, hint)
        (line, column), where = places[min(occurrence, len(places) - 1)]
        return Problem(self.shown, line, column, rule, message, hint, where=where)

    def raw(self, loc: tuple) -> Any:
        """The value as written at loc, or None."""
        value = self.data
        for part in loc:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return None
        return value


@dataclass
class Corpus:
    root: Path
    records: dict[str, dict[str, Record]] = field(default_factory=lambda: {kind: {} for kind in kinds()})
    # Records whose file exists but failed to load: links to them are not reported again,
    # and the keys they mention are not reported as uncited.
    broken: set[tuple[str, str]] = field(default_factory=set)
    broken_words: set[str] = field(default_factory=set)
    watch: "Record | None" = None  # evidence/watch.yaml, when present and valid
    vocabulary: "Record | None" = None  # evidence/vocabulary.yaml, when present and valid

    def get(self, kind: str, record_id: str) -> Record | None:
        return self.records[kind].get(record_id)

    def all(self) -> list[Record]:
        return [record for kind in kinds() for record in sorted(self.records[kind].values(), key=lambda r: r.id)]

    def snapshot_day(self) -> date | None:
        """The latest day any record was reviewed: the date of this evidence snapshot."""
        return max((record.model.last_reviewed for record in self.all()), default=None)

    def single_files(self) -> list[Record]:
        """The watch list and the vocabulary, those present and valid: checked like records."""
        return [record for record in (self.watch, self.vocabulary) if record is not None]

    def terms(self, section: str) -> dict:
        """Term id -> term of a vocabulary section (empty without a valid vocabulary)."""
        return {term.id: term for term in self.vocabulary.model.section(section)} if self.vocabulary else {}


def load_record(path: Path, kind: str, root: Path) -> tuple[Record | None, list[Problem]]:
    """The record and its own problems; from the cache when the file and the code are unchanged."""
    shown = relative(path, root)
    raw = path.read_bytes()
    return cached(root, ("record", kind, str(path), shown), raw, lambda: _load_record(path, kind, shown, raw))


def _load_record(path: Path, kind: str, shown: str, raw: bytes) -> tuple[Record | None, list[Problem]]:
    loaded = load_yaml(path, shown, raw)
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
        return None, problems + schema_problems(error, model_class, loaded.data, shown)
    if problems:
        return None, problems
    from .checks import RECORD_CHECKS  # imported here: the checks import this module

    record = Record(kind, model, path, shown, _data=loaded.data)
    return replace(record, _data=None), [problem for check in RECORD_CHECKS for problem in check.check_record(record)]


def load_corpus(root: Path) -> tuple[Corpus, list[Problem]]:
    """Load every record under root/evidence; files in unknown places are reported, never skipped."""
    evidence = root / "evidence"
    corpus = Corpus(root)
    problems: list[Problem] = []
    for path in sorted(p for p in evidence.rglob("*") if p.is_file() and not editor_file(p.relative_to(evidence))):
        parts = path.relative_to(evidence).parts
        if len(parts) == 1 and parts[0] in IGNORED_IN_EVIDENCE:
            continue
        if len(parts) == 1 and parts[0] in SINGLE_FILES:
            name = SINGLE_FILES[parts[0]][0]
            loaded, found = load_record(path, name, root)
            setattr(corpus, name, loaded)
            problems.extend(found)
            if loaded is None:
                corpus.broken_words.update(KEY_WORD.findall(path.read_bytes().decode("utf-8", "replace")))
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
            corpus.broken_words.update(KEY_WORD.findall(path.read_bytes().decode("utf-8", "replace")))
    return corpus, problems
