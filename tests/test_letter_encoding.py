"""Checks of the TEI encoding of FRUS 1961-1963, vol. VI, document 73, and of its registers.

Plain lxml and pytest; nothing here imports the editio package.

The fidelity tests rebuild, from the TEI, the text of the web copy that served as
copy-text (note markers and "[Page N]" included, corrections undone) and compare it
with the transcription line by line.  The last tests mutate the encoding in memory
and show that each check fails when it should.
"""

from __future__ import annotations

import copy
import csv
import difflib
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import etree

REPO = Path(__file__).resolve().parents[1]
LETTER = REPO / "tei" / "letters" / "frus1961-63v06-d73.xml"
PERSONS = REPO / "tei" / "registers" / "persons.xml"
PLACES = REPO / "tei" / "registers" / "places.xml"
ORGS = REPO / "tei" / "registers" / "organisations.xml"
FILES = (LETTER, PERSONS, PLACES, ORGS)
TEI_ALL = REPO / "transform" / "schemas" / "tei_all.rng"

# Copies of the transcription and of the confirmed authority identifiers, kept with the tests.
TRANSCRIPTION = REPO / "tests" / "fixtures" / "sources" / "frus1961-63v06-d73.txt"
AUTHORITIES = REPO / "tests" / "fixtures" / "sources" / "authority-ids.tsv"

TEI = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>'
XML_MODEL = (
    '<?xml-model href="../schema/editio.rng" type="application/xml" '
    'schematypens="http://relaxng.org/ns/structure/1.0"?>'
)

# Attributes holding pointers (space-separated URIs).
POINTER_ATTRS = ("ref", "corresp", "target", "who", "source", "resp")
# Absolute URIs are allowed only under these prefixes (not fetched: no network).
EXTERNAL_PREFIXES = (
    "https://history.state.gov/historicaldocuments/frus1961-63v06/",
    "http://www.wikidata.org/entity/Q",
    "https://creativecommons.org/",
)

# The letter begins on this page; later pages appear as "[Page N]" in the web copy.
FIRST_PAGE = 199
# Note whose reference marker the web copy lacks (the note on the typed signature).
WEB_COPY_UNMARKED_NOTES = {"d73.fn2"}
# Text of the printed volume that the web copy lacks, by xml:id, with the text: the
# valediction before the signature (HistoryAtState/frus, volumes/frus1961-63v06.xml, d73).
WEB_COPY_LACKS = {"d73.valediction": "Sincerely,"}
# The web copy lists the notes as 1-3; their printed numbers are 0-2.
WEB_LIST_TO_PRINTED = {1: "0", 2: "1", 3: "2"}
# Elements whose content is an editorial addition (outside a choice).
EDITORIAL_ADDITIONS = {"supplied", "corr", "reg", "ex"}

REGISTER_OF = {"persName": PERSONS, "placeName": PLACES, "orgName": ORGS, "repository": ORGS}
ENTRY_PREFIX = {PERSONS: "per.", PLACES: "pla.", ORGS: "org."}
ENTRY_XPATH = {PERSONS: "//t:person", PLACES: "//t:place", ORGS: "//t:org"}
AUTHORITY_TYPES = ("wikidata", "viaf", "geonames", "lcnaf")
LIFE_DATES = {
    "per.khrushchev": ("1894-04-15", "1971-09-11"),
    "per.kennedy": ("1917-05-29", "1963-11-22"),
    "per.kuznetsov": ("1901-02-13", "1990-06-05"),
    "per.stevenson": ("1900-02-05", "1965-07-14"),
}


# --------------------------------------------------------------------------- helpers


def parse(path: Path) -> etree._ElementTree:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.parse(str(path), parser)


def local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def norm(s: str) -> str:
    return " ".join(s.split())


def ids_of(tree) -> set[str]:
    return {el.get(XML_ID) for el in tree.iter() if isinstance(el.tag, str) and el.get(XML_ID)}


