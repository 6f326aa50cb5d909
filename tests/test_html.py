"""The HTML reading edition (output/html/): letter pages, register pages, lists of letters.

Most tests read one build of a temporary project: the edition's letter and registers plus
the test letters of tests/fixtures/html (apparatus.xml: editorial interventions and
structures; hundred-elements.xml: the fallback; unsafe.xml: hostile addresses)."""

import json
import re
import subprocess

import pytest
from lxml import etree

from conftest import REPO
from editio.builders import Output, registry
from editio.builders.html import HtmlBuilder, html_id, is_safe_url, jsonld_text, letter_params
from editio.builders.html_pages import format_date
from editio.xmlio import read_xml
from editio.xsltrun import transform
from html_site import HTML_FIXTURES, LETTER, build_html, have, make_project, page, require, saxon_jar

TEI = "{http://www.tei-c.org/ns/1.0}"
PAGES = ("index.html", "index-by-sender.html", "persons.html", "places.html", "organisations.html")
UNSAFE = re.compile(r"(javascript|vbscript|data):", re.I)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("html-edition"))
    result = build_html(project)
    return project / "output" / "html", result


@pytest.fixture(scope="module")
def out(site):
    return site[0]


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text))


def visible_and_hinted_words(root) -> set[str]:
    """The words a reader can get at: the text of the body, and titles, alt and aria-label."""
    body = root.find("body")
    found = words(" ".join(t for t in body.itertext()))
    for el in body.iter():
        for attr in ("title", "alt", "aria-label"):
            found |= words(el.get(attr) or "")
    return found


def test_html_builder_is_registered():
    assert HtmlBuilder in registry.BUILDERS and HtmlBuilder.name == "html"


def test_build_writes_a_page_per_letter_the_registers_the_index_and_one_stylesheet(site):
    out, result = site
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(["apparatus.html", "hundred-elements.html", "unsafe.html", f"{LETTER}.html", "editio.css", *PAGES])
    assert result.skipped == []


def test_letter_page_shows_who_when_where_and_the_sources(out):
    root = page(out / f"{LETTER}.html")
    assert root.findtext(".//h1").startswith("Letter from Nikita S. Khrushchev to John F. Kennedy")
    about = root.get_element_by_id("editio:about")
    rows = {dt.text_content(): dt.getnext() for dt in about.iter("dt")}
    assert rows["From"].find("a").get("href") == "persons.html#per.khrushchev"
    assert rows["To"].find("a").get("href") == "persons.html#per.kennedy"
    assert rows["Sent from"].find("a").get("href") == "places.html#pla.moscow"
    date = rows["Date"]
    assert date.find("time").get("datetime") == "1962-11-04"
    assert "inferred from external evidence; certainty: medium" in date.text_content()
    assert "The letter is undated" in rows["Note"].text_content()
    printed = rows["Printed source"]
    assert "Foreign Relations of the United States, 1961–1963, Volume VI" in printed.text_content()
    assert "pp. 199–200" in printed.text_content()
    assert printed.xpath(".//a/@href") == ["https://history.state.gov/historicaldocuments/frus1961-63v06/d73"]
    archival = rows["Archival source"].text_content()
    assert "Kennedy Library, National Security Files, Countries Series, USSR, Khrushchev Correspondence" in archival
    assert "Lot 77 D 163" in archival


def test_letter_text_keeps_its_structure(out):
    root = page(out / f"{LETTER}.html")
    text = root.get_element_by_id("editio:text")
    assert text.find(".//h2").text_content().startswith("73. Letter From Chairman Khrushchev to President Kennedy")
    assert text.find_class("salute")[0].text_content() == "Dear Mr. President,"
    assert [p.get("id") for p in text.iter("p") if p.get("class") == "p"] == [f"d73.p{i}" for i in range(1, 7)]
    assert text.get_element_by_id("d73.closer").find_class("signed")[0].text_content() == "N. Khrushchev"
    assert "a great, serious talk on other questions" in text.text_content()


def test_page_breaks_are_visible_linkable_markers(out):
    root = page(out / f"{LETTER}.html")
    markers = root.find_class("pb")
    assert [(m.get("id"), m.get("href"), m.text_content()) for m in markers] == [
        ("d73.pb199", "#d73.pb199", "[Page 199]"), ("d73.pb200", "#d73.pb200", "[Page 200]")]
    css = (out / "editio.css").read_text(encoding="utf-8")
    print_rules = css[css.index("@media print"):]
    assert ".pb" in print_rules.split("display: none")[0] and ".site-nav" in print_rules.split("display: none")[0]


