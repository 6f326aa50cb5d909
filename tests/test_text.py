"""The plain-text edition: words whole, whitespace clean, notes as endnotes, wrapping safe,
and the text of the letter word for word the source transcription."""

import re
from pathlib import Path

import pytest
from lxml import etree

from conftest import FIXTURES, REPO

from editio.builders.context import BuildContext
from editio.builders.entities import reading_text
from editio.builders.text import TextBuilder, layout
from editio.config import load
from editio.builders import Letter
from editio.pipeline import build

LETTER = "frus1961-63v06-d73"
TRANSCRIPTION = Path("/work/shared/sources/frus1961-63v06-d73.txt")
MARKUP = FIXTURES / "text" / "inline-markup.xml"
TEI = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt></fileDesc></teiHeader><text><body>{}</body></text></TEI>'


def render(source, **options) -> str:
    """The text edition of a TEI file or of a body (a string of TEI elements)."""
    tree = etree.parse(str(source)) if isinstance(source, Path) else etree.ElementTree(etree.fromstring(TEI.format(source)))
    [out] = TextBuilder().build(Letter("t", tree, None), BuildContext(None, options))
    assert out.path == "text/t.txt"
    return out.data.decode("utf-8")


def body_of(text: str) -> str:
    """The text without its header block (up to the first blank line)."""
    return text.split("\n\n", 1)[1]


@pytest.fixture(scope="module")
def letter_text(tmp_path_factory):
    def make(**options):
        config = load(start=REPO)
        config.output = str(tmp_path_factory.mktemp("out"))
        build(config, [REPO / "tei"], only=["text"], options=options)
        return (Path(config.output) / "text" / f"{LETTER}.txt").read_bytes()

    return make


def test_words_are_not_split_by_inline_markup():
    assert body_of(render("<p>Wa<hi>shing</hi>ton</p>")).strip() == "Washington"
    text = render(MARKUP)
    assert "Washington arrived" in text and "Mister Smith" in text and "colorful bag." in text


def test_indentation_whitespace_never_reaches_the_text():
    text = render(MARKUP, width=0)
    for line in text.splitlines():
        assert line == line.strip() and "  " not in line and "\t" not in line
    assert "The train from Washington arrived tomorrow with Mister Smith and a colorful bag.[*]" in text


def test_words_separated_only_by_a_line_break_stay_apart():
    assert "A line break here" in render(MARKUP, width=0)
    assert body_of(render("<p>one\ntwo<lb/>three</p>")).strip() == "one two three"


def test_choice_renders_its_reading_text():
    text = render(MARKUP)
    assert "tomorrow" in text and "tomorow" not in text
    assert "Mister" in text and " Mr " not in text
    assert "color" in text and "colour" not in text


def test_a_line_break_inside_a_word_joins_its_halves_whatever_markup_is_around_it():
    # as an Escher letter (K_4229) writes an addition that ends with the break: "we<add>r<lb/></add> de"
    text = body_of(render('<p>ebenso we<add>r<lb break="no"/></add>\n\t\t\t\t de die Bötz <lb break="no"/> berg</p>'))
    assert text.split() == ["ebenso", "werde", "die", "Bötzberg"]


def test_page_break_is_a_marker_where_it_falls_never_inside_a_word():
    text = render(MARKUP, width=0)
    assert "atmosphere, [Page 2] and" in text
    assert "the [Page 3] end." in text


def test_wrapping_never_breaks_a_word_nor_a_page_marker():
    wide = render(MARKUP, width=0)
    for width in (12, 20, 30):
        text = render(MARKUP, width=width)
        assert text.split() == wide.split()
        for line in text.splitlines():
            assert len(line) <= width or " " not in line.replace("[Page ", "[Page_")
        assert "[Page 2]" in text and "[Page 3]" in text


def test_width_0_keeps_one_line_per_paragraph():
    text = render(MARKUP, width=0)
    assert "A page break inside a word: atmosphere, [Page 2] and between words: the [Page 3] end. A line break here and a hyphen-ated word. An unknown element and a custom one." in text.splitlines()


def test_salutation_closer_and_signature_have_their_own_lines():
    lines = render(MARKUP).splitlines()
    assert "Dear Bruno," in lines and "Vienna, 2 March 1900" in lines
    assert lines[lines.index("Yours,") + 1] == "Anna"


def test_notes_are_endnotes_under_a_rule_source_note_first():
    text = render(MARKUP)
    main, notes = text.split("\n________________\n")
    assert "A letter[1]" in main and "bag.[*]" in main and "numbered note" not in main
    assert notes.strip().split("\n\n") == ["[*] The source note, unnumbered.", "[1] A numbered note with inline markup."]


def test_plain_omits_notes_and_page_markers():
    text = render(MARKUP, plain=True)
    assert "[" not in body_of(text) and "note" not in body_of(text) and "____" not in text
    assert "atmosphere, and between words: the end." in " ".join(text.split())


