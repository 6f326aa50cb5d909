"""Untrusted sources and schemas: nothing outside the project is read, nothing is fetched,
no expansion or size blows up time or memory; each refusal is a diagnostic and the run goes on.

test_reading covers XXE (external entities), the exponential entity bomb, depth and the
size limit; this file covers Schematron document()/include, XInclude, every URL-bearing
construct at once against a loopback server, the quadratic blow-up and huge files.
"""

import json
import shutil
import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from conftest import REPO
from editio.config import Config
from editio.validate.runner import validate

LETTER = REPO / "tei/letters/frus1961-63v06-d73.xml"
SECRET = "TOP-SECRET-7f3a"
SCH = "http://purl.oclc.org/dsdl/schematron"


def all_output_text(folder: Path) -> str:
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in folder.rglob("*") if p.is_file())


def report_text(report) -> str:
    return json.dumps([d.__dict__ for d in report.diagnostics])


@pytest.fixture
def project(tmp_path):
    """A copy of the repository's tei/ (letter, registers, edition schema) in tmp/project;
    tmp/ itself holds the secrets, outside the project."""
    root = tmp_path / "project"
    shutil.copytree(REPO / "tei", root / "tei")
    (tmp_path / "secret.xml").write_text(f"<secret>{SECRET}</secret>")
    (tmp_path / "secret.txt").write_text(f"{SECRET}\n")
    return root


def add_letter(project: Path, name: str, insert: str, before: str = "</div>", head: str = "") -> Path:
    """The real letter under another name, with `insert` placed before the first `before`
    and `head` after the XML declaration."""
    text = LETTER.read_text(encoding="utf-8")
    text = text.replace(before, insert + before, 1)
    if head:
        first_line_end = text.index("\n") + 1
        text = text[:first_line_end] + head + "\n" + text[first_line_end:]
    path = project / "tei/letters" / name
    path.write_text(text, encoding="utf-8")
    return path


def schematron_file(path: Path, test: str, message: str = "failed") -> Path:
    path.write_text(textwrap.dedent(f"""\
        <schema xmlns="{SCH}" queryBinding="xslt">
          <ns prefix="t" uri="http://www.tei-c.org/ns/1.0"/>
          <pattern><rule context="/t:TEI"><assert test="{test}">{message}</assert></rule></pattern>
        </schema>
        """), encoding="utf-8")
    return path


# --- 0. The external DTD subset ----------------------------------------------------------


def test_external_dtd_subset_is_never_read(project, tmp_path):
    """libxml2 2.14 loads <!DOCTYPE TEI SYSTEM "..."> even with load_dtd=False when internal
    entities are resolved; the parser's resolver makes every external resource empty: an
    entity declared only in an outside DTD stays undeclared (ED001) and its text never
    appears; a DOCTYPE naming a remote or missing DTD (old TEI files) is simply read."""
    (tmp_path / "outside.dtd").write_text(f'<!ENTITY leak "{SECRET}">')
    leak = add_letter(project, "dtd-leak.xml", "<p>&leak;</p>", head=f'<!DOCTYPE TEI SYSTEM "{tmp_path / "outside.dtd"}">')
    uri = add_letter(project, "dtd-uri.xml", "<p>&leak;</p>", head=f'<!DOCTYPE TEI SYSTEM "{(tmp_path / "outside.dtd").as_uri()}">')
    old = add_letter(project, "dtd-old.xml", "", head='<!DOCTYPE TEI PUBLIC "-//TEI//DTD TEI P5//EN" "http://www.tei-c.org/release/xml/tei/custom/schema/dtd/tei_all.dtd">')
    report = validate([leak, uri, old], Config(root=project))
    assert SECRET not in report_text(report)
    reading = [(Path(d.file).name, d.rule) for d in report.diagnostics if d.rule.startswith("ED0")]
    assert reading == [("dtd-leak.xml", "ED001"), ("dtd-uri.xml", "ED001")], reading
    assert all("&leak;" in d.message for d in report.diagnostics if d.rule == "ED001")


