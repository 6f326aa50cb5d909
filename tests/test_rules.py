"""Editorial rules (ED2xx-ED7xx): each broken fixture yields exactly its findings, through the real runner."""

import re
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, TEI_ALL
from editio.config import Config
from editio.validate.rules import REGISTRY, all_rules
from editio.validate.runner import validate

RULES = FIXTURES / "rules"
RULE_LAYER = ("ED2", "ED3", "ED4", "ED5", "ED6", "ED7")

# fixture (a file, or a folder read as one run) -> findings of the rules layer: (rule, line, col)
# or, for a folder, (rule, file inside the folder, line, col). Nothing else may be reported.
EXPECTED = {
    "ED201-duplicate-id.xml": [("ED201", 36, 10)],
    "ED202-dangling-local.xml": [("ED202", 35, 25)],
    "ED202-dangling-register": [("ED202", "letters/letter.xml", 34, 25)],
    "ED202-register-not-given.xml": [("ED202", 34, 25)],
    "ED203-missing-file.xml": [("ED203", 34, 25), ("ED203", 35, 18)],
    "ED204-ambiguous-id": [("ED204", "letter.xml", 34, 25)],
    "ED205-bare-id": [("ED205", "letters/letter.xml", 34, 25), ("ED205", "letters/letter.xml", 34, 76)],
    "ED206-conflicting-entries": [("ED206", "c.xml", 38, 1)],
    "ED207-unknown-key": [("ED207", "letters/letter.xml", 34, 81)],
    "ED301-invalid-date.xml": [("ED301", 34, 19), ("ED301", 34, 66), ("ED301", 35, 63)],
    "ED302-reversed-range.xml": [("ED302", 34, 24), ("ED302", 35, 20)],
    "ED303-open-range.xml": [("ED303", 34, 19), ("ED303", 34, 73)],
    "ED304-received-before-sent.xml": [("ED304", 28, 17)],
    "ED305-future-date.xml": [("ED305", 34, 19)],
    "ED401-no-correspdesc.xml": [("ED401", 3, 3)],
    "ED402-no-sender.xml": [("ED402", 20, 9)],
    "ED402-no-sent-action.xml": [("ED402", 19, 7)],
    "ED403-no-sent-date.xml": [("ED403", 23, 11)],
    "ED404-no-addressee.xml": [("ED404", 25, 9)],
    "ED405-no-place.xml": [("ED405", 20, 9), ("ED405", 24, 9)],
    "ED501-note-gap.xml": [("ED501", 35, 53)],
    "ED501-note-repeat.xml": [("ED501", 34, 53)],
    "ED502-empty-note.xml": [("ED502", 34, 47), ("ED502", 34, 67)],
    "ED503-page-order.xml": [("ED503", 36, 11), ("ED503", 37, 95)],
    "ED504-empty-facs.xml": [("ED504", 36, 19)],
    "ED601-unused-entry": [("ED601", "registers/persons.xml", 24, 15)],
    "ED602-authority-ids.xml": [("ED602", 23, 9), ("ED602", 26, 9), ("ED602", 28, 9), ("ED602", 33, 9),
                                ("ED602", 38, 9), ("ED602", 40, 9)],
    "ED701-untagged-name": [("ED701", "letters/letter.xml", 34, 94), ("ED701", "letters/letter.xml", 34, 105),
                            ("ED701", "letters/letter.xml", 35, 98), ("ED701", "letters/letter.xml", 36, 114)],
    "ED702-empty-title.xml": [("ED702", 6, 9)],
    "ED703-empty-publicationstmt.xml": [("ED703", 8, 7)],
    "ED704-no-licence.xml": [("ED704", 8, 7)],
    "ED705-empty-sourcedesc.xml": [("ED705", 14, 7)],
    "ED706-template-placeholders.xml": [("ED706", 15, 9), ("ED706", 34, 7)],
    "good": [],
}
# editio.toml settings a fixture is validated with
SETTINGS = {"ED207-unknown-key": {"key_matches": "n"}}
# Broken in a way the schema sees too (duplicate ID, impossible xsd:date, empty anyURI list).
NOT_SCHEMA_VALID = {"ED201-duplicate-id.xml", "ED301-invalid-date.xml", "ED504-empty-facs.xml"}