def test_unknown_elements_keep_their_text():
    assert "An unknown element and a custom one." in render(MARKUP, width=0)


def test_every_word_of_the_text_survives_rendering():
    """The words of <text> (choice as its reading, notes apart) are the words of the text edition."""
    tree = etree.parse(str(MARKUP))
    [text_el] = tree.getroot().findall("{*}text")
    main, _, notes = body_of(render(MARKUP)).partition("\n________________\n")
    main = re.sub(r"\[(Page \d+|\d+|\*)\]", "", main)
    assert main.split() == reading_text(text_el).split()
    assert [n.split(" ", 1)[1].split() for n in notes.strip().split("\n\n")] == [
        reading_text(n).split() for n in sorted(text_el.iter("{*}note"), key=lambda n: n.get("type") != "source")]


def test_header_block_names_title_sender_addressee_place_date_and_source():
    head = render(MARKUP).split("\n\n", 1)[0].splitlines()
    assert head == ["Letter from Anna Example to Bruno Sample, Vienna, 2 March 1900", "Sender: Anna Example",
                    "Addressee: Bruno Sample", "Place and date: Vienna, 2 March 1900",
                    "Source: Written for the tests of the text edition."]


def test_layout_collapses_blank_lines_and_ends_with_one_newline():
    assert layout("\n\n  a  b \n\n\n\n c\n\n") == "a b\n\nc\n"


# ---------------------------------------------------------------- the letter


def _transcription() -> tuple[str, list[str]]:
    """The source transcription as the text edition renders it: body and notes.

    Its note markers (run on to words: "Kennedy0", "offensive.1") and "[Page 200]" are
    dropped; the four missing spaces that the encoding corrects (choice/sic/corr, see the
    letter's editorialDecl) are put in, and so is the valediction "Sincerely," that the printed
    volume has before the signature and the web copy lacks (the letter's collation); its list
    numbers of the notes are dropped."""
    raw = TRANSCRIPTION.read_text(encoding="utf-8")
    body, _, notes = raw.partition("\n  1. ")
    notes = "  1. " + notes
    corrections = {"Source:Kennedy": "Source: Kennedy", "Mr.V.": "Mr. V.", "Mr.Stevenson": "Mr. Stevenson", "Files:NY": "Files: NY"}
    letter = etree.parse(str(REPO / "tei" / "letters" / f"{LETTER}.xml"))
    assert len(letter.findall(".//{*}choice")) == len(corrections)
    for wrong, right in corrections.items():
        assert (body + notes).count(wrong) == 1
        body, notes = body.replace(wrong, right), notes.replace(wrong, right)
    assert body.count("\nN. Khrushchev") == 1
    body = body.replace("\nN. Khrushchev", "\nSincerely,\nN. Khrushchev")
    body = re.sub(r"(?<=[A-Za-z.])[0-9](?=\s)", "", body)  # note markers
    body = body.replace("[Page 200]", "")
    note_texts = [re.sub(r"^\s*\d+\.\s*", "", n) for n in notes.strip("\n").split("\n")]
    return body, note_texts


def _text_edition(text: str) -> tuple[str, list[str]]:
    main, _, notes = body_of(text).partition("\n________________\n")
    main = re.sub(r"\[Page \d+\]", "", re.sub(r"\[(\d+|\*)\]", "", main))
    return main, [re.sub(r"^\[(\d+|\*)\] ", "", n.replace("\n", " ")) for n in notes.strip().split("\n\n")]


@pytest.mark.skipif(not TRANSCRIPTION.is_file(), reason="the source transcription is not on this machine")
def test_letter_text_has_every_word_of_the_transcription_in_order(letter_text):
    body, notes = _transcription()
    main, endnotes = _text_edition(letter_text().decode("utf-8"))
    assert main.split() == body.split()
    assert [n.split() for n in endnotes] == [n.split() for n in notes]


def test_letter_text_is_utf8_with_lf_wrapped_at_72(letter_text):
    data = letter_text()
    text = data.decode("utf-8")
    assert b"\r" not in data and text.endswith("\n") and not text.endswith("\n\n")
    assert max(len(line) for line in text.splitlines()) <= 72
    assert "clearing of the [Page 200] atmosphere" in " ".join(text.split())
    assert "Dear Mr. President,\n" in text and "\nN. Khrushchev[2]\n" in text


def test_letter_text_width_0_and_plain(letter_text):
    one_line = letter_text(width=0).decode("utf-8")
    assert any(line.startswith("I have just received") and line.endswith("not to say of an officer.") for line in one_line.splitlines())
    plain = letter_text(plain=True, width=0).decode("utf-8")
    assert "[Page" not in plain and "[1]" not in plain and "Source: Kennedy Library" not in plain
    assert "calls offensive. I have studied" in plain