def test_notes_are_numbered_references_to_endnotes_that_link_back(out):
    root = page(out / f"{LETTER}.html")
    refs = root.xpath("//a[@role='doc-noteref']")
    assert [r.text_content() for r in refs] == ["*", "1", "2"]  # the source note, then the printed numbers (@n)
    endnotes = root.xpath("//section[@role='doc-endnotes']")[0]
    for ref in refs:
        note = endnotes.get_element_by_id(ref.get("href")[1:])
        back = note.xpath(".//a[@role='doc-backlink']")[0]
        assert back.get("href") == f"#{ref.get('id')}"
    source = endnotes.get_element_by_id("d73.fn0")
    assert "source-note" in source.get("class") and source.getparent().tag == "section"  # set apart, not in the list
    assert [li.get("id") for li in endnotes.find(".//ol")] == ["d73.fn1", "d73.fn2"]
    assert "Transmitted in telegram 1606" in endnotes.get_element_by_id("d73.fn1").text_content()


def test_names_link_to_their_register_entry_with_the_normalised_name(out):
    root = page(out / f"{LETTER}.html")
    text = root.get_element_by_id("editio:text")
    new_york = [a for a in text.iter("a") if a.text_content() == "New York"][0]
    assert (new_york.get("href"), new_york.get("title")) == ("places.html#pla.new-york", "New York City")
    kuznetsov = [a for a in text.iter("a") if a.text_content() == "V. Kuznetsov"][0]
    assert (kuznetsov.get("href"), kuznetsov.get("title")) == ("persons.html#per.kuznetsov", "Vasily Vasilyevich Kuznetsov")
    # a name inside a linked name keeps its hint but is no link (no <a> in <a>)
    washington = root.xpath("//a[@href='organisations.html#org.soviet-embassy-washington']/span[@title='Washington, D.C.']")
    assert washington and not root.xpath("//a//a")


def test_dates_are_time_elements_and_ranges_are_not(out):
    root = page(out / f"{LETTER}.html")
    assert [t.get("datetime") for t in root.get_element_by_id("editio:notes").iter("time")] == ["1962-11-04", "1962-11-05", "1962-11-02"]
    span = [s for s in root.find_class("date") if s.tag == "span"]
    assert [(s.text_content(), s.get("title")) for s in span] == [("1953-1963", "from 1953; to 1963")]


def test_editorial_interventions_are_shown_as_editions_print_them(out):
    root = page(out / "apparatus.html")
    p = root.get_element_by_id("odd_id")
    corr = p.find_class("corr")[0]
    assert (corr.text_content(), corr.get("title")) == ("the", "sic: “teh”")
    assert p.find_class("reg")[0].get("title") == "original: “shew”"
    assert p.xpath(".//abbr[@title='Ambassador']")[0].text_content() == "Amb."
    assert p.find_class("sic")[0].text_content() == "recieve [sic]"
    assert p.find_class("supplied")[0].text_content() == "[supplied]"
    assert p.find_class("unclear")[0].text_content() == "uncertain[?]"
    gaps = p.find_class("gap")
    assert gaps[0].text_content() == "[illegible]" and "2 words" in gaps[0].get("title")
    assert gaps[1].text_content() == "⟨…⟩torn corner"
    assert p.xpath(".//del")[0].text_content() == "struck"
    assert p.xpath(".//ins[@class='add']")[0].text_content() == "added"
    css = (out / "editio.css").read_text(encoding="utf-8")
    assert 'ins.add::before { content: "↑"' in css and "del { text-decoration: line-through; }" in css


def test_structures_stay_valid_html_wherever_they_are(out):
    root = page(out / "apparatus.html")
    assert root.xpath("//ol/li/a[@href='persons.html#per.kuznetsov']")  # a list is a list
    assert root.xpath("//table/caption")[0].text_content() == "A table"
    assert [th.text_content() for th in root.xpath("//table//th")] == ["Name", "Place"]
    inline = root.xpath("//p[starts-with(., 'A list inside a paragraph')]")[0]
    assert not inline.xpath(".//ul|.//li|.//div")  # a list inside a paragraph becomes spans
    assert root.xpath("//blockquote/p")[0].text_content() == "A block quotation."


