"""The reading edition of letters editio did not write: real letters of two public
editions (tests/fixtures/reading-corpora, see its README) built as a user would, with
`sources` pointing at them and tei_all as the schema; the HTML pages and the text edition
checked for what a reader gets (titles, no register data as text, "In this letter", notes,
links, dates, language tags, whole words), and by the Nu checker and axe."""

import json
import re
import shutil
import subprocess
from urllib.parse import unquote
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from conftest import FIXTURES, REPO
from editio.builders.entities import letter_title
from editio.config import Config
from editio.pipeline import build
from editio.tei import NS
from editio.xsltrun import transform
from html_site import CHROMIUM, NODE_MODULES, VNU_JAR, have, require

CORPORA = FIXTURES / "reading-corpora"
LETTERS = sorted(CORPORA.glob("*/*.xml"))
WORD = re.compile(r"\w+")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    project = tmp_path_factory.mktemp("reading-corpora")
    (project / "letters").mkdir()
    for letter in LETTERS:
        shutil.copy(letter, project / "letters" / letter.name)
    config = Config(root=project, sources=["letters"], schema="tei_all", title="Briefe", editors=["A. Editor", "B. Editor"],
                    description="Letters of two public editions.", licence="https://creativecommons.org/licenses/by-sa/4.0/")
    build(config, [project / "letters"], only=["html", "text"])
    return project / "output"


INIT_CORPORA = ("schnitzler", "escher", "mitford")  # tests/fixtures/corpora, in their own layouts


@pytest.fixture(scope="module")
def inited(tmp_path_factory):
    """The fixture corpora of tests/fixtures/corpora, each surveyed with `editio init --from`
    and built with `editio build` in its folder, nothing edited by hand: name -> (folder, output)."""
    import os

    from click.testing import CliRunner

    from editio.cli import cli

    out = {}
    for name in INIT_CORPORA:
        root = tmp_path_factory.mktemp(name) / name
        shutil.copytree(FIXTURES / "corpora" / name, root)
        assert CliRunner().invoke(cli, ["init", "--from", str(root)]).exit_code == 0
        here = os.getcwd()
        os.chdir(root)
        try:
            CliRunner().invoke(cli, ["build"])
        finally:
            os.chdir(here)
        out[name] = (root, root / "output")
    return out


def _outputs(out, inited):
    """Every output folder of this module: the reading corpora's, then each init --from corpus'."""
    return [("reading-corpora", out)] + [(name, folder) for name, (_, folder) in inited.items()]


def page(out, letter: Path):
    return lxml_html.parse(str(out / "html" / f"{letter.stem}.html")).getroot()


def text_of(out, letter: Path) -> str:
    return (out / "text" / f"{letter.stem}.txt").read_text(encoding="utf-8")


def by_name(name: str) -> Path:
    return next(p for p in LETTERS if p.name.startswith(name))


def test_every_letter_page_and_index_row_carries_the_letters_own_title(out):
    index = lxml_html.parse(str(out / "html" / "index.html")).getroot()
    rows = {a.get("href"): a.text_content() for a in index.xpath("//table[@class='letters']//td[@data-label='Letter']/a")}
    for letter in LETTERS:
        title = letter_title(etree.parse(str(letter)).getroot())
        assert title and not title.startswith("Arthur Schnitzler: Briefwechsel")  # never the series' title
        assert page(out, letter).find(".//h1").text_content() == title
        assert rows[f"{letter.stem}.html"] == title
        assert " ".join(text_of(out, letter).split()).startswith(title + " ")


def test_the_home_page_introduces_the_edition_and_shows_its_letters_over_time(out):
    root = lxml_html.parse(str(out / "html" / "index.html")).getroot()
    intro = root.find(".//section[@class='edition-intro']")
    assert intro.find("h1").text_content() == "Briefe"
    words = " ".join(intro.text_content().split())
    assert "Letters of two public editions." in words and "Edited by A. Editor and B. Editor." in words
    assert intro.find(".//a").get("href") == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert intro.find(".//a").text_content() == "CC BY-SA 4.0"
    svg = root.find(".//figure[@class='timeline']/svg")
    bars = svg.findall("rect")
    counts = [int(b.findtext("title").split(": ")[1].split()[0]) for b in bars]
    dated = root.xpath("//table[@class='letters']//td[@data-label='Date']/time")
    assert sum(counts) == len(dated) > 0  # one bar per year with letters, each with its count
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "editio:chart-title"
    assert not root.xpath("//script[not(@type='application/ld+json')]") and "<img" not in etree.tostring(svg).decode()


