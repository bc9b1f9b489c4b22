"""The clinical reviewers, identified once: evidence/reviewers.yaml holds each reviewer's name,
ORCID iD and affiliation, and a record's reviewed_by names reviewers from it.

An ORCID iD ends in an ISO 7064 MOD 11-2 check digit (python-stdnum computes it), so a
mistyped iD is caught here rather than linking a page to somebody else's record.
"""

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup
from pydantic import StringConstraints, ValidationError
from stdnum.iso7064 import mod_11_2
from typing_extensions import Annotated

from .problems import Problem, Rule, relative
from .schema_errors import schema_problems
from .schema import Strict, field
from .yaml_source import load_yaml, position

REVIEWERS_PATH = Path("evidence") / "reviewers.yaml"
RULES = [Rule("REVIEWER-ORCID", "error",
               "A reviewer's ORCID iD ends in its check digit (ISO 7064 MOD 11-2), so a mistyped iD is caught.")]
ORCID_PATTERN = r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$"


class Reviewer(Strict):
    name: str = field("The name as records write it in reviewed_by.", "Josiah Carberry", min_length=1)
    orcid: Annotated[str, StringConstraints(pattern=ORCID_PATTERN)] = field(
        "The reviewer's ORCID iD: four groups of four characters, the last a check digit (0-9 or X).", "0000-0002-1825-0097")
    affiliation: str = field("Institution and department, as the reviewer wishes it shown.",
                             "Brown University, Department of Psychoceramics", min_length=1)

    @property
    def url(self) -> Markup:
        # The pattern above allows only digits, hyphens and X: the address is safe as a link target.
        return Markup(f"https://orcid.org/{self.orcid}")


class ReviewersFile(Strict):
    reviewers: list[Reviewer] = field("Everyone who may be named in a record's reviewed_by.", [], default_factory=list)


@dataclass
class Reviewers:
    path: str
    by_name: dict[str, Reviewer]


def load_reviewers(root: Path) -> tuple[Reviewers, list[Problem]]:
    """The reviewers file; absent, nobody can be named as a reviewer."""
    path = root / REVIEWERS_PATH
    shown = relative(path, root)
    if not path.exists():
        return Reviewers(shown, {}), []
    loaded = load_yaml(path, shown)
    if loaded.data is None:
        return Reviewers(shown, {}), loaded.problems
    try:
        listed = ReviewersFile.model_validate(loaded.data).reviewers
    except ValidationError as error:
        return Reviewers(shown, {}), schema_problems(error, ReviewersFile, loaded.data, shown)
    problems = []
    for i, reviewer in enumerate(listed):
        if not mod_11_2.is_valid(reviewer.orcid.replace("-", "")):
            line, column = position(loaded.data, ("reviewers", i, "orcid"))
            problems.append(Problem(shown, line, column, "REVIEWER-ORCID",
                                    f"'{reviewer.orcid}' of {reviewer.name} fails the ORCID check digit",
                                    hint="copy the iD from the reviewer's own ORCID record; a digit is mistyped or swapped"))
    return Reviewers(shown, {reviewer.name: reviewer for reviewer in listed}), problems
