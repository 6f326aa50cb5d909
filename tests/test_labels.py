"""The words of the interface are in the page's language (German or English at least,
English where a language has no table), on the letter pages and the pages Python builds."""

from lxml import etree
from lxml import html as lxml_html

from conftest import FIXTURES
from editio.builders.labels import label
from editio.xsltrun import transform

GERMAN = FIXTURES / "reading-corpora" / "schnitzler" / "L00003.xml"  # xml:lang de-AT, two notes


def letter_page(tree):
    return lxml_html.fromstring(bytes(transform("html/letter.xsl", tree)))


def test_a_german_letter_page_speaks_german():
    page = letter_page(etree.parse(str(GERMAN)))
    assert page.get("lang") == "de-AT"
    assert page.get_element_by_id("editio:about-h").text_content() == "Über diesen Brief"
    assert page.get_element_by_id("editio:notes-h").text_content() == "Anmerkungen"
    assert [a.text_content() for a in page.xpath("//nav[@class='site-nav']//a")] == ["Briefe", "Personen", "Orte", "Organisationen"]
    assert page.xpath("//a[@class='skip-link']")[0].text_content() == "Zum Inhalt springen"
    terms = [dt.text_content() for dt in page.xpath("//section[@id='editio:about']//dt")]
    assert "Von" in terms and "An" in terms and "From" not in terms
    assert page.get_element_by_id("editio:text").get("aria-label") == "Text des Briefes"


def test_a_letter_in_a_language_without_a_table_falls_back_to_english():
    tree = etree.parse(str(GERMAN))
    tree.getroot().set("{http://www.w3.org/XML/1998/namespace}lang", "fr")
    page = letter_page(tree)
    assert page.get("lang") == "fr"
    assert page.get_element_by_id("editio:about-h").text_content() == "About this letter"
    assert page.get_element_by_id("editio:notes-h").text_content() == "Notes"


def test_python_pages_read_the_same_tables():
    assert label("persons", "de-AT") == "Personen"
    assert label("not-mentioned", "de") == "In den Briefen dieser Edition nicht erwähnt."
    assert label("persons", "fr") == label("persons") == "Persons"
