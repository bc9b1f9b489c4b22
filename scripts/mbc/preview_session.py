"""The live preview's builder: a process that keeps MkDocs' configuration, files, navigation and
theme between edits, so that an edit to a record or to a hand-written page renders again only the
pages whose Markdown changed.

`python -m mbc.preview_session ROOT WORK` reads one JSON line per batch of edits (the changed
paths, relative to ROOT) and answers one JSON line: the folder holding the current pages, the
problems of this batch, and how it was served. A batch is a full strict build into a fresh folder
when it is the first, when the last full build failed, or when an edit reaches beyond the pages
(a record added or removed, the snapshot date moved, any file other than a record, the
bibliography or a hand-written page). Otherwise the changed pages are rendered in memory, checked
(links and anchors, as the strict build does) and only then written over the current folder.
Edits to code, templates or mkdocs.yml restart this process (scripts/mbc/preview.py), so the
code it runs is never stale. Search in the preview reflects the last full build.

MkDocs has no public call for rendering one page, so this runs the two steps `mkdocs build` runs
for each page (mkdocs.commands.build._populate_page and _build_page), with the MkDocs version
pinned in requirements.txt and tests/test_preview.py editing a record through the preview.
"""

import contextlib
import io
import json
import logging
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin

from .site import site_files
from .validate import validate

class _Keep(BasePlugin):
    """Keeps the navigation, files and theme environment a full build computed."""

    def on_nav(self, nav, config, files):
        self.nav, self.files = nav, files
        return nav

    def on_env(self, env, config, files):
        self.env = env
        return env


class _Problems(logging.Handler):
    """MkDocs' warnings and errors, as the strict build counts them, and what was printed meanwhile
    (the hooks print the evidence's problems, shown only when the build fails)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.logged: list[str] = []
        self.printed: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.logged.append(f"{record.levelname} - {record.getMessage()}")


@contextlib.contextmanager
def _collecting():
    handler, printed = _Problems(), io.StringIO()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        with contextlib.redirect_stderr(printed):
            yield handler
    finally:
        logger.removeHandler(handler)
        handler.printed = [line for line in printed.getvalue().splitlines() if line.strip()]


class Session:
    def __init__(self, root: Path, work: Path) -> None:
        self.root, self.work = root, work
        self.site: Path | None = None  # the folder of the last good build, updated in place
        self.config = self.kept = None
        self.generated: dict[str, str] = {}

    def update(self, changed: list[str]) -> dict:
        if self.site is None or not all(_incremental(path) for path in changed):
            return self.full()
        evidence = validate(self.root)
        if evidence.errors:
            return self._answer([problem.format() for problem in evidence.errors], "nothing written")
        if evidence.snapshot_date != self.config.extra["evidence_date"]:
            return self.full()  # the date is on every page
        generated = {file.path: file.content for file in site_files(evidence, self.root)}
        if generated.keys() != self.generated.keys():
            return self.full()  # a page added or removed changes indexes, navigation and search
        touched = [path for path, content in generated.items() if content != self.generated[path]]
        touched += [path.removeprefix("content/") for path in changed if path.startswith("content/")]
        return self._render(touched, generated)

    def full(self) -> dict:
        site = Path(tempfile.mkdtemp(prefix="build-", dir=self.work))
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(site))
        kept = config.plugins["mbc-preview-keep"] = _Keep()
        failure = None
        with _collecting() as problems:
            try:
                mkdocs_build.build(config)
            except (MkDocsException, SystemExit) as error:  # validation errors, strict warnings
                failure = str(error)
        if failure or problems.logged:
            shutil.rmtree(site, ignore_errors=True)
            return self._answer(problems.printed + problems.logged + [failure or "the build had warnings"], "full build failed")
        # The folder before is the server's to remove: a request may still be reading it.
        self.site, self.config, self.kept = site, config, kept
        self.generated = {file.path: file.content for file in site_files(validate(self.root), self.root)}
        return self._answer([], "full build")

    def _render(self, touched: list[str], generated: dict[str, str]) -> dict:
        config, files = self.config, self.kept.files
        changed = [files.get_file_from_path(path) for path in touched]
        if None in changed:
            return self.full()  # a new hand-written page
        for file in changed:
            if file.src_uri in generated:
                file.content_string = generated[file.src_uri]
        pages = [file.page for file in changed if file.page is not None]
        with _collecting() as problems:
            for page in pages:
                mkdocs_build._populate_page(page, config, files)
            for file in files.documentation_pages():
                file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        if problems.logged:
            # Nothing written, and self.generated still holds what the folder shows: the next
            # batch renders everything that changed since the last good pages.
            return self._answer(problems.logged, "nothing written")
        documents = files.documentation_pages()
        for page in pages:
            mkdocs_build._build_page(page, config, documents, self.kept.nav, self.kept.env)
        for file in changed:
            if file.page is None:
                file.copy_file()
        self.generated = generated
        return self._answer([], f"rendered {len(pages)} page(s), wrote {len(changed) - len(pages)} other file(s)")

    def _answer(self, problems: list[str], how: str) -> dict:
        return {"site": str(self.site) if self.site else None, "problems": problems, "how": how}


def _incremental(path: str) -> bool:
    """Records, the bibliography and hand-written pages (not the files those pages include)."""
    return path.startswith("evidence/") and path.endswith((".yaml", ".bib")) or (
        path.startswith("content/") and path.endswith(".md"))


def main(argv: list[str]) -> int:
    root, work = Path(argv[0]).resolve(), Path(argv[1])
    session = Session(root, work)
    answers, sys.stdout = sys.stdout, sys.stderr  # stdout carries answers only; stray prints go to stderr
    for line in sys.stdin:
        try:
            answer = session.update(json.loads(line))
        except Exception as error:  # a bug here must reach the preview's banner, not end the preview
            answer = session._answer([f"the preview failed: {type(error).__name__}: {error}"], "failed")
        print(json.dumps(answer), file=answers, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
