"""The registry of validation rules: each module declares the rules it emits (RULES = [...]),
and this module collects them, in the order a file meets them, into one table."""

from . import bibliography, exceptions, records, reviewers, schema_errors, yaml_source
from .checks import (citation_completeness, key_order, links, pathways, plausibility, provenance, settings, urls,
                     vocabulary, watch)
from .checks import reviewers as reviewer_names
from .problems import Rule

DECLARING_MODULES = [yaml_source, records, schema_errors, key_order, links, reviewer_names, vocabulary, plausibility,
                     citation_completeness, bibliography, urls, provenance, watch, settings, pathways, reviewers, exceptions]

RULES: dict[str, Rule] = {rule.id: rule for module in DECLARING_MODULES for rule in module.RULES}
