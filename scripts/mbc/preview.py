"""`make serve`: the live preview, rebuilt whenever evidence/, site_templates/, scripts/,
content/ or mkdocs.yml change.

Each rebuild is a strict `mkdocs build` in a fresh process, so an edit under scripts/ shows at
once (no module stays imported) and a broken edit cannot take the server down. The server only
ever serves a finished build and never waits for one: after a failed build the last good pages
stay, with that build's problems at the top of every page, until an edit builds again. Pages
reload themselves when a new build is ready (they poll a version number).
"""

import html
import mimetypes
import re
import shutil
import signal
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from .build import mkdocs_build

WATCHED = ("evidence", "site_templates", "scripts", "content")  # and mkdocs.yml
IGNORED = re.compile(r"(^|/)(__pycache__|\.git)(/|$)|\.(pyc|swp|swx)$|~$")
QUIET = 0.2  # seconds without changes before a rebuild: one save is often several writes
VERSION_PATH = "/__preview__/version"
RELOAD = ("<script>setInterval(function(){fetch('%s').then(function(r){return r.text()})"
          ".then(function(v){if(v!=='%d')location.reload()}).catch(function(){})},700)</script>")
BANNER = ('<div class="mbc-preview-problems" style="background:#fde7e9;color:#5c0011;padding:.8rem 1rem;'
          'border-bottom:3px solid #b00020;font:14px/1.4 monospace;white-space:pre-wrap">'
          '<strong>The last edit did not build: these pages are from the last good build.</strong>\n%s</div>')


class Builds:
    """The last good build, the problems of the latest one, and a version that changes with each build."""

    def __init__(self, root: Path, work: Path) -> None:
        self.root, self.work = root, work
        self.lock = threading.Lock()
        self.current: Path | None = None
        self.problems: list[str] = []
        self.version = 0
        self.retired: list[Path] = []  # earlier builds, removed once no request can still be reading them
        self.wanted = threading.Event()

    def state(self) -> tuple[Path | None, list[str], int]:
        with self.lock:
            return self.current, list(self.problems), self.version

    def build(self) -> None:
        fresh = Path(tempfile.mkdtemp(prefix="build-", dir=self.work))
        code, shown = mkdocs_build(self.root, fresh)
        with self.lock:
            if code == 0:
                if self.current:
                    self.retired.append(self.current)
                self.current, self.problems = fresh, []
            else:
                self.retired.append(fresh)
                self.problems = shown or [f"the build failed (exit code {code})"]
            self.version += 1
            old, self.retired = self.retired[:-1], self.retired[-1:]
        for folder in old:
            shutil.rmtree(folder, ignore_errors=True)
        print(f"preview: {'built' if code == 0 else 'build failed, serving the last good pages'} "
              f"(version {self.version})", file=sys.stderr)
        for line in shown:
            print(f"  {line}", file=sys.stderr)

    def run(self) -> None:
        """Build once, then again after every quiet moment that follows a change."""
        while True:
            self.build()
            self.wanted.wait()
            while self.wanted.wait(QUIET):  # wait until the changes stop
                self.wanted.clear()


class Changes(FileSystemEventHandler):
    def __init__(self, builds: Builds, names: set[str] | None = None) -> None:
        self.builds, self.names = builds, names  # names: only these files count (None: all)

    def on_any_event(self, event) -> None:
        path = str(event.src_path)
        if event.event_type in ("opened", "closed_no_write") or IGNORED.search(path):
            return
        if self.names is None or Path(path).name in self.names:
            self.builds.wanted.set()


class Handler(BaseHTTPRequestHandler):
    server: "PreviewServer"

    def log_message(self, format, *args) -> None:  # one line per request would drown the build messages
        pass

    def _send(self, status: int, body: bytes, content_type: str, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        site, problems, version = self.server.builds.state()
        path = unquote(urlsplit(self.path).path)
        base = self.server.base
        if path == VERSION_PATH:
            return self._send(200, str(version).encode(), "text/plain")
        if not path.startswith(base):
            return self._send(302, b"", "text/plain", {"Location": base})
        if site is None:
            page = f"<p>{'The first build failed.' if problems else 'Building the preview…'}</p>"
            return self._send(503, self._decorate(page, problems, version), "text/html; charset=utf-8")
        target = (site / path[len(base):]).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_relative_to(site.resolve()) or not target.is_file():
            missing = (site / "404.html").read_text(encoding="utf-8") if (site / "404.html").is_file() else "Not found"
            return self._send(404, self._decorate(missing, problems, version), "text/html; charset=utf-8")
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        body = target.read_bytes()
        if content_type == "text/html":
            body = self._decorate(body.decode("utf-8"), problems, version)
            content_type += "; charset=utf-8"
        self._send(200, body, content_type)

    def _decorate(self, page: str, problems: list[str], version: int) -> bytes:
        """The page with the failed build's problems on top and the reload script at the end."""
        if problems:
            banner = BANNER % html.escape("\n".join(problems))
            match = re.search(r"<body[^>]*>", page)
            page = page[:match.end()] + banner + page[match.end():] if match else banner + page
        return (page + RELOAD % (VERSION_PATH, version)).encode("utf-8")


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], builds: Builds, base: str) -> None:
        super().__init__(address, Handler)
        self.builds, self.base = builds, base


def base_path(root: Path) -> str:
    """The path part of site_url, where the hosted site lives (e.g. /mbc-evidence/)."""
    match = re.search(r"^site_url:\s*(\S+)", (root / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    path = urlsplit(match.group(1)).path if match else "/"
    return path if path.endswith("/") else path + "/"


def serve(root: Path, host: str, port: int) -> int:
    with tempfile.TemporaryDirectory(prefix="mbc-preview-") as work:
        builds = Builds(root, Path(work))
        observer = Observer()
        observer.schedule(Changes(builds, {"mkdocs.yml"}), str(root))
        for name in WATCHED:
            # The folder's real path: in a test or bench copy it may be a link.
            observer.schedule(Changes(builds), str((root / name).resolve()), recursive=True)
        observer.start()
        threading.Thread(target=builds.run, daemon=True).start()
        server = PreviewServer((host, port), builds, base_path(root))
        signal.signal(signal.SIGTERM, signal.default_int_handler)  # stopped like Ctrl+C: the folder is removed
        print(f"preview: http://{host}:{server.server_address[1]}{server.base} (Ctrl+C stops)", file=sys.stderr)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
            observer.stop()
    return 0
