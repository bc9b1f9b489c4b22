"""The bibliography: evidence/references.bib read with bibtexparser, checked, and typed.

bibtexparser 2 keeps going past malformed blocks (failed_blocks) and turns stray text
into implicit comments; both are reported here so no entry is lost without a word.
"""

import logging
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import bibtexparser
from bibtexparser import middlewares
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, ImplicitComment, ParsingFailedBlock
from pylatexenc.latex2text import LatexNodes2Text

from .cache import cached
from .problems import Problem, Rule, relative

RULES = [
    Rule("BIB-PARSE", "error", "Every block of the bibliography parses as a BibTeX entry; nothing is skipped."),
    Rule("BIB-DUPLICATE-KEY", "error", "Each bibliography key is used by one entry only, even written in another case."),
    Rule("BIB-FIELD-MISSING", "error", "Every article has author, title, journal and year; a regulator's page (@misc) has author, title, year and url."),
    Rule("BIB-NO-IDENTIFIER", "warning", "Every article records its DOI or PMID, so readers can reach it; until then it is flagged."),
    Rule("BIB-ID-FORMAT", "error", "DOI, PMID and PMCID fields are well-formed."),
    Rule("BIB-DUPLICATE-ID", "error", "No two entries share a DOI or a PMID."),
    Rule("BIB-UNVERIFIED", "warning", "Every entry records how it was verified: verified_source, verified_url and verified_on."),
]

BIB_PATH = Path("evidence") / "references.bib"
ID_PATTERNS = {
    "doi": re.compile(r"^10\.\d{4,9}/\S+$"),
    "pmid": re.compile(r"^[1-9]\d{0,8}$"),
    "pmcid": re.compile(r"^PMC\d+$"),
}
# Journal articles, or a regulator's own web page (@misc) for a regulatory decision.
REQUIRED_FIELDS = {"article": ("author", "title", "journal", "year"), "misc": ("author", "title", "year", "url")}
# bibtexparser logs each aborted block on its own; every failed block is reported as a BIB-PARSE
# problem with file and line instead, so its log would only say the same thing twice.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
VERIFICATION_FIELDS = ("verified_source", "verified_url", "verified_on")
# The verification ladder: where a reference's fields (and numbers read on it) were checked, best
# first. The paper's own record is primary; a regulator's label or assessment report, the trial's
# registry record and a peer-reviewed secondary source that reports it are the rungs below.
RUNGS = {
    "primary": "the paper's own PubMed, PMC, journal or repository page",
    "regulator": "a regulator's label or assessment report (FDA, DailyMed, EMA)",
    "registry": "the trial's registry record",
    "secondary": "a peer-reviewed secondary source that reports it",
}
VERIFIED_SOURCES = {"PubMed": "primary", "PMC": "primary", "journal": "primary", "conference abstract": "primary",
                    "institutional repository": "primary", "regulator": "regulator", "registry": "registry",
                    "secondary": "secondary"}
# A PubMed or PMC label must point at the database itself: copies of a record on other hosts
# (mirrors, aggregators) can be stale or altered, so they do not count as the record.
SOURCE_ADDRESSES = {
    "PubMed": ("pubmed.ncbi.nlm.nih.gov/", "www.ncbi.nlm.nih.gov/pubmed/", "pubmed.gov/", "www.pubmed.gov/"),
    "PMC": ("pmc.ncbi.nlm.nih.gov/", "www.ncbi.nlm.nih.gov/pmc/", "europepmc.org/"),
}


def _first_line(error: Exception) -> str:
    """The first line of a parser error; an aborted block keeps its reason in abort_reason."""
    message = getattr(error, "abort_reason", None) or str(error)
    return (message.splitlines() or [type(error).__name__])[0]


def source_mismatch(source: str, url: str) -> bool:
    """True when a PubMed or PMC label points at a page outside that database."""
    address = re.sub(r"^https?://", "", url)
    return source in SOURCE_ADDRESSES and not address.startswith(SOURCE_ADDRESSES[source])


