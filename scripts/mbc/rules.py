"""The registry of validation rules: each module declares the rules it emits (RULES = [...]),
and this module collects them, in the order a file meets them, into one table."""

from . import bibliography, exceptions, records, schema_errors, yaml_source
from .checks import citation_completeness, links, pathways, plausibility, provenance, settings, urls, vocabulary, watch
from .problems import Rule

DECLARING_MODULES = [yaml_source, records, schema_errors, links, vocabulary, plausibility, citation_completeness, bibliography,
                     urls, provenance, watch, settings, pathways, exceptions]

RULES: dict[str, Rule] = {rule.id: rule for module in DECLARING_MODULES for rule in module.RULES}
