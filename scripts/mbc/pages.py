"""The site's Markdown pages, rendered from the validated evidence, independent of MkDocs.

Every record kind gets its pages from its registration (mbc.kinds): an index and one page per
record, through the templates in site_templates/pages. The generic part of a page (header,
statements, back-links) comes from the model's declarations; a kind may add prepared rows of
its own below (trial results, a drug's trials, a pathway's diagram). Python prepares every list
the templates show; templates only lay them out.
"""

from datetime import date
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .crossrefs import SiteIndex
from .declarations import record_links
from .finder import finder_context
from .flowchart import flowchart
from .kinds import Kind, kinds
from .pathway_view import flatten, outline, outline_line
from .reference_format import provenance, reference_links, registry_url
from .results import current_results, result_views
from .schema.vocabulary import SECTIONS
from .setting_view import forest, history, option_rows
from .text import plain
from .views import Page
from .whats_new import WINDOW_DAYS, expected_next, recent_changes

TEMPLATES = Path("site_templates") / "pages"


def _trial_rows(page, trials) -> list[dict]:
    """A table row per trial, with the analyses no later publication replaced."""
    return [{"link": page.links([t]), "trial": page.view(t.model),
             "current": Markup("; ").join(Markup(f"{plain(text)} ") + page.cite(keys) for text, keys in current_results(t.model))}
            for t in trials]


def _drug_extras(page, record) -> dict:
    return {"events": page.view(sorted(record.model.regulatory, key=lambda e: e.date)),
            "trials": _trial_rows(page, page.site.named_by(record, "trials"))}


def _subtype_extras(page, record) -> dict:
    return {"trials": _trial_rows(page, page.site.named_by(record, "trials"))}


def _trial_extras(page, record) -> dict:
    references = page.site.references
    svg, points = history(record.model)
    return {"results": result_views(record.model, page, references),
            "nct_url": registry_url(record.model.nct) if record.model.nct else None,
            "history": points, "history_file": f"{record.id}-history.svg" if svg else None,
            "assets": {f"trials/{record.id}-history.svg": svg} if svg else {}}


def _setting_extras(page, record) -> dict:
    rows = option_rows(page, record)
    plotted = forest(rows)
    svg = plotted.svg()
    return {"rows": rows, "forest": plotted.table, "forest_file": f"{record.id}-forest.svg" if svg else None,
            "assets": {f"settings/{record.id}-forest.svg": svg} if svg else {},
            "subtype": page.ids("subtypes", [record.model.subtype])}


def _biomarker_extras(page, record) -> dict:
    """Settings whose biomarker terms are results of this biomarker's test."""
    terms = page.site.corpus.terms("biomarker")
    using = [s for s in page.site.corpus.records["settings"].values()
             if any(getattr(terms.get(t), "biomarker", None) == record.id for t in s.model.biomarkers)]
    return {"settings": page.links(sorted(using, key=lambda s: s.model.title.lower()))}


def _pathway_extras(page, record) -> dict:
    tree = outline(record.model)
    return {"outline": [outline_line(depth, item, page) for depth, item in flatten(tree)],
            **flowchart(record.model, [r.model for r in page.site.corpus.records["pathways"].values()])}


# What a kind's page shows beyond its own fields and back-links; a kind without an entry has none.
EXTRAS = {"drugs": _drug_extras, "subtypes": _subtype_extras, "trials": _trial_extras, "pathways": _pathway_extras,
          "settings": _setting_extras, "biomarkers": _biomarker_extras}


@lru_cache(maxsize=8)
def _environment(templates: Path) -> Environment:
    """One per folder and process: the preview renders again at every edit, and Jinja compiles each
    template once per environment (it checks the file's time and reloads an edited template)."""
    return Environment(loader=FileSystemLoader(templates), autoescape=False, undefined=StrictUndefined,
                       keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                       finalize=plain)  # every {{ value }} is escaped unless it is already Markup