def pointer_problems(path: Path, tree, load) -> list[str]:
    """Every pointer in tree (the parsed form of path) that does not resolve."""
    problems = []
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in POINTER_ATTRS:
            for uri in (el.get(attr) or "").split():
                where = f"{path.name}:{el.sourceline} <{local(el)} {attr}={uri!r}>"
                if urlsplit(uri).scheme:
                    if not uri.startswith(EXTERNAL_PREFIXES):
                        problems.append(f"{where}: external URI outside the allowed prefixes")
                    continue
                file_part, hash_, fragment = uri.partition("#")
                if not hash_ or not fragment:
                    problems.append(f"{where}: no fragment identifier")
                    continue
                target = path if not file_part else (path.parent / file_part).resolve()
                if not target.is_file():
                    problems.append(f"{where}: file {target} does not exist")
                elif fragment not in ids_of(tree if target == path else load(target)):
                    problems.append(f"{where}: no xml:id {fragment!r} in {target.name}")
    return problems


def ref_target(ref: str, referring: Path = LETTER) -> tuple[Path, str]:
    file_part, _, fragment = ref.partition("#")
    return ((referring.parent / file_part).resolve() if file_part else referring), fragment


def render(el) -> str:
    """Text of el as the web copy shows it: corrections undone, note markers and
    page numbers as the web copy prints them."""
    out = [el.text or ""]
    for child in el:
        out.append(render_child(child))
        out.append(child.tail or "")
    return "".join(out)


def render_child(child) -> str:
    name = local(child)
    if not name:  # comment or processing instruction
        return ""
    if name == "note":
        return "" if child.get(XML_ID) in WEB_COPY_UNMARKED_NOTES else child.get("n", "")
    if name == "pb":
        n = int(child.get("n"))
        return f"[Page {n}] " if n > FIRST_PAGE else ""
    if name == "choice":
        original = child.find("t:sic", NS)
        if original is None:
            original = child.find("t:orig", NS)
        if original is None:
            raise AssertionError(f"line {child.sourceline}: choice without sic or orig")
        return render(original)
    if name in EDITORIAL_ADDITIONS or child.get(XML_ID) in WEB_COPY_LACKS:
        return ""
    return render(child)


def render_corrected(el) -> str:
    """Text of el as the edition reads: corr chosen, notes run in, no page numbers."""
    out = [el.text or ""]
    for child in el:
        name = local(child)
        if name == "choice":
            out.append(render_corrected(child.find("t:corr", NS)))
        elif name == "note":
            out.append(" " + render_corrected(child) + " ")
        elif name not in ("pb", ""):
            out.append(render_corrected(child))
        out.append(child.tail or "")
    return "".join(out)


def web_blocks(tree) -> list[str]:
    """The text blocks (lines) of the web copy, rebuilt from the TEI body."""
    blocks, run_in = [], ""
    body = tree.find("t:text/t:body", NS)
    for el in body.iter(f"{{{TEI}}}head", f"{{{TEI}}}opener", f"{{{TEI}}}p", f"{{{TEI}}}closer"):
        if any(local(a) == "note" for a in el.iterancestors()):
            continue
        text = norm(render(el))
        if local(el) == "opener" and el.get("rend") == "run-in":
            run_in = f"{run_in} {text}".strip()
            continue
        blocks.append(norm(f"{run_in} {text}"))
        run_in = ""
    assert not run_in, "a run-in opener is not followed by a paragraph"
    return blocks


def text_notes(tree) -> list:
    return tree.xpath("/t:TEI/t:text//t:note", namespaces=NS)


