"""The validated TEI edition: standalone, valid against the edition schema and tei_all,
ids everywhere, mixed content untouched; corpus.xml; an invalid source is not published."""

from pathlib import Path

import pytest
from lxml import etree

from conftest import REPO, bench_generator

from editio.builders import xml as xml_builder
from editio.config import load
from editio.corpus import Document
from editio.pipeline import build
from editio.resources import tei_all_schema
from editio.tei import NS, POINTER_ATTRIBUTES, XML_ID
from editio.validate.schema import Schema, load_schema

LETTER = "frus1961-63v06-d73"
SOURCE = REPO / "tei" / "letters" / f"{LETTER}.xml"
EDITION_SCHEMA = REPO / "tei" / "schema" / "editio.rng"


def _config(out: Path):
    config = load(start=REPO)
    config.output = str(out)
    return config


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("out")
    build(_config(folder), [REPO / "tei"], only=["xml"])
    return folder


def _valid(path: Path, schema: Path) -> list:
    data = path.read_bytes()
    return load_schema(schema).check(Document(path, etree.fromstring(data).getroottree(), data))


def test_letter_is_valid_against_the_edition_schema_and_tei_all(out):
    path = out / "xml" / f"{LETTER}.xml"
    assert _valid(path, EDITION_SCHEMA) == []
    assert _valid(path, tei_all_schema()) == []


def test_xml_model_names_the_edition_schema_written_beside_it(out):
    tree = etree.parse(str(out / "xml" / f"{LETTER}.xml"))
    [pi] = tree.xpath("/processing-instruction('xml-model')")
    assert pi.get("href") == "editio.rng" and pi.get("schematypens") == "http://relaxng.org/ns/structure/1.0"
    assert (out / "xml" / "editio.rng").read_bytes() == EDITION_SCHEMA.read_bytes()


def test_letter_stands_alone_refs_are_ids_in_the_file_or_full_uris(out):
    root = etree.parse(str(out / "xml" / f"{LETTER}.xml")).getroot()
    ids = {el.get(XML_ID) for el in root.iter() if el.get(XML_ID)}
    for el in root.iter():
        for attr in POINTER_ATTRIBUTES:
            for token in (el.get(attr) or "").split():
                assert token[1:] in ids if token.startswith("#") else token.startswith(("http://", "https://")), token
    assert "per.kennedy" in ids and root.xpath("tei:standOff/tei:listPerson/tei:person", namespaces=NS)


def test_every_paragraph_and_note_has_an_id(out):
    root = etree.parse(str(out / "xml" / f"{LETTER}.xml")).getroot()
    missing = [el for el in root.xpath("//tei:p|//tei:note", namespaces=NS) if not el.get(XML_ID)]
    assert missing == []


def test_mixed_content_is_unchanged_and_element_only_content_indented(out):
    written = etree.parse(str(out / "xml" / f"{LETTER}.xml")).getroot()
    source = etree.parse(str(SOURCE)).getroot()
    for el in source.xpath("//tei:text//*[@xml:id]|//tei:teiHeader//tei:p", namespaces=NS):
        twin = written.xpath(f"//*[@xml:id='{el.get(XML_ID)}']")[0] if el.get(XML_ID) else None
        if twin is not None:
            assert "".join(twin.itertext()) == "".join(el.itertext())
    assert "".join(written.find("{*}text").itertext()) == "".join(source.find("{*}text").itertext())
    data = (out / "xml" / f"{LETTER}.xml").read_text(encoding="utf-8")
    assert "\n  <teiHeader>\n    <fileDesc>\n      <titleStmt>\n" in data
    assert "<persName type=\"normalised\"><forename>John</forename> <forename>Fitzgerald</forename> <surname>Kennedy</surname></persName>" in data


def test_indent_leaves_mixed_content_alone():
    el = etree.fromstring("<a>\n<b>x</b>\n<c><d>one</d> <d>two</d></c>\n<p>text <e/>\n</p></a>")
    xml_builder.indent(el)
    assert etree.tostring(el) == b"<a>\n  <b>x</b>\n  <c><d>one</d> <d>two</d></c>\n  <p>text <e/>\n</p>\n</a>"


def test_corpus_joins_the_edition_with_one_standoff(out):
    path = out / "xml" / "corpus.xml"
    root = etree.parse(str(path)).getroot()  # a duplicate xml:id would fail this parse
    assert etree.QName(root).localname == "teiCorpus"
    assert len(root.findall("{*}TEI")) == 1 and len(root.xpath("//tei:standOff", namespaces=NS)) == 1
    assert _valid(path, tei_all_schema()) == []


