"""The evidence finder page: every setting with its options table and forest plot, marked with its
vocabulary terms so that a small script (content/assets/javascripts/finder.js) can filter them in
the browser. Everything the script needs is in the page: no data is fetched, so the finder works
from file:// in the offline bundle, and without JavaScript the page is the plain list of settings."""

from .matching import lineage
from .schema.vocabulary import SECTIONS
from .setting_view import forest, option_rows

LINE_ORDER = {"first-line": 0, "second-line": 1, "later-line": 2, "any-line": 3}


def _choices(page, section: str) -> list[dict]:
    """The terms a reader can pick, each with its broader terms (picking a narrower term covers them)."""
    terms = page.site.corpus.terms(section)
    return [{"id": t.id, "label": t.label, "definition": t.definition, "lineage": " ".join(lineage(t.id, terms))}
            for t in terms.values()]


def finder_context(page) -> dict:
    corpus = page.site.corpus
    records = sorted(corpus.records["settings"].values(),
                     key=lambda r: (r.model.subtype, LINE_ORDER.get(r.model.line, 9), r.model.title.lower()))
    settings = []
    for record in records:
        rows = option_rows(page, record)
        table = forest(rows).table
        settings.append({"record": record.model, "link": page.links([record]), "rows": rows, "forest": table,
                         "forest_src": f"settings/{record.id}-forest.svg" if table else None,
                         "terms": {name: page.terms(name, value) for name, value in
                                   (("line", [record.model.line]), ("exposure", record.model.prior_exposure),
                                    ("biomarker", record.model.biomarkers))}})
    used_subtypes = sorted({r.model.subtype for r in records})
    return {"settings": settings, "sections": SECTIONS,
            "subtypes": [{"id": s, "label": page.site.link("subtypes", s).label} for s in used_subtypes],
            "lines": _choices(page, "line"), "exposures": _choices(page, "exposure"), "biomarkers": _choices(page, "biomarker")}
