"""A corpus' own W3C XML Schema (xsi:schemaLocation, editio.toml, --schema) is the schema of its letters."""

import json
import shutil
import tomllib
from pathlib import Path

import pytest
from lxml import etree

from conftest import FIXTURES

SCHNITZLER = FIXTURES / "corpora" / "schnitzler"
XSD = "../meta/schnitzler-briefe-schema.xsd"  # what every Schnitzler letter declares

# An XSD 1.0 of the Schnitzler letters' outline: TEI (@xml:id, @xml:base, from xml.xsd, imported as
# every TEI XSD does) holds teiHeader, then facsimile, standOff and text, whose contents are not checked.
OUTLINE = """<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tei="http://www.tei-c.org/ns/1.0"
           targetNamespace="http://www.tei-c.org/ns/1.0" elementFormDefault="qualified">
  <xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="http://www.w3.org/2001/xml.xsd"/>
  <xs:complexType name="anything" mixed="true">
    <xs:sequence><xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
    <xs:anyAttribute processContents="skip"/>
  </xs:complexType>
  <xs:element name="TEI">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="teiHeader" type="tei:anything"/>
        <xs:choice maxOccurs="unbounded">
          <xs:element name="facsimile" type="tei:anything"/>
          <xs:element name="standOff" type="tei:anything"/>
          <xs:element name="text" type="tei:anything"/>
        </xs:choice>
      </xs:sequence>
      <xs:attribute ref="xml:id"/>
      <xs:attribute ref="xml:base"/>
    </xs:complexType>
  </xs:element>
</xs:schema>
"""


def _corpus(tmp_path: Path, schema: str | None = OUTLINE) -> Path:
    """The Schnitzler fixture letters with `schema` as the XSD they declare (None: no XSD there)."""
    root = tmp_path / "schnitzler"
    shutil.copytree(SCHNITZLER / "data" / "editions", root / "data" / "editions")
    if schema is not None:
        (root / "data" / "meta").mkdir()
        (root / "data" / "meta" / "schnitzler-briefe-schema.xsd").write_text(schema, encoding="utf-8")
    return root


def _findings(run_editio, *args, cwd: Path) -> list[dict]:
    out = cwd / "report.json"
    result = run_editio("validate", *args, "--format", "json", "-o", out, cwd=cwd)
    assert "Traceback" not in result.output, result.output
    return json.loads(out.read_text(encoding="utf-8"))["diagnostics"]


def _by_rule(findings, rule):
    return [d for d in findings if d["rule"] == rule]


def test_letters_are_validated_with_the_xsd_their_schemaLocation_names(run_editio, tmp_path):
    root = _corpus(tmp_path)
    findings = _findings(run_editio, "data/editions", cwd=root)
    assert not _by_rule(findings, "ED101") and not _by_rule(findings, "ED102")
    # The same letters against tei_all: 145 ED101, 118 of them <idno> inside <location> in the
    # back lists' places, which is how this corpus encodes them (its editors' schema allows it).
    tei_all = _by_rule(_findings(run_editio, "data/editions", "--schema", "tei_all", cwd=root), "ED101")
    assert len(tei_all) == 145
    assert sum(d["message"] == "<idno> is not allowed inside <location>" for d in tei_all) == 118


def test_an_element_the_xsd_does_not_allow_is_named_with_its_line(run_editio, tmp_path):
    root = _corpus(tmp_path)
    letter = root / "data" / "editions" / "L00100.xml"
    text = letter.read_text(encoding="utf-8")
    head_end = text.index("</teiHeader>") + len("</teiHeader>")
    letter.write_text(text[:head_end] + "\n<note/>" + text[head_end:], encoding="utf-8")
    line = text[:head_end].count("\n") + 2
    found = _by_rule(_findings(run_editio, "data/editions/L00100.xml", cwd=root), "ED101")
    assert [(d["line"], d["message"]) for d in found] == [(line, "<note> is not allowed here")]
    assert found[0]["hint"] == "expected <facsimile>, <standOff>, <text>"


def test_editio_toml_and_the_schema_option_name_an_xsd(run_editio, tmp_path):
    root = _corpus(tmp_path, schema=None)
    (root / "outline.xsd").write_text(OUTLINE.replace('name="teiHeader"', 'name="teiHeadr"'), encoding="utf-8")
    found = _by_rule(_findings(run_editio, "data/editions/L00100.xml", "--schema", "outline.xsd", cwd=root), "ED101")
    assert found and found[0]["message"] == "<teiHeader> is not allowed here" and found[0]["hint"] == "expected <teiHeadr>"
    (root / "editio.toml").write_text('schema = "outline.xsd"\n', encoding="utf-8")
    assert _by_rule(_findings(run_editio, "data/editions/L00100.xml", cwd=root), "ED101") == found


