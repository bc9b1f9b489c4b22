"""Citation completeness: every fact cites, every key exists, every entry is cited."""

from ..citations import citation_sites, cited_by
from ..problems import Problem, Rule
from .context import CheckContext

RULES = [
    Rule("CITE-MISSING", "error", "Every statement, result, regulatory event, treatment line and pathway action cites at least one reference."),
    Rule("CITE-UNKNOWN", "error", "Every cited key exists in evidence/references.bib."),
    Rule("BIB-UNCITED", "error", "Every bibliography entry is cited by at least one record."),
]


def check(context: CheckContext) -> list[Problem]:
    problems: list[Problem] = []
    references = context.bibliography.references
    records = context.corpus.all() + ([context.corpus.watch] if context.corpus.watch else [])
    for record in records:
        for site in citation_sites(record.model):
            if site.required and not site.keys:
                problems.append(record.problem(site.loc, "CITE-MISSING", f"{site.what} cites no reference",
                                               hint="add a citation such as [@baselga2012] (or a key in its cites/source list)"))
            for i, key in enumerate(site.keys):
                if context.bibliography.missing(key):
                    problems.append(record.citation_problem(site.loc, key, site.keys[:i].count(key), "CITE-UNKNOWN",
                                                            f"{site.what} cites '{key}', which is not in the bibliography",
                                                            hint="add the entry to evidence/references.bib, or fix the key's spelling"))
    citing = set(cited_by(context.corpus))
    if context.corpus.watch:
        citing |= {key for site in citation_sites(context.corpus.watch.model) for key in site.keys}
    for ref in references.values():
        if ref.key not in citing and ref.key not in context.corpus.broken_words:
            problems.append(Problem(context.bibliography.path, *ref.at(), "BIB-UNCITED", f"entry '{ref.key}' is not cited by any record",
                                    hint="cite it where it supports a statement, or delete it"))
    return problems
