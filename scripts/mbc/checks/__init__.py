"""Cross-record checks. Each module exports `check(context) -> list[Problem]`; CHECKS lists them."""

from . import citations, links, pathways, plausibility, reviewers

CHECKS = [citations, links, plausibility, pathways, reviewers]