@dataclass(frozen=True)
class Author:
    family: str
    given: str


@dataclass
class Reference:
    key: str
    entry_type: str
    line: int
    fields: dict[str, str]
    authors: list[Author]
    more_authors: bool  # the entry ends with "and others"
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)  # field name -> (line, column) of the name
    column: int = 1

    def at(self, name: str | None = None) -> tuple[int, int]:
        """Line and column of a field's name, or of the entry's '@' when the field is absent."""
        return self.positions.get(name, (self.line, self.column)) if name else (self.line, self.column)

    def get(self, name: str) -> str:
        return self.fields.get(name, "").strip()

    @property
    def verified(self) -> bool:
        return (all(self.get(name) for name in VERIFICATION_FIELDS) and self.get("verified_source") in VERIFIED_SOURCES
                and not source_mismatch(self.get("verified_source"), self.get("verified_url")))

    @property
    def rung(self) -> str | None:
        """The rung of the ladder this entry was checked on, or None when it was not."""
        return VERIFIED_SOURCES[self.get("verified_source")] if self.verified else None


@dataclass
class Bibliography:
    path: str
    references: dict[str, Reference]
    # Keys of blocks that failed to parse: already reported, so citing them is not an error again.
    unreadable: set[str] = field(default_factory=set)
    complete: bool = True  # False when the file could not be read at all

    def missing(self, key: str) -> bool:
        """True when key is surely not in the bibliography (not merely in a part that failed to load)."""
        return self.complete and key not in self.references and key not in self.unreadable


BLOCK_KEY = re.compile(r"@[ \t]*[A-Za-z]+[ \t]*[{(][ \t]*([^,\s{}()]+)")


_LATEX = LatexNodes2Text()  # building a converter costs far more than using one


def _decode(latex: str) -> str:
    """Plain text of a name part: accents decoded, protective braces removed."""
    if "\\" not in latex and "{" not in latex:
        return latex.strip()
    return _LATEX.latex_to_text(latex).strip()


def _authors(raw) -> tuple[list[Author], bool]:
    authors: list[Author] = []
    more = False
    for name in raw if isinstance(raw, list) else []:
        family = _decode(" ".join(name.von + name.last))
        given = _decode(" ".join(name.first + name.jr))
        if family.lower() == "others" and not given:
            more = True
        else:
            authors.append(Author(family, given))
    return authors, more


def _column(text_lines: list[str], line: int, word: str) -> int:
    """1-based column of word on a 0-based line (case-insensitive), or 1."""
    found = text_lines[line].lower().find(word.lower()) if 0 <= line < len(text_lines) else -1
    return found + 1 if found >= 0 else 1


MAX_BRACE_DEPTH = 6  # {\'{e}} is two deep inside its field; nothing a reference needs goes past four


def _brace_depth(text: str) -> int:
    depth = deepest = 0
    for char in text:
        if char == "{":
            depth += 1
            deepest = max(deepest, depth)
        elif char == "}":
            depth -= 1
    return deepest


class _RefuseDeepBraces(middlewares.BlockMiddleware):
    """Set aside, as a failed block, an entry whose field nests braces deeper than any reference
    needs, before the LaTeX decoder sees it: decoding nested accents costs exponential time and
    deep groups exhaust the decoder's recursion."""

    def transform_entry(self, entry, library):
        for item in entry.fields:
            if isinstance(item.value, str) and _brace_depth(item.value) > MAX_BRACE_DEPTH:
                reason = ValueError(f"the field '{item.key}' nests braces more than {MAX_BRACE_DEPTH} deep")
                return ParsingFailedBlock(reason, start_line=item.start_line, raw=entry.raw)
        return entry


