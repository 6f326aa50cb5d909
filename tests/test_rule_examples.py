"""Every rule's `bad` and `good` snippet (shown by `editio rules` and docs/rules.md) is real TEI
that does what the docs say: placed where it belongs in a clean letter of a project made by
`editio init` and `editio new`, the bad snippet yields findings of exactly that rule and the
good snippet a clean letter, under `editio validate` with the edition schema."""

import json
import re
import shutil
from contextlib import chdir
from pathlib import Path

import pytest
from click.testing import CliRunner

from editio.cli import cli
from editio.validate.rules import all_rules

LETTER = "tei/letters/khrushchev-kennedy-1962-11-04.xml"
PERSONS = "tei/registers/persons.xml"
PLACES = "tei/registers/places.xml"

# Where a rule's snippets go: (file, how, anchor). how is "replace" (the first element whose
# start tag begins with anchor), "before" it, "into" it (at its end), or "text" (replace this
# literal text). The base letter's div holds an opener, one p and a closer.
PLACES_OF = {
    "ED001": (LETTER, "before", "closer"),
    "ED002": (LETTER, "text", '<?xml version="1.0" encoding="UTF-8"?>'),
    "ED003": (LETTER, "before", "TEI"),
    "ED006": (LETTER, "text", '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">'),
    "ED101": (LETTER, "replace", "opener"),
    "ED102": (LETTER, "replace", "?xml-model"),
    "ED201": (LETTER, "before", "closer"),
    "ED202": (LETTER, "into", "p"),
    "ED203": (LETTER, "into", "p"),
    "ED204": (LETTER, "into", "p"),
    "ED205": (LETTER, "into", "p"),
    "ED206": (LETTER, "into", "listPerson"),
    "ED207": (LETTER, "into", "p"),
    "ED301": (LETTER, "into", "p"),
    "ED302": (LETTER, "into", "p"),
    "ED303": (LETTER, "into", "p"),
    "ED304": (LETTER, "replace", 'correspAction type="received"'),
    "ED305": (LETTER, "into", "p"),
    "ED401": (LETTER, "replace", "profileDesc"),
    "ED402": (LETTER, "replace", 'correspAction type="sent"'),
    "ED403": (LETTER, "replace", 'correspAction type="sent"'),
    "ED404": (LETTER, "replace", 'correspAction type="received"'),
    "ED405": (LETTER, "replace", 'correspAction type="sent"'),
    "ED501": (LETTER, "into", "p"),
    "ED502": (LETTER, "into", "p"),
    "ED503": (LETTER, "into", "p"),
    "ED504": (LETTER, "into", "p"),
    "ED601": (PERSONS, "into", "listPerson"),  # and the good snippet, a reference, into the letter
    "ED602": (PLACES, "replace", 'idno type="wikidata"'),
    "ED701": (LETTER, "before", "closer"),
    "ED702": (LETTER, "replace", "titleStmt"),
    "ED703": (LETTER, "replace", "publicationStmt"),
    "ED704": (LETTER, "replace", "publicationStmt"),
    "ED705": (LETTER, "replace", "sourceDesc"),
    "ED706": (LETTER, "before", "closer"),
}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def second_letter(project: Path, name: str, old: str = "", new: str = "") -> None:
    shutil.copy(project / LETTER, project / "tei/letters" / name)
    if old:
        edit(project / "tei/letters" / name, old, new)


def letters_with_own_lists(project: Path) -> None:
    back = '</body><back><listPerson>\n</listPerson></back>'
    second_letter(project, "other.xml", "</body>", back.replace("\n", '<person xml:id="pmb50"><persName>Wien</persName></person>'))
    edit(project / LETTER, "</body>", back)


# What a rule needs beside the letter, in both runs (good and bad).
SETUP = {
    # per.kennedy in a second register too
    "ED204": lambda p: (p / "tei/registers/persons-old.xml").write_text(re.sub(
        r'<person xml:id="per.(?!kennedy").*?</person>', "", (p / PERSONS).read_text(encoding="utf-8"), flags=re.S)),
    # the letter a bare id names
    "ED205": lambda p: second_letter(p, "L00101.xml", "<TEI ", '<TEI xml:id="L00101" '),
    # another letter whose own list has pmb50 as Wien
    "ED206": letters_with_own_lists,
    # a corpus whose @key names an entry's @n
    "ED207": lambda p: (edit(p / "editio.toml", "# key_matches", "key_matches"),
                        edit(p / PERSONS, '<person xml:id="per.kennedy">', '<person xml:id="per.kennedy" n="Kennedy John F.">')),
}
# Rules whose good snippet goes elsewhere than the bad one, which stays: an entry and its use.
GOOD_PLACES = {"ED601": (LETTER, "into", "p")}

# Rules whose bad snippet the edition schema refuses too.
SCHEMA_TOO = {"ED504": "an empty facs is no anyURI list"}

# What the good snippet of a rule still yields, and why.
GOOD_ALSO = {"ED204": ["ED601"]}  # the entry of the other file, now unused, is worth a warning