class PageRenderer:
    def __init__(self, root: Path, site: SiteIndex, reviewers: dict) -> None:
        self.site = site
        self.reviewers = reviewers  # name -> Reviewer, for the ORCID links of reviewed records
        self.assets: dict[str, str] = {}  # files the pages embed (plots), by path
        self.env = _environment(root / TEMPLATES)

    def render(self, template: str, page, **context) -> str:
        body = self.env.get_template(template).render(**context)
        body, keys = page.citations.number(body)
        if keys:
            body += self.env.get_template("_references.md.j2").render(references=self._page_references(keys))
        return body

    def record_page(self, kind: Kind, record) -> str:
        page = Page(self.site, kind.folder)
        model = record.model
        context = {
            "record": page.view(model), "title": kind.label(model),
            "level": getattr(model, "level_of_evidence", None),
            "reviewers": [self.reviewers[name] for name in model.reviewed_by if name in self.reviewers],
            # Back-links: the records of other kinds that name this one.
            "backlinks": [{"title": other.title, "intro": other.backlink_intro, "links": page.links(named)}
                          for other in kinds().values()
                          if other.backlink_intro and (named := self.site.named_by(record, other.folder))],
        }
        context.update(EXTRAS.get(kind.folder, lambda page, record: {})(page, record))
        self.assets.update(context.pop("assets", {}))
        return self.render(kind.template, page, **context)

    def index_page(self, kind: Kind, records) -> str:
        page = Page(self.site, kind.folder)
        rows = [{"link": page.links([r]), "record": page.view(r.model),
                 # The records each one names, by kind (a biomarker's drugs, a trial's subtypes).
                 "names": {other: page.ids(other, list(dict.fromkeys(t for _, k, t in links if k == other)))
                           for other in kinds()}}
                for r in records for links in [record_links(r.model)]]
        # A kind without an index template of its own gets the generic table.
        template = kind.index_template if kind.index_template in self.env.list_templates() else "_index.md.j2"
        return self.render(template, page, title=kind.title, rows=rows)

    def vocabulary_page(self) -> str:
        page = Page(self.site, None)
        vocabulary = self.site.corpus.vocabulary.model
        sections = [{"name": name, "title": title, "terms": [
            {"id": t.id, "label": t.label, "definition": t.definition,
             "broader": page.terms(name, [t.broader]) if t.broader else "",
             "test": page.ids("biomarkers", [t.biomarker]) if t.biomarker else ""} for t in vocabulary.section(name)]}
            for name, title in SECTIONS.items()]
        return self.render("vocabulary.md.j2", page, vocabulary=vocabulary, sections=sections)

    def finder_page(self) -> str:
        page = Page(self.site, None)
        return self.render("finder.md.j2", page, **finder_context(page))

    def bibliography_page(self) -> str:
        site = self.site
        entries = [{"key": ref.key, "text": site.formatted[ref.key], "provenance": provenance(ref),
                    "links": reference_links(ref, site.ncts_of_reference.get(ref.key, [])),
                    "cited_by": site.links(site.citing.get(ref.key, []))}
                   for ref in sorted(site.references.values(), key=lambda r: r.key)]
        return self.render("bibliography.md.j2", Page(site, None), entries=entries)

    def whats_new_page(self, snapshot: str) -> str:
        page = Page(self.site, None)
        changes = [{"day": c.day, "link": page.links([c.record]), "kind": c.kind, "what": c.what, "cites": page.cite(c.cites)}
                   for c in recent_changes(self.site.corpus, date.fromisoformat(snapshot))]
        watch = [{"item": page.view(item), "drugs": page.ids("drugs", item.drugs), "trials": page.ids("trials", item.trials)}
                 for item in expected_next(self.site.corpus.watch)]
        return self.render("whats_new.md.j2", page, snapshot=snapshot, changes=changes, watch=watch, window=WINDOW_DAYS)

    def _page_references(self, keys: list[str]) -> list[dict]:
        site = self.site
        return [{"number": n, "key": key, "text": site.formatted[key], "provenance": provenance(site.references[key]),
                 "links": reference_links(site.references[key], site.ncts_of_reference.get(key, []))}
                for n, key in enumerate(keys, start=1)]


def generate_pages(evidence, root: Path) -> dict[str, str]:
    """Every generated page: one per record, an index per kind, the bibliography, what's new, the
    vocabulary and the evidence finder, with the plots the pages embed (SVG files beside them)."""
    site = SiteIndex(evidence)
    renderer = PageRenderer(root, site, evidence.reviewers.by_name)
    pages: dict[str, str] = {}
    for kind in kinds().values():
        ordered = sorted(site.corpus.records[kind.folder].values(), key=lambda r: site.label(r).lower())
        pages[f"{kind.folder}/index.md"] = renderer.index_page(kind, ordered)
        for record in ordered:
            pages[f"{kind.folder}/{record.id}.md"] = renderer.record_page(kind, record)
    pages["references.md"] = renderer.bibliography_page()
    pages["whats-new.md"] = renderer.whats_new_page(evidence.snapshot_date)
    if site.corpus.vocabulary:
        pages["vocabulary.md"] = renderer.vocabulary_page()
    pages["finder.md"] = renderer.finder_page()
    return pages | renderer.assets
