"""TEI's list content, which editio gives libxml2 in an unambiguous form (validate/schema/rewrite.py).

TEI declares listPerson, listPlace, listOrg, listBibl, listEvent, listNym and listObject as
((X)+, (Y)*)+, on which libxml2 takes cubic time (5,100 persons: 160 s); libxml2 gets the
same language written X, (X | Y)*. Here: the verdict is that of the grammar as written, on
every short list of every kind and on registers and letters, and registers of 20,000 persons
are validated, with messages, in seconds.
"""

import copy
import itertools

import pytest
from conftest import REPO, bench_generator
from lxml import etree

from editio import schema_subset
from editio.corpus import Document
from editio.resources import tei_all_schema
from editio.validate.schema import Schema, compile_relaxng, load_schema, tei_all
from editio.xmlio import parse_bytes, read_xml

pytestmark = [pytest.mark.slow]

EDITIO_RNG = REPO / "tei" / "schema" / "editio.rng"
TEI = "http://www.tei-c.org/ns/1.0"
RNG = "{http://relaxng.org/ns/structure/1.0}"

# tei_all restricted to these elements has the verdict of tei_all on documents made of them
# (see editio.validate.schema.tei_all); it has listNym and listObject, which editio.rng has not.
TEI_ELEMENTS = ["TEI", "teiHeader", "fileDesc", "titleStmt", "title", "publicationStmt", "sourceDesc", "p", "standOff",
                "head", "desc", "milestone", "relation", "listRelation", "listPerson", "person", "personGrp", "persName",
                "listPlace", "place", "placeName", "listOrg", "org", "orgName", "listEvent", "event", "listBibl", "bibl",
                "listNym", "nym", "listObject", "object", "objectIdentifier", "objectName", "birth", "idno"]

ITEM = {"listPerson": ["<person/>", "<personGrp/>"], "listPlace": ["<place/>"], "listOrg": ["<org/>"],
        "listEvent": ["<event><p>e</p></event>"], "listBibl": ["<bibl>b</bibl>"], "listNym": ["<nym/>"],
        "listObject": ["<object><objectIdentifier><objectName>o</objectName></objectIdentifier></object>"]}
BETWEEN = ['<relation name="knows" active="#a" passive="#b"/>',
           '<listRelation><relation name="met" mutual="#a #b"/></listRelation>']
BEFORE = ["<head>h</head>", "<desc>d</desc>"]


def _document(body: str) -> bytes:
    return (f'<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>'
            "<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>"
            f"<standOff>{body}</standOff></TEI>").encode()


def _compiled(tree):
    """(libxml2 on the grammar as written, libxml2 on the grammar editio compiles)."""
    return etree.RelaxNG(tree), compile_relaxng(tree)


@pytest.fixture(scope="module")
def grammars():
    """name -> (tree, as written, as editio compiles it), for editio.rng and for a tei_all subset."""
    edition = etree.parse(str(EDITIO_RNG))
    subset = etree.ElementTree(etree.fromstring(schema_subset.subset(tei_all_schema(), TEI_ELEMENTS).xml))
    return {name: (tree, *_compiled(tree)) for name, tree in (("editio.rng", edition), ("tei_all", subset))}


def _declares(tree, name: str) -> bool:
    return any(e.get("name") == name for e in tree.iter(f"{RNG}element"))


@pytest.mark.parametrize("kind", sorted(ITEM))
@pytest.mark.parametrize("relation", ["", BETWEEN[0]], ids=["entries", "entries-and-relation"])
def test_a_list_of_20000_entries_of_every_kind_validates(kind, relation):
    # On TEI's list content as written libxml2 takes cubic time: 1,500 places take 5 s, 20,000
    # would take hours. Without a relation, a tei_all subset has the list as ((X)+)+.
    doc = parse_bytes(_document(f"<{kind}>{ITEM[kind][0] * 20_000}{relation}</{kind}>"))
    assert tei_all.schema_for(doc.tree).relaxng.validate(doc.tree)  # the build's check of the TEI it writes
    edition = etree.parse(str(EDITIO_RNG))
    if _declares(edition, kind):  # `editio validate` with the edition schema
        assert load_schema(EDITIO_RNG).check(Document(REPO / "register.xml", doc.tree, doc.data, doc.encoding)) == []


def test_compiling_leaves_the_grammar_as_written():
    edition = etree.parse(str(EDITIO_RNG))
    as_read = etree.tostring(edition)
    compile_relaxng(edition)
    assert etree.tostring(edition) == as_read  # libxml2 gets a rewritten copy; the walk reads the grammar as written