def test_unknown_elements_keep_every_word_of_their_text(out):
    source = etree.parse(str(HTML_FIXTURES / "hundred-elements.xml")).getroot()
    text = source.find(f"{TEI}text")
    elements = {el.tag for el in text.iter() if isinstance(el.tag, str) and el.tag.startswith(TEI)}
    assert len(elements) >= 100
    expected = words(" ".join(text.itertext()))
    shown = visible_and_hinted_words(page(out / "hundred-elements.html"))
    assert expected - shown == set()


def test_the_letter_keeps_every_word_of_its_text(out):
    source = etree.parse(str(REPO / "tei" / "letters" / f"{LETTER}.xml")).getroot()
    expected = words(" ".join(source.find(f"{TEI}text").itertext()))
    assert expected - visible_and_hinted_words(page(out / f"{LETTER}.html")) == set()


def test_unsafe_addresses_never_reach_the_pages(out):
    for path in sorted(out.glob("*.html")):
        root = page(path)
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            for name, value in el.attrib.items():
                assert not UNSAFE.search(re.sub(r"\s", "", value)), f"{path.name}: <{el.tag} {name}={value!r}>"
            for name in ("href", "src"):
                if el.get(name) is not None:
                    assert is_safe_url(el.get(name)), f"{path.name}: <{el.tag} {name}={el.get(name)!r}>"
        for script in root.iter("script"):
            assert not UNSAFE.search(script.text), path.name
    root = page(out / "unsafe.html")
    links = {a.text_content(): a.get("href") for a in root.get_element_by_id("editio:text").iter("a")}
    # a relative pointer that names no letter of the edition resolves to nothing it
    # publishes: its words stay, without a link
    assert links == {"[Page 1]": "#page:1", "https": "https://example.org/a?b=1&c=2", "http": "HTTP://example.org/upper"}
    text = root.get_element_by_id("editio:text").text_content()
    assert "ref four" in text and "relative with a colon" in text
    assert root.xpath("//img/@src") == ["images/p1.png"]


def test_a_name_cannot_close_the_jsonld_script(out):
    raw = (out / "unsafe.html").read_text(encoding="utf-8")
    assert raw.count("</script>") == 1 and "\\u003c/script>" in raw
    data = json.loads(page(out / "unsafe.html").find(".//script").text)
    assert data["sender"]["name"] == "</script><script>alert('sender')</script>"


def test_jsonld_text_leaves_out_unsafe_urls():
    data = {"name": "a<b", "sameAs": ["javascript:alert(1)", "https://www.wikidata.org/wiki/Q1", "data:x"],
            "license": "vbscript:x", "url": "x.html", "nested": {"@id": "javascript:y", "name": "ok"}}
    assert json.loads(jsonld_text(data)) == {"name": "a<b", "sameAs": ["https://www.wikidata.org/wiki/Q1"], "url": "x.html",
                                             "nested": {"name": "ok"}}
    assert "<" not in jsonld_text(data)


def test_ids_that_are_not_html_ids_are_made_the_same_on_every_page(out):
    assert html_id("odd id") == "odd_id" and html_id("x#y") == "x_y" and html_id("d73.p1") == "d73.p1"
    letter = page(out / "apparatus.html")
    assert letter.get_element_by_id("odd_id") is not None and letter.get_element_by_id("x_y") is not None
    assert letter.xpath("//a[.='an internal link']/@href") == ["#x_y"]
    places = page(out / "places.html")
    assert places.xpath("//a[@href='apparatus.html#x_y']") and places.xpath("//a[@href='apparatus.html#odd_id']")


def test_every_link_inside_the_edition_reaches_an_id_on_its_page(out):
    ids = {}
    for path in out.glob("*.html"):
        all_ids = [el.get("id") for el in page(path).iter() if isinstance(el.tag, str) and el.get("id") is not None]
        assert len(all_ids) == len(set(all_ids)), f"duplicate ids in {path.name}"
        assert all(i and not re.search(r"\s", i) for i in all_ids), path.name
        ids[path.name] = set(all_ids)
    for path in out.glob("*.html"):
        if path.name == "unsafe.html":
            continue  # its links go outside the edition on purpose (see test_unsafe_addresses...)
        for href in page(path).xpath("//a/@href"):
            if re.match(r"^https?:", href, re.I):
                continue
            file, _, fragment = href.partition("#")
            target = file or path.name
            assert target in ids, f"{path.name}: {href}"
            if fragment:
                assert fragment in ids[target], f"{path.name}: {href}"