# --- 1. Schematron ---------------------------------------------------------------------


def test_schematron_document_reads_no_file_and_the_run_goes_on(project, tmp_path):
    """lxml's isoschematron would run the compiled schema without access control: this
    schema's assert and its message both read a secret file by document()."""
    secret_uri = (tmp_path / "secret.xml").as_uri()
    sch = schematron_file(project / "leak.sch", f"string(document('{secret_uri}')) = 'nothing'",
                          f"leaked: <value-of select=\"string(document('{secret_uri}'))\"/>")
    relative = schematron_file(project / "leak-relative.sch", "string(document('../secret.xml')) = 'x'")
    report = validate([project / "tei"], Config(root=project), schematron_files=[sch, relative])
    assert SECRET not in report_text(report)
    refused = [d for d in report.diagnostics if d.rule == "ED901"]
    assert refused and all("document() is not allowed" in d.message for d in refused), refused
    assert len({d.file for d in refused}) == len(report.files) == 4, "every file gets the diagnostic, none stops the run"
    assert all(d.hint for d in refused)


def test_schematron_still_checks_documents(project):
    """The access-controlled runner keeps Schematron working: a failing assert is a finding
    at the element's line, a passing one is silent."""
    fails = schematron_file(project / "fails.sch", "count(//t:p) &gt; 1000", "too few paragraphs")
    passes = schematron_file(project / "passes.sch", "t:teiHeader")
    report = validate([LETTER], Config(root=project), schematron_files=[fails, passes])
    found = [d for d in report.diagnostics if d.rule == "ED901"]
    assert [(d.message, d.line) for d in found] == [("too few paragraphs", 3)], found


@pytest.mark.parametrize("href", ["../secret.xml", "SECRET_ABSOLUTE", "file:///etc/passwd", "http://127.0.0.1:9/x.sch"])
def test_schematron_include_outside_its_folder_is_refused(project, tmp_path, href):
    href = href.replace("SECRET_ABSOLUTE", str(tmp_path / "secret.xml"))
    (project / "sch").mkdir()
    sch = project / "sch/main.sch"
    sch.write_text(f'<schema xmlns="{SCH}" queryBinding="xslt"><include href="{href}"/></schema>', encoding="utf-8")
    report = validate([LETTER], Config(root=project), schematron_files=[sch])
    errors = [d for d in report.diagnostics if d.rule == "ED102"]
    assert errors and "include" in errors[0].message and errors[0].hint
    assert SECRET not in report_text(report)


def test_schematron_include_in_its_folder_works(project):
    (project / "sch").mkdir()
    schematron_file(project / "sch/part.sch", "false()", "from the included pattern")
    (project / "sch/main.sch").write_text(
        f'<schema xmlns="{SCH}" queryBinding="xslt"><ns prefix="t" uri="http://www.tei-c.org/ns/1.0"/>'
        f'<include href="part.sch"/></schema>', encoding="utf-8")
    # an included file is a whole schema here: keep only its pattern
    part = (project / "sch/part.sch").read_text()
    (project / "sch/part.sch").write_text(part[part.index("<pattern"):part.index("</pattern>") + 10].replace(
        "<pattern>", f'<pattern xmlns="{SCH}">'), encoding="utf-8")
    report = validate([LETTER], Config(root=project), schematron_files=[project / "sch/main.sch"])
    assert [d.message for d in report.diagnostics if d.rule == "ED901"] == ["from the included pattern"]


# --- 2. XInclude -----------------------------------------------------------------------

XI = 'xmlns:xi="http://www.w3.org/2001/XInclude"'