def test_lists_of_a_subset_without_relations_are_rewritten_too():
    """A tei_all subset without relation and listRelation leaves ((X)+)+, as ambiguous as the
    original (corpus.xml of 2,000 letters took 8 s to check): it becomes X+, with the same verdicts
    (its speed: test_a_list_of_20000_entries_of_every_kind_validates)."""
    xml = schema_subset.subset(tei_all_schema(), ["TEI", "teiHeader", "fileDesc", "titleStmt", "title", "publicationStmt",
                                                  "p", "sourceDesc", "standOff", "listPerson", "person", "persName"]).xml
    written, linear = _compiled(etree.ElementTree(etree.fromstring(xml)))
    for children in ("", "<person/>", "<person/><person/>", "<listPerson><person/></listPerson><person/>", "<persName/>",
                     "<person/><persName/>", "<listPerson/>"):
        doc = etree.fromstring(_document(f"<listPerson>{children}</listPerson>"))
        assert linear.validate(doc) == written.validate(doc), children


@pytest.mark.parametrize("kind", sorted(ITEM))
def test_same_verdict_on_every_short_list(grammars, kind):
    """Every sequence of up to four children (entries, relations, listRelation, head, desc,
    nested lists, an empty nested list): the verdict of the grammar as written."""
    nested = [f"<{kind}>{ITEM[kind][0]}{BETWEEN[0]}{ITEM[kind][0]}</{kind}>", f"<{kind}/>"]
    alphabet = ITEM[kind] + BETWEEN + BEFORE + nested
    checked = 0
    for tree, written, linear in grammars.values():
        if not _declares(tree, kind):
            continue
        verdicts = set()
        for n in range(5):
            for children in itertools.product(alphabet, repeat=n):
                doc = etree.fromstring(_document(f"<{kind}>{''.join(children)}</{kind}>"))
                verdict = written.validate(doc)
                assert linear.validate(doc) == verdict, children
                verdicts.add(verdict)
                checked += 1
        assert verdicts == {True, False}
    assert checked >= len(alphabet) ** 4


def _registers():
    """The edition's registers and those of bench/generate.py, as bytes."""
    generate = bench_generator()
    regs = generate.Registers(1, 60)
    return ([p.read_bytes() for p in sorted((REPO / "tei" / "registers").glob("*.xml"))]
            + [generate.register_persons(regs).encode(), generate.register_places(regs).encode(),
               generate.register_orgs(regs).encode()])


def _lists(tree):
    return (e for e in tree.iter(f"{{{TEI}}}*") if etree.QName(e).localname in ITEM)


