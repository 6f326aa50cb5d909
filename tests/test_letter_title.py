"""A letter's own title, not its series' (entities.letter_title)."""

from pathlib import Path

from lxml import etree

from editio.builders.entities import letter_title

ROOT = Path(__file__).resolve().parents[1]
TEI = 'xmlns="http://www.tei-c.org/ns/1.0"'


def _root(title_stmt: str, corresp: str = "") -> etree._Element:
    profile = f"<profileDesc><correspDesc>{corresp}</correspDesc></profileDesc>" if corresp else ""
    return etree.fromstring(f"<TEI {TEI}><teiHeader><fileDesc><titleStmt>{title_stmt}</titleStmt>"
                            f"<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>"
                            f"{profile}</teiHeader><text><body><p/></body></text></TEI>")


def test_our_letter_keeps_its_main_title():
    root = etree.parse(str(ROOT / "tei/letters/frus1961-63v06-d73.xml")).getroot()
    assert letter_title(root) == "Letter from Nikita S. Khrushchev to John F. Kennedy, [Moscow, 4 November 1962]"


def test_analytic_title_wins_over_the_series_title_before_it():
    root = _root('<title level="s">Briefwechsel mit Autorinnen und Autoren</title>'
                 '<title type="iso-date">1889-08-02</title><title level="a">Fedor Mamroth an Arthur Schnitzler, 2. 8. 1889</title>')
    assert letter_title(root) == "Fedor Mamroth an Arthur Schnitzler, 2. 8. 1889"


def test_series_title_alone_gives_the_correspondents_and_date():
    root = _root('<title level="s">The Letters</title>',
                 '<correspAction type="sent"><persName>A. Escher</persName><date when="1836-10-12">12 October 1836</date>'
                 '</correspAction><correspAction type="received"><persName>O. Heer</persName></correspAction>')
    assert letter_title(root) == "A. Escher to O. Heer, 12 October 1836"


def test_no_title_and_no_correspondents_is_empty():
    assert letter_title(_root('<title level="s">The Letters</title>')) == ""
