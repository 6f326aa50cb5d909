"""`editio serve` (alias `watch`): build, serve the edition on loopback, rebuild on change.

- The edition is built once, then served from output/html (or output/ while no HTML is
  built) on 127.0.0.1 unless another host is asked for.
- Every 0.5 s the modification times of the sources and the configuration are compared
  with the last build's; on a change the edition is rebuilt and its version counter goes up.
  When no changed letter has or had an error, it goes up as soon as the changed letters' pages are written
  ("building": the corpus-wide finish steps still run), so the browser shows a letter's page
  without waiting for corpus.xml and the exports; and once more when the build is done, if
  the banner or a page the finish steps wrote changed.
- Only in the responses of this server (never in the files on disk), every HTML page gets
  `<script src="/_editio/reload.js">`. The script polls `/_editio/version`, reloads the page
  when the version changes and shows the validation problems of the last build as a banner.
  The page's Content-Security-Policy meta is moved into a response header with `'self'`
  added to script-src and connect-src, so exactly that script may run and poll.
- Validation problems are printed in the terminal as `editio validate` prints them.
- A letter that stops being well-formed (or valid) keeps its last good page (the build
  keeps its outputs, marked stale); the banner says so on that page. A page that is not
  there is a 404 page with the reload script, so it appears once it is built.
"""

import io
import json
import os
import re
import threading
import time
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

