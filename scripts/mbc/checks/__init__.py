"""Checks. Those across records export `check(context) -> list[Problem]` and are listed in CHECKS;
those of one record on its own export `check_record(record) -> list[Problem]`, are listed in
RECORD_CHECKS and run while the record is loaded, so their problems are cached with it."""

from . import (citation_completeness, key_order, links, pathways, plausibility, provenance, reviewers, settings, urls,
               vocabulary, watch)

CHECKS = [citation_completeness, links, plausibility, pathways, provenance, settings, urls, vocabulary, watch, reviewers]
RECORD_CHECKS = [provenance, key_order]
