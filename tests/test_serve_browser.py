"""editio serve with a real browser: `editio serve --port N` runs as a subprocess on a copy of
the edition, and headless Chromium (Debian's, driven by playwright-core from
tests/browser/serve_reload.mjs) opens the letter on 127.0.0.1. After an edit of the source
the open page must reload by itself and show the edit; after a schema error it must show the
problem as a banner; all of it under the page's Content-Security-Policy, without violations.
A missing tool is a skip here and a failure in CI (see html_site.require)."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import REPO
from html_site import CHROMIUM, LETTER, NODE_MODULES, have, make_project, require

pytestmark = [pytest.mark.browser]

EDIT = ("a great, serious talk", "a great, serious conversation")
BREAK = ("<salute>Dear Mr. President,</salute>", "<salut>Dear Mr. President,</salut>")
RELOAD_WITHIN_MS = 6000  # the server looks every 0.5 s, the page polls every 0.5 s, a build takes ~1 s


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_it_answers(proc: subprocess.Popen, url: str, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"editio serve exited with {proc.returncode} before answering")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    raise AssertionError(f"editio serve did not answer {url} within {timeout} s")


def stop(proc: subprocess.Popen, timeout: float = 5.0) -> int | None:
    """Terminate, then kill after `timeout`; the exit code of a clean stop, None if it had to be killed."""
    if proc.poll() is not None:
        return proc.returncode
    proc.terminate()
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=timeout)
        return None


@pytest.fixture(scope="module")
def serve_run(tmp_path_factory):
    require("node", have("node"), "install Node.js 20 or newer")
    require("playwright-core", (NODE_MODULES / "playwright-core").is_dir(), "npm ci (or run .ci/install-tools)")
    require("chromium", CHROMIUM.is_file(), "apt-get install chromium (or run .ci/install-tools)")
    tmp_path = tmp_path_factory.mktemp("serve-browser")
    project = make_project(tmp_path / "ed", fixtures=False)
    (project / "editio.toml").write_text('title = "editio serve in a browser"\npublisher = "editio tests"\n', encoding="utf-8")
    source = project / "tei" / "letters" / f"{LETTER}.xml"
    assert EDIT[0] in source.read_text(encoding="utf-8") and BREAK[0] in source.read_text(encoding="utf-8")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log_out, log_err = tmp_path / "serve.out", tmp_path / "serve.err"
    env = {k: v for k, v in os.environ.items() if k != "EDITIO_DEBUG"}
    with open(log_out, "wb") as out, open(log_err, "wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "editio", "serve", "--port", str(port), "--no-color"],
                                cwd=project, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
    try:
        wait_until_it_answers(proc, base + "_editio/version")
        with urllib.request.urlopen(base + f"{LETTER}.html", timeout=5) as r:
            served = r.read()
        run = subprocess.run(["node", str(REPO / "tests" / "browser" / "serve_reload.mjs"), "--base", base,
                              "--letter", f"{LETTER}.html", "--source", str(source), "--chromium", str(CHROMIUM),
                              "--edit-from", EDIT[0], "--edit-to", EDIT[1], "--break-from", BREAK[0], "--break-to", BREAK[1],
                              "--timeout", str(RELOAD_WITHIN_MS)],
                             capture_output=True, text=True, timeout=60, cwd=REPO, check=False)
        alive = proc.poll() is None
    finally:
        code = stop(proc)
    logs = log_out.read_text(encoding="utf-8", errors="replace") + log_err.read_text(encoding="utf-8", errors="replace")
    assert run.returncode == 0, f"{run.stderr}\n--- editio serve:\n{logs}"
    return {"project": project, "served": served, "browser": json.loads(run.stdout), "alive": alive, "code": code,
            "stdout": log_out.read_text(encoding="utf-8"), "stderr": log_err.read_text(encoding="utf-8")}


def test_an_open_page_reloads_itself_after_an_edit_and_shows_the_problems(serve_run):
    b = serve_run["browser"]
    first = b["first"]
    # the letter, served with the reload script that then polls the server
    assert LETTER.rsplit("-", 1)[1] in first["title"] or "Khrushchev" in first["title"], first["title"]
    assert EDIT[0] in first["text"] and not first["banner"]
    assert first["scripts"].count("/_editio/reload.js") == 1 and first["reloadScriptLoaded"], (first, b["csp"])
    assert first["polled"] == 200, ("the reload script never polled", b["csp"], b["console"], b["pageErrors"])
    directives = {d.split()[0]: d.split()[1:] for d in first["policy"].split("; ")}
    assert directives["script-src"] == ["'self'"] and directives["connect-src"] == ["'self'"]
    assert b["requests"].count("/_editio/version") >= 3, "the page polls the server"

    # a word changed in the source: the page reloads by itself (once) and shows it
    edited = b["edited"]
    assert edited["reloaded"] and edited["shown"] and edited["oldGone"], edited
    assert edited["ms"] < RELOAD_WITHIN_MS and edited["loads"] == 1, edited

    # the letter broken: the page reloads and shows the schema error as a banner
    broken = b["broken"]
    assert broken["reloaded"] and broken["loads"] == 1, broken
    banner = broken["banner"]
    assert banner["role"] == "status" and "1 error" in banner["text"], banner
    assert any("ED101" in item and f"{LETTER}.xml" in item and "salut" in item for item in banner["items"]), banner

    # no policy violation, no error, nothing thrown on any of the three page loads
    assert b["csp"] == []
    # (Chromium asks for /favicon.ico by itself; the edition has none, so that 404 is no error of the page)
    said = [m for m in b["console"] if m["type"] in ("error", "warning") and not m["url"].endswith("/favicon.ico")]
    assert said == [] and b["failed"] == []
    assert b["pageErrors"] == []


def test_the_server_stays_up_stops_cleanly_and_leaves_the_files_on_disk_alone(serve_run):
    assert serve_run["alive"], "editio serve was still running when the browser was done"
    assert serve_run["code"] == 0, (serve_run["code"], serve_run["stderr"])
    out = serve_run["stdout"]
    assert "at http://127.0.0.1:" in out and out.count("built in") == 3 and "stopped" in out, out
    assert "ED101" in out, "the problem is printed in the terminal too"
    assert "Traceback" not in serve_run["stderr"] and "internal error" not in serve_run["stderr"]
    assert b"/_editio/reload.js" in serve_run["served"]
    output = serve_run["project"] / "output"
    files = [p for p in output.rglob("*") if p.is_file()]
    assert any(p.suffix == ".html" for p in files)
    assert [str(p.relative_to(output)) for p in files if b"/_editio/reload.js" in p.read_bytes()] == []
    assert b"serious conversation" in (output / "html" / f"{LETTER}.html").read_bytes()