def test_a_missing_or_remote_xsd_is_a_finding_with_a_hint(run_editio, tmp_path):
    root = _corpus(tmp_path, schema=None)
    missing = _by_rule(_findings(run_editio, "data/editions/L00100.xml", cwd=root), "ED102")
    assert len(missing) == 1 and "schnitzler-briefe-schema.xsd does not exist" in missing[0]["message"]
    assert "download" in missing[0]["hint"]
    letter = root / "data" / "editions" / "L00100.xml"
    letter.write_text(letter.read_text(encoding="utf-8").replace(XSD, "https://example.org/schema.xsd"), encoding="utf-8")
    remote = _by_rule(_findings(run_editio, "data/editions/L00100.xml", cwd=root), "ED102")
    assert len(remote) == 1 and remote[0]["line"] == 1 and "https://example.org/schema.xsd is remote" in remote[0]["message"]
    assert "download it into the project" in remote[0]["hint"]


def test_an_xsd_importing_a_remote_schema_is_a_finding(run_editio, tmp_path):
    root = _corpus(tmp_path, OUTLINE.replace(
        '<xs:complexType name="anything"', '<xs:import namespace="urn:x" schemaLocation="https://example.org/x.xsd"/>\n'
        '  <xs:complexType name="anything"'))
    found = _by_rule(_findings(run_editio, "data/editions/L00100.xml", cwd=root), "ED102")
    assert len(found) == 1 and "imports the remote schema https://example.org/x.xsd" in found[0]["message"]
    assert "download it beside the schema" in found[0]["hint"]


def test_the_schnitzler_xsd_is_xsd_1_1_and_said_to_be(run_editio, tmp_path):
    """The corpus' real schema uses XSD 1.1 (type alternatives, xs:all with maxOccurs > 1):
    libxml2 runs 1.0 only, so each letter gets one ED102 saying so and what to use instead."""
    root = tmp_path / "schnitzler"
    shutil.copytree(SCHNITZLER, root)
    findings = _findings(run_editio, "data/editions", cwd=root)
    schema = _by_rule(findings, "ED102")
    assert len(schema) == 20 and not _by_rule(findings, "ED101")
    assert 'is an XML Schema 1.1 (vc:minVersion="1.1"); editio runs XML Schema 1.0 only' in schema[0]["message"]
    assert 'schema = "tei_all"' in schema[0]["hint"]


def test_init_from_writes_the_declared_xsd_or_says_why_not(run_editio, tmp_path):
    root = _corpus(tmp_path)
    assert run_editio("init", "--from", root).exit_code == 0
    text = (root / "editio.toml").read_text(encoding="utf-8")
    assert tomllib.loads(text)["schema"] == "data/meta/schnitzler-briefe-schema.xsd"
    assert f"# 20 of 20 letters declare {XSD}: the corpus' own schema." in text
    real = tmp_path / "real" / "schnitzler"
    shutil.copytree(SCHNITZLER, real)
    assert run_editio("init", "--from", real).exit_code == 0
    text = (real / "editio.toml").read_text(encoding="utf-8")
    assert tomllib.loads(text)["schema"] == "tei_all"
    assert f"declare {XSD}, which editio cannot use: schnitzler-briefe-schema.xsd is an XML Schema 1.1" in text


@pytest.mark.slow
def test_build_writes_tei_valid_against_the_xsd(run_editio, tmp_path):
    root = _corpus(tmp_path)
    assert run_editio("init", "--from", root).exit_code == 0
    result = run_editio("build", cwd=root)
    assert "Traceback" not in result.output and "ED009" not in result.output, result.output
    schema = etree.XMLSchema(etree.fromstring(OUTLINE.replace(
        'schemaLocation="http://www.w3.org/2001/xml.xsd"', f'schemaLocation="{_xml_xsd(tmp_path)}"').encode()))
    written = sorted((root / "output" / "xml").glob("L*.xml"))
    assert len(written) == 20
    for path in written:
        tree = etree.parse(str(path))
        assert schema.validate(tree), (path.name, schema.error_log)
        # the source's declaration stays, as written
        assert tree.getroot().get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation") == f"http://www.tei-c.org/ns/1.0 {XSD}"


def _xml_xsd(tmp_path: Path) -> str:
    from editio.validate.schema.xsd import _XML_XSD

    path = tmp_path / "xml.xsd"
    path.write_bytes(_XML_XSD)
    return path.as_uri()


@pytest.mark.slow
def test_a_letter_whose_xsd_cannot_be_run_is_built_checked_with_tei_all(run_editio, tmp_path):
    """Without `schema` in editio.toml the letters name the XSD 1.1: each gets ED102, and its
    TEI output is checked against tei_all instead (as for a remote schema), not refused."""
    root = tmp_path / "schnitzler"
    shutil.copytree(SCHNITZLER, root)
    (root / "editio.toml").write_text('sources = ["data/editions"]\n', encoding="utf-8")
    result = run_editio("build", cwd=root)
    assert "Traceback" not in result.output and "ED009" not in result.output, result.output
    assert result.output.count("error ED102") == 20
    # written: the letters tei_all accepts (5 of the 20; the others have <idno> in <location> ...)
    written = sorted(p.name for p in (root / "output" / "xml").glob("L*.xml"))
    assert len(written) == 5 and result.output.count("not valid TEI (see the validation report)") == 15
