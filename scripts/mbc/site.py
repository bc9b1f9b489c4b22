"""Every file the site generates, with its content and its source, from one function.

The MkDocs hooks hand these files to MkDocs and `python -m mbc generate DIR` writes the same
set to a folder, so the two can never disagree.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from .cite import Site, cite_files, cite_sections
from .exports import data_exports
from .pages import generate_pages
from .release import changes_page
from .schema_reference import schema_reference
from .validate import Evidence

MANIFEST = ".mbc-generated"  # in a folder written by write_site_files: the files it wrote


@dataclass(frozen=True)
class SiteFile:
    path: str  # relative to the docs folder
    content: str
    source: str | None  # the file an editor changes to change this page ("Edit this page")
    in_nav: bool  # False for record pages, which the indexes reach


def _source(path: str) -> str | None:
    folder, _, name = path.partition("/")
    if not path.endswith(".md"):
        return None  # a plot: the record page that embeds it names the source
    if path == "references.md":
        return "evidence/references.bib"
    if path == "vocabulary.md":
        return "evidence/vocabulary.yaml"
    return f"evidence/{folder}/{name[:-3]}.yaml" if name and name != "index.md" else None


def site_files(evidence: Evidence, root: Path) -> list[SiteFile]:
    """The generated pages (each record page ending with "Cite this page") and the plots they embed,
    the schema reference, the Changes page, the data exports and the citation files of each record page."""
    site = Site.of(root)
    pages = generate_pages(evidence, root)
    for path, section in cite_sections(evidence, site).items():
        pages[path] += section
    files = [SiteFile(path, text, _source(path), in_nav="/" not in path or path.endswith("/index.md"))
             for path, text in pages.items()]
    files.append(SiteFile("schema.md", schema_reference(), "scripts/mbc/schema/__init__.py", in_nav=True))
    files.append(SiteFile("changes.md", changes_page(root), None, in_nav=True))
    downloads = data_exports(evidence, root) | cite_files(evidence, root, site)
    files += [SiteFile(path, text, None, in_nav=True) for path, text in downloads.items()]
    return files


def write_site_files(files: list[SiteFile], out: Path) -> int:
    """Write the files to out, rewriting only changed ones and removing those an earlier run wrote
    that are no longer generated (and nothing else)."""
    manifest = out / MANIFEST
    earlier = set(json.loads(manifest.read_text(encoding="utf-8"))) if manifest.exists() else set()
    for stale in sorted(earlier - {f.path for f in files}):
        (out / stale).unlink(missing_ok=True)
    for file in files:
        target = out / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_text(encoding="utf-8") != file.content:
            target.write_text(file.content, encoding="utf-8")
    out.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps(sorted(f.path for f in files), indent=0) + "\n", encoding="utf-8")
    return len(files)