def test_an_empty_register_page_does_not_promise_mentions(out):
    for name in ("persons.html", "places.html", "organisations.html"):
        root = lxml_html.parse(str(out / "html" / name)).getroot()
        lead = root.find(".//p[@class='lead']").text_content()
        if root.xpath("//section[contains(@class, 'entry')]"):
            assert "each with the places in the letters where it is mentioned" in lead
        else:
            assert lead.startswith("No ") and "mentioned" not in lead


def test_the_letters_own_lists_are_not_reading_text_but_in_this_letter(out):
    letter = by_name("L00101")
    root = page(out, letter)
    text = root.get_element_by_id("editio:text").text_content()
    assert "48,208333" not in text and "Nagykanizsa" not in text  # coordinates, a birth place
    assert "48,208333" not in text_of(out, letter) and "Nagykanizsa" not in text_of(out, letter)
    mentions = root.get_element_by_id("editio:mentions")
    persons = [li.text_content() for li in mentions.xpath(".//h3[.='Personen']/following-sibling::ul[1]/li")]
    assert "Hermann Bahr" in persons and "Johann Schnitzler" in persons
    # "Bahr" in the text links where "In this letter" does: his register entry
    bahr = root.xpath("//section[@id='editio:text']//a[.='Bahr']")[0]
    item = mentions.xpath(".//li[.='Hermann Bahr']")[0]
    assert bahr.get("href") == (item.find("a").get("href") if item.find("a") is not None else f"#{item.get('id')}")


def test_no_page_has_a_broken_link_or_a_link_without_text(out, inited):
    for _, folder in _outputs(out, inited):
        _check_links(folder)


def _check_links(out):
    pages = {p.name: lxml_html.parse(str(p)).getroot() for p in (out / "html").glob("*.html")}
    assert len(pages) > 6
    ids = {name: set(root.xpath("//@id")) for name, root in pages.items()}
    for name, root in pages.items():
        for a in root.iter("a"):
            assert a.text_content().strip() or a.get("aria-label"), f"{name}: {etree.tostring(a)[:120]}"
            href = a.get("href") or ""
            if href.startswith(("http://", "https://")):
                continue
            file, _, fragment = href.partition("#")
            fragment = unquote(fragment)  # the serialiser escapes non-ASCII in URLs
            assert (file or name) in pages, f"{name}: {href}"
            assert not fragment or fragment in ids[file or name], f"{name}: {href}"
        for dd in root.iter("dd"):
            assert dd.text_content().strip(), f"{name}: an empty row {dd.getprevious().text_content()!r}"
            assert not [c for c in dd if c.tag == "li"], name


def test_correspcontext_refs_that_name_no_letter_are_words_or_nothing(out):
    root = page(out, by_name("K_0002"))  # <ref type="previous" target="B2904"/>: empty, no such letter
    labels = [dt.text_content() for dt in root.xpath("//dt")]
    assert "Previous letter" not in labels and "Next letter" not in labels
    root = page(out, by_name("L00101"))  # refs with words, to letters not in this corpus (a German page: German labels)
    rows = {dt.text_content(): dt.getnext() for dt in root.xpath("//dt")}
    assert " ".join(rows["Vorheriger Brief"].text_content().split()) == "Bahr an Schnitzler, 6. [5. 1892]"
    assert rows["Vorheriger Brief"].find(".//a") is None


def test_correspcontext_ref_to_a_letter_of_the_corpus_links_to_its_page_with_its_title():
    # the standalone letter as the contract has it: the pointer written SLUG.xml, the
    # letter's title in standOff's listBibl of letters
    tree = etree.parse(str(by_name("K_0002")))
    root = tree.getroot()
    root.find(".//tei:correspContext/tei:ref[@type='previous']", NS).set("target", "K_0001.xml")
    stand_off = etree.SubElement(root, f"{{{NS['tei']}}}standOff")
    letters = etree.SubElement(stand_off, f"{{{NS['tei']}}}listBibl", type="letters")
    bibl = etree.SubElement(letters, f"{{{NS['tei']}}}bibl", corresp="K_0001.xml")
    etree.SubElement(bibl, f"{{{NS['tei']}}}title").text = "Anonym an Alfred Escher, 1877"
    result = lxml_html.fromstring(bytes(transform("html/letter.xsl", tree)))
    rows = {dt.text_content(): dt.getnext() for dt in result.xpath("//dt")}
    link = rows["Previous letter"].find(".//a")
    assert (link.get("href"), link.text_content()) == ("K_0001.html", "Anonym an Alfred Escher, 1877")


