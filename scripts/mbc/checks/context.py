"""What every cross-record check receives."""

from dataclasses import dataclass
from datetime import date

from ..bibliography import Bibliography
from ..records import Corpus
from ..reviewers import Reviewers


@dataclass
class CheckContext:
    corpus: Corpus
    bibliography: Bibliography
    today: date
    reviewers: Reviewers
