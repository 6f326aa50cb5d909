"""pointers.py: every way a corpus writes a pointer resolves to one Target, read from real fixture corpora."""

from pathlib import Path

import pytest

from conftest import FIXTURES
from editio import letter_index, pointers
from editio.builders.context import BuildContext
from editio.config import Config
from editio.corpus import Document
from editio.xmlio import read_xml

CORPORA = FIXTURES / "corpora"
SCHNITZLER = CORPORA / "schnitzler" / "data" / "editions"
ESCHER = CORPORA / "escher" / "data"


def _index(root: Path, registers=(), letters=(), **settings) -> BuildContext:
    index = BuildContext(Config(root=root, **settings))
    for path in registers:
        index.add_registers(Document(path.resolve(), read_xml(path).tree, b""))
    letter_index.read_letters(index, [p.resolve() for p in letters])
    return index


@pytest.fixture(scope="module")
def schnitzler():
    return _index(SCHNITZLER, letters=sorted(SCHNITZLER.glob("*.xml")))


def _resolver(index, path: Path) -> pointers.Resolver:
    doc = Document(path.resolve(), read_xml(path).tree, b"")
    return pointers.Resolver(index, doc.path, doc.ids, pointers.prefix_defs(doc.root))


def test_hash_id_of_the_letters_own_list_is_local(schnitzler):
    found = _resolver(schnitzler, SCHNITZLER / "L00100.xml").resolve("#pmb10815")
    assert (found.kind, found.fragment, found.how, found.written) == (pointers.LOCAL, "pmb10815", "", "#pmb10815")


def test_hash_id_of_another_letters_list_is_an_entry_of_the_corpus(schnitzler):
    # pmb12695 is in the back list of L00101, not in that of L00100
    found = _resolver(schnitzler, SCHNITZLER / "L00100.xml").resolve("#pmb12695")
    assert found.kind == pointers.ENTRY and found.entry.kind == "person"
    assert found.entry.register.path == (SCHNITZLER / "L00101.xml").resolve() and found.written == "#pmb12695"


def test_bare_letter_id_is_the_letter_with_its_title_and_date(schnitzler):
    found = _resolver(schnitzler, SCHNITZLER / "L00100.xml").resolve("L00101")
    assert (found.kind, found.how, found.written) == (pointers.LETTER, pointers.BARE, "L00101.xml")
    assert found.letter.title == "Arthur Schnitzler an Hugo von Hofmannsthal, [7. 5. 1892]"
    assert found.letter.date == "1892-05-07"
    assert 'target="L00101.xml"' in pointers.advice(found, "target")


def test_file_pointer_to_a_letter_is_that_letter(schnitzler):
    found = _resolver(schnitzler, SCHNITZLER / "L00100.xml").resolve("./L00119.xml")
    assert (found.kind, found.letter.slug, found.written) == (pointers.LETTER, "L00119", "L00119.xml")


def test_what_names_nothing_stays_as_written_with_the_reason(schnitzler):
    resolver = _resolver(schnitzler, SCHNITZLER / "L00100.xml")
    bare = resolver.resolve("correspondence_10815")
    assert (bare.kind, bare.written) == (pointers.UNRESOLVED, "correspondence_10815")
    assert "no entry or letter has this id" in bare.reason
    missing = resolver.resolve("#pmb0")
    assert missing.kind == pointers.UNRESOLVED and 'xml:id="pmb0"' in missing.reason
    assert resolver.resolve("https://d-nb.info/gnd/118511955").kind == pointers.EXTERNAL


def test_prefix_declared_in_a_listprefixdef_is_expanded(schnitzler, tmp_path):
    letter = (SCHNITZLER / "L00100.xml").read_text(encoding="utf-8")
    letter = letter.replace("</teiHeader>", '<encodingDesc><listPrefixDef><prefixDef ident="pmb" matchPattern="(\\d+)" '
                            'replacementPattern="#pmb$1"/></listPrefixDef></encodingDesc></teiHeader>', 1)
    path = tmp_path / "L00100.xml"
    path.write_text(letter, encoding="utf-8")
    found = _resolver(schnitzler, path).resolve("pmb:10815")
    assert (found.kind, found.fragment, found.how) == (pointers.LOCAL, "pmb10815", pointers.PREFIX)


def test_key_matched_to_n_and_letter_numbers_in_escher():
    letters = sorted((ESCHER / "briefe").glob("*.xml"))
    index = _index(ESCHER, registers=[ESCHER / "people" / "people.xml", ESCHER / "places" / "places.xml"],
                   letters=letters, key_matches="n", letter_ids="number")
    resolver = _resolver(index, letters[5])  # K_0163
    key = resolver.resolve_key("Zürich (Stadt)")
    assert (key.kind, key.fragment, key.how, key.written) == (pointers.ENTRY, "Zürich_Stadt", pointers.KEY, "#Zürich_Stadt")
    assert resolver.resolve_key("Zürich (Stadtt)").kind == pointers.UNRESOLVED
    previous = resolver.resolve("B0162")  # the letter whose xml:id is K_0162
    assert (previous.kind, previous.how, previous.letter.id) == (pointers.LETTER, pointers.NUMBER, "K_0162")
    assert resolver.resolve("B0001").kind == pointers.UNRESOLVED  # no such letter in the corpus


def test_without_key_matches_a_key_is_not_followed():
    index = _index(ESCHER, registers=[ESCHER / "people" / "people.xml"])
    assert index.keys == {}
    resolver = pointers.Resolver(index, (ESCHER / "briefe" / "x.xml").resolve(), ())
    assert resolver.resolve_key("Escher (vom Glas) Jakob").kind == pointers.UNRESOLVED


def test_the_letters_own_id_is_the_letter_not_a_place_on_its_page(schnitzler):
    # Escher's letters point at themselves (ref target="K_2945" in K_2945): a link to an
    # element of the page would find none, as the TEI root is no place on it
    for token in ("L00100", "#L00100"):
        found = _resolver(schnitzler, SCHNITZLER / "L00100.xml").resolve(token)
        assert (found.kind, found.letter.slug, found.written) == (pointers.LETTER, "L00100", "L00100.xml")
