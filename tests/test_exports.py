"""The exports, parsed back by real parsers: CMIF (TEI, valid against tei_all), CSV,
JSON, JSON-LD; letters CMIF cannot take are reported; `editio export` writes one format."""

import csv
import io
import json
from pathlib import Path

import pytest
from lxml import etree

from conftest import FIXTURES, REPO

from editio.config import load
from editio.corpus import Document
from editio.pipeline import build
from editio.resources import tei_all_schema
from editio.tei import NS
from editio.validate.schema import load_schema

LETTER = "frus1961-63v06-d73"
BASE = "https://example.org/letters/"
NO_SENDER = FIXTURES / "exports" / "no-sender.xml"
EXPORTS = ("cmif", "csv", "json", "jsonld")


def _build(out: Path, paths=None, **options):
    config = load(start=REPO)
    config.output = str(out)
    return build(config, paths or [REPO / "tei"], only=list(EXPORTS), options=options)


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("out")
    _build(folder, base_url=BASE)
    return folder / "export"


def _text_names(tree) -> list:
    return tree.xpath("/tei:TEI/tei:text//tei:persName|/tei:TEI/tei:text//tei:placeName|/tei:TEI/tei:text//tei:orgName", namespaces=NS)


# ---------------------------------------------------------------- CMIF


@pytest.mark.slow
def test_cmif_is_tei_valid_against_tei_all(out):
    data = (out / "cmif.xml").read_bytes()
    tree = etree.fromstring(data).getroottree()
    assert load_schema(tei_all_schema()).check(Document(out / "cmif.xml", tree, data)) == []


def test_cmif_header_has_what_correspsearch_needs(out):
    root = etree.parse(str(out / "cmif.xml")).getroot()
    x = lambda path: root.xpath(path, namespaces=NS)  # noqa: E731
    assert x("string(//tei:titleStmt/tei:title)") and x("string(//tei:titleStmt/tei:editor)")
    assert x("string(//tei:publicationStmt/tei:publisher)")
    assert x("string(//tei:publicationStmt/tei:idno[@type='url'])") == f"{BASE}export/cmif.xml"
    assert x("string(//tei:publicationStmt/tei:availability/tei:licence/@target)") == "https://creativecommons.org/licenses/by/4.0/"
    # the date of the newest change in the corpus, so the file does not change between builds
    changes = etree.parse(str(REPO / "tei/letters" / f"{LETTER}.xml")).xpath("//tei:revisionDesc/tei:change/@when", namespaces=NS)
    assert x("string(//tei:publicationStmt/tei:date/@when)") == max(changes) == "2026-12-06"
    [bibl] = x("//tei:sourceDesc/tei:bibl[@type='online']")
    assert bibl.get("{http://www.w3.org/XML/1998/namespace}id") == "edition"


def test_cmif_letter_has_authority_uris_and_dates(out):
    root = etree.parse(str(out / "cmif.xml")).getroot()
    [corresp] = root.xpath("//tei:correspDesc", namespaces=NS)
    assert corresp.get("ref") == f"{BASE}html/{LETTER}.html" and corresp.get("source") == "#edition"
    sent = corresp.find("tei:correspAction[@type='sent']", NS)
    assert sent.find("tei:persName", NS).get("ref") == "http://viaf.org/viaf/64007537"
    assert sent.find("tei:placeName", NS).get("ref") == "https://www.geonames.org/524901"
    assert sent.find("tei:date", NS).get("when") == "1962-11-04"
    received = corresp.find("tei:correspAction[@type='received']", NS)
    assert received.find("tei:persName", NS).get("ref") == "http://www.wikidata.org/entity/Q9696"
    assert (out / "cmif-report.txt").read_text(encoding="utf-8") == "cmif.xml: 1 of 1 letters.\n"


def test_letter_missing_its_sender_is_reported_not_silently_dropped(run_editio, tmp_path):
    (tmp_path / "editio.toml").write_text('output = "out"\n', encoding="utf-8")
    r = run_editio("export", "cmif", NO_SENDER, "--base-url", BASE, cwd=tmp_path)
    assert r.exit_code == 1 and "1 validation error" in r.output  # rule ED402 found it too
    warning = next(line for line in r.stderr.splitlines() if "no-sender.xml" in line)
    assert warning.startswith("warning: ") and "not in cmif.xml: no sender" in warning
    report = (tmp_path / "out" / "export" / "cmif-report.txt").read_text(encoding="utf-8")
    assert "cmif.xml: 0 of 1 letters." in report and "no-sender.xml: not in cmif.xml: no sender" in report
    assert b"correspDesc" not in (tmp_path / "out" / "export" / "cmif.xml").read_bytes()


def test_without_base_url_cmif_says_what_is_missing(tmp_path):
    result = _build(tmp_path)
    root = etree.parse(str(tmp_path / "export" / "cmif.xml")).getroot()
    assert not root.xpath("//tei:idno[@type='url']|//tei:correspDesc/@ref", namespaces=NS)
    assert any("no URL of the edition" in w for w in result.warnings)
    assert "--base-url" in (tmp_path / "export" / "cmif-report.txt").read_text(encoding="utf-8")


