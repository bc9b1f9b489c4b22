"""Cross-record checks. Each module exports `check(context) -> list[Problem]`; CHECKS lists them."""

from . import citation_completeness, links, pathways, plausibility, provenance, settings, urls, vocabulary, watch

CHECKS = [citation_completeness, links, plausibility, pathways, provenance, settings, urls, vocabulary, watch]
