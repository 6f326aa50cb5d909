"""Corpora encoded by others (tests/fixtures/corpora), as a new user meets them:
`editio init --from CORPUS`, then `editio build` in CORPUS, nothing edited by hand."""

import hashlib
import json
import os
import shutil
import tomllib
from pathlib import Path

import pytest
from lxml import etree

from conftest import FIXTURES
from editio.builders.entities import letter_title
from editio.survey import survey

CORPORA = FIXTURES / "corpora"
TEI = "{http://www.tei-c.org/ns/1.0}"
NAMES = ("schnitzler", "escher", "mitford")


def _files(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Each corpus copied, surveyed with `init --from` and built; (folder, init output, build output, files before)."""
    from click.testing import CliRunner

    from editio.cli import cli

    out = {}
    for name in NAMES:
        root = tmp_path_factory.mktemp(name) / name
        shutil.copytree(CORPORA / name, root)
        before = _files(root)
        init = CliRunner().invoke(cli, ["init", "--from", str(root)])
        assert init.exit_code == 0, init.output
        config = tomllib.loads((root / "editio.toml").read_text(encoding="utf-8"))
        here = os.getcwd()
        os.chdir(root)  # `editio build` in CORPUS, as the survey says
        try:
            result = CliRunner().invoke(cli, ["build"])
        finally:
            os.chdir(here)
        out[name] = (root, init.output, result, before, config)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_init_from_writes_only_editio_toml(built, name):
    root, _, _, before, _ = built[name]
    after = _files(root)
    added = set(after) - set(before)
    assert {p for p in added if not p.startswith(("output/", ".editio-cache/"))} == {"editio.toml"}
    assert {p: after[p] for p in before} == before  # nothing changed, nothing removed


@pytest.mark.slow
def test_init_from_describes_each_corpus_with_its_evidence(built):
    schnitzler, escher, mitford = (built[n][4] for n in NAMES)
    assert schnitzler["sources"] == ["data/editions"] and schnitzler["schema"] == "tei_all"
    assert schnitzler["policy"] == "info" and "key_matches" not in schnitzler
    assert escher["sources"] == ["data/briefe", "data/people", "data/places"]
    assert escher["key_matches"] == "n" and escher["letter_ids"] == "number"
    assert mitford["sources"] == ["Box_2017-12-29-Letters", "si_Full_Staged"] and mitford["schema"] == "tei_all"
    text = (built["schnitzler"][0] / "editio.toml").read_text(encoding="utf-8")
    assert "`#pmb…` pointers resolve to per-letter listPerson entries" in text
    assert "1,305 of 1,324 @key values match the @n of register entries" in (built["escher"][0] / "editio.toml").read_text()
    assert "declare http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng" in (
        built["mitford"][0] / "editio.toml").read_text()


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_init_from_prints_the_survey_and_the_findings_by_rule(built, name):
    _, printed, _, _, _ = built[name]
    lines = printed.splitlines()
    assert lines[1].startswith("letters: ") and lines[2].startswith("register entries: ")
    assert lines[3].startswith("pointers: ") and "resolved" in lines[3]
    assert "Findings by rule, largest first:" in lines
    counts = [int(line.split()[0].replace(",", "")) for line in lines[lines.index("Findings by rule, largest first:") + 1:]
              if line.startswith("  ") and line.split()[0].replace(",", "").isdigit() and "e.g." not in line]
    assert counts == sorted(counts, reverse=True) and counts


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_build_finishes_every_letter_and_ends_with_the_findings_by_rule(built, name):
    root, _, result, _, _ = built[name]
    assert "Traceback" not in result.output
    assert "ED009" not in result.output  # no letter failed to build
    letters = [p for p in (root / "output" / "html").glob("*.html")
               if p.stem not in ("index", "index-by-sender", "persons", "places", "organisations")]
    assert len(letters) == {"schnitzler": 20, "escher": 12, "mitford": 3}[name]
    tail = result.output.rsplit("Findings by rule, largest first:", 1)
    assert len(tail) == 2 and "e.g. " in tail[1]


def _entities(root: Path) -> dict:
    rows = json.loads((root / "output" / "export" / "entities.json").read_text(encoding="utf-8"))
    out: dict = {}
    for row in rows:
        out.setdefault(row["kind"], set()).add(row["id"])
    return out


@pytest.mark.slow
def test_registers_hold_the_entries_of_every_letters_own_lists(built):
    root = built["schnitzler"][0]
    expected: dict = {}
    for letter in (root / "data" / "editions").glob("*.xml"):
        back = etree.parse(str(letter)).getroot().find(f"{TEI}text/{TEI}back")
        for kind, holder in (("person", "listPerson"), ("place", "listPlace"), ("org", "listOrg"), ("bibl", "listBibl")):
            for lst in back.iter(TEI + holder):
                expected.setdefault(kind, set()).update(e.get("{http://www.w3.org/XML/1998/namespace}id")
                                                        for e in lst.iterchildren(TEI + kind))
    assert _entities(root) == expected  # one entry per id, merged across letters
    assert len(expected["person"]) == 34 and len(expected["place"]) == 26


@pytest.mark.slow
def test_registers_of_register_files_and_keys(built):
    escher = _entities(built["escher"][0])
    assert (len(escher["person"]), len(escher["place"])) == (186, 220)
    mitford = _entities(built["mitford"][0])
    assert {"MRM", "Elford_SirWm", "Amelia_Opie"} <= mitford["person"]  # site index and a letter's own list
    assert {"Reading_city", "London_city"} <= mitford["place"]


@pytest.mark.slow
def test_conflicting_entries_of_two_letters_are_a_finding(built):
    output = built["schnitzler"][2].output
    assert 'warning ED206 the person xml:id="pmb12695" differs from the one in data/editions/L00101.xml' in output


@pytest.mark.slow
def test_standalone_letter_names_other_letters_by_file_with_their_own_titles(built):
    root = built["schnitzler"][0]
    tei = etree.parse(str(root / "output" / "xml" / "L00100.xml")).getroot()
    nxt = tei.find(f".//{TEI}correspContext/{TEI}ref[@subtype='next_letter'][@type='withinCollection']")
    assert nxt.get("target") == "L00101.xml"
    listed = {b.get("corresp"): b.findtext(f"{TEI}title") for b in tei.iterfind(f"{TEI}standOff/{TEI}listBibl[@type='letters']/{TEI}bibl")}
    assert listed == {"L00101.xml": letter_title(etree.parse(str(root / "data" / "editions" / "L00101.xml")).getroot())}
    # an entry of the letter's own back list is in the standOff; the back list keeps it without the id
    assert tei.find(f"{TEI}standOff/{TEI}listPerson/{TEI}person[@{{http://www.w3.org/XML/1998/namespace}}id='pmb10815']") is not None
    assert tei.find(f"{TEI}text/{TEI}back/{TEI}listPerson/{TEI}person[@sameAs='#pmb10815']") is not None
    # what names nothing stays as written
    assert tei.find(f".//{TEI}correspContext/{TEI}ref[@target='correspondence_10815']") is not None


@pytest.mark.slow
def test_keys_give_the_element_a_ref_to_the_embedded_entry(built):
    root = built["escher"][0]
    from editio.builders.standalone import make_standalone
    from editio.config import load
    from editio.corpus import Document
    from editio.validate.runner import Validator
    from editio.xmlio import read_xml

    config = load(root / "editio.toml")
    validator = Validator(config)
    validator.run([config.path(s) for s in config.sources])
    index = validator.ctx.index
    path = next((root / "data" / "briefe").glob("K_0163_*.xml"))
    doc = Document(path.resolve(), read_xml(path).tree, path.read_bytes())
    tei = make_standalone(doc, index).getroot()
    zurich = tei.find(f".//{TEI}body//{TEI}placeName[@key='Zürich (Stadt)']")
    assert zurich.get("ref") == "#Zürich_Stadt"
    assert tei.find(f"{TEI}standOff/{TEI}listPlace/{TEI}place[@n='Zürich (Stadt)']") is not None
    previous = tei.find(f".//{TEI}correspContext/{TEI}ref[@type='previous']")
    assert previous.get("target") == "K_0162_Sinz_Carl_Rudolf_an_Escher_1838-07-14.xml"


def test_survey_finds_the_schema_and_letters_of_each_corpus():
    found = survey(CORPORA / "mitford")
    assert len(found.letters) == 3 and [p.name for p in found.registers] == ["si.xml"]
    assert found.own_entries["person"] == 5  # Spillar's three, the template's two
    assert survey(CORPORA / "schnitzler").schemas == {"../meta/schnitzler-briefe-schema.xsd": 20}


def test_letter_numbers_only_when_most_pointers_of_a_prefix_are_numbers():
    found = survey(CORPORA / "escher")
    assert found.numbered["B"] == 38 and found.unnumbered["B"] == 10  # B0157, B0170 ...: letters outside the sample
    from editio.survey import render  # the editio.toml `init --from` writes

    written = render(found)
    assert "38 of 48 pointers `B…` of correspContext that name nothing are a letter's" in written
    assert tomllib.loads(written)["letter_ids"] == "number"
    found.numbered, found.unnumbered = found.numbered.__class__({"correspondence_": 661}), found.numbered.__class__({"correspondence_": 3759})
    assert "letter_ids" not in tomllib.loads(render(found))  # numbers that match letters by chance


def _broken_links(output: Path) -> list[tuple[str, str]]:
    """(page, href) of every link of output/html whose file or anchor does not exist."""
    from urllib.parse import unquote, urlparse

    from lxml import html

    pages = {p: html.parse(str(p)).getroot() for p in (output / "html").rglob("*.html")}
    ids = {p: {e.get("id") for e in doc.iter() if isinstance(e.tag, str) and e.get("id")} for p, doc in pages.items()}
    broken = []
    for page, doc in pages.items():
        for a in doc.iter("a"):
            href = a.get("href")
            url = urlparse(href or "")
            if href is None or url.scheme:
                continue
            target = (page.parent / unquote(url.path)).resolve() if url.path else page
            if not target.exists() or (url.fragment and target in ids and unquote(url.fragment) not in ids[target]):
                broken.append((page.name, href))
    return broken


@pytest.mark.slow
@pytest.mark.parametrize("name", ("schnitzler", "escher"))
def test_every_link_of_the_reading_edition_resolves(built, name):
    assert _broken_links(built[name][0] / "output") == []


@pytest.mark.slow
def test_letters_whose_register_entries_are_not_tei_are_published_as_their_sources_have_them(built):
    """Escher's registers carry person/@type, which TEI does not have: the TEI edition of a
    valid letter is its source (its @key pointers as written), with a warning, not nothing."""
    root, _, result, _, _ = built["escher"]
    sources = sorted((root / "data" / "briefe").glob("*.xml"))
    written = sorted((root / "output" / "xml").glob("K_*.xml"))
    assert written and len(written) + result.stderr.count("not written: the source") == len(sources)
    assert "written as its source has it, without the register entries it names" in result.stderr
    letter = etree.parse(str(written[0])).getroot()
    assert letter.find(f"{TEI}standOff") is None and letter.find(f".//{TEI}persName[@key]") is not None
    assert (root / "output" / "xml" / "corpus.xml").is_file()