def _variants(data: bytes):
    """The register itself and registers with relations, empty and nested lists, misplaced parts."""
    yield data
    tree = etree.fromstring(data)
    relation = etree.fromstring(f'<relation xmlns="{TEI}" name="knows" active="#a" passive="#b"/>')
    for edit in range(10):
        t = copy.deepcopy(tree)
        lst = next(_lists(t))
        entries = list(lst)
        if edit == 0:  # a relation after every second entry
            for e in entries[1::2]:
                e.addnext(copy.deepcopy(relation))
        elif edit == 1:  # a listRelation among the entries and one at the end
            group = etree.fromstring(f'<listRelation xmlns="{TEI}"><relation name="met" mutual="#a #b"/></listRelation>')
            entries[len(entries) // 2].addnext(group)
            lst.append(copy.deepcopy(group))
        elif edit == 2:  # relations only: no entry
            for e in entries:
                lst.remove(e)
            lst.append(copy.deepcopy(relation))
        elif edit == 3:  # an empty list
            for e in entries:
                lst.remove(e)
        elif edit == 4:  # half of the entries in a nested list, a relation after it
            inner = etree.SubElement(lst, lst.tag)
            inner.extend(entries[: len(entries) // 2])
            lst.append(copy.deepcopy(relation))
        elif edit == 5:  # relations first, then the entries
            lst.insert(0, copy.deepcopy(relation))
        elif edit == 6:  # head after the entries
            lst.append(etree.fromstring(f'<head xmlns="{TEI}">late</head>'))
        elif edit == 7:  # head and desc before the entries, an unknown element among them
            lst.insert(0, etree.fromstring(f'<desc xmlns="{TEI}">d</desc>'))
            lst.insert(0, etree.fromstring(f'<head xmlns="{TEI}">h</head>'))
            entries[len(entries) // 3].addnext(etree.fromstring(f'<prson xmlns="{TEI}"/>'))
        elif edit == 8:  # every list of the document given twice, the second nested in the first
            for other in list(_lists(t)):
                other.append(copy.deepcopy(other))
        else:  # an empty nested list among the entries
            entries[-1].addprevious(etree.Element(lst.tag))
        yield etree.tostring(t)


def test_same_verdict_and_messages_on_registers_and_letters(grammars):
    documents = [d for data in _registers() for d in _variants(data)]
    documents += [p.read_bytes() for p in sorted((REPO / "tei" / "letters").glob("*.xml"))]
    documents += [p.read_bytes() for p in sorted((REPO / "tests" / "fixtures" / "schema").glob("*.xml"))]
    tree, written, _ = grammars["editio.rng"]
    as_written = Schema(EDITIO_RNG, written, tree)
    edition = load_schema(EDITIO_RNG)
    written_restricted = {}  # id -> (restricted schema, compiled as written), kept alive so that ids stay unique
    verdicts = []
    for data in documents:
        parsed = parse_bytes(data)
        doc = Document(REPO / "register.xml", parsed.tree, parsed.data, parsed.encoding)
        verdict = as_written.relaxng.validate(doc.tree)
        assert edition.relaxng.validate(doc.tree) == verdict
        assert edition.check(doc) == as_written.check(doc)
        # the build's check against tei_all (restricted to the elements seen), with and without the rewrite
        restricted = tei_all.schema_for(doc.tree)
        if id(restricted) not in written_restricted:
            # the grammar schema_for made, compiled as written: no public name gives it
            written_restricted[id(restricted)] = (restricted, etree.RelaxNG(restricted._tree))
        assert restricted.relaxng.validate(doc.tree) == written_restricted[id(restricted)][1].validate(doc.tree)
        verdicts.append(verdict)
    assert verdicts.count(True) >= 10 and verdicts.count(False) >= 30, verdicts


def test_every_bad_date_of_a_register_is_reported(grammars):
    # libxml2 reports data type errors the walk does not check; on the ambiguous list content
    # it stopped after the first two of them.
    entries = "".join(f'<person xml:id="p{i}"><birth when="1800-13-0{i}"/></person>' for i in range(1, 6))
    parsed = parse_bytes(_document(f"<listPerson>{entries}</listPerson>"))
    doc = Document(REPO / "register.xml", parsed.tree, parsed.data, parsed.encoding)
    findings = load_schema(EDITIO_RNG).check(doc)
    assert [f.message for f in findings] == [f'@when="1800-13-0{i}" is not a valid value on <birth>' for i in range(1, 6)]
    tree, written, _ = grammars["editio.rng"]
    assert len(Schema(EDITIO_RNG, written, tree).check(doc)) == 2


def _big_registers(folder, persons: int):
    """bench/generate.py's registers for a corpus with this many persons, and editio.toml."""
    generate = bench_generator()
    regs = generate.Registers(1, persons - 100)
    (folder / "tei" / "registers").mkdir(parents=True)
    (folder / "editio.toml").write_text('sources = ["tei"]\n', encoding="utf-8")
    for name, text in (("persons", generate.register_persons(regs)), ("places", generate.register_places(regs)),
                       ("organisations", generate.register_orgs(regs))):
        (folder / "tei" / "registers" / f"{name}.xml").write_text(text, encoding="utf-8")
    return folder / "tei" / "registers" / "persons.xml"


def test_a_register_of_20000_persons_validates(tmp_path, run_editio):
    # With TEI's list content as written, libxml2 would take hours on this register.
    persons = _big_registers(tmp_path, 20_000)
    assert persons.read_bytes().count(b"<person ") == 20_000
    result = run_editio("validate", "--no-color", "tei/registers", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "3 files checked: no problems" in result.output
    # the build's check of TEI it writes: tei_all restricted to the elements seen
    tree = read_xml(persons).tree
    assert tei_all.schema_for(tree).relaxng.validate(tree)


def test_mistakes_at_both_ends_of_a_register_of_20000_persons_are_explained(tmp_path):
    persons = _big_registers(tmp_path, 20_000)
    source = persons.read_text(encoding="utf-8")
    source = source.replace("<birth ", "<brth ", 1).replace("</person>", "</person>\n      <head>Persons</head>", 1)
    source = source.replace("</listPerson>", "  <desc>late</desc>\n    </listPerson>")
    persons.write_text(source, encoding="utf-8")
    parsed = read_xml(persons)
    doc = Document(persons, parsed.tree, parsed.data, parsed.encoding)

    def line(text):
        return source[: source.index(text)].count("\n") + 1

    # Each misplaced one spoils the other's place: the walk tries every place before and after
    # each of them, through 20,000 entries, and says what the list expects there.
    expects = "here <listPerson> expects <listPerson>, <person>, <listRelation>, <org>, <personGrp> or <relation> or its end"
    assert [(f.line, f.col, f.message, f.hint) for f in load_schema(EDITIO_RNG).check(doc)] == [
        (line("<brth"), 9, "unknown element <brth>", "did you mean <birth>?"),
        (line("<head>Persons"), 7, "<head> is not allowed at this point in <listPerson>", expects),
        (line("<desc>late"), 7, "<desc> is not allowed at this point in <listPerson>", expects),
    ]
