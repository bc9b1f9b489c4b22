"""`make serve`: the live preview, rebuilt whenever evidence/, site_templates/, scripts/,
content/ or mkdocs.yml change.

A builder process (scripts/mbc/preview_session.py) keeps MkDocs' state between edits: an edit to
a record, the bibliography or a hand-written page renders again only the pages it changed, and
anything else is a full strict build. An edit to code, templates or mkdocs.yml starts a new
builder, so no module stays imported and a broken edit cannot take the server down. The server
only ever serves the last good pages and never waits for a build: after a failed build they
stay, with that build's problems at the top of every page, until an edit builds again. Pages
reload themselves when a new build is ready (they poll a version number).
"""

import html
import json
import mimetypes
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

WATCHED = ("evidence", "site_templates", "scripts", "content")  # and mkdocs.yml
RENDERED_IN_PLACE = ("evidence/", "content/")  # edits the running builder can take; others start a new one
IGNORED = re.compile(r"(^|/)(__pycache__|\.git)(/|$)|\.(pyc|swp|swx)$|~$")
QUIET = 0.1  # seconds without changes before a rebuild: one save is often several writes
SCRIPTS = Path(__file__).resolve().parents[1]  # the code this server runs, which its builder must run too
VERSION_PATH = "/__preview__/version"
RELOAD = ("<script>setInterval(function(){fetch('%s').then(function(r){return r.text()})"
          ".then(function(v){if(v!=='%d')location.reload()}).catch(function(){})},700)</script>")
BANNER = ('<div class="mbc-preview-problems" style="background:#fde7e9;color:#5c0011;padding:.8rem 1rem;'
          'border-bottom:3px solid #b00020;font:14px/1.4 monospace;white-space:pre-wrap">'
          '<strong>The last edit did not build: these pages are from the last good build.</strong>\n%s</div>')


class Builds:
    """The last good pages, the problems of the latest build, and a version that changes with each build."""

    def __init__(self, root: Path, work: Path) -> None:
        self.root, self.work = root, work
        self.lock = threading.Lock()
        self.current: Path | None = None
        self.problems: list[str] = []
        self.version = 0
        self.retired: list[Path] = []  # earlier folders, removed once no request can still be reading them
        self.changed: set[str] = set()  # paths relative to the root, edited since the last build
        self.wanted = threading.Event()
        self.builder: subprocess.Popen | None = None
        self.builder_log = work / "builder.log"

    def state(self) -> tuple[Path | None, list[str], int]:
        with self.lock:
            return self.current, list(self.problems), self.version

    def note(self, path: str) -> None:
        with self.lock:
            self.changed.add(path)
        self.wanted.set()

    def build(self) -> None:
        with self.lock:
            changed, self.changed = sorted(self.changed), set()
        if self.builder is None or self.builder.poll() is not None or not all(p.startswith(RENDERED_IN_PLACE) for p in changed):
            self._start_builder()
        answer = self._ask(changed)
        with self.lock:
            site = Path(answer["site"]) if answer["site"] else None
            if site and site != self.current:
                self.retired += [self.current] if self.current else []
                self.current = site
            self.problems = answer["problems"]
            self.version += 1
            old, self.retired = self.retired[:-1], self.retired[-1:]
        for folder in old:
            shutil.rmtree(folder, ignore_errors=True)
        print(f"preview: {answer['how']} (version {self.version})", file=sys.stderr)
        for line in answer["problems"]:
            print(f"  {line}", file=sys.stderr)

    def _start_builder(self) -> None:
        self.stop_builder()
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(SCRIPTS), os.environ.get("PYTHONPATH")])))
        with self.builder_log.open("w") as log:  # its stderr: the error of code that does not import
            self.builder = subprocess.Popen([sys.executable, "-m", "mbc.preview_session", str(self.root), str(self.work)],
                                            cwd=self.root, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            stderr=log, text=True)

    def _ask(self, changed: list[str]) -> dict:
        try:
            self.builder.stdin.write(json.dumps(changed) + "\n")
            self.builder.stdin.flush()
            line = self.builder.stdout.readline()
        except OSError:
            line = ""
        if line:
            return json.loads(line)
        self.builder.wait()
        said = self.builder_log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-30:]
        return {"site": None, "problems": said or [f"the builder stopped (exit code {self.builder.returncode})"],
                "how": "the builder stopped"}

    def stop_builder(self) -> None:
        if self.builder and self.builder.poll() is None:
            self.builder.terminate()
            self.builder.wait(timeout=30)

    def run(self) -> None:
        """Build once, then again after every quiet moment that follows a change."""
        while True:
            self.build()
            self.wanted.wait()
            while self.wanted.wait(QUIET):  # wait until the changes stop
                self.wanted.clear()


class Changes(FileSystemEventHandler):
    """Edits under one watched folder, noted by their path relative to the project root."""

    def __init__(self, builds: Builds, folder: Path, name: str, only: set[str] | None = None) -> None:
        self.builds, self.folder, self.name, self.only = builds, folder, name, only

    def on_any_event(self, event) -> None:
        # A folder is "modified" whenever a file in it is written: the file's own event says what changed.
        if event.event_type in ("opened", "closed_no_write") or (event.is_directory and event.event_type == "modified"):
            return
        for path in filter(None, (str(event.src_path), str(getattr(event, "dest_path", "") or ""))):
            relative = Path(path).relative_to(self.folder).as_posix() if Path(path).is_relative_to(self.folder) else None
            if relative is None or IGNORED.search(path) or (self.only is not None and relative not in self.only):
                continue
            self.builds.note(f"{self.name}/{relative}" if self.name else relative)


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
        observer.schedule(Changes(builds, root, "", {"mkdocs.yml"}), str(root))
        for name in WATCHED:
            # The folder's real path: in a test or bench copy it may be a link.
            folder = (root / name).resolve()
            observer.schedule(Changes(builds, folder, name), str(folder), recursive=True)
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
            builds.stop_builder()
    return 0
