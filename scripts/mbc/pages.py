"""Generate the site's Markdown pages from the validated evidence, independent of MkDocs.

`generate_pages` returns {path: Markdown}; the MkDocs hook serves them as virtual files
and `python -m mbc generate DIR` writes them to a folder, so the pipeline can outlive
the site generator. Python prepares every list the templates show (sorting, back-links,
superseded results); templates only lay them out.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .citations import cited_by
from .diagram import render_svg
from .pathway_view import flatten, outline
from .references import PageCitations, format_references, reference_links, registry_url
from .results import current_results, median_text, result_views
from .schema import KIND_TITLES
from .text import plain
from .validate import Evidence

TEMPLATES = Path("site_templates") / "pages"
DISCLAIMER = ("Reference material for health professionals, not advice for patients. It records what trials "
              "and labels report; it does not replace clinical judgement or current guidelines.")


@dataclass(frozen=True)
class RecordLink:
    """A link from one generated page to a record page, as Markdown."""

    kind: str
    id: str
    label: str

    def markdown(self, from_kind: str | None) -> Markup:
        prefix = f"../{self.kind}/" if from_kind else f"{self.kind}/"
        return Markup(f"[{plain(self.label)}]({prefix}{self.id}.md)")


def _label(record) -> str:
    model = record.model
    return getattr(model, "acronym", None) or getattr(model, "name", None) or getattr(model, "title", None) or model.id


class SiteModel:
    """Everything derived across records: labels, back-links and formatted references."""

    def __init__(self, evidence: Evidence, directory_urls: bool = True) -> None:
        self.directory_urls = directory_urls
        self.corpus = evidence.corpus
        self.references = evidence.bibliography.references
        self.formatted = format_references(evidence.bibliography)
        self.citing = cited_by(self.corpus)
        self.reviewers = evidence.reviewers.by_name
        self.trials_of_drug: dict[str, list] = {}
        self.trials_of_subtype: dict[str, list] = {}
        self.pathways_of: dict[tuple[str, str], list] = {}
        self.biomarkers_of: dict[tuple[str, str], list] = {}
        self.ncts_of_reference: dict[str, list[str]] = {}
        for trial in sorted(self.corpus.records["trials"].values(), key=lambda r: _label(r).lower()):
            for drug in sorted({d for arm in trial.model.arms for d in arm.drugs}):
                self.trials_of_drug.setdefault(drug, []).append(trial)
            for subtype in trial.model.subtypes:
                self.trials_of_subtype.setdefault(subtype, []).append(trial)
            for result in trial.model.results:
                for key in result.source:
                    if trial.model.nct and trial.model.nct not in self.ncts_of_reference.setdefault(key, []):
                        self.ncts_of_reference[key].append(trial.model.nct)
        for pathway in sorted(self.corpus.records["pathways"].values(), key=lambda r: r.id):
            named = {("subtypes", s) for s in pathway.model.subtypes}
            for node in pathway.model.nodes:
                named |= {(kind, value) for kind in ("drugs", "trials", "subtypes") for value in getattr(node, kind, [])}
            for target in sorted(named):
                self.pathways_of.setdefault(target, []).append(pathway)
        for biomarker in sorted(self.corpus.records["biomarkers"].values(), key=lambda r: _label(r).lower()):
            named = {("subtypes", s) for s in biomarker.model.subtypes}
            named |= {("drugs", d) for d in self.opened_drugs(biomarker.model)}
            named |= {("trials", t) for option in biomarker.model.options for t in option.trials}
            for target in sorted(named):
                self.biomarkers_of.setdefault(target, []).append(biomarker)

    @staticmethod
    def opened_drugs(biomarker) -> list[str]:
        """The drug ids a biomarker's options open, first mention first."""
        return list(dict.fromkeys(d for option in biomarker.options for d in option.drugs))

    def link(self, kind: str, record_id: str) -> RecordLink:
        record = self.corpus.get(kind, record_id)
        return RecordLink(kind, record_id, _label(record) if record else record_id)

    def links(self, records) -> list[RecordLink]:
        return [RecordLink(r.kind, r.id, _label(r)) for r in records]

    def url_from_record_page(self, kind: str, record_id: str) -> str:
        """The built URL of a record page, relative to another record page."""
        return f"../../{kind}/{record_id}/" if self.directory_urls else f"../{kind}/{record_id}.html"

    def node_links(self, item) -> list[tuple[str, str]]:
        """The records a pathway node names, as (label, url) for the diagram."""
        named = [("subtypes", i) for i in item.subtypes] + [("drugs", i) for i in item.drugs] + [("trials", i) for i in item.trials]
        if item.pathway:
            named.append(("pathways", item.pathway))
        return [(self.link(kind, i).label, self.url_from_record_page(kind, i)) for kind, i in named]


