"""Citation completeness: every fact cites, every key exists, every entry is cited."""

from ..citations import citation_sites, cited_by
from ..problems import Problem
from .context import CheckContext


def check(context: CheckContext) -> list[Problem]:
    problems: list[Problem] = []
    references = context.bibliography.references
    records = context.corpus.all() + ([context.corpus.watch] if context.corpus.watch else [])
    for record in records:
        for site in citation_sites(record.model):
            if site.required and not site.keys:
                problems.append(record.problem(site.loc, "CITE-MISSING", f"{site.what} cites no reference",
                                               hint="add a citation such as [@baselga2012] (or a key in its cites/source list)"))
            for key in site.keys:
                if key not in references:
                    problems.append(record.problem(site.loc, "CITE-UNKNOWN", f"{site.what} cites '{key}', which is not in the bibliography",
                                                   hint="add the entry to evidence/references.bib, or fix the key's spelling"))
    citing = set(cited_by(context.corpus))
    if context.corpus.watch:
        citing |= {key for site in citation_sites(context.corpus.watch.model) for key in site.keys}
    for ref in references.values():
        if ref.key not in citing:
            problems.append(Problem(context.bibliography.path, ref.line, 1, "BIB-UNCITED", f"entry '{ref.key}' is not cited by any record",
                                    hint="cite it where it supports a statement, or delete it"))
    return problems
