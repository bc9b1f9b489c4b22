"""Turning contributor text into safe page content.

Plain fields become character entities for every Markdown or HTML special character,
which reads the same inside Markdown and inside raw HTML blocks. Markdown fields are
rendered here with Python-Markdown and then cleaned by nh3 (ammonia), which keeps
a short list of tags and only http(s) and mailto links: raw HTML and javascript:
links from YAML never reach a page.
"""

import re

import markdown as markdown_lib
import nh3
from markupsafe import Markup

# Anything that is not a letter, digit or harmless punctuation becomes an entity; so does
# a leading list or heading marker, and the colon of "scheme://".
UNSAFE = re.compile(r"[^\w ,;/%=+.:?-]|_|^[-+.#]|(?<= )[-+](?= )|:(?=//)")
ALLOWED_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "code", "sup", "sub", "br", "span"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "class"}, "span": {"class"}, "sup": {"class"}}
URL_SCHEMES = {"http", "https", "mailto"}
# One converter for every snippet, reset between uses: building one costs more than most conversions.
CONVERTER = markdown_lib.Markdown(extensions=[], output_format="html")


def plain(value: object) -> Markup:
    """Escape a plain value for use anywhere in a generated Markdown page."""
    if isinstance(value, Markup):
        return value
    text = " ".join(str(value).split())
    return Markup(UNSAFE.sub(lambda m: f"&#{ord(m.group(0))};", text))


def sanitise(html: str) -> Markup:
    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                            link_rel="noopener noreferrer"))


def markdown_html(text: str, inline: bool = False) -> Markup:
    """Render contributor Markdown to clean HTML (a single line, so it stays one raw-HTML block)."""
    html = CONVERTER.reset().convert(text)
    if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(sanitise(html).replace("\n", " "))