def load_bibliography(root: Path, today: date) -> tuple[Bibliography, list[Problem]]:
    """The bibliography and its problems; from the cache when the file, the day and the code are unchanged."""
    path = root / BIB_PATH
    shown = relative(path, root)
    if not path.exists():
        return Bibliography(shown, {}, complete=False), [Problem(shown, 1, 1, "BIB-PARSE", "the bibliography file is missing",
                                                 hint="create evidence/references.bib")]
    raw = path.read_bytes()
    return cached(root, ("bibliography", shown, today.isoformat()), raw, lambda: _parse(raw, shown, today))


def _parse(raw: bytes, shown: str, today: date) -> tuple[Bibliography, list[Problem]]:
    problems: list[Problem] = []
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line, column = before.count(b"\n") + 1, len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        return Bibliography(shown, {}, complete=False), [Problem(shown, line, column, "FILE-ENCODING", "the bibliography is not valid UTF-8",
                                                 hint="re-save the file as UTF-8")]
    library = bibtexparser.parse_string(text, append_middleware=[
        _RefuseDeepBraces(),
        # Names are split before LaTeX is decoded: decoding first would strip the braces that keep
        # an organisation ({U.S. Food and Drug Administration}) from being split at "and".
        middlewares.SeparateCoAuthors(), middlewares.SplitNameParts(), middlewares.LatexDecodingMiddleware()])
    unreadable: set[str] = set()
    for block in library.failed_blocks:
        line = block.start_line + 1
        if found := BLOCK_KEY.match(block.raw or ""):
            unreadable.add(found.group(1))
        if isinstance(block, DuplicateBlockKeyBlock):
            problems.append(Problem(shown, line, 1, "BIB-DUPLICATE-KEY", f"key '{block.key}' is already used by an earlier entry",
                                    hint="give this entry its own key, or delete the duplicate"))
        elif isinstance(block, DuplicateFieldKeyBlock):
            names = ", ".join(sorted(block.duplicate_keys))
            problems.append(Problem(shown, line, 1, "BIB-PARSE", f"the entry repeats the field(s) {names}; it was not read",
                                    hint="keep one value per field"))
        else:
            problems.append(Problem(shown, line, 1, "BIB-PARSE", f"this block is not valid BibTeX: {_first_line(block.error)}",
                                    hint="check braces, commas and the @type{key, header"))
    for comment in library.comments:
        if isinstance(comment, ImplicitComment) and comment.comment.strip():
            problems.append(Problem(shown, comment.start_line + 1, 1, "BIB-PARSE",
                                    f"text outside any entry: {comment.comment.strip()[:40]!r}",
                                    hint="remove it, or wrap a remark in @comment{...}"))
    references: dict[str, Reference] = {}
    text_lines = text.split("\n")
    first_by_case: dict[str, str] = {}
    for entry in library.entries:
        earlier = first_by_case.setdefault(entry.key.lower(), entry.key)
        if earlier != entry.key:
            # Page anchors and file names ignore case, so these two would collide on the site.
            problems.append(Problem(shown, entry.start_line + 1, 1, "BIB-DUPLICATE-KEY",
                                    f"key '{entry.key}' differs from the earlier key '{earlier}' only in case",
                                    hint="give this entry its own key, or delete the duplicate"))
            unreadable.add(entry.key)
            continue
        values = {f.key.lower(): f.value for f in entry.fields if f.key.lower() != "author"}
        values = {k: (v if isinstance(v, str) else str(v)) for k, v in values.items()}
        author_field = entry.fields_dict.get("author")
        authors, more = _authors(author_field.value if author_field else None)
        positions = {f.key.lower(): (f.start_line + 1, _column(text_lines, f.start_line, f.key)) for f in entry.fields}
        references[entry.key] = Reference(entry.key, entry.entry_type.lower(), entry.start_line + 1, values, authors, more,
                                          positions, _column(text_lines, entry.start_line, "@"))
    problems.extend(_entry_problems(references, shown, today))
    return Bibliography(shown, references, unreadable), problems


