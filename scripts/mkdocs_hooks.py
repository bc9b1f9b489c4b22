"""MkDocs hooks: a thin layer that validates the evidence and serves the generated pages.

All logic lives in the mbc package (scripts/mbc), which does not depend on MkDocs.
"""

import sys
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).parent))

from mbc.cite import Site, cite_files, cite_sections  # noqa: E402
from mbc.exports import data_exports  # noqa: E402
from mbc.pages import generate_pages  # noqa: E402
from mbc.problems import summary  # noqa: E402
from mbc.release import changes_page, version  # noqa: E402
from mbc.schema_reference import schema_reference  # noqa: E402
from mbc.validate import validate  # noqa: E402

# JavaScript the site ships, from pinned npm packages (package.json; `npm ci` installs them).
VENDORED = {"assets/javascripts/iframe-worker-shim.js": "node_modules/iframe-worker/shim/index.js"}

# State shared between the hooks of one build.
_evidence = None
_generated: dict[str, str | None] = {}  # generated page -> its YAML source (None: no single source)


def _root(config) -> Path:
    """The project root is where mkdocs.yml is, so tests can build other evidence folders."""
    return Path(config.config_file_path).resolve().parent


def on_config(config):
    evidence = validate(_root(config))
    for problem in evidence.errors:
        print(problem.format(), file=sys.stderr)
    warnings = len(evidence.problems) - len(evidence.errors)
    if warnings:
        print(f"evidence: {warnings} warning(s), flagged on the site; `make validate` lists them", file=sys.stderr)
    if evidence.errors:
        raise Abort(f"evidence validation failed: {summary(evidence.problems)}")
    global _evidence
    _evidence = evidence
    config.extra["evidence_date"] = evidence.snapshot_date
    config.extra["version"] = version(_root(config))
    return config


def on_files(files, config):
    pages = generate_pages(_evidence, _root(config), directory_urls=config.use_directory_urls)
    pages["schema.md"] = schema_reference()
    pages["changes.md"] = changes_page(_root(config))
    site = Site(config.site_name, config.site_url or "", config.extra["version"], config.extra["evidence_date"])
    for path, section in cite_sections(_evidence, site).items():
        pages[path] += section
    _generated.clear()
    for path, text in pages.items():
        files.append(File.generated(config, path, content=text))
        kind, _, name = path.partition("/")
        _generated[path] = f"evidence/{kind}/{name[:-3]}.yaml" if name and name != "index.md" else None
    for path, text in (data_exports(_evidence, _root(config)) | cite_files(_evidence, _root(config), site)).items():
        files.append(File.generated(config, path, content=text))
    for path in config.extra.get("polyfills", []):
        if path in VENDORED:
            source = _root(config) / VENDORED[path]
            if not source.exists():
                raise Abort(f"{VENDORED[path]} is missing: run `npm ci` (make install does)")
            files.append(File.generated(config, path, abs_src_path=str(source)))
    return files


def on_page_markdown(markdown, page, config, files):
    path = page.file.src_uri
    source = _generated[path] if path in _generated else f"{Path(config.docs_dir).name}/{path}"
    repository = config.extra.get("repository")
    # "Edit this page" on a record opens its YAML; generated indexes have nothing to edit.
    page.edit_url = f"{repository}/edit/main/{source}" if source and repository else None
    return markdown