def test_a_note_kept_in_back_is_referenced_at_its_anchor_in_both_editions():
    tree = etree.parse(str(by_name("L00101")))
    root = tree.getroot()
    note = root.find(".//tei:body//tei:note", NS)  # points at the anchor K_L00101-1 (@corresp)
    note.getparent().remove(note)  # (the note's tail stays in the text)
    back = root.find(".//tei:back", NS)
    back.append(note)
    page = lxml_html.fromstring(bytes(transform("html/letter.xsl", tree)))
    anchor = page.get_element_by_id("K_L00101-1")
    ref = anchor.getnext()
    assert ref.get("class") == "noteref" and ref.text_content() == "1"
    endnote = page.get_element_by_id(ref.find("a").get("href")[1:])
    words = " ".join(endnote.find(".//div[@class='note-body']").text_content().split())
    assert words.startswith("Johann Schnitzler hatte eine Rippen- oder Brustfellentzündung")
    text = bytes(transform("text/text.xsl", tree)).decode()
    assert " ".join(text.split()).count("[1]") == 2  # at the anchor, and the endnote
    assert "noch [1]krank" in " ".join(text.split())


@pytest.mark.parametrize("letter", LETTERS, ids=lambda p: p.stem)
def test_notes_are_labelled_by_one_rule_on_the_page_and_in_the_text_edition(out, letter):
    refs = [a.text_content() for a in page(out, letter).xpath("//section[@id='editio:text']//a[@role='doc-noteref']")]
    main = text_of(out, letter).partition("\n\n")[2].partition("\n________________\n")[0]  # after the header
    assert refs == re.findall(r"\[(\d+|\*)\]", main)
    notes = etree.parse(str(letter)).getroot().findall("tei:text//tei:note", NS)
    if notes and not any(n.get("n") for n in notes):
        assert refs == [str(i) for i in range(1, len(refs) + 1)]


def test_empty_dates_show_their_attributes_and_no_label_stands_alone():
    tree = etree.parse(str(by_name("L00101")))
    received = tree.find(".//tei:correspAction[@type='received']/tei:date", NS)
    for child in list(received):
        received.remove(child)
    received.text = None
    for attr in list(received.attrib):
        del received.attrib[attr]
    received.set("when", "1892-05-08")
    page = lxml_html.fromstring(bytes(transform("html/letter.xsl", tree)))
    rows = {dt.text_content(): dt.getnext().text_content() for dt in page.xpath("//dt")}
    assert rows["Empfangen"] == "8. Mai 1892"  # the page is German (langUsage de-AT): its labels too
    tree.getroot().set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    page = lxml_html.fromstring(bytes(transform("html/letter.xsl", tree)))
    rows = {dt.text_content(): dt.getnext().text_content() for dt in page.xpath("//dt")}
    assert rows["Received"] == "8 May 1892"
    del received.attrib["when"]
    page = lxml_html.fromstring(bytes(transform("html/letter.xsl", tree)))
    assert "Received" not in [dt.text_content() for dt in page.xpath("//dt")]


def test_language_tags_are_bcp47(out):
    root = page(out, by_name("L01416"))  # <foreign xml:lang="fra">
    langs = set(root.xpath("//@lang"))
    assert "fr" in langs and not [lang for lang in langs if len(lang.split("-")[0]) == 3]


def test_a_line_break_inside_a_word_joins_it_whatever_the_whitespace(out):
    letter = by_name("K_1254")  # Bötzberg</placeName> <lb break="no"/>bahn
    assert "Bötzbergbahn" in text_of(out, letter).split()
    text = page(out, letter).get_element_by_id("editio:text").text_content()
    assert "Bötzbergbahn" in text.split()


def test_block_neighbours_never_glue_words_and_a_page_break_keeps_a_word_whole(out):
    assert "Ottakringerstr 114 16. Januar" in " ".join(text_of(out, by_name("L01751")).split())
    letter = by_name("L00101")  # Aus<c>s</c>tellungs<pb/>theater
    assert "Ausstellungstheater" in page(out, letter).get_element_by_id("editio:text").text_content()
    assert "Ausstellungstheater" in text_of(out, letter)