def _entry_problems(references: dict[str, Reference], shown: str, today: date) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[tuple[str, str], str] = {}
    for ref in references.values():
        if ref.entry_type not in REQUIRED_FIELDS:
            problems.append(Problem(shown, *ref.at(), "BIB-FIELD-MISSING", f"entry '{ref.key}' is a @{ref.entry_type}",
                                    hint="use @article for papers, or @misc with a url for a regulator's page"))
            continue
        required = REQUIRED_FIELDS[ref.entry_type]
        missing = [name for name in required if not (ref.authors if name == "author" else ref.get(name))]
        for name in missing:
            problems.append(Problem(shown, *ref.at(), "BIB-FIELD-MISSING", f"entry '{ref.key}' has no {name}",
                                    hint="copy it from the paper's PubMed or journal record"))
        if ref.entry_type == "article" and not (ref.get("doi") or ref.get("pmid")):
            problems.append(Problem(shown, *ref.at(), "BIB-NO-IDENTIFIER", f"entry '{ref.key}' has neither a DOI nor a PMID",
                                    hint="find the paper's PubMed or journal record and add doi and pmid"))
        for name, pattern in ID_PATTERNS.items():
            value = ref.get(name)
            if value and not pattern.match(value):
                problems.append(Problem(shown, *ref.at(name), "BIB-ID-FORMAT",
                                        f"entry '{ref.key}': {name} '{value}' is malformed",
                                        hint={"doi": "write the bare DOI, e.g. 10.1056/NEJMoa1113216 (no https://doi.org/)",
                                              "pmid": "write digits only, e.g. 22149875",
                                              "pmcid": "write PMC followed by digits, e.g. PMC5705202"}[name]
                                        + "; `make fix` removes an address or label written around it"))
            if value:
                normalised = value.lower()
                if (name, normalised) in seen and name in ("doi", "pmid"):
                    problems.append(Problem(shown, *ref.at(name), "BIB-DUPLICATE-ID",
                                            f"entry '{ref.key}' has the same {name} as '{seen[(name, normalised)]}'",
                                            hint="merge the two entries and cite one key"))
                seen.setdefault((name, normalised), ref.key)
        problems.extend(_verification_problems(ref, shown, today))
    return problems


def _verification_problems(ref: Reference, shown: str, today: date) -> list[Problem]:
    absent = [name for name in VERIFICATION_FIELDS if not ref.get(name)]
    if absent:
        return [Problem(shown, *ref.at(), "BIB-UNVERIFIED", f"entry '{ref.key}' does not record its verification ({', '.join(absent)})",
                        hint="check every field against the PubMed, PMC or journal record, then add verified_source, verified_url and verified_on")]
    problems = []
    if ref.get("verified_source") not in VERIFIED_SOURCES:
        problems.append(Problem(shown, *ref.at("verified_source"), "BIB-UNVERIFIED",
                                f"entry '{ref.key}': verified_source '{ref.get('verified_source')}' is not a known source",
                                hint=f"use one of: {', '.join(sorted(VERIFIED_SOURCES))}"))
    elif source_mismatch(ref.get("verified_source"), ref.get("verified_url")):
        problems.append(Problem(shown, *ref.at("verified_url"), "BIB-UNVERIFIED",
                                f"entry '{ref.key}': verified_source is {ref.get('verified_source')} but verified_url "
                                f"'{ref.get('verified_url')}' is not a {ref.get('verified_source')} page",
                                hint=f"check the entry on the {ref.get('verified_source')} page itself "
                                     f"({SOURCE_ADDRESSES[ref.get('verified_source')][0]}...), or label the page for what it is"))
    try:
        checked = date.fromisoformat(ref.get("verified_on"))
    except ValueError:
        problems.append(Problem(shown, *ref.at("verified_on"), "BIB-UNVERIFIED",
                                f"entry '{ref.key}': verified_on '{ref.get('verified_on')}' is not a date",
                                hint="write the date as YYYY-MM-DD"))
    else:
        if checked > today:
            problems.append(Problem(shown, *ref.at("verified_on"), "DATE-FUTURE",
                                    f"entry '{ref.key}': verified_on {checked} is in the future", hint="write the day you checked it"))
    return problems
