"""editio fmt: a canonical layout that never changes mixed content or its whitespace."""

import pytest
from lxml import etree

from conftest import REPO
from editio.fmt import element_only, format_bytes
from editio.xmlio import parse_bytes

LETTER = REPO / "tei/letters/frus1961-63v06-d73.xml"
TEI = "http://www.tei-c.org/ns/1.0"

# Fixtures that are easy to get wrong. Each is (name, source).
TRICKY = {
    "xml-space-preserve": f"""<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>
<text><body xml:space="preserve"><div>
   <ab>  two  spaces  </ab>   <ab>x</ab></div></body></text></TEI>""",
    "comments-and-pis": f"""<?xml version='1.0' encoding='utf-8'?>
<!-- before the root -->
<?xml-model href="x.rng"?>
<TEI xmlns="{TEI}"><!-- first --><teiHeader><?editor cursor?><fileDesc><titleStmt><title>t<!-- in a title --></title></titleStmt>
<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>a <?pi in mixed?>b</p></sourceDesc></fileDesc></teiHeader>
<text><body><p>x</p></body></text></TEI><!-- after the root -->""",
    "cdata": f"""<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>
<text><body><p>code: <![CDATA[if a < b && c > d]]> end</p></body></text></TEI>""",
    "entities": f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE TEI [
<!ENTITY kennedy "John F. Kennedy">
<!ENTITY nbsp "&#160;">
]>
<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>To &kennedy;</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>
<text><body><p>Mr.&nbsp;President, &#x2014; &amp; &lt;</p></body></text></TEI>""",
    "mixed-inline-and-line-breaks": f"""<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>
<text><body><div><p>Dear <persName><forename>John</forename> <surname>Kennedy</surname></persName>,<lb/>
I have   just received<note place="foot"
   n="1">A <hi rend="italic">note</hi>
   over two lines.</note> the list.</p><p>Mr<choice><sic>.</sic><corr>. </corr></choice><persName ref="#x">Stevenson</persName></p>
<div>  <head>H</head><closer> <signed>N. K.</signed> </closer></div></div></body></text></TEI>""",
    "nbsp-and-odd-text-in-element-only-content": f"""<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt>&#160;<title>t</title></titleStmt><publicationStmt>stray text<p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>
<text><body><div><p>x</p></div></body></text></TEI>""",
    "other-namespaces-and-attributes": f"""<TEI xmlns="{TEI}" xmlns:my="urn:my"><teiHeader><fileDesc><titleStmt><title type="main" xml:lang="en" my:x="1" xml:id="t1" level="m">t</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>
<text><body><my:block>  <p>x</p>  </my:block><div><p>y</p></div></body></text></TEI>""",
}


def mixed_elements(root):
    """Every element that holds text of its own (text or the tail of a child that is not blank)."""
    def blank(s):
        return s is None or not s.strip(" \t\r\n")

    return [el for el in root.iter() if isinstance(el.tag, str)
            and (not blank(el.text) or any(not blank(c.tail) for c in el))]


def text_nodes(root):
    return [t for t in root.xpath("//text()") if t.strip(" \t\r\n")]


def assert_same_meaning(before: bytes, after: bytes):
    a, b = parse_bytes(before).tree, parse_bytes(after).tree
    assert text_nodes(a.getroot()) == text_nodes(b.getroot()), "the text content is the same"
    mixed_a, mixed_b = mixed_elements(a.getroot()), mixed_elements(b.getroot())
    assert [a.getpath(e) for e in mixed_a] == [b.getpath(e) for e in mixed_b]
    for ea, eb in zip(mixed_a, mixed_b):
        assert etree.tostring(ea, method="c14n", with_comments=True) == etree.tostring(eb, method="c14n", with_comments=True), a.getpath(ea)
    pis = lambda t: [(p.target, p.text) for p in t.xpath("//processing-instruction()")]  # noqa: E731
    comments = lambda t: [c.text for c in t.xpath("//comment()")]  # noqa: E731
    assert pis(a) == pis(b) and comments(a) == comments(b)


def test_real_letter_keeps_every_character_of_its_mixed_content():
    before = LETTER.read_bytes()
    after = format_bytes(before)
    assert_same_meaning(before, after)
    assert format_bytes(after) == after, "idempotent"
    # the letter is laid out already; only attribute order differs
    assert len(after.splitlines()) == len(before.splitlines())
    assert b'<note xml:id="d73.fn0" n="0" place="foot" type="source">' in after


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_tricky_input_keeps_its_meaning_and_is_idempotent(name):
    before = TRICKY[name].encode("utf-8")
    after = format_bytes(before)
    assert_same_meaning(before, after)
    assert format_bytes(after) == after


