"""editio serve: the edition on loopback, rebuilt on change, pages that reload themselves.

A real server on 127.0.0.1 (any free port) and a real HTTP client (urllib). The build is the
real pipeline with the HTML builder only (the other builders are not needed to serve pages).
"""

import json
import re
import threading
import time
import urllib.error
import urllib.request

import pytest

from editio.builders import registry
from editio.config import load
from editio.serve import SCRIPT_TAG, Preview, inject, served_policy
from test_workflow_init import new_project
from test_workflow_new import PEOPLE


def get(url: str):
    """(status, headers (names in any case, as HTTP has them), body)"""
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def version(base: str) -> dict:
    return json.loads(get(base + "/_editio/version")[2])


def wait_for_build(base: str, after: int, timeout: float = 20.0) -> dict:
    """The state of the first build done after version `after` (a rebuild may publish a
    version before it is done, "building", once the changed letters' pages are written)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = version(base)
        if state["version"] > after and not state["building"]:
            return state
        time.sleep(0.1)
    raise AssertionError(f"no build after version {after} within {timeout} s: {state}")


@pytest.fixture
def served(run_editio, tmp_path, monkeypatch):
    from editio.builders.html import HtmlBuilder

    monkeypatch.setattr(registry, "BUILDERS", [HtmlBuilder])
    project = new_project(run_editio, tmp_path / "ed", *PEOPLE)
    run_editio("new", "letter", "--from", "khrushchev", "--to", "kennedy", "--date", "1962-11-04", "--place-from", "moscow",
               "--place-to", "washington", "--id", "d73", cwd=project)
    config = load(start=project)
    lines = []
    preview = Preview(config, [project / "tei"], echo=lambda s="", nl=True, err=False: lines.append(s))
    preview.rebuild()
    server = preview.start("127.0.0.1", 0)
    watcher = threading.Thread(target=preview.watch, daemon=True)
    watcher.start()
    yield project, f"http://127.0.0.1:{server.server_address[1]}", lines
    preview.stop()
    watcher.join(timeout=5)


def test_pages_are_served_with_the_reload_script_a_matching_policy_and_nothing_else(served):
    project, base, lines = served
    assert get(base + "/")[0] == 200
    status, headers, body = get(base + "/d73.html")
    on_disk = (project / "output/html/d73.html").read_bytes()
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert body.count(SCRIPT_TAG.encode()) == 1 and body.index(SCRIPT_TAG.encode()) < body.rindex(b"</body>")
    assert b"/_editio/" not in on_disk, "the files on disk are never changed"
    policy = headers["Content-Security-Policy"]
    directives = {d.split()[0]: d.split()[1:] for d in policy.split("; ")}
    assert directives["script-src"] == ["'self'"] and directives["connect-src"] == ["'self'"]
    assert directives["default-src"] == ["'none'"], "the rest of the page's own policy is kept"
    assert b"Content-Security-Policy" not in body, "the meta is replaced by the header"
    status, headers, script = get(base + "/_editio/reload.js")
    assert status == 200 and headers["Content-Type"].startswith("text/javascript") and b"/_editio/version" in script
    css = [p.name for p in (project / "output/html").glob("*.css")]
    if css:
        assert get(f"{base}/{css[0]}")[1]["Content-Type"] == "text/css; charset=utf-8"
    assert any("built in" in line for line in lines)
    # only the output folder is served
    for path in ("/../editio.toml", "/%2e%2e/editio.toml", "/..%2f..%2fetc/passwd", "/nothing.html", "/%00"):
        assert get(base + path)[0] == 404, path


def test_an_edit_of_a_source_makes_a_new_version_with_its_problems(served):
    project, base, lines = served
    first = version(base)
    assert first["version"] == 1 and first["errors"] == 0 and first["failed"] is None
    letter = project / "tei/letters/d73.xml"
    letter.write_text(letter.read_text().replace("The text of the letter.", 'Dated <date when="1962-13-45">never</date>.'))
    state = wait_for_build(base, first["version"])
    assert state["errors"] >= 1 and any("ED301" in p and "d73.xml" in p for p in state["problems"])
    assert any("ED301" in line for line in lines), "the problems are printed in the terminal too"
    letter.write_text(letter.read_text().replace('<date when="1962-13-45">never</date>', "Moscow"))
    state = wait_for_build(base, state["version"])
    assert b"Moscow." in get(base + "/d73.html")[2]


class Watching:
    """A builder whose finish step looks at the server as a browser would, while it runs."""

    name = "watching"
    base = None  # the server's address, once it serves
    seen: list = []

    def build(self, letter, ctx):
        ctx.keep(self.name, letter.source.data)  # a record that changes with the letter: finish() runs again
        return []

    def finish(self, ctx):
        if Watching.base:
            Watching.seen.append((version(Watching.base), get(Watching.base + "/d73.html")[2]))
        return []


def test_the_browser_reloads_once_the_letter_page_is_written_before_the_finish_steps(run_editio, tmp_path, monkeypatch):
    from editio.builders.html import HtmlBuilder

    monkeypatch.setattr(registry, "BUILDERS", [Watching, HtmlBuilder])  # its finish step first
    monkeypatch.setattr(Watching, "seen", [])
    project = new_project(run_editio, tmp_path / "ed", *PEOPLE)
    run_editio("new", "letter", "--from", "khrushchev", "--to", "kennedy", "--date", "1962-11-04", "--id", "d73", cwd=project)
    letter = project / "tei/letters/d73.xml"
    letter.write_text(letter.read_text().replace("The text of the letter.", "Written on Sunday."))
    preview = Preview(load(start=project), [project / "tei"], echo=lambda *a, **k: None)
    preview.rebuild()
    server = preview.start("127.0.0.1", 0)
    try:
        monkeypatch.setattr(Watching, "base", f"http://127.0.0.1:{server.server_address[1]}")
        assert version(Watching.base)["version"] == 1
        letter.write_text(letter.read_text().replace("Written on Sunday.", "Written on Monday."))
        done = preview.rebuild()
        (during, page), = Watching.seen
        assert during["version"] == 2 and during["building"], "the new version is out while the finish steps run"
        assert b"Written on Monday." in page, "and the letter's page the browser then gets is the new one"
        assert done["version"] == 2 and not done["building"], "nothing else the browser shows changed: one reload"
        letter.write_text(letter.read_text().replace("Written on Monday.", 'Dated <date when="1962-13-45">never</date>.'))
        done = preview.rebuild()
        assert Watching.seen[-1][0]["version"] == 2, "an error: no reload before the build is done"
        assert done["version"] == 3 and done["errors"] >= 1, "then one reload, with the banner"
        letter.write_text(letter.read_text().replace('<date when="1962-13-45">never</date>', "Tuesday"))
        done = preview.rebuild()
        assert Watching.seen[-1][0]["version"] == 3 and done["version"] == 4 and done["errors"] == 0, "nor when it goes"
    finally:
        preview.stop()


def test_policy_and_injection_without_a_page_policy():
    assert served_policy("default-src 'none'; script-src 'none'") == "default-src 'none'; script-src 'self'; connect-src 'self'"
    assert served_policy("script-src 'sha256-x'") == "script-src 'sha256-x' 'self'; connect-src 'self'"
    body, policy = inject(b"<html><body><p>x</p></body></html>")
    assert policy is None and body == b"<html><body><p>x</p>" + SCRIPT_TAG.encode() + b"</body></html>"


def test_serve_and_watch_commands(run_editio):
    r = run_editio("serve", "--help")
    assert r.exit_code == 0 and "editio serve --port 8080" in r.output and "127.0.0.1" in r.output
    assert run_editio("watch", "--help").output == r.output.replace(" serve [OPTIONS]", " watch [OPTIONS]")
    assert run_editio("serve", "--port", "70000").exit_code == 2
    listed = run_editio("--help").output.split("Commands:", 1)[1]
    assert re.search(r"^  serve ", listed, re.M) and not re.search(r"^  watch ", listed, re.M), "an alias is not a command of its own"


def test_a_port_in_use_is_a_clear_error(run_editio, tmp_path, monkeypatch):
    import socket

    monkeypatch.setattr(registry, "BUILDERS", [])
    project = new_project(run_editio, tmp_path / "ed")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        r = run_editio("serve", "--port", port, cwd=project)
    assert r.exit_code == 1 and f"cannot listen on 127.0.0.1:{port}" in r.output and "--port 0" in r.output


def test_without_html_the_output_folder_is_listed(run_editio, tmp_path, monkeypatch):
    monkeypatch.setattr(registry, "BUILDERS", [])
    project = new_project(run_editio, tmp_path / "ed")
    preview = Preview(load(start=project), [project / "tei"], echo=lambda *a, **k: None)
    preview.rebuild()
    server = preview.start("127.0.0.1", 0)
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        status, headers, body = get(base + "/")
        assert status == 200 and b'<a href="manifest.json">' in body and SCRIPT_TAG.encode() in body
        assert headers["Content-Security-Policy"] == "default-src 'none'; script-src 'self'; connect-src 'self'"
        assert get(base + "/manifest.json")[1]["Content-Type"] == "application/json; charset=utf-8"
        assert server.server_address[0] == "127.0.0.1"
    finally:
        preview.stop()


def test_a_letter_that_stops_being_well_formed_keeps_its_last_good_page_and_the_tab_reloads(served):
    project, base, lines = served
    good = get(base + "/d73.html")[2]
    assert b"The text of the letter." in good
    letter = project / "tei/letters/d73.xml"
    before = version(base)["version"]
    letter.write_text(letter.read_text().replace("The text of the letter.", "The text & the letter."))
    state = wait_for_build(base, before)
    assert state["errors"] >= 1 and any("d73.xml" in p for p in state["problems"])
    assert "d73.html" in state["stale"], state
    status, _, page = get(base + "/d73.html")
    assert status == 200 and b"The text of the letter." in page and SCRIPT_TAG.encode() in page
    assert b"from the last good build" in get(base + "/_editio/reload.js")[2]
    assert b'href="d73.html"' in get(base + "/")[2], "the index still lists the letter"
    status, headers, missing = get(base + "/not-built-yet.html")
    assert status == 404 and headers["Content-Type"].startswith("text/html") and SCRIPT_TAG.encode() in missing
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    letter.write_text(letter.read_text().replace("The text & the letter.", "The text of the letter, mended."))
    state = wait_for_build(base, state["version"])
    assert state["errors"] == 0 and state["stale"] == [] and b"mended" in get(base + "/d73.html")[2]


def test_a_symbolic_link_out_of_the_served_folder_is_not_followed(run_editio, tmp_path, monkeypatch):
    monkeypatch.setattr(registry, "BUILDERS", [])
    project = new_project(run_editio, tmp_path / "ed")
    (tmp_path / "secret.txt").write_text("not for the network")
    preview = Preview(load(start=project), [project / "tei"], echo=lambda *a, **k: None)
    preview.rebuild()
    (project / "output/leak.txt").symlink_to(tmp_path / "secret.txt")
    (project / "output/same.json").symlink_to(project / "output/manifest.json")
    server = preview.start("127.0.0.1", 0)
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        status, _, body = get(base + "/leak.txt")
        assert status == 404 and b"not for the network" not in body
        assert get(base + "/same.json")[0] == 200, "a link that stays inside is served"
        with urllib.request.urlopen(urllib.request.Request(base + "/", method="HEAD"), timeout=10) as r:
            assert r.status == 200 and int(r.headers["Content-Length"]) > 0 and r.read() == b""
    finally:
        preview.stop()
