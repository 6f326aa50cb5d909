"""Layer 1: every kind of unreadable input gets one clear diagnostic, and the run goes on."""

import json
import socket
import threading
from pathlib import Path

import pytest

from conftest import FIXTURES, TEI_ALL
from editio.config import Config
from editio.validate.runner import validate

READING = FIXTURES / "reading"


def reading_layer(diagnostics):
    """Findings of the reading layer (ED0xx); the fixtures are minimal TEI, so the editorial
    rules (ED4xx: no correspDesc, ED7xx: no licence) have their say too, but not here."""
    return [d for d in diagnostics if d.rule.startswith("ED0")]

# fixture -> (rule, line, words the message must contain)
EXPECTED = {
    "not-well-formed.xml": ("ED001", 12, "<hi> (opened on line 12) is not closed before </p>"),
    "undeclared-entity.xml": ("ED001", 12, "&nbsp;"),
    "unescaped-ampersand.xml": ("ED001", 12, "unescaped &"),
    "external-entity.xml": ("ED003", 3, "file:///etc/passwd"),
    "external-parameter-entity.xml": ("ED003", 3, "parameter entity"),
    "entity-bomb.xml": ("ED001", 2, "entity bomb"),
    "latin1-declared.xml": ("ED002", 1, "ISO-8859-1"),
    "latin1-undeclared.xml": ("ED001", 12, "not valid UTF-8"),
    "utf16-bom.xml": ("ED002", 1, "UTF-16"),
    "binary.xml": ("ED001", 1, "binary"),
    "empty.xml": ("ED001", 1, "empty"),
    "not-xml.xml": ("ED001", 1, "not XML"),
    "control-character.xml": ("ED001", 12, "not allowed in XML"),
    "not-tei.xml": ("ED006", 2, "<letter>"),
    "tei-p4-no-namespace.xml": ("ED006", 2, "<TEI>"),
    "deep-nesting.xml": ("ED001", 12, "256 levels"),
}


@pytest.fixture(scope="module")
def report():
    return validate([READING], Config(root=READING), schema=TEI_ALL)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_broken_file_gets_exactly_its_diagnostic(report, name):
    rule, line, words = EXPECTED[name]
    found = [d for d in reading_layer(report.diagnostics) if d.file.endswith(name)]
    assert [(d.rule, d.line) for d in found] == [(rule, line)], found
    assert words.lower() in found[0].message.lower(), found[0].message
    assert found[0].hint, "every reading problem says what to do"


def test_readable_variants_are_read_and_checked(report):
    """A BOM, CRLF line ends, UTF-16 and Latin-1 (declared) are XML: they are read, not refused."""
    for name in ("utf8-bom.xml", "crlf.xml"):
        assert not [d for d in reading_layer(report.diagnostics) if d.file.endswith(name)]
    assert len(report.files) == len(list(READING.glob("*.xml")))


def test_undeclared_entity_hint_gives_the_character():
    d = next(d for d in validate([READING / "undeclared-entity.xml"], Config(root=READING), schema=TEI_ALL).diagnostics)
    assert d.col == 13
    assert "&#160;" in d.hint and "U+00A0" in d.hint


def test_unescaped_ampersand_is_placed_on_the_ampersand_with_the_hint_to_write_amp(tmp_path):
    d = next(d for d in validate([READING / "unescaped-ampersand.xml"], Config(root=READING), schema=TEI_ALL).diagnostics)
    assert (d.line, d.col) == (12, 25) and "&amp;" in d.hint
    line = (READING / "unescaped-ampersand.xml").read_text().splitlines()[d.line - 1]
    assert line[d.col - 1] == "&"
    text = line.join(["<TEI>", "</TEI>"]).replace("Rusk & Ambassador", "AT&T")  # & before a name without ";"
    (tmp_path / "att.xml").write_text(text)
    d = next(d for d in validate([tmp_path / "att.xml"], Config(root=tmp_path), schema=TEI_ALL).diagnostics)
    assert d.rule == "ED001" and "unescaped &" in d.message and "&amp;" in d.hint and d.col == text.index("&") + 1


def test_external_entities_read_no_file_and_open_no_connection(tmp_path):
    """XXE: a local file's content never appears, and a loopback server receives nothing."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(0.2)
    port = server.getsockname()[1]
    received = []

    def accept():
        try:
            conn, _ = server.accept()
            received.append(conn)
        except OSError:
            pass

    thread = threading.Thread(target=accept)
    thread.start()
    letter = tmp_path / "letter.xml"
    body = (READING / "external-entity.xml").read_text()
    letter.write_text(body.replace("file:///etc/passwd", secret.as_uri()))
    remote = tmp_path / "remote.xml"
    remote.write_text(body.replace("file:///etc/passwd", f"http://127.0.0.1:{port}/x.ent"))
    report = validate([tmp_path], Config(root=tmp_path), schema=TEI_ALL)
    thread.join()
    server.close()
    assert not received, "editio opened a network connection"
    assert "TOP-SECRET" not in json.dumps([d.__dict__ for d in report.diagnostics])
    assert sorted(d.rule for d in report.diagnostics) == ["ED003", "ED003"]


def test_oversized_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.xml"
    with open(big, "wb") as f:  # sparse: 200 MB on paper, nothing on disk
        f.truncate(200 * 1024 * 1024)
    good = tmp_path / "good.xml"
    good.write_bytes((READING / "utf8-bom.xml").read_bytes())
    report = validate([tmp_path], Config(root=tmp_path), schema=TEI_ALL)
    found = reading_layer(report.diagnostics)
    assert [(d.file.endswith("big.xml"), d.rule) for d in found] == [(True, "ED005")]
    assert "200 MB" in found[0].message
    assert len(report.files) == 2


def test_unreadable_file_is_reported_not_raised(tmp_path):
    """Whatever the OS refuses (here: a folder where a file was expected) becomes ED004."""
    from editio.xmlio import ParseFailure, read_xml

    with pytest.raises(ParseFailure) as failure:
        read_xml(tmp_path)
    assert failure.value.rule == "ED004" and "cannot read" in failure.value.message


def test_folder_without_tei(tmp_path):
    (tmp_path / "notes.txt").write_text("not TEI")
    report = validate([tmp_path], Config(root=tmp_path), schema=TEI_ALL)
    assert [(d.rule, d.severity) for d in reading_layer(report.diagnostics)] == [("ED007", "error")]


def test_symlink_out_of_the_folder_is_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'>OUTSIDE-TEXT</TEI>")
    edition = tmp_path / "edition"
    edition.mkdir()
    (edition / "letter.xml").write_bytes((READING / "utf8-bom.xml").read_bytes())
    (edition / "link.xml").symlink_to(outside / "secret.xml")
    report = validate([edition], Config(root=edition), schema=TEI_ALL)
    assert [d.rule for d in reading_layer(report.diagnostics)] == ["ED008"]
    assert not any(f.endswith("link.xml") for f in report.files)