_reports: dict = {}


def run(fixture: str, **settings):
    """The report of one fixture, validated like `editio validate` with the project root at the fixtures."""
    key = (fixture, tuple(sorted(settings.items())))
    if key not in _reports:
        config = Config(root=RULES, **{k: dict(v) if isinstance(v, tuple) else v for k, v in settings.items()})
        _reports[key] = validate([RULES / fixture], config, schema=TEI_ALL)
    return _reports[key]


def rel(d) -> str:
    return Path(d.file).resolve().relative_to(RULES).as_posix()


def findings(report, prefix=RULE_LAYER):
    return [d for d in report.diagnostics if d.rule.startswith(prefix)]


def expected(fixture: str):
    out = []
    for item in EXPECTED[fixture]:
        rule_id, *where = item
        path = fixture if len(where) == 2 else f"{fixture}/{where.pop(0)}"
        out.append((rule_id, path, *where))
    return sorted(out)


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_fixture_yields_exactly_its_findings(fixture):
    report = run(fixture, **SETTINGS.get(fixture, {}))
    got = sorted((d.rule, rel(d), d.line, d.col) for d in findings(report))
    assert got == expected(fixture), "\n".join(f"{d.rule} {rel(d)}:{d.line}:{d.col} {d.message}" for d in findings(report))
    for d in findings(report):
        assert d.message and d.hint, d
        assert d.severity == REGISTRY[d.rule].severity
    if fixture not in NOT_SCHEMA_VALID:
        assert not findings(report, ("ED1",)), [(d.line, d.message) for d in findings(report, ("ED1",))]
        assert not findings(report, ("ED0",)), [(d.rule, d.message) for d in findings(report, ("ED0",))]


def test_there_are_at_least_25_broken_fixtures():
    assert len([f for f in EXPECTED if EXPECTED[f]]) >= 25


# --- the registry -------------------------------------------------------------------------

LEAD_RULES = re.compile(r"ED[019]\d\d")  # parse, schema and Schematron layers: documented in layers.py
OWN_RULES = [r for r in all_rules() if not LEAD_RULES.fullmatch(r.id)]


def test_rule_ids_are_unique_and_in_their_ranges():
    ids = [r.id for r in all_rules()]
    assert len(ids) == len(set(ids))
    assert len(OWN_RULES) >= 20


@pytest.mark.parametrize("rule", OWN_RULES, ids=lambda r: r.id)
def test_rule_is_documented_and_has_a_fixture(rule):
    assert re.fullmatch(r"ED\d{3}", rule.id) and REGISTRY[rule.id] is rule
    assert rule.title and "\n" not in rule.title and len(rule.title) < 80
    assert rule.severity in ("error", "warning", "info")
    assert len(rule.doc) > 80 and rule.bad and rule.good and rule.bad != rule.good
    assert rule.check or rule.finish
    assert rule.status == "stable"
    assert any(p.name.startswith(rule.id) for p in RULES.iterdir()), f"no fixture named {rule.id}-... in {RULES}"
    assert any(f.startswith(rule.id) and EXPECTED[f] for f in EXPECTED), f"no fixture of {rule.id} in EXPECTED"


# --- messages say what is wrong and what to do ------------------------------------------------


def _one(fixture, rule_id, line=None):
    found = [d for d in findings(run(fixture)) if d.rule == rule_id and (line is None or d.line == line)]
    assert len(found) == 1, found
    return found[0]


def test_duplicate_id_names_the_line_of_the_first():
    d = _one("ED201-duplicate-id.xml", "ED201")
    assert 'xml:id="l.p1"' in d.message and "line 34" in d.message