def test_register_pages_show_names_dates_authorities_and_every_occurrence(out):
    persons = page(out / "persons.html")
    entry = persons.get_element_by_id("per.khrushchev")
    assert entry.findtext(".//h2") == "Nikita Sergeyevich Khrushchev"
    assert entry.xpath(".//span[@lang='ru']")[0].text_content() == "Никита Сергеевич Хрущёв"
    assert entry.xpath(".//time/@datetime") == ["1894-04-15", "1971-09-11"]
    assert "First Secretary of the Communist Party" in entry.text_content()
    assert entry.xpath(".//ul[@class='authorities']//a/@href") == ["https://www.wikidata.org/wiki/Q35314", "https://viaf.org/viaf/64007537"]
    occurrences = entry.xpath(".//ul[@class='occurrences']//a/@href")
    for anchor in ("editio:about", "d73.letter", "d73.fn0", "d73.closer"):
        assert f"{LETTER}.html#{anchor}" in occurrences
    assert "signature (“N. Khrushchev”)" in entry.text_content()
    places = page(out / "places.html")
    new_york = places.get_element_by_id("pla.new-york")
    assert new_york.xpath(".//ul[@class='authorities']//a/@href") == [
        "https://www.wikidata.org/wiki/Q60", "https://www.geonames.org/5128581", "https://id.loc.gov/authorities/names/n79007751.html"]
    assert f"{LETTER}.html#d73.p1" in new_york.xpath(".//a/@href")
    orgs = page(out / "organisations.html")
    assert orgs.get_element_by_id("org.usun").xpath(".//a[@href='frus1961-63v06-d73.html#d73.fn1']")


def test_register_pages_take_language_and_licence_from_their_register_file(tmp_path):
    # The registers' trees are not kept after reading (build/context.py): what the pages
    # need of the file itself must still come from it.
    project = make_project(tmp_path, fixtures=False)
    places = project / "tei" / "registers" / "places.xml"
    text = places.read_text(encoding="utf-8")
    text = text.replace('xml:lang="en"', 'xml:lang="de"', 1)
    text = re.sub(r"<licence[^>]*>.*?</licence>", '<licence target="https://example.org/places-licence">Places licence</licence>',
                  text, count=1, flags=re.S)
    places.write_text(text, encoding="utf-8")
    build_html(project)
    out = project / "output" / "html"
    assert page(out / "places.html").get("lang") == "de" and page(out / "persons.html").get("lang") == "en"
    assert page(out / "places.html").xpath("//footer//div[@class='licence']/a/@href") == ["https://example.org/places-licence"]
    assert page(out / "persons.html").xpath("//footer//div[@class='licence']/a/@href") == [
        "https://creativecommons.org/publicdomain/zero/1.0/"]


def test_index_lists_letters_by_date_and_by_sender(out):
    by_date = page(out / "index.html")
    rows = by_date.xpath("//table[@class='letters']/tbody/tr")
    assert [r.xpath("td[2]/a/@href")[0] for r in rows] == [f"{LETTER}.html", "apparatus.html", "hundred-elements.html", "unsafe.html"]
    first = rows[0]
    assert first.xpath("td[1]/time/@datetime") == ["1962-11-04"] and "(inferred)" in first.xpath("td[1]")[0].text_content()
    assert first.xpath("td[3]/a/@href") == ["persons.html#per.khrushchev"]
    assert first.xpath("td[4]/a/@href") == ["persons.html#per.kennedy"]
    assert first.xpath("td[5]/a/@href") == ["places.html#pla.moscow", "places.html#pla.washington"]
    assert by_date.xpath("//p[@class='sort-links']/span/a/@href") == ["index-by-sender.html"]
    by_sender = page(out / "index-by-sender.html")
    senders = [r.xpath("string(td[3])") for r in by_sender.xpath("//table[@class='letters']/tbody/tr")]
    assert senders == sorted(senders, key=str.casefold) and by_sender.xpath("//p[@class='sort-links']/span/a/@href") == ["index.html"]


def _list_items(root) -> list[dict]:
    data = json.loads(root.find("head/script[@type='application/ld+json']").text)
    items = data["mainEntity"]["itemListElement"]
    assert data["mainEntity"]["numberOfItems"] == len(items)
    assert [i["position"] for i in items] == list(range(1, len(items) + 1))
    return [i["item"] for i in items]


