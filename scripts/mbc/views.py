"""What a template sees of a page: records as views whose text is already rendered and sealed.

Templates only lay out; everything they print was prepared here or in pages.py, and anything
not prepared is escaped by the Jinja finalize hook (text.plain).
"""

from markupsafe import Markup

from .crossrefs import RecordLink, SiteIndex
from .declarations import declarations
from .reference_format import PageCitations
from .text import plain


class Page:
    """One page being rendered: its citations (numbered by first use) and where its links start."""

    def __init__(self, site: SiteIndex, from_kind: str | None) -> None:
        self.site = site
        self.from_kind = from_kind
        self.citations = PageCitations()

    def md(self, text: str | None, inline: bool = False) -> Markup:
        return self.citations.markdown(text, inline=inline)

    def cite(self, keys) -> Markup:
        return self.citations.group(keys)

    def links(self, records) -> Markup:
        """Markdown links to records (Record or RecordLink), comma-separated."""
        targets = [r if isinstance(r, RecordLink) else self.site.links([r])[0] for r in records]
        return Markup(", ").join(t.markdown(self.from_kind) for t in targets)

    def ids(self, kind: str, record_ids) -> Markup:
        return self.links([self.site.link(kind, record_id) for record_id in record_ids])

    def terms(self, section: str, term_ids) -> Markup:
        """Vocabulary terms by their labels, each linked to its definition on the Vocabulary page."""
        known = self.site.corpus.terms(section)
        prefix = "../" if self.from_kind else ""
        return Markup(", ").join(Markup(f"[{plain(known[t].label if t in known else t)}]({prefix}vocabulary.md#{section}-{t})")
                                 for t in term_ids)

    def view(self, value):
        """A model as a RecordView, a list of models as a list of views; other values as they are."""
        if hasattr(type(value), "model_fields"):
            return RecordView(value, self)
        if isinstance(value, list):
            return [self.view(item) for item in value]
        return value


class RecordView:
    """A model as templates read it, following the field declarations: Markdown fields come
    rendered, bibliography key lists as citation marks, record ids and vocabulary terms as links."""

    def __init__(self, model, page: Page) -> None:
        self._model = model
        self._page = page
        self._declared = declarations(type(model))

    def __getattr__(self, name: str):
        value = getattr(self._model, name)
        declared = self._declared.get(name, {})
        if declared.get("x-links-to"):
            ids = value if isinstance(value, list) else [value] if value else []
            return self._page.ids(declared["x-links-to"], ids)
        if declared.get("x-terms"):
            return self._page.terms(declared["x-terms"], value if isinstance(value, list) else [value] if value else [])
        if declared.get("x-cites"):
            return self._page.cite(value) if isinstance(value, list) else self._page.md(value)
        return self._page.view(value)