def test_dangling_reference_suggests_the_closest_ids():
    d = _one("ED202-dangling-local.xml", "ED202")
    assert '"#l.para7"' in d.message and "#l.para1" in d.hint
    d = _one("ED202-dangling-register", "ED202")
    assert "per.kenedy" in d.message and "../registers/persons.xml#per.kennedy" in d.hint


def test_reference_to_a_register_not_given_is_resolved_by_reading_it():
    d = _one("ED202-register-not-given.xml", "ED202")
    assert "has no element with xml:id=\"per.kenedy\"" in d.message
    assert "ED202-dangling-register/registers/persons.xml#per.kennedy" in d.hint


def test_missing_and_outside_files_are_named():
    d = _one("ED203-missing-file.xml", "ED203", 34)
    assert "registers/person.xml does not exist" in d.message
    d = _one("ED203-missing-file.xml", "ED203", 35)
    assert "outside the project" in d.message


def test_ambiguous_id_names_both_files():
    d = _one("ED204-ambiguous-id", "ED204")
    assert "persons.xml line 21" in d.message and "persons-old.xml line 21" in d.message
    assert 'ref="persons' in d.hint


def test_invalid_dates_say_why():
    messages = [d.message for d in findings(run("ED301-invalid-date.xml"))]
    assert 'when="1962-02-30": February 1962 has no day 30: it has 28 days' in messages
    assert any('"4.11.1962"' in m for m in messages)


def test_untagged_name_message_and_hint():
    d = next(d for d in findings(run("ED701-untagged-name")) if (d.line, d.col) == (34, 94))
    assert d.message == '"Kennedy" (surname of per.kennedy) is not tagged'
    assert d.hint == 'wrap it: <persName ref="../registers/persons.xml#per.kennedy">Kennedy</persName>'
    d = next(d for d in findings(run("ED701-untagged-name")) if (d.line, d.col) == (34, 105))
    assert d.message == '"New York" (name of pla.new-york) is not tagged'  # across a line break
    assert 'ref="../registers/places.xml#pla.new-york"' in d.hint


# --- the good case, configuration ------------------------------------------------------------


def test_clean_letters_and_registers_yield_no_findings():
    report = run("good")
    assert len(report.files) == 4
    assert report.diagnostics == []


def test_hash_id_of_a_register_not_given_resolves_in_the_source_folders():
    root = RULES / "good"
    report = validate([root / "letters" / "letter.xml"], Config(root=root, sources=["registers", "letters"]), schema=TEI_ALL)
    assert findings(report) == []
    report = validate([root / "letters" / "letter.xml"], Config(root=root, sources=["letters"]), schema=TEI_ALL)
    assert sorted((d.rule, d.message.split(":")[0]) for d in findings(report)) == [("ED202", '"#per.kennedy"'), ("ED202", '"#pla.moscow"')]


def test_severity_can_be_switched_off_or_raised():
    assert [d.severity for d in findings(run("ED601-unused-entry"))] == ["warning"]
    assert findings(run("ED601-unused-entry", rules=(("ED601", "off"),))) == []
    raised = findings(run("ED601-unused-entry", rules=(("ED601", "error"),)))
    assert [(d.rule, d.severity) for d in raised] == [("ED601", "error")]
    assert run("ED601-unused-entry", rules=(("ED601", "off"),)).count("error") == 0


def test_unused_entries_are_not_reported_when_only_registers_are_checked():
    assert findings(run("ED601-unused-entry/registers")) == []


# --- the parsers behind the rules ------------------------------------------------------------


@pytest.mark.parametrize("value,iso", [
    ("1962-11-04", False), ("1962-11", False), ("1962", False), ("-0044-03-15", False), ("2000-02-29", False),
    ("--02-29", False), ("--11", False), ("---04", False), ("10:30:00", False), ("1962-11-04T10:30:00Z", False),
    ("1962-11-04T10:30:00.5+01:00", False), ("12345-01-01", False),
    ("19621104", True), ("1962308", True), ("1962-W45-7", True), ("1962-11-04T10:30", True),
    ("1962-11-04/1962-11-06", True), ("P3D", True), ("0000", True), ("10:30", True),
])
def test_valid_dates(value, iso):
    from editio.validate.rules.dates import parse

    parse(value, iso)


