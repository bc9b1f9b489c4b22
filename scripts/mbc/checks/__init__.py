"""Cross-record checks. Each module exports `check(context) -> list[Problem]`; CHECKS lists them."""

from . import citation_completeness, links, pathways, plausibility, provenance, settings, vocabulary, watch

CHECKS = [citation_completeness, links, plausibility, pathways, provenance, settings, vocabulary, watch]