def test_xinclude_is_never_processed(project, tmp_path, run_editio):
    """xi:include of /etc/passwd and of files outside the project: validation flags the
    element (the edition schema has no xi:include), the build goes on, and no byte of the
    targets appears in any output."""
    add_letter(project, "xi-passwd.xml", f'<xi:include {XI} href="/etc/passwd" parse="text"/>')
    add_letter(project, "xi-outside.xml", f'<p><xi:include {XI} href="../../../secret.txt" parse="text"/></p>'
                                          f'<xi:include {XI} href="{(tmp_path / "secret.xml").as_uri()}"/>')
    result = run_editio("build", cwd=project)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "xi:include" in result.output or "include" in result.output, result.output
    flagged = [line for line in result.output.splitlines() if "xi-" in line and "include" in line]
    assert len(flagged) >= 2, result.output
    text = all_output_text(project / "output")
    assert SECRET not in text and SECRET not in result.output
    passwd_first = Path("/etc/passwd").read_text().splitlines()[0]
    assert passwd_first not in text and passwd_first not in result.output
    assert (project / "output/html/xi-passwd.html").is_file(), "a letter with a schema error is still built"


def test_xinclude_is_a_schema_error_of_the_edition_schema(project):
    path = add_letter(project, "xi.xml", f'<xi:include {XI} href="/etc/passwd" parse="text"/>')
    report = validate([path], Config(root=project))
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if "xi:include" in text)
    assert [(d.rule, d.line) for d in report.diagnostics if d.rule == "ED101"] == [("ED101", line)]


# --- 3. No network ---------------------------------------------------------------------


