"""The one rule for contributor text on a page, enforced here and nowhere else.

Generated pages are Markdown that MkDocs renders once more, so contributor text must reach
them in a form that no later Markdown pass can turn into markup:
- plain fields become character entities for every Markdown or HTML special character, which
  read the same inside Markdown and inside raw HTML;
- Markdown fields are rendered here with Python-Markdown, cleaned by nh3 (ammonia: a short
  list of tags, links only to http(s) and to relative addresses), and then sealed: the text
  between tags is entity-encoded again, so an escaped "\\[x\\](javascript:...)" that the first
  pass turned into plain "[x](...)" cannot become a link in the second pass.
Every value a template prints goes through `plain` (the Jinja finalize hook) unless it is
already sealed Markup made here.
"""

import html
import re
from functools import lru_cache
from html.parser import HTMLParser

import markdown as markdown_lib
import nh3
from markupsafe import Markup

# Anything that is not a letter, digit or harmless punctuation becomes an entity; so does
# a leading list or heading marker, and the colon of "scheme://".
UNSAFE = re.compile(r"[^\w ,;/%=+.:?-]|_|^[-+.#]|(?<= )[-+](?= )|:(?=//)")
# Between tags, the characters with which Markdown (and attr_list) could still build markup
# become entities: brackets, backslash, backtick, emphasis marks, braces and the table pipe.
MARKDOWN_SYNTAX = re.compile(r"[\[\]\\`*_{}|]")
ALLOWED_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "code", "sup", "sub", "br", "span"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "class"}, "span": {"class"}, "sup": {"class"}}
# Links may go to the web or stay on the site (relative addresses); nothing else.
URL_SCHEMES = {"http", "https"}
# A relative link to a page's Markdown source (../trials/cleopatra.md#results), as contributors
# write them, goes to the page MkDocs makes of it (pages end in .html: use_directory_urls is
# false). MkDocs rewrites the links of the Markdown it renders, not those inside raw HTML.
PAGE_SOURCE = re.compile(r"^(?![A-Za-z][A-Za-z0-9+.-]*:|/|#)([^?#]*)\.md(?=$|#)")


def _entities(pattern: re.Pattern, text: str) -> str:
    return pattern.sub(lambda m: f"&#{ord(m.group(0))};", text)


def plain(value: object) -> Markup:
    """Escape a plain value for use anywhere in a generated Markdown page."""
    if isinstance(value, Markup):
        return value
    text = " ".join(str(value).split())
    return Markup(_entities(UNSAFE, text))


class _Sealer(HTMLParser):
    """Re-writes clean HTML with its text and attribute values fully entity-encoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []

    def handle_starttag(self, tag, attrs):
        # Markdown leaves the inside of an HTML tag alone, so attribute values need only HTML quoting.
        self.out.append(f"<{tag}" + "".join(f' {name}="{html.escape(value or "", quote=True)}"' for name, value in attrs) + ">")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(_entities(MARKDOWN_SYNTAX, html.escape(data, quote=False)))


def seal(clean_html: str) -> Markup:
    """Clean HTML (from nh3) with nothing left that Markdown could read as syntax."""
    sealer = _Sealer()
    sealer.feed(clean_html)
    sealer.close()
    return Markup("".join(sealer.out).replace("\n", " "))


def _page_address(tag: str, attribute: str, value: str) -> str:
    return PAGE_SOURCE.sub(r"\1.html", value) if tag == "a" and attribute == "href" else value


def sanitise(raw_html: str) -> Markup:
    """Untrusted HTML (from Markdown or a citation formatter) reduced to safe, sealed HTML."""
    return seal(nh3.clean(raw_html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                          attribute_filter=_page_address, link_rel="noopener noreferrer"))


_MARKDOWN = markdown_lib.Markdown(extensions=[], output_format="html")  # one converter, reset per use


@lru_cache(maxsize=20_000)  # the preview renders the same texts edit after edit; Markup is immutable
def markdown_html(text: str, inline: bool = False) -> Markup:
    """Render contributor Markdown to sealed HTML (a single line, so it stays one raw-HTML block)."""
    html_text = _MARKDOWN.reset().convert(text)
    if inline and html_text.startswith("<p>") and html_text.endswith("</p>") and html_text.count("<p>") == 1:
        html_text = html_text[3:-4]
    return sanitise(html_text)