# Rules whose example is a condition of a file or of a run, not a snippet: the test of it.
CONDITIONS = {
    "ED004": "an unreadable file: test_reading.py::test_unreadable_file_is_reported_not_raised",
    "ED005": "a 200 MB file: test_reading.py::test_oversized_file_is_refused_without_reading_it",
    "ED007": "a path without TEI files: test_reading.py::test_folder_without_tei",
    "ED008": "a symlink out of the folder: test_reading.py::test_symlink_out_of_the_folder_is_not_followed",
    "ED009": "a letter whose output fails: test_xml_output.py::test_invalid_output_is_a_finding_of_its_letter_and_is_not_written",
    "ED901": "the project's Schematron: test_security.py::test_schematron_still_checks_documents",
}


def editio(*args):
    result = CliRunner().invoke(cli, list(args), env={"EDITIO_DEBUG": None})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """A clean project: `editio init`, register entries by `editio new person|place`, one letter
    by `editio new letter` with its two placeholders replaced."""
    project = tmp_path_factory.mktemp("rules") / "edition"
    editio("init", str(project))
    with chdir(project):
        editio("new", "person", "--name", "Nikita Khrushchev")
        editio("new", "person", "--name", "John F. Kennedy", "--wikidata", "Q9696")
        editio("new", "person", "--name", "Adlai Stevenson")
        editio("new", "place", "--name", "Moscow")
        editio("new", "place", "--name", "Washington", "--wikidata", "Q61")
        editio("new", "letter", "--from", "khrushchev", "--to", "kennedy", "--date", "1962-11-04",
               "--place-from", "moscow", "--place-to", "washington")
    letter = project / LETTER
    text = letter.read_text(encoding="utf-8")
    text = re.sub(r"<p>The source of the text:.*?</p>", "<bibl>Kennedy Library, National Security Files</bibl>", text)
    # the body names every register entry, so that a header without them leaves none unused
    text = re.sub(r"(<p [^>]*>)The text of the letter.</p>", lambda m: (
        '<opener><salute>Dear Mr. <persName ref="../registers/persons.xml#per.kennedy">Kennedy</persName>,</salute></opener>'
        + m.group(1) + 'I have just received information from Mr. V. Kuznetsov that Mr. '
        '<persName ref="../registers/persons.xml#per.stevenson">Stevenson</persName> handed him a list in '
        '<placeName ref="../registers/places.xml#pla.washington">Washington</placeName>.</p>'
        '<closer><signed><persName ref="../registers/persons.xml#per.khrushchev">N. Khrushchev</persName>, '
        '<placeName ref="../registers/places.xml#pla.moscow">Moscow</placeName></signed></closer>'), text)
    letter.write_text(text, encoding="utf-8")
    assert findings(project) == [], "the base project is not clean"
    return project


def findings(project: Path) -> list[tuple[str, str]]:
    with chdir(project):
        result = editio("validate", "--format", "json")
    return [(d["rule"], d["message"]) for d in json.loads(result.output)["diagnostics"]]


def place(project: Path, where: tuple, snippet: str) -> None:
    file, how, anchor = where
    path = project / file
    text = path.read_text(encoding="utf-8")
    name = anchor.split()[0]
    if how == "text":
        assert anchor in text
        text = text.replace(anchor, snippet, 1)
    else:
        element = re.search(rf"<{re.escape(anchor)}(?![\w.-])[^>]*?(/>|\?>|>.*?</{re.escape(name)}>)", text, re.S)
        assert element, f"no <{anchor} in {file}"
        start, end = element.span()
        if how == "into":
            start = end = element.end() - len(f"</{name}>")
        elif how == "before":
            end = start
        text = text[:start] + snippet + text[end:]
    path.write_text(text, encoding="utf-8")


def project_with(base: Path, tmp_path: Path, rule, example: str) -> Path:
    project = tmp_path / "edition"
    # the same schema file for every run: compiled once (per resolved path) instead of 72 times
    shutil.copytree(base, project, ignore=lambda folder, names: [n for n in names if n == "editio.rng"])
    (project / "tei/schema/editio.rng").symlink_to(base / "tei/schema/editio.rng")
    SETUP.get(rule.id, lambda p: None)(project)
    if example == "good" and rule.id in GOOD_PLACES:
        place(project, PLACES_OF[rule.id], rule.bad)
        place(project, GOOD_PLACES[rule.id], rule.good)
    else:
        place(project, PLACES_OF[rule.id], getattr(rule, example))
    return project


RULES = [r for r in all_rules() if r.status == "stable"]


def test_every_rule_is_placed_or_covered_by_a_fixture_test():
    ids = {r.id for r in RULES}
    assert ids == set(PLACES_OF) | set(CONDITIONS), (ids ^ (set(PLACES_OF) | set(CONDITIONS)))
    assert not set(PLACES_OF) & set(CONDITIONS)
    tests = Path(__file__).parent
    for reason in CONDITIONS.values():
        module, name = reason.split(": ")[1].split("::")
        assert f"def {name}(" in (tests / module).read_text(encoding="utf-8"), reason


@pytest.mark.parametrize("rule", [r for r in RULES if r.id in PLACES_OF], ids=lambda r: r.id)
def test_bad_example_yields_its_rule_and_the_good_one_a_clean_letter(rule, base, tmp_path):
    bad = findings(project_with(base, tmp_path / "bad", rule, "bad"))
    expected = {rule.id, "ED101"} if rule.id in SCHEMA_TOO else {rule.id}
    assert bad and {r for r, _ in bad} == expected, bad
    good = findings(project_with(base, tmp_path / "good", rule, "good"))
    assert [r for r, _ in good] == GOOD_ALSO.get(rule.id, []), good
