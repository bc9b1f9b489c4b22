"""Every reviewer a record names is one of the reviewers listed, with an ORCID iD, in evidence/reviewers.yaml."""

import difflib

from ..problems import Problem, Rule
from .context import CheckContext

RULES = [Rule("REVIEWER-UNKNOWN", "error", "Every name in reviewed_by is a reviewer listed in evidence/reviewers.yaml.")]


def check(context: CheckContext) -> list[Problem]:
    known = context.reviewers.by_name
    problems: list[Problem] = []
    for record in context.corpus.all():
        for i, name in enumerate(record.model.reviewed_by):
            if name not in known:
                close = difflib.get_close_matches(name, list(known), n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                problems.append(record.problem(("reviewed_by", i), "REVIEWER-UNKNOWN", f"'{name}' is not in {context.reviewers.path}",
                                               hint=hint + "add the reviewer (name, orcid, affiliation) to that file, "
                                                           "or name a listed reviewer"))
    return problems
