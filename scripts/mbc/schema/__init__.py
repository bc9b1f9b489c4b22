"""The record schema, written once: validation, the JSON Schema files for editors and the
schema reference page are all generated from these models.

One module per record kind (each ends with its `KIND` registration, see mbc.kinds), plus
base.py for what they share and watch.py for the watch list. Every field has a description
and an example, so the error message, the editor tooltip and the reference page say the same
thing. Cross-record rules (citations, links, plausibility, pathway graphs) live in mbc.checks.
"""

from .base import PartialDay, RecordBase, Statement, Strict, earliest_day, field  # noqa: F401