@pytest.mark.parametrize("value,iso", [
    ("1962-02-30", False), ("1900-02-29", False), ("1962-13", False), ("1962-00-10", False), ("0000", False),
    ("4.11.1962", False), ("1962-11-4", False), ("62", False), (" 1962", False), ("1962-11-04T24:30:00", False),
    ("1962-11-04T10:30", False), ("01962", False), ("19621104T", False), ("1962-11-04+15:00", False),
    ("1962-W53", True), ("1962-366", True), ("1962-11-06/1962-11-04", True), ("November 1962", True),
])
def test_invalid_dates(value, iso):
    from editio.validate.rules.dates import DateError, parse

    with pytest.raises(DateError):
        parse(value, iso)


def test_dates_compare_as_the_periods_they_cover():
    from editio.validate.rules.dates import parse

    assert parse("1962-11")[0] > parse("1962")[0] and parse("1962-11")[1] < parse("1962")[1]
    assert parse("1962-12-31")[1] + 1 == parse("1963")[0]
    assert parse("-0001")[1] < parse("0001")[0]
    assert parse("1962-W45-7", True) == parse("1962-11-11")


@pytest.mark.parametrize("kind,value", [
    ("wikidata", "Q61"), ("wikidata", "https://www.wikidata.org/entity/Q61"), ("wikidata", "http://www.wikidata.org/wiki/Q61"),
    ("viaf", "64007537"), ("viaf", "http://viaf.org/viaf/64007537"), ("viaf", "https://viaf.org/viaf/64007537/"),
    ("geonames", "4140963"), ("geonames", "https://www.geonames.org/4140963"), ("geonames", "https://sws.geonames.org/4140963/"),
    ("geonames", "https://www.geonames.org/4140963/washington.html"),
    ("lcnaf", "n79018774"), ("lcnaf", "no2001012345"), ("lcnaf", "https://id.loc.gov/authorities/names/n79018774"),
    ("lcnaf", "http://id.loc.gov/authorities/names/n79018774.html"),
    ("gnd", "118559796"), ("gnd", "4066009-6"), ("gnd", "1012345678"), ("gnd", "10123456X"),
    ("gnd", "https://d-nb.info/gnd/118559796"), ("gnd", "http://d-nb.info/gnd/4066009-6"),
])
def test_well_formed_authority_ids(kind, value):
    from editio.validate.rules.registers import authority_problem

    assert authority_problem(kind, value) is None


@pytest.mark.parametrize("kind,value", [
    ("wikidata", "61"), ("wikidata", "q61"), ("wikidata", "Q061"), ("wikidata", "https://www.wikidata.org/entity/P31"),
    ("viaf", "viaf64007537"), ("viaf", "https://www.wikidata.org/entity/Q649"),
    ("geonames", "geonames:4140963"), ("geonames", "https://www.geonames.org/x4140963"),
    ("lcnaf", "n 79018774"), ("lcnaf", "nx79018774"), ("lcnaf", "n7901"), ("lcnaf", "https://id.loc.gov/authorities/subjects/sh85034652"),
    ("gnd", "GND 118559796"), ("gnd", "11855979"), ("gnd", "https://d-nb.info/gnd/abc"), ("gnd", ""),
])
def test_malformed_authority_ids(kind, value):
    from editio.validate.rules.registers import authority_problem

    assert authority_problem(kind, value)


# --- the edition of this repository ----------------------------------------------------------


@pytest.mark.skipif(not (REPO / "tei" / "letters").is_dir(), reason="the edition's letters are not there yet")
def test_the_edition_has_no_rule_errors():
    report = validate([REPO / "tei"], Config(root=REPO), schema=TEI_ALL)
    errors = [d for d in findings(report) if d.severity == "error"]
    assert errors == [], "\n".join(f"{d.file}:{d.line}:{d.col} {d.rule} {d.message}" for d in errors)
