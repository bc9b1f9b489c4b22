""""Cite this page": every record page cites itself (title, site, version, date, permanent address)
and offers that citation with the references the record cites as RIS and BibTeX files.

The files are written by the same writers as the bibliography downloads (mbc.exports).
"""

from dataclasses import dataclass
from pathlib import Path

import yaml

from bibtexparser.model import Entry, Field

from .citations import citation_sites
from .exports import bibtex_entries, bibtex_joined, ris
from .kinds import kinds
from .release import version
from .text import plain
from .validate import Evidence

CITE_DIR = "cite"
AUTHOR = "MBC Evidence contributors"


@dataclass(frozen=True)
class Site:
    """What a citation says about the site: its name, address and version."""

    name: str
    url: str  # the hosted site's address, ending in /
    version: str
    directory_urls: bool  # MkDocs' use_directory_urls: kind/id/ rather than kind/id.html

    @classmethod
    def of(cls, root: Path) -> "Site":
        config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
        return cls(config.get("site_name", ""), config.get("site_url", ""), version(root),
                   config.get("use_directory_urls", True))

    def address(self, record) -> str:
        """The permanent address of a record's page."""
        return f"{self.url}{record.kind}/{record.id}{'/' if self.directory_urls else '.html'}"


def _label(record) -> str:
    return kinds()[record.kind].label(record.model)


def _cited_keys(record) -> list[str]:
    return list(dict.fromkeys(key for site in citation_sites(record.model) for key in site.keys))


def page_citation(record, site: Site) -> str:
    """The citation of a record page as plain text, in the order reference styles use for web pages."""
    return (f"{AUTHOR}. {_label(record)}. In: {site.name}, {kinds()[record.kind].title}. Version {site.version}; "
            f"evidence last reviewed {record.model.last_reviewed.isoformat()}. {site.address(record)}")


def _self_bibtex(record, site: Site) -> Entry:
    fields = {"author": f"{{{AUTHOR}}}", "title": _label(record), "howpublished": site.name, "version": site.version,
              "year": record.model.last_reviewed.strftime("%Y"), "url": site.address(record),
              "note": f"{kinds()[record.kind].singular.capitalize()} record; evidence last reviewed {record.model.last_reviewed.isoformat()}"}
    return Entry("misc", f"mbc-{record.kind}-{record.id}", [Field(name, value) for name, value in fields.items()])


def _self_ris(record, site: Site) -> dict:
    return {"type_of_reference": "ELEC", "id": f"mbc-{record.kind}-{record.id}", "authors": [AUTHOR], "title": _label(record),
            "secondary_title": site.name, "edition": site.version, "year": record.model.last_reviewed.strftime("%Y"),
            "date": record.model.last_reviewed.isoformat(), "urls": [site.address(record)]}


def cite_files(evidence: Evidence, root, site: Site) -> dict[str, str]:
    """cite/<kind>/<id>.ris and .bib for every record: the page first, then the references it cites."""
    entries = bibtex_entries(root)
    references = evidence.bibliography.references
    files = {}
    for record in evidence.corpus.all():
        keys = [key for key in _cited_keys(record) if key in references]
        base = f"{CITE_DIR}/{record.kind}/{record.id}"
        files[f"{base}.bib"] = bibtex_joined([_self_bibtex(record, site)] + [entries[key] for key in keys if key in entries])
        files[f"{base}.ris"] = ris([references[key] for key in keys], first=_self_ris(record, site))
    return files


def cite_section(record, site: Site, references: int) -> str:
    """The Markdown appended to a record page; links are relative to the page (kind/id.md)."""
    base = f"../{CITE_DIR}/{record.kind}/{record.id}"
    cited = f"and the {references} reference{'s' if references != 1 else ''} this record cites " if references else ""
    # plain() escapes the record's own text; the rest is ours, and ids are slugs.
    return (f"\n## Cite this page\n\n<p class=\"mbc-cite\">{plain(page_citation(record, site))}</p>\n\n"
            f"Download this citation {cited}for a reference manager: [RIS]({base}.ris) · [BibTeX]({base}.bib)\n")


def cite_sections(evidence: Evidence, site: Site) -> dict[str, str]:
    """Generated page path -> its "Cite this page" section."""
    references = evidence.bibliography.references
    return {f"{record.kind}/{record.id}.md": cite_section(record, site, sum(1 for k in _cited_keys(record) if k in references))
            for record in evidence.corpus.all()}
