"""The edition schema tei/schema/editio.rng: generated, up to date, and a strict subset of TEI."""

import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from editio import schema_subset
from editio.corpus import Document
from editio.resources import tei_all_schema
from editio.tei import TEI_NS
from editio.validate.schema import load_schema
from editio.xmlio import ParseFailure, parse_bytes, read_xml

REPO = Path(__file__).resolve().parent.parent
SCHEMA_DIR = REPO / "tei" / "schema"
EDITIO_RNG = SCHEMA_DIR / "editio.rng"
ELEMENTS = SCHEMA_DIR / "elements.txt"
RNG = "{http://relaxng.org/ns/structure/1.0}"


@pytest.fixture(scope="session")
def tei_all():
    """tei_all compiled once for the whole session (it takes seconds)."""
    return load_schema(tei_all_schema())


@pytest.fixture(scope="session")
def edition():
    return load_schema(EDITIO_RNG)


def _doc(path: Path, data: bytes) -> Document:
    parsed = parse_bytes(data)
    return Document(path, parsed.tree, parsed.data, parsed.encoding)


# --- (a) generated and up to date -------------------------------------------------------------


def test_editio_rng_is_up_to_date():
    done = subprocess.run([sys.executable, "-m", "editio.schema_subset", "--check",
                           "--elements", str(ELEMENTS), "--output", str(EDITIO_RNG)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr + "\nrun `python -m editio.schema_subset` and commit tei/schema/editio.rng"
    assert "warning" not in done.stderr, done.stderr


def test_generation_is_deterministic_and_check_detects_changes(tmp_path):
    names = schema_subset.read_element_list(ELEMENTS)
    first = schema_subset.subset(tei_all_schema(), names)
    second = schema_subset.subset(tei_all_schema(), names)
    assert first.xml == second.xml
    assert not first.unusable and not first.unreachable

    out = tmp_path / "editio.rng"
    args = ["--elements", str(ELEMENTS), "--output", str(out)]
    assert schema_subset.main(["--check"] + args) == 1  # does not exist yet
    assert schema_subset.main(args) == 0
    assert out.read_bytes() == EDITIO_RNG.read_bytes()
    assert schema_subset.main(["--check"] + args) == 0
    out.write_bytes(out.read_bytes().replace(b"<ref name=\"salute\"/>", b"<notAllowed/>", 1))
    assert schema_subset.main(["--check"] + args) == 1


def test_generated_schema_has_exactly_the_listed_elements():
    tree = etree.parse(str(EDITIO_RNG))
    root = tree.getroot()
    declared = {e.get("name") for e in root.iter(f"{RNG}element") if e.get("name")}
    assert declared == set(schema_subset.read_element_list(ELEMENTS))
    # every ref leads to a define that is there
    defines = {d.get("name") for d in root.iter(f"{RNG}define")}
    assert {r.get("name") for r in root.iter(f"{RNG}ref")} <= defines
    # the TEI licence and the generated-file notice head the file
    comments = [c.text for c in root.iterchildren(etree.Comment)]
    assert any("BSD-2" in c for c in comments)
    assert any("python -m editio.schema_subset" in c and "GENERATED" in c for c in comments)
    start = root.find(f"{RNG}start")
    assert [r.get("name") for r in start.iter(f"{RNG}ref")] == ["TEI"]


def test_element_list_names_only_tei_elements(tmp_path):
    listing = tmp_path / "elements.txt"
    listing.write_text("TEI\nteiHeader # the header\nsalut\n", encoding="utf-8")
    assert schema_subset.read_element_list(listing) == ["TEI", "salut", "teiHeader"]
    with pytest.raises(schema_subset.SubsetError, match=r"salut \(did you mean salute"):
        schema_subset.subset(tei_all_schema(), schema_subset.read_element_list(listing))


def test_generator_says_when_a_listed_element_cannot_occur(tmp_path):
    names = ["TEI", "teiHeader", "fileDesc", "titleStmt", "title", "publicationStmt", "sourceDesc", "p",
             "text", "body", "msDesc"]  # msDesc requires msIdentifier, which is not listed
    result = schema_subset.subset(tei_all_schema(), names)
    assert result.unusable == {"msDesc": "it requires <msIdentifier>"}
    assert "msDesc" not in result.elements
    with pytest.raises(schema_subset.SubsetError, match="titleStmt>: it requires <title>"):
        schema_subset.subset(tei_all_schema(), [n for n in names if n != "title"])


# --- (b) the subset proof -----------------------------------------------------------------------


def _tei_documents():
    for base in (REPO / "tei", REPO / "tests"):
        for path in sorted(base.rglob("*.xml")):
            try:
                parsed = read_xml(path)
            except ParseFailure:
                continue
            if parsed.tree.getroot().tag in (f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"):
                yield path, parsed


@pytest.mark.slow
def test_every_document_editio_accepts_is_valid_tei(edition, tei_all):
    accepted, wrong = [], []
    for path, parsed in _tei_documents():
        if edition.relaxng.validate(parsed.tree):
            accepted.append(path)
            if not tei_all.relaxng.validate(parsed.tree):
                wrong.append(f"{path.relative_to(REPO)}: {tei_all.relaxng.error_log.last_error}")
    assert not wrong, "valid against editio.rng but not against tei_all.rng:\n" + "\n".join(wrong)
    assert len(accepted) >= 4, accepted  # the edition's letters and registers at least


def test_the_edition_validates(edition):
    files = sorted((REPO / "tei").rglob("*.xml"))
    assert files
    for path in files:
        parsed = read_xml(path)
        doc = Document(path, parsed.tree, parsed.data, parsed.encoding)
        assert edition.check(doc) == [], path


# --- (c) strictly smaller than TEI ----------------------------------------------------------------

_LETTER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>A letter</title></titleStmt>
      <publicationStmt><p>Unpublished.</p></publicationStmt>
      <sourceDesc><p>Born digital.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <text>
    <body>
      <div type="letter">
        BODY
      </div>
    </body>
  </text>
</TEI>
"""


@pytest.mark.slow
@pytest.mark.parametrize("body, element, line, col", [
    ("<p>Dear <w>Mr.</w> President</p>", "w", 13, 17),
    ("<sp><speaker>K.</speaker><p>Yes.</p></sp>", "sp", 13, 9),
    ("<p>a <g ref=\"#x\">b</g></p>", "g", 13, 14),
])
def test_editio_rejects_tei_elements_outside_its_list(edition, tei_all, body, element, line, col):
    doc = _doc(Path("/tmp/letter.xml"), _LETTER.replace("BODY", body).encode())
    assert tei_all.check(doc) == []
    findings = edition.check(doc)
    assert [(f.line, f.col, f.message) for f in findings] == [(line, col, f"unknown element <{element}>")]
    assert "add it to tei/schema/elements.txt" in findings[0].hint


def test_compiles_much_faster_than_tei_all():
    # editio.rng is a fraction of tei_all's size (and compiles in well under a second)
    assert EDITIO_RNG.stat().st_size < tei_all_schema().stat().st_size / 2


@pytest.mark.slow
def test_tei_all_restricted_to_the_elements_used_gives_the_verdict_of_tei_all(tei_all, tmp_path):
    """The build checks outputs against tei_all restricted to the elements it has seen
    (editio.validate.schema.tei_all); on every TEI document of the test suite, valid or not, and on
    broken variants of the letter, the verdict is that of the whole tei_all."""
    from editio.validate.schema import tei_all as restricted

    letter = (REPO / "tei/letters/frus1961-63v06-d73.xml").read_bytes()
    variants = [
        letter.replace(b"<salute>Dear Mr. President,</salute>", b"<salute><sp>Dear Mr. President,</sp></salute>"),  # TEI element, wrong place
        letter.replace(b'<date when="1962-11-04"', b'<date when="4 Nov 1962"', 1),  # bad datatype
        letter.replace(b"<closer", b"<closer><list/>", 1),  # list needs an item
        letter.replace(b'n="200"', b'n="200" rend="x" sameAs="#nowhere"', 1),
    ]
    documents = [(p, parsed.data) for p, parsed in _tei_documents()] + [(REPO / f"variant{i}.xml", v) for i, v in enumerate(variants)]
    verdicts = []
    for path, data in documents:
        try:
            parsed = parse_bytes(data)
        except ParseFailure:
            continue
        expected = tei_all.relaxng.validate(parsed.tree)
        assert restricted.schema_for(parsed.tree).relaxng.validate(parsed.tree) == expected, path
        verdicts.append(expected)
    assert len(verdicts) > 40 and verdicts.count(False) >= 10 and verdicts.count(True) >= 10, verdicts