def test_list_pages_jsonld_names_every_row_and_entry_in_page_order(out):
    # The items are written one at a time after the rest of the page head (render_page)
    for name in ("index.html", "index-by-sender.html"):
        root = page(out / name)
        rows = root.xpath("//table[@class='letters']/tbody/tr/td[2]/a")
        items = _list_items(root)
        assert [i["url"] for i in items] == [a.get("href") for a in rows] and len(items) >= 4, name
        assert [i["name"] for i in items] == [a.text_content() for a in rows], name
    for name in ("persons.html", "places.html", "organisations.html"):
        root = page(out / name)
        ids = root.xpath("//main/section/@id")
        items = _list_items(root)
        assert [i["url"] for i in items] == [f"{name}#{i}" for i in ids] and ids, name


def test_a_list_page_without_items_has_an_empty_jsonld_list(tmp_path):
    from editio.builders.html_pages import ITEMS, render_page
    from editio.config import Config

    class Ctx:
        options, config = {}, Config(root=tmp_path)

    main = etree.Element("main")
    jsonld = {"@type": "ItemList", "numberOfItems": 0, "itemListElement": ITEMS}
    output = render_page("empty.html", "Nothing", "en", main, jsonld, Ctx(), items=iter(()))
    root = etree.HTML(b"".join(output.data))
    assert json.loads(root.find("head/script").text) == {"@type": "ItemList", "numberOfItems": 0, "itemListElement": []}


def test_every_page_has_its_head_landmarks_and_a_skip_link(out):
    for path in sorted(out.glob("*.html")):
        raw = path.read_bytes()
        assert raw.startswith(b"<!DOCTYPE html>\n<html lang=\"en\">"), path.name
        assert raw.count(b"charset=") == 1, path.name
        root = page(path)
        head = root.find("head")
        assert head.xpath("meta[@name='viewport']/@content") == ["width=device-width, initial-scale=1"]
        assert head.xpath("meta[@http-equiv='Content-Security-Policy']/@content") == [
            "default-src 'none'; style-src 'self'; img-src 'self' https:; script-src 'none'; base-uri 'none'; form-action 'none'"]
        assert head.xpath("link[@rel='stylesheet']/@href") == ["editio.css"]
        assert json.loads(head.find("script[@type='application/ld+json']").text)["@context"] == "https://schema.org"
        body = root.find("body")
        skip = body[0]
        assert skip.get("class") == "skip-link" and root.get_element_by_id(skip.get("href")[1:]).tag == "main"
        assert [el.tag for el in body if el.tag in ("header", "main", "footer")] == ["header", "main", "footer"]
        assert body.xpath("header/nav[@aria-label]") and not root.xpath("//*[@style]")


def test_letter_jsonld_is_a_message_with_sender_recipient_date_and_mentions(out):
    data = json.loads(page(out / f"{LETTER}.html").find(".//script").text)
    assert data["@type"] == "Message" and data["dateSent"] == "1962-11-04"
    assert data["sender"]["name"] == "Nikita Sergeyevich Khrushchev" and data["recipient"]["name"] == "John Fitzgerald Kennedy"
    mentioned = {m["identifier"]: m for m in data["mentions"]}
    assert mentioned["pla.cuba"]["@type"] == "Place" and any("Q241" in u for u in mentioned["pla.cuba"]["sameAs"])
    assert mentioned["per.kennedy"]["@type"] == "Person"


def test_the_stylesheet_is_one_local_file_with_a_print_and_a_phone_layout(out):
    css = (out / "editio.css").read_text(encoding="utf-8")
    assert css == (REPO / "xslt" / "html" / "editio.css").read_text(encoding="utf-8")
    assert "@import" not in css and "url(" not in css and "@font-face" not in css
    assert "@media print" in css and "@media (max-width: 40rem)" in css and "@media (min-width: 68rem)" in css


def test_dates_are_written_as_readers_write_them():
    assert [format_date(d) for d in ("1917-05-29", "1917-05", "1917", "about 1900")] == ["29 May 1917", "May 1917", "1917", "about 1900"]


def test_two_builds_are_byte_identical(tmp_path, out):
    project = make_project(tmp_path)
    build_html(project)
    again = project / "output" / "html"
    assert sorted(p.name for p in again.iterdir()) == sorted(p.name for p in out.iterdir())
    for path in sorted(out.iterdir()):
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name
    assert build_html(project).written == []


