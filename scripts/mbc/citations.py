"""Where records cite references, and the pandoc-style citation syntax ([@key; @other])."""

import re
from dataclasses import dataclass

from .records import Corpus, Record

CITATION_GROUP = re.compile(r"\[((?:\s*@[A-Za-z0-9_:.\-]+\s*;?)+)\]")
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


def citation_sites(record: Record) -> list[CitationSite]:
    """Every place of a record that cites or must cite, in reading order."""
    model = record.model
    sites: list[CitationSite] = []

    def text(loc, value, required, what):
        sites.append(CitationSite(loc, tuple(keys_in_text(value)), required, what))

    def listed(loc, keys, extra_text, required, what):
        sites.append(CitationSite(loc, tuple(keys) + tuple(keys_in_text(extra_text)), required, what))

    if record.kind == "subtypes":
        for i, line in enumerate(model.treatment):
            text(("treatment", i, "summary"), line.summary, True, f"treatment line '{line.line}'")
    elif record.kind == "drugs":
        text(("mechanism",), model.mechanism, True, "the mechanism")
        for i, event in enumerate(model.regulatory):
            listed(("regulatory", i, "cites"), event.cites, None, True, f"the {event.agency} {event.event} of {event.date}")
        for i, toxicity in enumerate(model.toxicities):
            text(("toxicities", i, "text"), toxicity.text, True, "a toxicity")
    elif record.kind == "trials":
        for i, result in enumerate(model.results):
            listed(("results", i, "source"), result.source, result.note, True, f"result '{result.id}'")
            listed(("results", i, "checked_against"), result.checked_against, None, False, f"the check of result '{result.id}'")
    elif record.kind == "biomarkers":
        for name in ("who", "when", "sample", "method"):
            text((name,), getattr(model, name), True, f"the '{name}' field")
        for i, option in enumerate(model.options):
            text(("options", i, "summary"), option.summary, True, f"the option '{option.result}'")
    elif record.kind == "pathways":
        text(("summary",), model.summary, False, "the summary")
        for i, node in enumerate(model.nodes):
            listed(("nodes", i, "cites"), node.cites, node.text, node.type == "action", f"{node.type} node '{node.id}'")
    for i, statement in enumerate(model.statements):
        text(("statements", i, "text"), statement.text, True, "a statement")
    if model.retired_reason:
        text(("retired_reason",), model.retired_reason, False, "the retirement reason")
    return sites


def cited_by(corpus: Corpus) -> dict[str, list[Record]]:
    """For each key, the records citing it, in corpus order."""
    citing: dict[str, list[Record]] = {}
    for record in corpus.all():
        for key in dict.fromkeys(k for site in citation_sites(record) for k in site.keys):
            citing.setdefault(key, []).append(record)
    return citing
