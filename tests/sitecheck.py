"""Reading a built site: its pages, links and anchors."""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.sources: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href") is not None:
            self.links.append(attributes["href"])
        if tag in ("script", "img", "iframe") and attributes.get("src"):
            self.sources.append(attributes["src"])
        if tag == "link" and attributes.get("href"):
            self.sources.append(attributes["href"])


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def resolve(site: Path, page: Path, href: str, root_path: str) -> tuple[Path, str]:
    """The file an internal link points to, and its fragment (absolute paths start at root_path)."""
    url, fragment = urldefrag(href)
    if not url:
        return page, fragment
    if url.startswith("/"):
        target = (site / unquote(url).removeprefix(root_path)).resolve()
    else:
        target = (page.parent / unquote(url)).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, fragment


def broken_links(site: Path, root_path: str = "/") -> list[str]:
    """Every internal link or anchor in the built HTML that does not resolve.

    root_path is the path of site_url, which the 404 page uses for absolute links."""
    parsed = {path.resolve(): parse(path) for path in site.rglob("*.html")}
    broken = []
    for page, parser in parsed.items():
        for href in parser.links:
            if urlsplit(href).scheme or href.startswith("//"):
                continue
            target, fragment = resolve(site.resolve(), page, href, root_path)
            if not target.exists():
                broken.append(f"{page.relative_to(site.resolve())}: {href} (no file)")
            elif fragment and target in parsed and fragment not in parsed[target].ids:
                broken.append(f"{page.relative_to(site.resolve())}: {href} (no anchor)")
    return broken
