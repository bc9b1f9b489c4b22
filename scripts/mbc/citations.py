"""Where records cite references: the pandoc-style syntax ([@key; @other]) and the places the
models declare as citing (see mbc.declarations)."""

import re
from dataclasses import dataclass

from .declarations import declared_fields
from .records import Corpus, Record

# Possessive quantifiers (*+, ++, ?+) never give back what they matched: the nested repetition
# cannot backtrack, so an unclosed "[@a  @a  @a ..." costs linear time instead of exponential.
CITATION_GROUP = re.compile(r"\[((?:\s*+@[A-Za-z0-9_:.\-]++\s*+;?+)++)\]")
CITATION_KEY = re.compile(r"@([A-Za-z0-9_:.\-]+)")


def keys_in_text(text: str | None) -> list[str]:
    """Citation keys in Markdown text, in order of appearance."""
    if not text:
        return []
    return [key for group in CITATION_GROUP.finditer(text) for key in CITATION_KEY.findall(group.group(1))]


@dataclass(frozen=True)
class CitationSite:
    loc: tuple  # where in the record, for error positions
    keys: tuple[str, ...]
    required: bool  # a place that states a fact must cite
    what: str  # how the place is named in messages


def _keys(value) -> list[str]:
    return list(value) if isinstance(value, list) else keys_in_text(value)


def citation_sites(model) -> list[CitationSite]:
    """Every place of a record that cites or must cite, in reading order.

    A field named by a sibling's cites_with (a result's note, a node's text) is read as part of
    that sibling's place rather than as a place of its own.
    """
    fields = [d for d in declared_fields(model) if d.cites]
    absorbed = {(id(d.owner), d.cites_with) for d in fields if d.cites_with}
    sites = []
    for declared in fields:
        if (id(declared.owner), declared.name) in absorbed:
            continue
        keys = _keys(declared.value)
        if declared.cites_with:
            keys += keys_in_text(getattr(declared.owner, declared.cites_with))
        sites.append(CitationSite(declared.loc, tuple(keys), declared.cites == "required", declared.describe()))
    return sites


def cited_by(corpus: Corpus) -> dict[str, list[Record]]:
    """For each key, the records citing it, in corpus order."""
    citing: dict[str, list[Record]] = {}
    for record in corpus.all():
        for key in dict.fromkeys(k for site in citation_sites(record.model) for k in site.keys):
            citing.setdefault(key, []).append(record)
    return citing
