"""Run every validation layer and collect all problems in one pass."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .bibliography import Bibliography, load_bibliography
from .checks import CHECKS
from .checks.context import CheckContext
from .exceptions import apply_exceptions
from .problems import Problem, collapse
from .records import Corpus, load_corpus
from .rules import RULES


@dataclass
class Evidence:
    corpus: Corpus
    bibliography: Bibliography
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def snapshot_date(self) -> str:
        """The latest day any record was reviewed: the date of this evidence snapshot."""
        dates = [record.model.last_reviewed for record in self.corpus.all()]
        return max(dates).isoformat() if dates else "undated"


def validate(root: Path, today: date | None = None) -> Evidence:
    """Load and check everything under root; the corpus holds only records that loaded cleanly."""
    today = today or date.today()
    corpus, problems = load_corpus(root)
    bibliography, bib_problems = load_bibliography(root, today)
    problems += bib_problems
    context = CheckContext(corpus, bibliography, today)
    for check in CHECKS:
        problems += check.check(context)
    return Evidence(corpus, bibliography, collapse(apply_exceptions(root, problems, RULES)))