def test_layout_of_element_only_content_and_what_stays():
    out = {name: format_bytes(src.encode()).decode() for name, src in TRICKY.items()}
    assert '<body xml:space="preserve"><div>\n   <ab>  two  spaces  </ab>   <ab>x</ab></div></body>' in out["xml-space-preserve"]
    assert "    <fileDesc>\n      <titleStmt>\n        <title>t</title>\n      </titleStmt>\n" in out["cdata"]
    assert "<![CDATA[if a < b && c > d]]>" in out["cdata"]
    assert "<title>To &kennedy;</title>" in out["entities"] and "<!ENTITY kennedy" in out["entities"]
    assert "Mr.&nbsp;President, \u2014 &amp; &lt;" in out["entities"]
    mixed = out["mixed-inline-and-line-breaks"]
    assert ('<p>Dear <persName><forename>John</forename> <surname>Kennedy</surname></persName>,<lb/>\n'
            'I have   just received<note n="1" place="foot">A <hi rend="italic">note</hi>\n   over two lines.</note> the list.</p>') in mixed
    assert "<p>Mr<choice><sic>.</sic><corr>. </corr></choice><persName" in mixed
    assert "<closer> <signed>N. K.</signed> </closer>" in mixed
    odd = out["nbsp-and-odd-text-in-element-only-content"]
    assert "<titleStmt>\u00a0<title>t</title></titleStmt>" in odd and "<publicationStmt>stray text<p>p</p></publicationStmt>" in odd
    ns = out["other-namespaces-and-attributes"]
    assert '<title xml:id="t1" xml:lang="en" level="m" type="main" my:x="1">' in ns
    assert "<my:block>  <p>x</p>  </my:block>" in ns
    first = out["comments-and-pis"].splitlines()[:4]
    assert first == ['<?xml version="1.0" encoding="UTF-8"?>', "<!-- before the root -->", '<?xml-model href="x.rng"?>',
                     f'<TEI xmlns="{TEI}">']
    assert out["comments-and-pis"].endswith("</TEI>\n<!-- after the root -->\n")
    assert "  <!-- first -->\n  <teiHeader>\n    <?editor cursor?>\n    <fileDesc>" in out["comments-and-pis"]


def test_element_only_list_comes_from_tei_and_leaves_inline_alternatives_alone():
    names = element_only()
    assert {"teiHeader", "fileDesc", "listPerson", "div", "correspAction", "body"} <= names
    assert not {"p", "head", "persName", "note", "closer", "choice", "subst", "app", "title"} & names


def test_check_lists_files_and_writes_nothing_then_fmt_formats(run_editio, tmp_path):
    (tmp_path / "tei").mkdir()
    messy = tmp_path / "tei/messy.xml"
    messy.write_text(TRICKY["cdata"])
    tidy = tmp_path / "tei/tidy.xml"
    tidy.write_bytes(format_bytes(TRICKY["entities"].encode()))
    r = run_editio("fmt", "--check", cwd=tmp_path)
    assert r.exit_code == 1
    assert r.output == "would reformat tei/messy.xml\n1 file would be reformatted, 1 unchanged; run `editio fmt` to format them\n"
    assert messy.read_text() == TRICKY["cdata"]
    r = run_editio("fmt", "-v", cwd=tmp_path)
    assert r.exit_code == 0 and "reformatted tei/messy.xml" in r.output and "unchanged tei/tidy.xml" in r.output
    assert run_editio("fmt", "--check", "-q", cwd=tmp_path).output == ""
    assert run_editio("fmt", "--check", tidy, cwd=tmp_path).exit_code == 0


def test_file_that_is_not_xml_is_reported_and_left_alone(run_editio, tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text(f'<TEI xmlns="{TEI}">\n<teiHeader>\n</TEI>\n')
    before = broken.read_bytes()
    r = run_editio("fmt", broken, cwd=tmp_path)
    assert r.exit_code == 1 and "broken.xml:3:" in r.output and " error ED001 " in r.output and "→ " in r.output
    assert broken.read_bytes() == before
    assert run_editio("fmt", tmp_path / "missing.xml").exit_code == 2


def test_what_fmt_cannot_do_is_reported_as_validate_reports_it(run_editio, tmp_path):
    (tmp_path / "empty").mkdir()
    broken = tmp_path / "broken.xml"
    broken.write_text(f'<TEI xmlns="{TEI}">\n<teiHeader>\n</TEI>\n')
    for path in ("empty", "broken.xml"):
        formatted, validated = run_editio("fmt", path, cwd=tmp_path), run_editio("validate", "--no-color", path, cwd=tmp_path)
        assert formatted.exit_code == validated.exit_code == 1
        finding = formatted.stderr.splitlines()[:2]
        assert finding == validated.output.splitlines()[:2] and finding[1].startswith("    → "), formatted.stderr