class Loopback:
    """A TCP server on 127.0.0.1 (random port) that counts every connection it accepts."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.accepted += 1
            conn.close()

    def close(self):
        time.sleep(0.1)  # a connection started at the very end would still be counted
        self.stop.set()
        self.thread.join(timeout=2)
        self.sock.close()


def test_no_construct_opens_a_connection(project, run_editio):
    server = Loopback()
    url = f"http://127.0.0.1:{server.port}"
    try:
        # the self-test: the server does count a connection
        socket.create_connection(("127.0.0.1", server.port), timeout=1).close()
        time.sleep(0.1)
        assert server.accepted == 1
        server.accepted = 0
        add_letter(project, "net.xml",
                   f'<p facs="{url}/facs.jpg"><ref target="{url}/target">link</ref><xi:include {XI} href="{url}/inc.xml"/>'
                   f'<xi:include {XI} href="{url}/inc.txt" parse="text"/><graphic url="{url}/g.png"/></p>',
                   head=f'<!DOCTYPE TEI SYSTEM "{url}/tei.dtd">\n<?xml-model href="{url}/schema.rng" type="application/xml" '
                        f'schematypens="http://relaxng.org/ns/structure/1.0"?>\n<?xml-stylesheet href="{url}/style.xsl"?>')
        schematron_file(project / "net.sch", f"string(document('{url}/doc.xml')) = ''")
        (project / "editio.toml").write_text('schematron = ["net.sch"]\n', encoding="utf-8")
        validated = run_editio("validate", cwd=project)
        built = run_editio("build", cwd=project)
    finally:
        server.close()
    assert server.accepted == 0, "editio opened a network connection"
    for result in (validated, built):
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert "document() is not allowed" in result.output
        assert "remote" in result.output  # the xml-model schema is reported, not fetched


# --- 4. Blow-ups and huge files --------------------------------------------------------


@pytest.mark.parametrize("where", ["text", "attribute"])
def test_quadratic_blowup_is_refused_quickly(tmp_path, where):
    """One 100 KB entity referenced 10,000 times (1 GB expanded): libxml2's amplification
    limit refuses it before expanding."""
    refs = "&e;" * 10_000
    body = f"<p>{refs}</p>" if where == "text" else f'<p n="{refs}"/>'
    (tmp_path / "quadratic.xml").write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY e "{"a" * 100_000}">]>\n'
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{body}</TEI>')
    shutil.copy(LETTER, tmp_path / "letter.xml")
    start = time.monotonic()
    report = validate([tmp_path], Config(root=tmp_path))
    assert time.monotonic() - start < 2  # the letter is validated too; the refusal alone is milliseconds
    found = [d for d in report.diagnostics if d.file.endswith("quadratic.xml")]
    assert [d.rule for d in found] == ["ED001"] and "entity bomb" in found[0].message
    assert len(report.files) == 2


MEASURE = """
import json, resource, sys
from pathlib import Path
from editio.config import Config
from editio.validate.runner import validate
root = Path(sys.argv[1])
report = validate([root], Config(root=root))
# The peak of this process since it started: VmHWM (Linux) belongs to the new program, while
# ru_maxrss also counts the forked copy of the parent before exec (the test process, large
# after the tests of 20,000-entry registers).
status = Path("/proc/self/status")
peak = [int(l.split()[1]) for l in status.read_text().splitlines() if l.startswith("VmHWM:")] if status.exists() else []
print(json.dumps({"rss_mb": (peak[0] if peak else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024,
                  "files": report.files,
                  "diagnostics": [[d.file, d.rule, d.message] for d in report.diagnostics]}))
"""


@pytest.mark.slow
def test_huge_attribute_and_a_million_elements_have_bounded_memory(tmp_path):
    """A 20 MB attribute value is refused by libxml2's buffer limit (huge_tree stays off);
    a 6 MB file of a million elements is read and checked in bounded memory (the tree is
    ~280 bytes an element); the real letter next to them is checked as usual."""
    head = ('<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>x</title>'
            '</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader><text><body>')
    (tmp_path / "attribute.xml").write_text(head + '<p n="' + "a" * 20_000_000 + '">x</p></body></text></TEI>')
    (tmp_path / "million.xml").write_text(head + "<p>" + "<lb/>" * 1_000_000 + "</p></body></text></TEI>")
    shutil.copy(LETTER, tmp_path / "letter.xml")
    run = subprocess.run([sys.executable, "-c", MEASURE, str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["rss_mb"] < 600, result["rss_mb"]
    assert len(result["files"]) == 3
    by_file = {}
    for file, rule, message in result["diagnostics"]:
        by_file.setdefault(Path(file).name, []).append((rule, message))
    assert [rule for rule, _ in by_file["attribute.xml"]] == ["ED001"]
    assert not [r for r, _ in by_file.get("million.xml", []) if r.startswith("ED0")], "read, not refused"
    assert not [r for r, _ in by_file.get("letter.xml", []) if r.startswith("ED0")]


# --- 5. The output folder ----------------------------------------------------------------


def test_a_tampered_manifest_cannot_delete_files_outside_the_output_folder(project, tmp_path):
    """close() deletes what the previous manifest lists and this build did not make: paths
    in an edited output/manifest.json that leave the folder are ignored."""
    from editio.pipeline import build

    build(Config(root=project), [project / "tei"])
    victim, source = tmp_path / "victim.txt", project / "tei/letters/frus1961-63v06-d73.xml"
    victim.write_text("keep me")
    before = source.read_bytes()
    manifest = project / "output/manifest.json"
    listed = json.loads(manifest.read_text())
    hostile = ["../../victim.txt", str(victim), "../tei/letters/frus1961-63v06-d73.xml", "html/../../x"]
    for files in ({**listed["files"], **{p: {} for p in hostile}}, [*listed["files"], *hostile, 7]):  # this and the old format
        manifest.write_text(json.dumps({**listed, "files": files}))
        result = build(Config(root=project), [project / "tei"], force=True)
        assert victim.read_text() == "keep me" and source.read_bytes() == before
        assert result.removed == []


def test_stale_temporaries_are_removed_by_the_next_build_only(project):
    from editio.pipeline import build

    build(Config(root=project), [project / "tei"])
    stale = [project / "output/html/.index.html.a1B2c3_d.tmp", project / "output/.manifest.json.zzzzzzzz.tmp"]
    kept = [project / "output/html/notes.tmp", project / "output/html/.hidden.tmp", project / "output/html/.x.html.short.tmp"]
    for p in stale + kept:
        p.write_text("left by a kill")
    build(Config(root=project), [project / "tei"], check=True)
    assert all(p.exists() for p in stale), "--check writes and deletes nothing"
    build(Config(root=project), [project / "tei"])
    assert not any(p.exists() for p in stale)
    assert all(p.exists() for p in kept), "only write_atomic's own names are removed"
