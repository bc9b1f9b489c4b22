"""Controlled vocabularies: every term a record uses exists in its section of evidence/vocabulary.yaml,
term ids are unique, and a term's broader term is another term of the same section."""

from collections import Counter

from ..declarations import record_terms
from ..problems import Problem, Rule
from ..schema.vocabulary import SECTIONS
from .context import CheckContext

RULES = [
    Rule("TERM-UNKNOWN", "error", "Every line, exposure and biomarker term a record uses is defined in evidence/vocabulary.yaml."),
]


def _vocabulary_problems(record) -> list[Problem]:
    problems = []
    for section in SECTIONS:
        terms = record.model.section(section)
        counts = Counter(term.id for term in terms)
        for i, term in enumerate(terms):
            if counts[term.id] > 1:
                problems.append(record.problem((section, i, "id"), "ID-DUPLICATE", f"the term id '{term.id}' is used twice in '{section}'",
                                               hint="give each term its own id"))
            if term.broader is not None and (term.broader not in counts or term.broader == term.id):
                problems.append(record.problem((section, i, "broader"), "TERM-UNKNOWN",
                                               f"term '{term.id}' names '{term.broader}' as broader, which is not another {section} term",
                                               hint=f"use the id of another term of '{section}'"))
    return problems


def check(context: CheckContext) -> list[Problem]:
    corpus = context.corpus
    problems = _vocabulary_problems(corpus.vocabulary) if corpus.vocabulary else []
    for record in corpus.all():
        for loc, section, term in record_terms(record.model):
            known = corpus.terms(section)
            if term not in known:
                hint = (f"use one of: {', '.join(sorted(known))}; or add the term, with its label and definition, to "
                        f"'{section}' in evidence/vocabulary.yaml") if known else "add evidence/vocabulary.yaml with its terms"
                problems.append(record.problem(loc, "TERM-UNKNOWN", f"'{term}' is not a term of the {section} vocabulary", hint=hint))
    return problems
