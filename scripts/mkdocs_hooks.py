"""MkDocs hooks: hand MkDocs the files mbc.site generates, and nothing else.

The hooks keep no state between calls: what a later hook needs travels on the objects MkDocs
passes along (the config, the File objects). All logic lives in the mbc package (scripts/mbc),
which does not depend on MkDocs.
"""

import sys
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, InclusionLevel

sys.path.insert(0, str(Path(__file__).parent))

from mbc.kinds import kinds  # noqa: E402
from mbc.layout import LayoutError  # noqa: E402
from mbc.problems import summary  # noqa: E402
from mbc.release import version  # noqa: E402
from mbc.search_index import SearchIndexError, prebuild_search_index  # noqa: E402
from mbc.site import site_files  # noqa: E402
from mbc.validate import validate  # noqa: E402

# JavaScript the site ships, from pinned npm packages (package.json; `npm ci` installs them),
# shipped when mkdocs.yml lists it in extra_javascript or extra.polyfills. node_modules sits
# beside the code, which test projects share through a symlink.
VENDORED = {"assets/javascripts/iframe-worker-shim.js": "node_modules/iframe-worker/shim/index.js",
            "assets/javascripts/svg-pan-zoom.min.js": "node_modules/svg-pan-zoom/dist/svg-pan-zoom.min.js"}
CODE_ROOT = Path(__file__).resolve().parent.parent


def _root(config) -> Path:
    """The project root is where mkdocs.yml is, so tests can build other evidence folders."""
    return Path(config.config_file_path).resolve().parent


def on_config(config):
    """Each record kind's index goes into the navigation after Home, in the registry's order."""
    nav = list(config.nav or [])
    position = 1 if nav else 0
    config.nav = nav[:position] + [{kind.title: f"{kind.folder}/index.md"} for kind in kinds().values()] + nav[position:]
    return config


def on_files(files, config):
    evidence = validate(_root(config))
    for problem in evidence.errors:
        print(problem.format(), file=sys.stderr)
    warnings = len(evidence.problems) - len(evidence.errors)
    if warnings:
        print(f"evidence: {warnings} warning(s), flagged on the site; `make validate` lists them", file=sys.stderr)
    if evidence.errors:
        raise Abort(f"evidence validation failed: {summary(evidence.problems)}")
    config.extra["evidence_date"] = evidence.snapshot_date
    config.extra["version"] = version(_root(config))
    repository = config.extra.get("repository")
    for file in files:
        if file.src_uri.endswith(".md"):
            file.edit_uri = f"{Path(config.docs_dir).name}/{file.src_uri}"
    try:
        generated_files = site_files(evidence, _root(config))
    except LayoutError as error:
        raise Abort(str(error)) from None
    for generated in generated_files:
        file = File.generated(config, generated.path, content=generated.content,
                              inclusion=InclusionLevel.UNDEFINED if generated.in_nav else InclusionLevel.NOT_IN_NAV)
        file.edit_uri = generated.source
        files.append(file)
    for path in config.extra.get("polyfills", []) + [str(script) for script in config.extra_javascript]:
        if path in VENDORED:
            source = CODE_ROOT / VENDORED[path]
            if not source.exists():
                raise Abort(f"{VENDORED[path]} is missing: run `npm ci` (make install does)")
            files.append(File.generated(config, path, abs_src_path=str(source)))
    config.extra["edit_base"] = f"{repository}/edit/main/" if repository else None
    return files


def on_page_markdown(markdown, page, config, files):
    # "Edit this page" on a record opens its YAML; generated indexes have nothing to edit.
    base = config.extra.get("edit_base")
    page.edit_url = f"{base}{page.file.edit_uri}" if base and page.file.edit_uri else None
    return markdown


def on_post_build(config):
    # Runs after Material's search plugin writes the index and before its offline plugin copies it.
    try:
        prebuild_search_index(Path(config.site_dir), _root(config))
    except SearchIndexError as error:
        raise Abort(str(error)) from None
