"""Provenance: every result says which page its numbers were read on, and clinical text holds no
remarks about verification (that belongs to the bibliography and the result's checked_against)."""

import re

from ..problems import Problem, Rule
from ..results import has_numbers
from .context import CheckContext

RULES = [
    Rule("RESULT-UNCHECKED", "warning", "Every result with numbers names, in checked_against, the page its numbers were read on."),
    Rule("TEXT-PROVENANCE", "error", "Clinical text holds no remarks on verification; provenance lives in the bibliography and checked_against."),
]

# Words that say something about how a source was checked, not about the patient or the drug.
PROVENANCE_REMARK = re.compile(r"\b(?:not|un)[ -]?verified\b|\bmirror cop(?:y|ies)\b", re.IGNORECASE)


def _remark_problems(record, data, loc=()) -> list[Problem]:
    """Walk the raw record: any text anywhere is clinical text to a reader."""
    problems = []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        if isinstance(value, str):
            match = PROVENANCE_REMARK.search(value)
            if match:
                problems.append(record.text_problem(loc + (key,), PROVENANCE_REMARK, "TEXT-PROVENANCE",
                                                    f"the text says '{match.group(0)}': provenance does not belong in clinical text",
                                                    hint="record how a reference was checked in its verified_* fields "
                                                         "and a result's in checked_against; remove facts you could not check"))
        else:
            problems.extend(_remark_problems(record, value, loc + (key,)))
    return problems


def _unchecked_problems(record, references) -> list[Problem]:
    problems = []
    for i, result in enumerate(record.model.results):
        if not has_numbers(result):
            continue
        # An unknown key is CITE-UNKNOWN and an unverified entry BIB-UNVERIFIED: each cause is reported once.
        if not result.checked_against:
            problems.append(record.problem(("results", i, "id"), "RESULT-UNCHECKED",
                                           f"result '{result.id}' does not name the page its numbers were read on",
                                           hint="list in checked_against the bibliography key of the page you read the numbers on "
                                                "(the paper, an FDA label, the registry record or a review), and verify that entry"))
    return problems


def check_record(record) -> list[Problem]:
    """Remarks in the record's own text (the vocabulary's definitions are not clinical text)."""
    return [] if record.kind == "vocabulary" else _remark_problems(record, record.data)


def check(context: CheckContext) -> list[Problem]:
    problems: list[Problem] = []
    for record in context.corpus.records["trials"].values():
        problems.extend(_unchecked_problems(record, context.bibliography.references))
    return problems