INTERVAL = 0.5  # seconds between two looks at the sources
_CSP_META = re.compile(r"""<meta\b[^>]*\bhttp-equiv\s*=\s*["']?content-security-policy["']?[^>]*>""", re.I)
_CONTENT = re.compile(r"""\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_BODY_END = re.compile(r"</body\s*>", re.I)
SCRIPT_TAG = '<script src="/_editio/reload.js"></script>'

RELOAD_JS = """\
// editio serve: reload the page when the edition is rebuilt; show validation problems.
(function () {
  "use strict";
  var known = null;
  function banner(state) {
    var old = document.getElementById("editio-serve-banner");
    if (old) { old.parentNode.removeChild(old); }
    if (!state.failed && !state.problems.length) { return; }
    var box = document.createElement("div");
    box.id = "editio-serve-banner";
    box.setAttribute("role", "status");
    var s = box.style;
    s.position = "sticky"; s.top = "0"; s.zIndex = "2147483647"; s.maxHeight = "40vh"; s.overflow = "auto";
    s.padding = "0.5em 1em"; s.font = "14px/1.4 system-ui, sans-serif"; s.color = "#fff";
    s.background = (state.failed || state.errors) ? "#8b0000" : "#6b4e00";
    var title = document.createElement("strong");
    title.textContent = state.failed ? "editio build failed: " + state.failed : "editio: " + state.summary;
    box.appendChild(title);
    var here = decodeURIComponent(window.location.pathname).replace(/^\\/+/, "").replace(/(^|\\/)$/, "$1index.html");
    if (state.stale.indexOf(here) >= 0) {
      var note = document.createElement("p");
      note.style.margin = "0.3em 0 0 0";
      note.textContent = "This page is from the last good build: its source has errors.";
      box.appendChild(note);
    }
    var list = document.createElement("ul");
    list.style.margin = "0.3em 0 0 0";
    state.problems.forEach(function (p) {
      var item = document.createElement("li");
      item.textContent = p;
      list.appendChild(item);
    });
    box.appendChild(list);
    document.body.insertBefore(box, document.body.firstChild);
  }
  function poll() {
    fetch("/_editio/version", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (state) {
        if (known === null) { known = state.version; banner(state); }
        else if (state.version !== known) { window.location.reload(); return; }
        setTimeout(poll, 500);
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  poll();
})();
"""


def served_policy(policy: str | None) -> str:
    """The page's CSP with 'self' allowed for scripts and fetches (the reload script)."""
    directives: list[list[str]] = []
    for part in (policy or "").split(";"):
        words = part.split()
        if words:
            directives.append(words)
    for name in ("script-src", "connect-src"):
        found = next((d for d in directives if d[0].lower() == name), None)
        if found is None:
            directives.append([name, "'self'"])
            continue
        found[1:] = [w for w in found[1:] if w.lower() != "'none'"]
        if "'self'" not in (w.lower() for w in found[1:]):
            found.append("'self'")
    return "; ".join(" ".join(d) for d in directives)


def inject(html: bytes) -> tuple[bytes, str]:
    """An HTML page as served: the reload script added, the CSP meta moved into a header."""
    text = html.decode("utf-8", "surrogateescape")
    policy = None
    meta = _CSP_META.search(text)
    if meta:
        content = _CONTENT.search(meta.group(0))
        policy = (content.group(1) if content and content.group(1) is not None else content.group(2)) if content else None
        text = text[:meta.start()] + text[meta.end():]
    ends = list(_BODY_END.finditer(text))
    if ends:
        at = ends[-1].start()
        text = text[:at] + SCRIPT_TAG + text[at:]
    else:
        text += SCRIPT_TAG
    # a page without a policy needs no header to let the script run
    return text.encode("utf-8", "surrogateescape"), served_policy(policy) if meta else None


class Preview:
    """The state shared by the watcher and the request handlers."""

    def __init__(self, config, paths: list[Path], echo=None, quiet: bool = False, colour: bool = False):
        import click

        self.config = config
        self.paths = paths
        self.echo = echo or click.echo
        self.quiet = quiet
        self.colour = colour
        self.lock = threading.Lock()
        self.state = {"version": 0, "errors": 0, "warnings": 0, "summary": "", "problems": [], "failed": None, "stale": [], "building": False}
        self.seen = None
        self.error_files: set[str] = set()  # the sources with an error in the last build
        self.session = None  # what one build keeps for the next (pipeline/session.py)
        self.stop_event = threading.Event()
        self.server = None

    # -------------------------------------------------------------- building

    def snapshot(self) -> tuple:
        """Modification time and size of every source file and of the configuration."""
        found = []
        output = self.config.path(self.config.output).resolve()
        for given in self.paths:
            candidates = [given] if given.is_file() else sorted(given.rglob("*")) if given.is_dir() else []
            for p in candidates:
                try:
                    rel = p.relative_to(given) if p != given else Path(p.name)
                    if any(part.startswith(".") for part in rel.parts) or not p.is_file() or p.resolve().is_relative_to(output):
                        continue  # hidden files, folders, and what the build itself writes
                    st = p.stat()
                except OSError:
                    continue
                found.append((str(p), st.st_mtime_ns, st.st_size))
        if self.config.source:
            try:
                st = Path(self.config.source).stat()
                found.append((self.config.source, st.st_mtime_ns, st.st_size))
            except OSError:
                pass
        return tuple(found)

    def rebuild(self) -> dict:
        from .pipeline import Session, build
        from .validate.report import summary, text

        self.seen = self.snapshot()
        started = time.monotonic()
        failed = None
        early: list[str] = []  # the pages the browser was told of before the finish steps

        def letters_done(written: list[str], findings: dict) -> None:
            # the changed letters' pages are on disk: reload now, not after corpus.xml, the exports
            # and the register pages. The banner keeps the last build's problems until the end, so
            # not when a changed letter has or had an error: then the one reload, with it, is at the end.
            if self.state["failed"] or self.error_files & findings.keys() or any(
                    d.severity == "error" for found in findings.values() for d in found):
                return
            early.extend(self._served_paths(written))
            if early:
                with self.lock:
                    self.state = dict(self.state, version=self.state["version"] + 1, building=True)

        try:  # the first build has no browser to tell
            self.session = self.session or Session()
            result = build(self.config, list(self.paths), letters_done=letters_done if self.state["version"] else None,
                           session=self.session)
        except Exception as e:  # a broken build must not stop the server: it is shown instead
            failed = f"{type(e).__name__}: {e}"
            result = None
        with self.lock:
            state = dict(self.state, failed=failed, building=False)
            if result is not None:
                report = result.report
                state.update(errors=report.count("error"), warnings=report.count("warning"), summary=summary(report),
                             problems=[f"{d.file}:{d.line}:{d.col}: {d.severity} {d.rule} {d.message}" for d in report.diagnostics],
                             stale=self._served_paths(result.kept))
                self.error_files = {d.file for d in report.diagnostics if d.severity == "error"}
            # after an early reload, once more only if the banner or a page the finish wrote changed
            later = result is None or set(self._served_paths(result.written + result.removed)) - set(early)
            if not early or later or state != dict(self.state, building=False):
                state["version"] += 1
            self.state = state
        took = time.monotonic() - started
        if failed:
            self.echo(f"build failed: {failed}; still serving the previous build", err=True)
        else:
            if result.report.diagnostics and not self.quiet:
                self.echo(text(result.report, self.colour), nl=False)
            changed = len(result.written) + len(result.removed)
            self.echo(f"[{time.strftime('%H:%M:%S')}] built in {took:.1f} s: {changed} files changed; {state['summary']}")
        return state

    def _served_paths(self, outputs: list[str]) -> list[str]:
        """Output paths (relative to the output folder) as paths of this server's site."""
        out, site = self.config.path(self.config.output).resolve(), self.site().resolve()
        return [(out / p).relative_to(site).as_posix() for p in outputs if (out / p).resolve().is_relative_to(site)]

    def changed(self) -> bool:
        return self.snapshot() != self.seen

    def watch(self, interval: float = INTERVAL) -> None:
        """Rebuild whenever a source changes, until stop(); in the main thread SIGTERM stops it as Ctrl-C does."""
        restore = _sigterm_as_interrupt()
        try:
            while not self.stop_event.wait(interval):
                if self.changed():
                    self.rebuild()
        finally:
            restore()

    # -------------------------------------------------------------- serving

    def site(self) -> Path:
        out = self.config.path(self.config.output)
        return out / "html" if (out / "html").is_dir() else out

    def start(self, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
        """Bind and serve in a background thread; returns the server (server_address has the port)."""
        server = ThreadingHTTPServer((host, port), partial(_Handler, preview=self))
        server.daemon_threads = True
        self.server = server
        threading.Thread(target=server.serve_forever, name="editio-serve", daemon=True).start()
        return server

    def stop(self) -> None:
        self.stop_event.set()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


class _Handler(SimpleHTTPRequestHandler):
    """The standard library's file server on the served folder (it maps a URL to a file in
    `directory` and drops `..`), plus: editio's two URLs, pages with the reload script, and
    nothing outside the folder, not even through a symbolic link."""

    server_version = "editio-serve"

    def __init__(self, *args, preview: "Preview", **kwargs):
        self.preview = preview
        self.policy = None  # the Content-Security-Policy header of this response, if any
        super().__init__(*args, directory=str(preview.site()), **kwargs)

    def log_message(self, format, *args):  # noqa: A002 - the name http.server uses
        pass  # requests are not logged: the terminal shows builds and problems

    def send_head(self):
        self.policy = None
        path = unquote(urlsplit(self.path).path)
        if path == "/_editio/version":
            with self.preview.lock:
                return self._send(HTTPStatus.OK, "application/json", json.dumps(self.preview.state).encode("utf-8"))
        if path == "/_editio/reload.js":
            return self._send(HTTPStatus.OK, "text/javascript; charset=utf-8", RELOAD_JS.encode("utf-8"))
        target = self.translate_path(self.path)
        if not self._inside(target):
            return self.send_error(HTTPStatus.NOT_FOUND)
        index = os.path.join(target, "index.html")
        if path.endswith("/") and os.path.isfile(index):
            target = index
        if os.path.isfile(target) and self.guess_type(target).startswith("text/html"):
            try:
                with open(target, "rb") as f:
                    return self._send(HTTPStatus.OK, "text/html; charset=utf-8", *inject(f.read()))
            except OSError:
                return self.send_error(HTTPStatus.NOT_FOUND)
        return super().send_head()

    def _inside(self, target: str) -> bool:
        site = os.path.realpath(self.directory)
        return "\x00" not in target and os.path.commonpath([site, os.path.realpath(target)]) == site

    def guess_type(self, path):
        kind = super().guess_type(path)
        text = kind.startswith("text/") or kind in ("application/json", "application/xml", "application/javascript")
        return f"{kind}; charset=utf-8" if text else kind

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        if self.policy:
            self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()

    def list_directory(self, path):
        from html import escape

        folder = Path(path)
        items = "".join(f'<li><a href="{escape(p.name)}{"/" if p.is_dir() else ""}">{escape(p.name)}</a></li>'
                        for p in sorted(folder.iterdir()) if not p.name.startswith("."))
        rel = unquote(urlsplit(self.path).path)
        page = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">"
                f"<title>editio: {escape(rel)}</title></head><body><h1>Files</h1><ul>{items}</ul></body></html>")
        return self._send(HTTPStatus.OK, "text/html; charset=utf-8", *inject(page.encode("utf-8")))

    def send_error(self, code, message=None, explain=None):
        if code != HTTPStatus.NOT_FOUND:
            return super().send_error(code, message, explain)
        # a page with the reload script: a page not built (yet, or any more) appears when it is
        from html import escape

        status = HTTPStatus(code)
        page = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">"
                f"<title>{status.value} {status.phrase}</title></head><body><h1>{status.value} {status.phrase}</h1>"
                f"<p>{escape(unquote(urlsplit(self.path).path))} is not in the edition as last built; "
                "this page reloads when the edition is built again.</p></body></html>")
        body = self._send(status, "text/html; charset=utf-8", *inject(page.encode("utf-8")))
        if self.command != "HEAD":
            self.copyfile(body, self.wfile)

    def _send(self, status, kind: str, body: bytes, policy: str | None = None) -> io.BytesIO:
        """Send the status and headers; return the body, which do_GET copies (and do_HEAD does not)."""
        self.policy = policy
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def _sigterm_as_interrupt():
    """In the main thread, make SIGTERM (`kill`, a process manager, a test) raise KeyboardInterrupt,
    so that `editio serve` stops as on Ctrl-C: server closed, "stopped", exit 0. Returns the undo."""
    import signal

    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGTERM"):
        return lambda: None

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    return lambda: signal.signal(signal.SIGTERM, previous)


def is_loopback(host: str) -> bool:
    return host in ("localhost", "::1") or host.startswith("127.")
