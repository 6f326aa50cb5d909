"""editio new letter | person | place | org: files from templates, register entries inserted in place."""

import re
import shutil

from lxml import etree

from conftest import REPO
from editio.fmt import format_bytes
from test_workflow_init import files_under, new_project

NS = {"t": "http://www.tei-c.org/ns/1.0"}
PEOPLE = (["person", "--name", "Nikita Sergeyevich Khrushchev", "--wikidata", "Q35314", "--birth", "1894-04-15", "--death", "1971-09-11"],
          ["person", "--name", "John Fitzgerald Kennedy", "--wikidata", "https://www.wikidata.org/wiki/Q9696"],
          ["place", "--name", "Moscow", "--wikidata", "Q649"],
          ["place", "--name", "Washington, D.C."])


def inserted(before: str, after: str) -> tuple[str, str]:
    """(what was removed, what was inserted): the middle between the common start and end."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return before[start:len(before) - end], after[start:len(after) - end]


def repo_copy(tmp_path):
    shutil.copytree(REPO / "tei", tmp_path / "tei")
    return tmp_path


def test_new_person_goes_in_id_order_and_changes_nothing_else(run_editio, tmp_path):
    project = repo_copy(tmp_path)
    register = project / "tei/registers/persons.xml"
    before = register.read_text()
    r = run_editio("new", "person", "--name", "Anatoly Fyodorovich Dobrynin", "--wikidata", "Q310830",
                   "--birth", "1919-11-16", "--death", "2010-04-06", cwd=project)
    assert r.exit_code == 0 and "added per.dobrynin to tei/registers/persons.xml" in r.output, r.output
    after = register.read_text()
    block = ('<person xml:id="per.dobrynin">\n'
             '        <persName type="normalised"><forename>Anatoly</forename> <forename>Fyodorovich</forename> <surname>Dobrynin</surname></persName>\n'
             '        <birth when="1919-11-16"/>\n'
             '        <death when="2010-04-06"/>\n'
             '        <idno type="wikidata">Q310830</idno>\n'
             '      </person>\n      ')
    assert after.count(block) == 1 and after.replace(block, "", 1) == before, "only the entry was added"
    ids = etree.parse(str(register)).xpath("//t:person/@xml:id", namespaces=NS)
    assert ids == ["per.dobrynin", "per.kennedy", "per.khrushchev", "per.kuznetsov", "per.stevenson"]


def test_next_id_and_last_place_in_the_list(run_editio, tmp_path):
    project = repo_copy(tmp_path)
    register = project / "tei/registers/persons.xml"
    before = register.read_text()
    r = run_editio("new", "person", "--name", "Adlai Ewing Stevenson III", cwd=project)
    assert r.exit_code == 0 and "added per.stevenson-2" in r.output, r.output
    removed, added = inserted(before, register.read_text())
    assert removed == "" and added.strip().startswith('<person xml:id="per.stevenson-2">')
    assert register.read_text().endswith('      </person>\n    </listPerson>\n  </standOff>\n</TEI>\n')
    r = run_editio("new", "place", "--name", "Havana", cwd=project)
    assert "added pla.havana" in r.output
    r = run_editio("new", "org", "--name", "Central Intelligence Agency", cwd=project)
    assert "added org.central-intelligence-agency" in r.output
    r = run_editio("validate", cwd=project)
    assert " error " not in r.output, r.output


def test_same_name_refuses_unless_forced_same_authority_id_always_refuses(run_editio, tmp_path):
    project = repo_copy(tmp_path)
    register = project / "tei/registers/places.xml"
    before = register.read_bytes()
    r = run_editio("new", "place", "--name", "Moscow", cwd=project)
    assert r.exit_code == 1 and "same name already: pla.moscow" in r.output and "--force" in r.output
    assert register.read_bytes() == before
    r = run_editio("new", "person", "--name", "John Fitzgerald Kennedy", cwd=project)
    assert r.exit_code == 1 and "per.kennedy (John Fitzgerald Kennedy)" in r.output
    assert "per.kennedy-2" not in (project / "tei/registers/persons.xml").read_text()
    r = run_editio("new", "place", "--name", "Moscow", "--force", cwd=project)
    assert r.exit_code == 0 and "added pla.moscow-2" in r.output and "same name already: pla.moscow" in r.output
    before = register.read_bytes()
    r = run_editio("new", "place", "--name", "Moskva", "--wikidata", "Q649", cwd=project)
    assert r.exit_code == 1 and "has Wikidata item Q649 already, as pla.moscow" in r.output
    geonames = re.search(r'<idno type="geonames">(\d+)</idno>', register.read_text()).group(1)
    r = run_editio("new", "place", "--name", "Elsewhere", "--geonames", f"https://www.geonames.org/{geonames}", "--force", cwd=project)
    assert r.exit_code == 1 and f"has GeoNames {geonames} already" in r.output
    assert register.read_bytes() == before


def test_every_authority_file_of_a_register_can_be_given(run_editio, tmp_path):
    project = new_project(run_editio, tmp_path / "ed")
    r = run_editio("new", "person", "--name", "John Fitzgerald Kennedy", "--wikidata", "Q9696", "--viaf", "http://viaf.org/viaf/9851059",
                   "--lcnaf", "n79018774", "--gnd", "118561561", cwd=project)
    assert r.exit_code == 0, r.output
    r = run_editio("new", "place", "--name", "Moscow", "--geonames", "524901", "--lcnaf", "n79108740", cwd=project)
    assert r.exit_code == 0, r.output
    r = run_editio("new", "org", "--name", "Department of State", "--viaf", "130706339", cwd=project)
    assert r.exit_code == 0, r.output
    ids = {}
    for name in ("persons", "places", "organisations"):
        tree = etree.parse(str(project / f"tei/registers/{name}.xml"))
        ids[name] = [(i.get("type"), i.text) for i in tree.xpath("//t:person/t:idno|//t:place/t:idno|//t:org/t:idno",
                                                                  namespaces={"t": "http://www.tei-c.org/ns/1.0"})]
    assert ids == {"persons": [("wikidata", "Q9696"), ("viaf", "9851059"), ("lcnaf", "n79018774"), ("gnd", "118561561")],
                   "places": [("geonames", "524901"), ("lcnaf", "n79108740")], "organisations": [("viaf", "130706339")]}
    r = run_editio("validate", "--no-color", cwd=project)
    assert "ED602" not in r.output, "the ids are written as rule ED602 wants them"
    r = run_editio("new", "place", "--name", "Kyiv", "--geonames", "Q1899", cwd=project)
    assert r.exit_code == 1 and "--geonames 'Q1899' is not a well-formed GeoNames id" in r.output
    assert run_editio("new", "place", "--name", "Kyiv", "--viaf", "1", cwd=project).exit_code == 2, "places have no VIAF option"


def test_first_entry_replaces_the_placeholder_of_an_empty_register(run_editio, tmp_path):
    project = new_project(run_editio, tmp_path / "ed")
    register = project / "tei/registers/organisations.xml"
    before = register.read_text()
    r = run_editio("new", "org", "--name", "United States Mission to the United Nations", cwd=project)
    assert r.exit_code == 0, r.output
    removed, added = inserted(before, register.read_text())
    assert "editio-empty" in removed and "editio-empty" not in register.read_text()
    assert register.read_text().count("<org ") == 1
    assert format_bytes(register.read_bytes()) == register.read_bytes(), "new entries have the layout of editio fmt"


def test_bad_input_is_refused_with_a_message_and_nothing_changes(run_editio, tmp_path):
    project = new_project(run_editio, tmp_path / "ed", *PEOPLE)
    snapshot = {f: (project / f).read_bytes() for f in files_under(project)}
    cases = [
        (["person", "--name", "X", "--wikidata", "9696"], "is not a well-formed Wikidata item id"),
        (["person", "--name", "X", "--birth", "1917-02-30"], "--birth '1917-02-30': February 1917 has no day 30"),
        (["person", "--name", "X", "--birth", "1920", "--death", "1917"], "is before --birth"),
        (["person", "--name", "   "], "--name is empty"),
        (["letter", "--from", "kenedy", "--to", "kennedy", "--date", "1962-11-04"], "no person 'kenedy'"),
        (["letter", "--from", "khrushchev", "--to", "kennedy", "--date", "4.11.1962"], "is not a date"),
        (["letter", "--from", "khrushchev", "--to", "kennedy", "--date", "1962-11-04", "--place-from", "Mosow"], "pla.moscow (Moscow)"),
        (["letter", "--from", "khrushchev", "--to", "kennedy", "--date", "1962-11-04", "--id", "../x"], "cannot be a file name"),
    ]
    for args, message in cases:
        r = run_editio("new", *args, cwd=project)
        assert r.exit_code == 1 and message in r.output and "Traceback" not in r.output, (args, r.output)
    r = run_editio("new", "place", "--name", "Havana", "--birth", "1519", cwd=project)
    assert r.exit_code == 2 and "No such option" in r.output
    r = run_editio("new", "letter", "--from", "khrushchev", cwd=project)
    assert r.exit_code == 2 and "Missing option" in r.output
    assert {f: (project / f).read_bytes() for f in files_under(project)} == snapshot


def test_unknown_person_lists_close_matches(run_editio, tmp_path):
    project = new_project(run_editio, tmp_path / "ed", *PEOPLE)
    r = run_editio("new", "letter", "--from", "Krushchev", "--to", "kennedy", "--date", "1962-11-04", cwd=project)
    assert r.exit_code == 1
    assert "no person 'Krushchev' in tei/registers/persons.xml; close matches: per.khrushchev (Nikita Sergeyevich Khrushchev)" in r.output
    assert 'editio new person --name "Krushchev"' in r.output
    assert not list((project / "tei/letters").glob("*.xml"))


def test_broken_register_is_named_with_its_line(run_editio, tmp_path):
    project = new_project(run_editio, tmp_path / "ed")
    register = project / "tei/registers/persons.xml"
    register.write_text(register.read_text().replace("</titleStmt>", "</titleStmnt>"))
    before = register.read_bytes()
    r = run_editio("new", "person", "--name", "John Kennedy", cwd=project)
    assert r.exit_code == 1 and "tei/registers/persons.xml:8:20:" in r.output and "run the command again" in r.output, r.output
    assert register.read_bytes() == before
    (project / "tei/registers/places.xml").unlink()
    r = run_editio("new", "place", "--name", "Moscow", cwd=project)
    assert r.exit_code == 1 and "tei/registers/places.xml does not exist" in r.output


def test_new_letter_resolves_names_and_ids_and_validates(run_editio, tmp_path):
    project = new_project(run_editio, tmp_path / "ed", *PEOPLE)
    r = run_editio("new", "letter", "--from", "per.khrushchev", "--to", "John Kennedy", "--date", "1962-11-04",
                   "--place-from", "moscow", "--place-to", "Washington", cwd=project)
    assert r.exit_code == 0 and "wrote tei/letters/khrushchev-kennedy-1962-11-04.xml" in r.output, r.output
    letter = project / "tei/letters/khrushchev-kennedy-1962-11-04.xml"
    tree = etree.parse(str(letter))
    sent, received = tree.xpath("//t:correspAction", namespaces=NS)
    assert [(e.get("ref"), e.text) for e in sent] == [
        ("../registers/persons.xml#per.khrushchev", "Nikita Sergeyevich Khrushchev"),
        ("../registers/places.xml#pla.moscow", "Moscow"), (None, "4 November 1962")]
    assert sent[2].get("when") == "1962-11-04"
    assert [e.get("ref") for e in received] == ["../registers/persons.xml#per.kennedy", "../registers/places.xml#pla.washington-d-c"]
    assert tree.findtext(".//t:title", namespaces=NS) == \
        "Letter from Nikita Sergeyevich Khrushchev to John Fitzgerald Kennedy, Moscow, 4 November 1962"
    ids = tree.xpath("//@xml:id")
    assert ids and all(i.startswith("khrushchev-kennedy-1962-11-04.") for i in ids)
    assert format_bytes(letter.read_bytes()) == letter.read_bytes(), "a new letter has the layout of editio fmt"
    r = run_editio("validate", "--no-color", cwd=project)
    # valid, with the template's two placeholders reported until they are replaced (ED706)
    assert r.exit_code == 0 and "0 errors, 2 warnings in 1 of 4 files" in r.output, r.output
    assert [line.split(" ", 3)[1:3] for line in r.output.splitlines() if ": warning " in line] == [["warning", "ED706"]] * 2
    # the same again: an unused name
    r = run_editio("new", "letter", "--from", "khrushchev", "--to", "kennedy", "--date", "1962-11-04", cwd=project)
    assert "wrote tei/letters/khrushchev-kennedy-1962-11-04-2.xml" in r.output


def test_new_letter_never_reuses_a_file_or_an_id_prefix(run_editio, tmp_path):
    project = repo_copy(tmp_path)
    r = run_editio("new", "letter", "--from", "kennedy", "--to", "khrushchev", "--date", "1962-11-06", "--id", "d73", cwd=project)
    assert r.exit_code == 1 and "xml:ids beginning with 'd73.' are used" in r.output
    r = run_editio("new", "letter", "--from", "kennedy", "--to", "khrushchev", "--date", "1962-11-06",
                   "--id", "frus1961-63v06-d73", cwd=project)
    assert r.exit_code == 1 and "exists already" in r.output
    r = run_editio("new", "letter", "--from", "kennedy", "--to", "Nikita", "--date", "1962-11-06", "--id", "d74",
                   "--place-from", "washington", "--place-to", "moscow", cwd=project)
    assert r.exit_code == 0, r.output
    r = run_editio("new", "letter", "--from", "kennedy", "--to", "Stevenson", "--date", "1962-11-06", "--place-to", "York", cwd=project)
    assert r.exit_code == 0 and "kennedy-stevenson-1962-11-06" in r.output, r.output


def test_ambiguous_name_asks_for_the_id(run_editio, tmp_path):
    project = new_project(run_editio, tmp_path / "ed", *PEOPLE, ["person", "--name", "Robert Francis Kennedy"])
    r = run_editio("new", "letter", "--from", "Kennedy", "--to", "khrushchev", "--date", "1962-10-27", cwd=project)
    assert r.exit_code == 1 and "names more than one person" in r.output and "per.kennedy-2 (Robert Francis Kennedy)" in r.output


def test_ids_and_name_parts_of_persons(run_editio, tmp_path):
    project = new_project(run_editio, tmp_path / "ed", ["person", "--name", "Charles de Gaulle"],
                          ["person", "--name", "Martin Luther King Jr."], ["person", "--name", "Никита Хрущёв"],
                          ["person", "--name", "Sukarno"])
    text = (project / "tei/registers/persons.xml").read_text()
    assert '<person xml:id="per.de-gaulle">' in text and "<forename>Charles</forename> <surname>de Gaulle</surname>" in text
    assert '<person xml:id="per.king">' in text and "<surname>King</surname> <genName>Jr.</genName>" in text
    assert '<person xml:id="per.1">' in text and "<surname>Хрущёв</surname>" in text
    assert '<person xml:id="per.sukarno">' in text and '<persName type="normalised">Sukarno</persName>' in text