# ---------------------------------------------------------------- CSV and JSON


def test_mentions_csv_has_a_row_per_name_in_the_text(out):
    rows = list(csv.DictReader(io.StringIO((out / "mentions.csv").read_text(encoding="utf-8"))))
    letter = etree.parse(str(REPO / "tei" / "letters" / f"{LETTER}.xml"))
    assert len(rows) == len(_text_names(letter))
    assert list(rows[0]) == ["letter", "element", "id", "text", "paragraph"]
    assert {"letter": LETTER, "element": "persName", "id": "per.kuznetsov", "text": "V. Kuznetsov", "paragraph": "d73.p1"} in rows
    assert {"letter": LETTER, "element": "orgName", "id": "org.ny-frc", "text": "NY FRC", "paragraph": "d73.fn1"} in rows


def test_entities_csv_has_a_row_per_register_entry_with_authority_ids(out):
    rows = list(csv.DictReader(io.StringIO((out / "entities.csv").read_text(encoding="utf-8"))))
    registers = [etree.parse(str(p)) for p in sorted((REPO / "tei" / "registers").glob("*.xml"))]
    assert len(rows) == sum(len(r.xpath("//tei:person|//tei:place|//tei:org", namespaces=NS)) for r in registers)
    khrushchev = next(r for r in rows if r["id"] == "per.khrushchev")
    assert khrushchev["kind"] == "person" and khrushchev["wikidata"] == "Q35314" and khrushchev["viaf"] == "64007537"
    assert khrushchev["sameAs"].split() == ["http://www.wikidata.org/entity/Q35314", "http://viaf.org/viaf/64007537"]
    assert next(r for r in rows if r["id"] == "pla.moscow")["geonames"] == "524901"


def test_json_has_the_rows_of_the_csv(out):
    mentions = json.loads((out / "mentions.json").read_text(encoding="utf-8"))
    assert mentions == list(csv.DictReader(io.StringIO((out / "mentions.csv").read_text(encoding="utf-8"))))
    entities = json.loads((out / "entities.json").read_text(encoding="utf-8"))
    kennedy = next(e for e in entities if e["id"] == "per.kennedy")
    assert kennedy == {"id": "per.kennedy", "kind": "person", "name": "John Fitzgerald Kennedy",
                       "authority": {"wikidata": "Q9696"}, "sameAs": ["http://www.wikidata.org/entity/Q9696"]}


# ---------------------------------------------------------------- JSON-LD


def test_letter_jsonld_is_a_schema_org_message(out):
    data = json.loads((out / "jsonld" / f"{LETTER}.json").read_text(encoding="utf-8"))
    assert data["@context"] == "https://schema.org" and data["@type"] == "Message"
    assert data["@id"] == f"{BASE}html/{LETTER}.html" and data["dateSent"] == "1962-11-04"
    assert data["sender"]["name"] == "Nikita Sergeyevich Khrushchev"
    assert "http://www.wikidata.org/entity/Q35314" in data["sender"]["sameAs"]
    assert data["recipient"]["sameAs"] == ["http://www.wikidata.org/entity/Q9696"]
    mentioned = {m["identifier"]: m for m in data["mentions"]}
    assert mentioned["pla.cuba"] == {"@type": "Place", "name": "Cuba", "identifier": "pla.cuba",
                                     "sameAs": ["http://www.wikidata.org/entity/Q241", "https://www.geonames.org/3562981"]}
    assert mentioned["org.usun"]["@type"] == "Organization" and "sameAs" not in mentioned["org.usun"]


def test_dataset_jsonld_lists_the_letters(out):
    data = json.loads((out / "jsonld" / "dataset.json").read_text(encoding="utf-8"))
    assert data["@context"] == "https://schema.org" and data["@type"] == "Dataset"
    assert [p["identifier"] for p in data["hasPart"]] == [LETTER]
    assert f"{BASE}export/cmif.xml" in [d["contentUrl"] for d in data["distribution"]]


# ---------------------------------------------------------------- the command


def test_export_csv_writes_only_the_csvs(run_editio, tmp_path):
    (tmp_path / "editio.toml").write_text(f'sources = ["{REPO / "tei"}"]\noutput = "out"\n', encoding="utf-8")
    r = run_editio("export", "csv", cwd=tmp_path)
    assert r.exit_code == 0, r.output
    written = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert written == ["export/entities.csv", "export/mentions.csv", "manifest.json"]


def test_export_keeps_the_rest_of_the_output_folder(run_editio, tmp_path):
    (tmp_path / "editio.toml").write_text(f'sources = ["{REPO / "tei"}"]\noutput = "out"\n', encoding="utf-8")
    assert run_editio("export", "json", cwd=tmp_path).exit_code == 0
    assert run_editio("export", "csv", cwd=tmp_path).exit_code == 0
    assert (tmp_path / "out" / "export" / "mentions.json").is_file()


def test_exports_are_byte_identical_between_builds(out, tmp_path):
    _build(tmp_path, base_url=BASE)
    for path in sorted(out.rglob("*")):
        if path.is_file():
            assert (tmp_path / "export" / path.relative_to(out)).read_bytes() == path.read_bytes(), path
