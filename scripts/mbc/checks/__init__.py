"""Cross-record checks. Each module exports `check(context) -> list[Problem]`; CHECKS lists them."""

from . import citations, key_order, links, pathways, plausibility, provenance, reviewers, watch

CHECKS = [citations, links, plausibility, pathways, provenance, watch, reviewers, key_order]
