"""Addresses: every link a contributor writes goes to the web (http, https) or stays on the site.

Markdown text is rendered the way the pages render it and every href/src in the result is
checked, so a link hidden by escapes, entities or raw HTML is judged as a browser would read it.
"""

import posixpath
import re
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown as markdown_lib

from ..declarations import declared_fields
from ..kinds import kinds
from ..problems import Problem, Rule
from .context import CheckContext

RULES = [
    Rule("URL-SCHEME", "error", "Links go to http(s) addresses or to pages of this site; no other scheme reaches a page."),
    Rule("LINK-PAGE", "error", "A relative link to a record's page names a record that exists: ../<kind>/<id>.md."),
]

ALLOWED_SCHEMES = {"http", "https"}
BIB_URL_FIELDS = ("url", "verified_url")
# Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]")
_MARKDOWN = markdown_lib.Markdown(extensions=[], output_format="html")


class _Addresses(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found += [value or "" for name, value in attrs if name in ("href", "src", "action", "formaction", "xlink:href")]


def bad_address(url: str) -> bool:
    """True for an address with a scheme other than http(s), or one that leaves the site without a scheme (//host)."""
    cleaned = IGNORED_BY_BROWSERS.sub("", url)
    scheme = urlsplit(cleaned).scheme.lower() if ":" in cleaned.split("/")[0] else ""
    return (bool(scheme) and scheme not in ALLOWED_SCHEMES) or cleaned.startswith(("//", "\\\\", "/\\", "\\/"))


@lru_cache(maxsize=20_000)  # validated again at every edit in the preview; most texts did not change
def addresses_in_markdown(text: str) -> tuple[str, ...]:
    parser = _Addresses()
    parser.feed(_MARKDOWN.reset().convert(text))
    parser.close()
    return tuple(parser.found)


def _missing_record(url: str, record, corpus) -> str | None:
    """The record page a relative link names (resolved from the record's own page), when there is no such record."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or parts.path.startswith("/") or not parts.path.endswith(".md"):
        return None
    here = record.kind if record.kind in kinds() else ""  # the watch list shows on a top-level page
    target = posixpath.normpath(posixpath.join(here, parts.path))
    folder, _, name = target.partition("/")
    record_id = name.removesuffix(".md")
    if folder not in kinds() or "/" in name or record_id == "index":
        return None
    known = corpus.get(folder, record_id) is not None or (folder, record_id) in corpus.broken
    return None if known else target


def check(context: CheckContext) -> list[Problem]:
    problems: list[Problem] = []
    hint = "link only to http(s) addresses or to pages of this site (relative links such as ../trials/cleopatra.md)"
    records = context.corpus.all() + ([context.corpus.watch] if context.corpus.watch else [])
    for record in records:
        for declared in declared_fields(record.model):
            if declared.cites and isinstance(declared.value, str):
                for url in addresses_in_markdown(declared.value):
                    if bad_address(url):
                        problems.append(record.problem(declared.loc, "URL-SCHEME", f"the link '{url[:60]}' is not an http(s) or site address", hint=hint))
                    elif missing := _missing_record(url, record, context.corpus):
                        problems.append(record.problem(declared.loc, "LINK-PAGE", f"the link '{url[:60]}' goes to {missing}, and no such record exists",
                                                       hint="link to an existing record's page from this page's folder, such as ../trials/cleopatra.md"))
    bib = context.bibliography
    for ref in bib.references.values():
        for name in BIB_URL_FIELDS:
            value = ref.get(name)
            if value and (bad_address(value) or not urlsplit(IGNORED_BY_BROWSERS.sub("", value)).scheme):
                problems.append(Problem(bib.path, *ref.at(name), "URL-SCHEME",
                                        f"entry '{ref.key}': {name} '{value[:60]}' is not an http(s) address",
                                        hint="write the full https:// address of the page"))
    return problems