def read_transcription(path: Path) -> tuple[list[str], dict[str, str]]:
    """Body lines (non-empty, normalised) and notes keyed by printed note number."""
    body, notes = [], {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\s+(\d+)\.\s+(.*)$", line)
        if m:
            notes[WEB_LIST_TO_PRINTED[int(m.group(1))]] = norm(m.group(2))
        elif line.strip():
            assert not notes, f"text after the notes: {line!r}"
            body.append(norm(line))
    return body, notes


def diff(expected: list[str], actual: list[str]) -> str:
    return "\n".join(difflib.unified_diff(expected, actual, "transcription", "tei", lineterm=""))


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def tei_all():
    return etree.RelaxNG(parse(TEI_ALL))


@pytest.fixture(scope="module")
def trees():
    return {path: parse(path) for path in FILES}


@pytest.fixture(scope="module")
def letter(trees):
    return trees[LETTER]


@pytest.fixture(scope="module")
def load(trees):
    cache = dict(trees)

    def _load(path: Path):
        if path not in cache:
            cache[path] = parse(path)
        return cache[path]

    return _load


@pytest.fixture(scope="module")
def transcription():
    return read_transcription(TRANSCRIPTION)


@pytest.fixture(scope="module")
def authority_rows():
    with AUTHORITIES.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


# --------------------------------------------------------------------------- 1. validity


@pytest.mark.slow
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_file_is_valid_against_tei_all(tei_all, trees, path):
    valid = tei_all.validate(trees[path])
    log = "\n".join(f"{path.name}:{e.line}: {e.message}" for e in tei_all.error_log)
    assert valid, f"{path.name} is not valid against tei_all.rng:\n{log}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_file_starts_with_declaration_and_xml_model(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == XML_DECL
    assert lines[1] == XML_MODEL


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_file_has_tei_header_and_change_of_2026_11_28(trees, path):
    root = trees[path].getroot()
    assert root.tag == f"{{{TEI}}}TEI"
    assert root.xpath("t:teiHeader/t:fileDesc/t:titleStmt/t:title[normalize-space()]", namespaces=NS)
    licences = root.xpath("t:teiHeader//t:availability/t:licence", namespaces=NS)
    assert licences and licences[0].get("target", "").startswith("https://creativecommons.org/")
    changes = root.xpath("t:teiHeader/t:revisionDesc/t:change[@when='2026-11-28']", namespaces=NS)
    assert changes, "no change dated 2026-11-28"
    resp = root.xpath("t:teiHeader/t:fileDesc/t:titleStmt/t:respStmt", namespaces=NS)[0]
    assert changes[0].get("who") == "#" + resp.get(XML_ID)
    assert norm(resp.findtext("t:orgName", namespaces=NS)) == "editio project"
    assert not resp.xpath(".//t:persName", namespaces=NS), "respStmt must name no person"


# --------------------------------------------------------------------------- 2. pointers


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_pointer_resolves(trees, load, path):
    problems = pointer_problems(path, trees[path], load)
    assert not problems, "unresolved pointers:\n" + "\n".join(problems)


def test_names_point_to_the_matching_register(letter):
    wrong = []
    for el in letter.iter(*(f"{{{TEI}}}{name}" for name in REGISTER_OF)):
        ref = el.get("ref")
        if ref is None:
            continue
        target, fragment = ref_target(ref)
        register = REGISTER_OF[local(el)]
        if target != register.resolve() or not fragment.startswith(ENTRY_PREFIX[register]):
            wrong.append(f"line {el.sourceline}: <{local(el)} ref={ref!r}>")
        if not ref.startswith(f"../registers/{register.name}#"):
            wrong.append(f"line {el.sourceline}: ref {ref!r} is not ../registers/{register.name}#ID")
    assert not wrong, "\n".join(wrong)


def test_names_in_text_and_correspdesc_all_carry_a_ref(letter):
    names = letter.xpath(
        "/t:TEI/t:text//*[self::t:persName or self::t:placeName or self::t:orgName]"
        " | //t:correspDesc//*[self::t:persName or self::t:placeName]",
        namespaces=NS,
    )
    missing = [f"line {el.sourceline}: {norm(el.xpath('string()'))}" for el in names if not el.get("ref")]
    assert not missing, "names without ref:\n" + "\n".join(missing)


@pytest.mark.parametrize("register", (PERSONS, PLACES, ORGS), ids=lambda p: p.name)
def test_every_register_entry_is_used_by_the_letter(trees, register):
    used = {ref_target(r)[1] for r in trees[LETTER].xpath("//@ref", namespaces=NS) if "#" in r}
    entries = {el.get(XML_ID) for el in trees[register].xpath(ENTRY_XPATH[register], namespaces=NS)}
    assert entries, f"{register.name} has no entries"
    assert entries <= used, f"entries never referred to: {sorted(entries - used)}"


def test_identifiers_follow_the_conventions(trees):
    letter_ids = ids_of(trees[LETTER])
    assert letter_ids and all(i.startswith("d73.") for i in letter_ids), sorted(letter_ids)
    for register, prefix in ENTRY_PREFIX.items():
        for el in trees[register].xpath(ENTRY_XPATH[register], namespaces=NS):
            assert re.fullmatch(re.escape(prefix) + r"[a-z0-9]+(-[a-z0-9]+)*", el.get(XML_ID) or ""), el.get(XML_ID)


# --------------------------------------------------------------------------- registers


def test_persons_have_names_life_dates_and_descriptions(trees):
    persons = {el.get(XML_ID): el for el in trees[PERSONS].xpath("//t:person", namespaces=NS)}
    assert set(persons) == set(LIFE_DATES)
    for pid, (born, died) in LIFE_DATES.items():
        person = persons[pid]
        name = person.find("t:persName", NS)
        assert name.find("t:forename", NS) is not None and name.find("t:surname", NS) is not None, pid
        assert person.find("t:birth", NS).get("when") == born, pid
        assert person.find("t:death", NS).get("when") == died, pid
        assert norm(person.findtext("t:occupation", default="", namespaces=NS)), pid


@pytest.mark.parametrize("register", (PLACES, ORGS), ids=lambda p: p.name)
def test_places_and_orgs_have_names_and_descriptions(trees, register):
    name = "t:placeName" if register == PLACES else "t:orgName"
    for el in trees[register].xpath(ENTRY_XPATH[register], namespaces=NS):
        assert norm(el.findtext(name, default="", namespaces=NS)), el.get(XML_ID)
        assert norm(el.findtext("t:desc", default="", namespaces=NS)), el.get(XML_ID)


@pytest.mark.parametrize("register", (PERSONS, PLACES, ORGS), ids=lambda p: p.name)
def test_authority_ids_are_exactly_the_confirmed_ones(trees, authority_rows, register):
    """Every idno comes from one row of the authority list, and carries all its ids."""
    for entry in trees[register].xpath(ENTRY_XPATH[register], namespaces=NS):
        eid = entry.get(XML_ID)
        idnos = {(i.get("type"), norm(i.text or "")) for i in entry.findall("t:idno", NS)}
        assert all(t in AUTHORITY_TYPES for t, _ in idnos), (eid, idnos)
        if not idnos:
            continue
        rows = [r for r in authority_rows if any(r.get(t) == v for t, v in idnos)]
        assert len(rows) == 1, f"{eid}: ids {sorted(idnos)} match {len(rows)} rows of the authority list"
        confirmed = {(t, rows[0][t]) for t in AUTHORITY_TYPES if rows[0].get(t)}
        assert idnos == confirmed, f"{eid}: has {sorted(idnos)}, confirmed {sorted(confirmed)}"


def test_persons_without_confirmed_ids_have_none(trees):
    for pid in ("per.kuznetsov", "per.stevenson"):
        person = trees[PERSONS].xpath(f"//t:person[@xml:id='{pid}']", namespaces=NS)[0]
        assert person.find("t:idno", NS) is None, pid


# --------------------------------------------------------------------------- 3. fidelity


def test_text_reproduces_the_transcription(letter, transcription):
    expected, _ = transcription
    actual = web_blocks(letter)
    assert actual == expected, "text differs from the transcription:\n" + diff(expected, actual)


def test_notes_reproduce_the_transcription(letter, transcription):
    _, expected = transcription
    actual = {note.get("n"): norm(render(note)) for note in text_notes(letter)}
    assert list(actual) == list(expected), "note numbers or order differ"
    for n in expected:
        assert actual[n] == expected[n], f"note {n}:\n" + diff([expected[n]], [actual[n]])


def test_the_printed_valediction_is_encoded_and_the_web_copys_lack_of_it_recorded(letter):
    """The one text from the printed volume that the web copy lacks: "Sincerely," before the
    signature, the salute of the closer, named by the collation of the editorial declaration."""
    for ident, text in WEB_COPY_LACKS.items():
        (el,) = letter.xpath("//t:*[@xml:id=$id]", namespaces=NS, id=ident)
        assert norm(el.xpath("string()")) == text
        assert local(el) == "salute" and local(el.getparent()) == "closer" and el.getparent()[0] is el
        assert local(el.getnext()) == "signed", "before the signature, as printed"
        collation = letter.xpath("//t:editorialDecl//t:p[@xml:id='d73.ed.collation']", namespaces=NS)[0]
        assert collation.xpath("t:ref/@target", namespaces=NS) == [f"#{ident}"] and "web copy lacks" in norm(collation.xpath("string()"))
    closer = letter.xpath("//t:closer", namespaces=NS)[0]
    assert [norm(c.xpath("string()")) for c in closer[:2]] == ["Sincerely,", "N. Khrushchev"], "the closer as printed"


def test_fidelity_check_notices_text_the_web_copy_lacks(letter, transcription):
    """Without its entry in WEB_COPY_LACKS, the valediction makes the text differ from the copy-text."""
    expected, _ = transcription
    broken = copy.deepcopy(letter)
    valediction = broken.xpath("//t:salute[@xml:id='d73.valediction']", namespaces=NS)[0]
    valediction.set(XML_ID, "d73.renamed")
    assert web_blocks(broken) != expected


def test_corrections_only_restore_the_printed_spaces(letter):
    choices = letter.xpath("/t:TEI/t:text//t:choice", namespaces=NS)
    assert len(choices) == 4
    for choice in choices:
        sic, corr = choice.find("t:sic", NS), choice.find("t:corr", NS)
        assert len(choice) == 2 and sic is not None and corr is not None
        assert len(sic) == len(corr) == 0 and len(sic.text) == 1 and corr.text == sic.text + " "
    corrected = norm(render_corrected(letter.find("t:text", NS)))
    for printed in ("Mr. V. Kuznetsov", "Mr. Stevenson", "Source: Kennedy Library", "Files: NY FRC 84-84-001"):
        assert printed in corrected, printed
    for web in ("Mr.V.", "Mr.Stevenson", "Source:Kennedy", "Files:NY"):
        assert web not in corrected, web


# --------------------------------------------------------------------------- 4. coverage


def refs(tree, xpath) -> set[str]:
    return {ref_target(el.get("ref"))[1] for el in tree.xpath(xpath, namespaces=NS) if el.get("ref")}


def test_persons_places_and_orgs_are_tagged(letter, load):
    assert refs(letter, "/t:TEI/t:text//t:persName") >= {
        "per.khrushchev", "per.kennedy", "per.kuznetsov", "per.stevenson"}
    assert refs(letter, "//t:placeName") >= {
        "pla.cuba", "pla.new-york", "pla.washington", "pla.moscow", "pla.western-hemisphere", "pla.usa"}
    assert refs(letter, "/t:TEI/t:text//t:orgName") >= {
        "org.soviet-foreign-ministry", "org.soviet-embassy-washington", "org.state-department",
        "org.kennedy-library", "org.usun", "org.ny-frc"}
    assert not pointer_problems(LETTER, letter, load)


# (pattern in the text, element that must enclose every occurrence, register id)
NAME_OCCURRENCES = (
    (r"Khrushchev", "persName", "per.khrushchev"),
    (r"Kennedy(?! Library)", "persName", "per.kennedy"),
    (r"Kuznetsov", "persName", "per.kuznetsov"),
    (r"Stevenson", "persName", "per.stevenson"),
    (r"Cuba", "placeName", "pla.cuba"),
    (r"New York", "placeName", "pla.new-york"),
    (r"Washington", "placeName", "pla.washington"),
    (r"U\.S\.", "placeName", "pla.usa"),
    (r"Western hemisphere", "placeName", "pla.western-hemisphere"),
    (r"USSR", "placeName", "pla.ussr"),
    (r"Kennedy Library", "orgName", "org.kennedy-library"),
    (r"Foreign Ministry", "orgName", "org.soviet-foreign-ministry"),
    (r"Embassy", "orgName", "org.soviet-embassy-washington"),
    (r"Department of State", "orgName", "org.state-department"),
    (r"USUN", "orgName", "org.usun"),
    (r"NY FRC", "orgName", "org.ny-frc"),
)


@pytest.mark.parametrize("pattern,element,entry", NAME_OCCURRENCES, ids=[e for *_, e in NAME_OCCURRENCES])
def test_every_occurrence_of_a_name_is_tagged(letter, pattern, element, entry):
    found, untagged = 0, []
    for node in letter.xpath("/t:TEI/t:text//text()", namespaces=NS):
        for _ in re.finditer(pattern, node):
            found += 1
            owner = node.getparent() if node.is_text else node.getparent().getparent()
            chain = [owner, *owner.iterancestors()]
            if not any(local(a) == element and ref_target(a.get("ref", ""))[1] == entry for a in chain):
                untagged.append(f"line {owner.sourceline}: {node.strip()[:60]!r}")
    assert found, f"{pattern!r} does not occur"
    assert not untagged, f"{pattern!r} outside <{element} ref=…#{entry}>:\n" + "\n".join(untagged)


def test_dates_are_tagged_with_iso_values(letter):
    dates = letter.xpath("/t:TEI/t:text//t:date", namespaces=NS)
    when = {d.get("when"): norm(d.text or "") for d in dates if d.get("when")}
    assert when == {"1962-11-04": "November 4", "1962-11-05": "November 5", "1962-11-02": "November 2"}
    text = norm(letter.find("t:text", NS).xpath("string()"))
    assert len(re.findall(r"November \d", text)) == 3


def test_the_three_notes_are_placed_and_numbered(letter):
    notes = text_notes(letter)
    assert [(n.get(XML_ID), n.get("n")) for n in notes] == [("d73.fn0", "0"), ("d73.fn1", "1"), ("d73.fn2", "2")]
    fn0, fn1, fn2 = notes
    assert fn0.get("type") == "source" and local(fn0.getparent()) == "head"
    assert fn0.getnext() is None, "the source note closes the heading"
    before_fn1 = fn1.getprevious().tail if fn1.getprevious() is not None else fn1.getparent().text
    assert before_fn1.endswith("offensive."), before_fn1
    assert local(fn2.getparent()) == "closer" and local(fn2.getprevious()) == "signed"
    assert norm(fn2.getprevious().xpath("string()")) == "N. Khrushchev"
    encoding_desc = norm(letter.find("t:teiHeader/t:encodingDesc", NS).xpath("string()"))
    assert "d73.fn2" in encoding_desc and "missing" in encoding_desc


def test_page_breaks_stand_where_the_pages_begin(letter):
    body = letter.find("t:text/t:body", NS)
    pbs = body.findall(".//t:pb", NS)
    assert [pb.get("n") for pb in pbs] == ["199", "200"]
    assert body[0] is pbs[0], "pb 199 opens the body"
    pb200 = pbs[1]
    assert pb200.get(XML_ID) == "d73.pb200"
    assert pb200.getprevious() is None and pb200.getparent().text.endswith("clearing of the ")
    assert pb200.tail.startswith("atmosphere.")


def test_bibliographic_and_archival_references_in_the_notes(letter):
    def one(xpath):
        found = letter.xpath("/t:TEI/t:text//t:note" + xpath, namespaces=NS)
        assert len(found) == 1, xpath
        return found[0]

    assert local(one("//t:title[@level='j'][.='Problems of Communism']").getparent()) == "bibl"
    for xpath in ("//t:idno[@type='telegram'][.='1606']", "//t:idno[@type='lot'][.='Lot 77 D 163']",
                  "//t:idno[@type='lot'][.='Lot 66 D 204']", "//t:idno[@type='accession'][.='84-84-001']"):
        assert local(one(xpath).getparent()) == "bibl", xpath
    accession = one("//t:idno[@type='accession']")
    assert accession.getprevious().text == "NY FRC" and local(accession.getprevious()) == "orgName"
    assert "ibid." in norm(one("//t:bibl[t:idno='Lot 66 D 204']").xpath("string()"))


def test_correspdesc_records_sending_and_receipt(letter):
    desc = letter.find("t:teiHeader/t:profileDesc/t:correspDesc", NS)
    assert desc is not None
    actions = {a.get("type"): a for a in desc.findall("t:correspAction", NS)}
    expected = {
        "sent": ("per.khrushchev", "pla.moscow", "1962-11-04"),
        "received": ("per.kennedy", "pla.washington", "1962-11-05"),
    }
    assert set(actions) == set(expected)
    for kind, (person, place, when) in expected.items():
        action = actions[kind]
        assert ref_target(action.find("t:persName", NS).get("ref"))[1] == person
        assert ref_target(action.find("t:placeName", NS).get("ref"))[1] == place
        assert action.find("t:date", NS).get("when") == when
    sent = actions["sent"].find("t:date", NS)
    assert (sent.get("cert"), sent.get("evidence"), sent.get("source")) == ("medium", "external", "#d73.fn0")
    assert "undated" in norm(desc.findtext("t:note", default="", namespaces=NS))


def test_header_describes_source_languages_and_licence(letter):
    header = letter.find("t:teiHeader", NS)

    def text(xpath):
        return [norm(e.xpath("string()")) for e in header.xpath(xpath, namespaces=NS)]

    assert text(".//t:sourceDesc/t:biblStruct//t:biblScope[@unit='page']") == ["pp. 199–200"]
    assert text(".//t:sourceDesc/t:biblStruct//t:biblScope[@unit='document']") == ["document 73"]
    assert "1996" in text(".//t:sourceDesc/t:biblStruct//t:imprint/t:date")
    assert "Charles S. Sampson" in text(".//t:sourceDesc/t:biblStruct//t:editor")
    assert header.xpath(".//t:sourceDesc/t:biblStruct//t:idno", namespaces=NS)
    repository = header.find(".//t:sourceDesc/t:msDesc/t:msIdentifier/t:repository", NS)
    assert ref_target(repository.get("ref"))[1] == "org.kennedy-library"
    assert text(".//t:msIdentifier/t:collection") == [
        "National Security Files", "Countries Series", "USSR, Khrushchev Correspondence"]
    assert {l.get("ident") for l in header.xpath(".//t:langUsage/t:language", namespaces=NS)} == {"en", "ru"}
    text_lang = header.find(".//t:textLang", NS)
    assert text_lang.get("mainLang") == "en" and "Russian" in text_lang.text
    assert "public domain" in " ".join(text(".//t:availability"))


# --------------------------------------------------------------------------- the checks can fail


def test_fidelity_check_notices_a_changed_word(letter, transcription):
    changed = copy.deepcopy(letter)
    p2 = changed.xpath("//t:p[@xml:id='d73.p2']", namespaces=NS)[0]
    p2.text = p2.text.replace("speediest", "speedy")
    assert web_blocks(changed) != transcription[0]


def test_fidelity_check_notices_a_moved_page_break(letter, transcription):
    moved = copy.deepcopy(letter)
    pb = moved.xpath("//t:pb[@n='200']", namespaces=NS)[0]
    p2 = pb.getparent()
    p2.text += "atmosphere. "
    pb.tail = pb.tail.removeprefix("atmosphere. ")
    assert web_blocks(moved) != transcription[0]


def test_fidelity_check_notices_an_unmarked_correction(letter, transcription):
    silent = copy.deepcopy(letter)
    choice = silent.xpath("//t:choice[@xml:id='d73.c2']", namespaces=NS)[0]
    choice.tail = ". " + (choice.tail or "")
    choice.getparent().remove(choice)
    assert web_blocks(silent) != transcription[0]


def test_pointer_check_notices_a_dangling_ref(letter, load):
    dangling = copy.deepcopy(letter)
    dangling.xpath("//t:persName", namespaces=NS)[0].set("ref", "../registers/persons.xml#per.nobody")
    assert pointer_problems(LETTER, dangling, load)


@pytest.mark.slow
def test_schema_check_notices_a_misplaced_element(tei_all, letter):
    broken = copy.deepcopy(letter)
    closer = broken.xpath("//t:closer", namespaces=NS)[0]
    closer.getparent().insert(0, closer)  # a closer before the heading
    assert not tei_all.validate(broken)
