"""Cross-record checks. Each module exports `check(context) -> list[Problem]`; CHECKS lists them."""

from . import (citation_completeness, key_order, links, pathways, plausibility, provenance, reviewers, settings, urls,
               vocabulary, watch)

CHECKS = [citation_completeness, links, plausibility, pathways, provenance, settings, urls, vocabulary, watch, reviewers,
          key_order]