class PageRenderer:
    def __init__(self, root: Path, site: SiteModel) -> None:
        self.site = site
        self.env = Environment(loader=FileSystemLoader(root / TEMPLATES), autoescape=False, undefined=StrictUndefined,
                               keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                               finalize=plain)  # every {{ value }} is escaped unless it is already Markup

    def render(self, template: str, from_kind: str | None, **context) -> str:
        citations = PageCitations()
        site = self.site

        def links(records) -> Markup:
            """Markdown links to records (Record or RecordLink), comma-separated."""
            targets = [r if isinstance(r, RecordLink) else site.links([r])[0] for r in records]
            return Markup(", ").join(t.markdown(from_kind) for t in targets)

        def ids(kind: str, record_ids) -> Markup:
            return links([site.link(kind, record_id) for record_id in record_ids])

        def anchor(name: str) -> Markup:
            return Markup("{#" + plain(name) + "}")

        body = self.env.get_template(template).render(
            md=citations.markdown, cite=citations.group, links=links, ids=ids, anchor=anchor,
            median=median_text, current_results=current_results,
            site=site, disclaimer=DISCLAIMER, **context)
        body, keys = citations.number(body)
        if keys:
            body += self.env.get_template("_references.md.j2").render(references=self._page_references(keys))
        return body

    def _page_references(self, keys: list[str]) -> list[dict]:
        site = self.site
        return [{"number": n, "key": key, "text": site.formatted[key], "verified": site.references[key].verified,
                 "links": reference_links(site.references[key], site.ncts_of_reference.get(key, []))}
                for n, key in enumerate(keys, start=1)]


def generate_pages(evidence: Evidence, root: Path, directory_urls: bool = True) -> dict[str, str]:
    """Every generated page: one per record, an index per kind and the bibliography.

    directory_urls says how the site generator will name pages (trials/x/ or trials/x.html);
    only the diagrams need it, because their links sit inside raw SVG that MkDocs does not rewrite.
    """
    site = SiteModel(evidence, directory_urls)
    renderer = PageRenderer(root, site)
    pages: dict[str, str] = {}
    for kind, records in site.corpus.records.items():
        ordered = sorted(records.values(), key=lambda r: _label(r).lower())
        pages[f"{kind}/index.md"] = renderer.render(f"index_{kind}.md.j2", kind, title=KIND_TITLES[kind], records=ordered)
        for record in ordered:
            pages[f"{kind}/{record.id}.md"] = renderer.render(f"{kind[:-1]}.md.j2", kind, **_record_context(site, record))
    pages["references.md"] = renderer.render("bibliography.md.j2", None, entries=_bibliography_entries(site))
    return pages


def _record_context(site: SiteModel, record) -> dict:
    key = (record.kind, record.id)
    context = {"record": record.model, "kind": record.kind, "pathways": site.links(site.pathways_of.get(key, [])),
               "biomarkers": site.links(site.biomarkers_of.get(key, [])),
               "reviewers": [site.reviewers[name] for name in record.model.reviewed_by if name in site.reviewers]}
    if record.kind == "drugs":
        context["trials"] = site.trials_of_drug.get(record.id, [])
    if record.kind == "subtypes":
        context["trials"] = site.trials_of_subtype.get(record.id, [])
    if record.kind == "trials":
        context["results"] = result_views(record.model)
        context["nct_url"] = registry_url(record.model.nct) if record.model.nct else None
    if record.kind == "pathways":
        tree = outline(record.model)
        # Four spaces per level nest the Markdown list; Markup keeps them from being escaped.
        context["outline"] = [(Markup("    " * depth), item) for depth, item in flatten(tree)]
        context["diagram"] = render_svg(tree, record.model.title, site.node_links)
    return context


def _bibliography_entries(site: SiteModel) -> list[dict]:
    return [{"key": ref.key, "text": site.formatted[ref.key], "verified": ref.verified,
             "links": reference_links(ref, site.ncts_of_reference.get(ref.key, [])),
             "cited_by": site.links(site.citing.get(ref.key, []))}
            for ref in sorted(site.references.values(), key=lambda r: r.key)]


def export_json(evidence: Evidence) -> str:
    """The machine-readable export: every record and reference, sorted, stable across builds."""
    data = {
        "records": {kind: {rid: r.model.model_dump(mode="json") for rid, r in sorted(records.items())}
                    for kind, records in evidence.corpus.records.items()},
        "references": {key: dict(sorted(ref.fields.items(), key=lambda kv: kv[0])) | {
            "authors": [f"{a.family}, {a.given}" if a.given else a.family for a in ref.authors] + (["others"] if ref.more_authors else [])}
            for key, ref in sorted(evidence.bibliography.references.items())},
    }
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def write_pages(evidence: Evidence, root: Path, out: Path) -> int:
    from .exports import data_exports  # exports builds on export_json above

    pages = generate_pages(evidence, root) | data_exports(evidence, root)
    for path, text in pages.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    return len(pages)
