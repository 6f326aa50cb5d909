"""The HTML edition checked with real tools: the W3C Nu HTML checker (npm vnu-jar, on Java)
on every page, and headless Chromium (Debian's, driven by playwright-core from
tests/browser/check.mjs) for axe-core, links that a reader follows, print and phone layout.
Each tool runs once, on all pages. A missing tool is a skip here and a failure in CI.
The letter page's screenshot is taken too; with EDITIO_SAVE_SCREENSHOT=1 it is copied to
docs/screenshot-letter.png, the README's picture (no test writes a tracked file otherwise)."""

import functools
import http.server
import json
import os
import struct
import subprocess
import threading

import pytest

from conftest import REPO
from html_site import CHROMIUM, LETTER, NODE_MODULES, VNU_JAR, build_html, have, make_project, require

pytestmark = [pytest.mark.browser]

SCREENSHOT = REPO / "docs" / "screenshot-letter.png"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("html-browser"))
    build_html(project)
    return project / "output" / "html"


@pytest.fixture(scope="module")
def pages(out):
    return sorted(p.name for p in out.glob("*.html"))


@pytest.fixture(scope="module")
def server(out):
    handler = functools.partial(_QuietHandler, directory=str(out))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def vnu_messages(out, pages):
    require("java", have("java"), "apt-get install default-jre-headless (or run .ci/install-tools)")
    require("the Nu HTML checker", VNU_JAR.is_file(), "npm ci (or run .ci/install-tools)")
    run = subprocess.run(["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *(str(out / p) for p in pages)],
                         capture_output=True, text=True, timeout=180)
    report = json.loads(run.stderr or run.stdout)  # vnu writes its report on stderr
    return report["messages"]


@pytest.fixture(scope="module")
def browser(out, pages, server, tmp_path_factory):
    require("node", have("node"), "install Node.js 20 or newer")
    require("playwright-core and axe-core", (NODE_MODULES / "playwright-core").is_dir() and (NODE_MODULES / "axe-core").is_dir(),
            "npm ci (or run .ci/install-tools)")
    require("chromium", CHROMIUM.is_file(), "apt-get install chromium (or run .ci/install-tools)")
    shot = tmp_path_factory.mktemp("shot") / "letter.png"
    run = subprocess.run(["node", str(REPO / "tests" / "browser" / "check.mjs"), "--base", server, "--dir", str(out),
                          "--letter", f"{LETTER}.html", "--screenshot", str(shot), "--chromium", str(CHROMIUM), *pages],
                         capture_output=True, text=True, timeout=240, cwd=REPO)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    result["screenshot"] = shot
    if os.environ.get("EDITIO_SAVE_SCREENSHOT"):  # refresh the README's picture on request only
        SCREENSHOT.write_bytes(shot.read_bytes())
    return result


def test_every_page_passes_the_nu_html_checker(vnu_messages, pages):
    assert len(pages) >= 9
    errors = [f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m.get('message')}" for m in vnu_messages]
    assert errors == []


def test_every_page_has_no_axe_violations(browser, pages):
    assert sorted(browser["axe"]) == pages
    violations = {page: found for page, found in browser["axe"].items() if found}
    assert violations == {}


def test_every_page_fits_a_phone_screen(browser, pages):
    assert {page: wider for page, wider in browser["overflow"].items() if wider > 0} == {}


def test_note_references_and_back_links_bring_their_target_into_view(browser):
    notes = browser["letter"]["notes"]
    assert [n["there"]["target"] for n in notes] == ["d73.fn0", "d73.fn1", "d73.fn2"]
    for note in notes:
        assert note["there"]["found"] and note["there"]["inView"], note
        assert note["back"]["target"] == f"noteref:{note['there']['target']}"
        assert note["back"]["found"] and note["back"]["inView"], note


def test_a_name_leads_to_its_register_entry_and_back_to_the_letter(browser):
    register = browser["letter"]["register"]
    assert register["href"].startswith(("persons.html#", "places.html#", "organisations.html#"))
    assert register["found"] and register["inView"], register
    back = browser["letter"]["registerBack"]
    assert back["href"].startswith(f"{LETTER}.html#") and back["found"] and back["inView"], back


def test_page_markers_are_there_on_screen_and_gone_in_print(browser):
    assert browser["letter"]["pageMarkers"] == [{"id": "d73.pb199", "text": "[Page 199]"}, {"id": "d73.pb200", "text": "[Page 200]"}]
    assert browser["letter"]["hiddenInPrint"] == {".pb": True, ".site-nav": True, ".skip-link": True}


def test_the_letter_page_works_under_its_content_security_policy_and_from_file(browser):
    banner = "rgb(29, 43, 58)"  # the stylesheet's banner colour: the stylesheet was applied
    assert browser["letter"]["styled"] == banner and browser["file"]["styled"] == banner
    assert browser["letter"]["consoleErrors"] == []


def test_the_letter_page_can_be_photographed_for_the_readme(browser):
    data = browser["screenshot"].read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
    assert width > 0 and height > 0
