"""The record kinds, each described once.

A kind is a module in mbc/schema/ that defines its model and a `KIND = Kind(...)` line: its
folder under evidence/, its titles, the template of its pages and its place in the navigation.
Everything that differs by kind (loading, links, citations, back-links, pages, navigation,
the export, the schema files) reads this registry, so adding a kind means adding one schema
module, one page template and one fixture.
"""

import importlib
import pkgutil
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel


@dataclass(frozen=True)
class Kind:
    folder: str  # evidence/<folder>/<id>.yaml, and the URL folder of its pages
    singular: str  # "trial": used in messages and as the page template's name
    title: str  # "Trials": the index page and the navigation entry
    model: type[BaseModel]
    nav_order: int  # position among the kinds in the navigation, after Home
    label_field: str = "name"  # the field that names a record on links and indexes
    # Shown on the pages of the records this kind names ("Tests that select patients for this
    # record: ..."); None: the kind is not listed there (a page may show it in a table of its own).
    backlink_intro: str | None = None

    @property
    def template(self) -> str:
        return f"{self.singular}.md.j2"

    @property
    def index_template(self) -> str:
        return f"index_{self.folder}.md.j2"

    @property
    def record_template(self) -> str:
        """The annotated template a new record starts from (`mbc new`), relative to the project root."""
        return f"content/record-templates/{self.singular}.yaml"

    @property
    def schema_file(self) -> str:
        return f"{self.singular}.schema.json"

    def label(self, model) -> str:
        return getattr(model, self.label_field) or model.id


@cache
def kinds() -> dict[str, Kind]:
    """Every kind, keyed by folder, in navigation order (found by importing mbc/schema/*)."""
    from . import schema

    found = []
    for module in pkgutil.iter_modules(schema.__path__):
        kind = getattr(importlib.import_module(f"{schema.__name__}.{module.name}"), "KIND", None)
        if kind is not None:
            found.append(kind)
    return {kind.folder: kind for kind in sorted(found, key=lambda k: (k.nav_order, k.folder))}
