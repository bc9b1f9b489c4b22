"""The search index, built once at build time instead of in the reader's browser at every page load.

Material's search worker builds a lunr index from search/search_index.json (search_index.js
from file://) each time a page is opened: seconds on a large site. After MkDocs has written the
site, Material's own worker is run by node (search_index.js) to build that same index; its
compact serialisation goes into the index file's config as `prebuilt`, and the site's copy of
the worker is changed to load it with lunr.Index.load instead of building (search_prebuilt.js).
The results are the worker's own: the same code built the index. The changes to the minified
worker are checked substitutions: when the pinned Material's worker does not contain the
expected text, the build stops and says so rather than ship a search that silently builds in
the browser again.

Runs before Material's offline plugin copies search_index.json into search_index.js, so the
hosted site (over http) and the offline bundle (from file://) both load the prebuilt index.
"""

import json
import shutil
import subprocess
from pathlib import Path

from .cache import cached

HERE = Path(__file__).resolve().parent
BUILDER = HERE / "search_index.js"
LOADER = HERE / "search_prebuilt.js"
WORKERS = Path("assets") / "javascripts" / "workers"
# Material 9.8.1's search worker (mkdocs-material pinned in requirements.txt), minified, and
# what each part becomes. The start of its Search class: the class is exposed so that
# search_index.js can build with it, and a prebuilt index is loaded instead of built. Its
# message listener: a query is answered unless a newer one came in meanwhile.
SUBSTITUTIONS = [
    ("var U=class{constructor({config:e,docs:r,options:n}){let i=Oe(this.table=new Map);"
     "this.map=ie(r),this.options=n,this.index=lunr(function(){",
     "var U=self.MaterialSearch=class{constructor({config:e,docs:r,options:n}){let i=Oe(this.table=new Map);"
     "this.map=ie(r),this.options=n,this.index=e.prebuilt?self.loadPrebuiltIndex(e,this.table):lunr(function(){"),
    ('addEventListener("message",t=>W(null,null,function*(){postMessage(yield Fe(t.data))}))',
     'addEventListener("message",t=>W(null,null,function*(){let m=yield self.unlessOutdated(t.data);m&&postMessage(yield Fe(m))}))'),
]
LANGUAGES = (["en"],)  # others need lunr-languages' stemmers loaded into node too


class SearchIndexError(Exception):
    """The search index could not be built; the message says why and what to do."""


def prebuild_search_index(site_dir: Path, root: Path) -> None:
    """Patch the site's search worker and add the prebuilt index to search_index.json, if the site has search."""
    index_file = site_dir / "search" / "search_index.json"
    if not index_file.exists():
        return
    worker = _patch_worker(site_dir)
    data = json.loads(index_file.read_text(encoding="utf-8"))
    if data["config"].get("lang") not in LANGUAGES:
        raise SearchIndexError(f"search languages {data['config'].get('lang')}: only English is prebuilt "
                               f"(scripts/mbc/search_index.py); set `plugins: search: lang: en`")
    plain = json.dumps(data, separators=(",", ":")).encode("utf-8")
    data["config"]["prebuilt"] = cached(root, ("search-index", BUILDER.read_bytes(), worker.read_bytes()), plain,
                                        lambda: _run_builder(worker, plain))
    # As Material's search plugin writes it, so the offline plugin's copy is the same
    index_file.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")


def _patch_worker(site_dir: Path) -> Path:
    """The site's search worker, changed in place to load a prebuilt index."""
    workers = sorted((site_dir / WORKERS).glob("search.*.min.js"))
    if len(workers) != 1:
        raise SearchIndexError(f"{WORKERS}: expected one search worker (search.*.min.js), found {len(workers)}")
    text = workers[0].read_text(encoding="utf-8")
    for original, patched in SUBSTITUTIONS:
        if text.count(original) != 1:
            raise SearchIndexError(f"{workers[0].name}: Material's search worker does not contain, once, the text "
                                   f"scripts/mbc/search_index.py replaces: {original[:60]}… (was mkdocs-material "
                                   "upgraded?). Update SUBSTITUTIONS there for the new worker, or pin mkdocs-material==9.8.1")
        text = text.replace(original, patched)
    patched = LOADER.read_text(encoding="utf-8") + text
    workers[0].write_text(patched, encoding="utf-8")
    return workers[0]


def _run_builder(worker: Path, index: bytes) -> str:
    node = shutil.which("node")
    if node is None:
        raise SearchIndexError("node (Node.js) is not installed: the search index is built by node at build time")
    done = subprocess.run([node, str(BUILDER), str(worker)], input=index, capture_output=True)
    if done.returncode != 0:
        raise SearchIndexError(f"building the search index failed: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout.decode("utf-8")