def test_a_letter_that_is_invalid_but_well_formed_is_still_built(site):
    out, result = site
    problems = [d for d in result.report.diagnostics if d.file.endswith("apparatus.xml") and d.severity == "error"]
    assert problems and (out / "apparatus.html").is_file()


def test_build_check_exits_1_when_the_html_is_stale(tmp_path, run_editio, monkeypatch):
    monkeypatch.setattr(registry, "BUILDERS", [HtmlBuilder])  # the other builders have their own tests
    project = make_project(tmp_path, fixtures=False)
    (project / "pyproject.toml").write_text('[tool.editio]\nsources = ["tei"]\n', encoding="utf-8")
    built = run_editio("build", cwd=project)
    assert built.exit_code == 0, built.output
    assert (project / "output" / "html" / f"{LETTER}.html").is_file()
    assert run_editio("build", "--check", cwd=project).exit_code == 0
    css = project / "output" / "html" / "editio.css"
    css.write_text(css.read_text(encoding="utf-8") + "/* edited by hand */\n", encoding="utf-8")
    stale = run_editio("build", "--check", cwd=project)
    assert stale.exit_code == 1 and "editio.css" in stale.output


# --- the same stylesheets under xsltproc and Saxon-HE ----------------------------------

class Capture:
    """Writes each standalone letter with the parameters the HTML builder gives letter.xsl."""

    name = "capture"

    def build(self, letter, ctx):
        return [Output(f"capture/{letter.slug}.xml", etree.tostring(letter.tree, encoding="UTF-8", xml_declaration=True)),
                Output(f"capture-params/{letter.slug}.json", json.dumps(letter_params(letter, ctx)).encode())]

    def finish(self, ctx):
        return []


@pytest.fixture(scope="module")
def captured(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("capture"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(registry, "BUILDERS", [HtmlBuilder, Capture])
        build_html(project, only=None)
    return project / "output"


def _letters(captured):
    return sorted(p.stem for p in (captured / "capture").glob("*.xml"))


def test_xsltproc_writes_the_same_bytes_as_lxml(captured):
    require("xsltproc", have("xsltproc"), "apt-get install xsltproc (or run .ci/install-tools)")
    assert len(_letters(captured)) == 4
    for slug in _letters(captured):
        params = json.loads((captured / "capture-params" / f"{slug}.json").read_text(encoding="utf-8"))
        args = [a for k, v in params.items() for a in ("--stringparam", k, v)]
        run = subprocess.run(["xsltproc", *args, str(REPO / "xslt" / "html" / "letter.xsl"), str(captured / "capture" / f"{slug}.xml")],
                             capture_output=True, timeout=60)
        assert run.returncode == 0, run.stderr.decode()
        assert run.stdout == (captured / "html" / f"{slug}.html").read_bytes(), slug


def _shape(root):
    """A page as a tree of (tag, attributes, text): what two serialisers must agree on."""
    out = []
    for el in root.find("body").iter():
        if isinstance(el.tag, str):
            attrs = {k: v for k, v in el.attrib.items()}
            out.append((el.tag, sorted(attrs.items()), " ".join((el.text or "").split()), " ".join((el.tail or "").split())))
    return out


@pytest.mark.browser
def test_saxon_runs_the_same_stylesheets_to_the_same_page(captured, tmp_path):
    jar = saxon_jar()
    require("Saxon-HE", jar is not None and have("java"), "apt-get install libsaxonhe-java default-jre-headless (or run .ci/install-tools)")
    params = {"edition-title": "Saxon and lxml"}  # one run for every letter: the same parameters for all
    run = subprocess.run(["java", "-cp", str(jar), "net.sf.saxon.Transform", f"-s:{captured / 'capture'}",
                          f"-xsl:{REPO / 'xslt' / 'html' / 'letter.xsl'}", f"-o:{tmp_path}", *(f"{k}={v}" for k, v in params.items())],
                         capture_output=True, timeout=120)
    assert run.returncode == 0, run.stderr.decode()
    for slug in _letters(captured):
        tree = read_xml(captured / "capture" / f"{slug}.xml").tree
        ours = tmp_path / f"{slug}.lxml.html"
        ours.write_bytes(bytes(transform("html/letter.xsl", tree, **params)))
        assert _shape(page(tmp_path / f"{slug}.xml")) == _shape(page(ours)), slug