def test_output_is_byte_identical_between_builds(out, tmp_path):
    build(_config(tmp_path), [REPO / "tei"], only=["xml"])
    for name in (f"{LETTER}.xml", "corpus.xml", "editio.rng"):
        assert (tmp_path / "xml" / name).read_bytes() == (out / "xml" / name).read_bytes()


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A varied corpus (bench/generate.py: notes, choice, add/del, lists, tables, registers)
    built with its validation findings, and how often each letter was checked against a schema."""
    folder = tmp_path_factory.mktemp("generated")
    bench_generator().generate(folder, 40, seed=11)
    calls = {"verdict": [], "walk": 0}
    # how often a letter is checked or explained shows only in time: the calls are counted
    real_verdict, real_explain = Schema.verdict, Schema._explain

    def verdict(self, doc):
        calls["verdict"].append(Path(doc.path).name)
        return real_verdict(self, doc)

    def explain(self, *args):
        calls["walk"] += 1
        return real_explain(self, *args)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Schema, "verdict", verdict)
        mp.setattr(Schema, "_explain", explain)
        config = load(start=folder)
        result = build(config, [folder / "tei"], jobs=1)
    return folder, result, calls


@pytest.mark.slow
def test_transform_keeps_every_valid_letter_valid(generated):
    """Every output of a varied corpus is valid against both schemas, with the messages of validation."""
    folder, _, _ = generated
    written = sorted((folder / "output" / "xml").glob("L*.xml"))
    assert len(written) == 40
    for path in written:
        assert _valid(path, EDITION_SCHEMA) == [], path.name
        assert _valid(path, tei_all_schema()) == [], path.name


def test_the_tei_of_every_valid_fixture_letter_is_valid(tmp_path):
    """The build does not check the TEI of a valid source again (only the register entries
    it embeds): the transform keeps validity, which this shows on the fixtures, and
    test_transform_keeps_every_valid_letter_valid on generated letters."""
    from editio.validate.schema import tei_all
    from editio.xmlio import read_xml

    fixtures = REPO / "tests" / "fixtures"
    sources = [REPO / "tei", fixtures / "html", fixtures / "exports", *(fixtures / "rules").glob("*.xml")]
    result = build(_config(tmp_path), sources, only=["xml"], jobs=1)
    letters = {p.name: p for source in sources for p in ([source] if source.is_file() else source.rglob("*.xml"))
               if "registers" not in p.parts}
    written = sorted(p for p in (tmp_path / "xml").glob("*.xml") if p.name != "corpus.xml")
    assert len(written) >= 20 and f"{LETTER}.xml" in {p.name for p in written}

    def findings(path, tree, data):
        doc = Document(path, tree, data)
        return load_schema(EDITION_SCHEMA).check(doc) + tei_all.schema_for(doc.tree).check(doc)

    for path in written:
        data = path.read_bytes()
        assert findings(path, etree.fromstring(data).getroottree(), data) == [], path.name
    not_written = [m.split()[0] for m in result.warnings if " not written: the source " in m]
    assert len(not_written) >= 3
    for name in not_written:  # their sources are invalid
        parsed = read_xml(letters[Path(name).name], 1 << 24)
        assert not load_schema(EDITION_SCHEMA).accepts(Document(letters[Path(name).name], parsed.tree, parsed.data)), name


def test_invalid_output_is_a_finding_of_its_letter_and_is_not_written(tmp_path, monkeypatch):
    real = xml_builder.normalised

    def broken(letter, **options):
        tree = real(letter, **options)
        etree.SubElement(tree.getroot().find("{*}teiHeader"), "{http://www.tei-c.org/ns/1.0}notAnElement")
        return tree

    monkeypatch.setattr(xml_builder, "normalised", broken)
    result = build(_config(tmp_path), [REPO / "tei"], only=["xml"])
    found = [d for d in result.report.diagnostics if d.rule == "ED009"]
    assert len(found) == 1 and found[0].severity == "error" and found[0].file.endswith(f"{LETTER}.xml")
    message = found[0].message
    assert f"xml/{LETTER}.xml:" in message and "notAnElement" in message and "bug in the transform" in message
    assert result.skipped
    assert not (tmp_path / "xml" / f"{LETTER}.xml").exists()


def test_cli_reports_invalid_output_without_traceback(run_editio, tmp_path, monkeypatch):
    real = xml_builder.normalised
    monkeypatch.setattr(xml_builder, "normalised", lambda letter, **options: _with_bad_element(real(letter, **options)))
    (tmp_path / "editio.toml").write_text(f'sources = ["{REPO / "tei"}"]\noutput = "out"\n', encoding="utf-8")
    r = run_editio("export", "xml", cwd=tmp_path)
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert not (tmp_path / "out" / "xml" / f"{LETTER}.xml").exists()


def _with_bad_element(tree):
    etree.SubElement(tree.getroot().find("{*}teiHeader"), "{http://www.tei-c.org/ns/1.0}notAnElement")
    return tree


def test_each_letter_is_validated_once_and_no_output_is_explained(generated):
    _, _, calls = generated
    letters = [name for name in calls["verdict"] if name.startswith("L")]
    assert len(letters) == 40 and len(set(letters)) == 40
    assert calls["walk"] == 0  # every letter is valid: nothing to explain


def test_invalid_source_is_not_published_and_the_build_says_so(run_editio, tmp_path):
    invalid = REPO / "tests" / "fixtures" / "text" / "inline-markup.xml"  # has elements no schema knows
    (tmp_path / "editio.toml").write_text('output = "out"\n', encoding="utf-8")
    r = run_editio("export", "xml", invalid, cwd=tmp_path)
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert "warning: xml/inline-markup.xml not written: the source" in r.stderr
    assert not (tmp_path / "out" / "xml" / "inline-markup.xml").exists()