# Not reading text: notes (they follow the text), deletions, running heads, figure
# descriptions, the alternatives a choice does not show, the letter's own register lists.
_NOT_READ = ("note", "del", "fw", "figDesc", "listPerson", "listPlace", "listOrg", "listBibl", "listEvent")


def _body_words(letter: Path) -> list[str]:
    """The words of each text node of the body that a reader reads, in document order."""
    body = etree.parse(str(letter)).getroot().find("tei:text/tei:body", NS)
    out = []
    for node in body.xpath(".//text()"):
        holder = node.getparent().getparent() if node.is_tail else node.getparent()
        parents = [holder, *holder.iterancestors()]
        names = [etree.QName(p).localname for p in parents]
        if any(n in _NOT_READ for n in names):
            continue
        hidden = [p for p in parents if etree.QName(p).localname in ("sic", "orig", "abbr")
                  and etree.QName(p.getparent()).localname == "choice"
                  and any(etree.QName(c).localname in ("corr", "reg", "expan") for c in p.getparent())]
        if not hidden:
            out.extend(WORD.findall(node))
    return out


@pytest.mark.parametrize("letter", LETTERS, ids=lambda p: p.stem)
def test_the_text_edition_keeps_every_word_of_the_body_in_order(out, letter):
    _check_words(letter, text_of(out, letter))


def test_the_text_edition_of_each_init_from_corpus_keeps_every_word_of_the_body(inited):
    for name, (root, folder) in inited.items():
        texts = sorted((folder / "text").glob("*.txt"))
        assert texts, name
        for text in texts:
            source = next(root.rglob(f"{text.stem}.xml"))
            _check_words(source, text.read_text(encoding="utf-8"))


def _check_words(letter: Path, text: str):
    words = _body_words(letter)
    edition = "".join(text.split())  # a word split by a line break of the source is whole there
    at, missing = 0, []
    for word in words:
        found = edition.find(word, at)
        if found < 0:
            missing.append(word)
        else:
            at = found + len(word)
    assert not missing and words, (letter.name, missing[:10])


def test_transcriptional_elements_are_each_handled_on_purpose():
    for output in ("html", "text"):
        sheets = " ".join(p.read_text(encoding="utf-8") for p in (REPO / "xslt" / output).glob("*.xsl"))
        patterns = " ".join(re.findall(r'match="([^"]*)"', sheets))
        for name in ("pb", "space", "c", "handShift", "metamark", "subst", "add", "del", "unclear"):
            assert re.search(rf"tei:{name}\b(?!\w)", patterns), f"{output}: no template for {name}"
    root = lxml_html.fromstring(bytes(transform("html/letter.xsl", etree.parse(str(by_name("K_1254"))))))
    deleted = [d.text_content() for d in root.iter("del")]
    assert deleted and all(d.strip() for d in deleted)  # deleted words stay visible, struck through


@pytest.mark.browser
def test_every_page_passes_the_nu_checker_and_axe(out, inited):
    for _, folder in _outputs(out, inited):
        _check_nu_and_axe(folder)


def _check_nu_and_axe(out):
    pages = sorted((out / "html").glob("*.html"))
    require("java", have("java"), "apt-get install default-jre-headless (or run .ci/install-tools)")
    require("the Nu HTML checker", VNU_JAR.is_file(), "npm ci (or run .ci/install-tools)")
    run = subprocess.run(["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages)],
                         capture_output=True, text=True, timeout=180)
    messages = json.loads(run.stderr or run.stdout)["messages"]
    assert [f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m.get('message')}" for m in messages] == []
    require("node", have("node"), "install Node.js 20 or newer")
    require("axe-core", (NODE_MODULES / "axe-core").is_dir(), "npm ci (or run .ci/install-tools)")
    require("chromium", CHROMIUM.is_file(), "apt-get install chromium (or run .ci/install-tools)")
    run = subprocess.run(["node", str(REPO / "tests" / "browser" / "check.mjs"), "--base", (out / "html").as_uri() + "/",
                          "--chromium", str(CHROMIUM), *(p.name for p in pages)],
                         capture_output=True, text=True, timeout=300, cwd=REPO)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert {name: v for name, v in result["axe"].items() if v} == {}
    assert {name: o for name, o in result["overflow"].items() if o > 0} == {}
