"""Fuzzing with hypothesis (derandomized: the same cases on every run; bench/fuzz runs
the same properties with many more cases).

(a) Well-formed letters from a small grammar of common TEI elements, with awkward Unicode
    and hostile attribute values: validate + every builder never raise; every word of the
    reading text is in the HTML page and in the text edition; every HTML page parses and
    has no script but JSON-LD and no on* attribute.
(b) The real letter's bytes mutated (flip, insert, delete, truncate): validation never
    raises; every file is checked or gets a diagnostic.
"""

import pytest
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
from hypothesis import HealthCheck, given, settings, strategies as st

pytestmark = [pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent
LETTER = REPO / "tei/letters/frus1961-63v06-d73.xml"
SLUG = "fuzz"
ANCHOR = '<opener rend="run-in">'  # generated paragraphs go before the opener of the letter's div

# --- the grammar -----------------------------------------------------------------------

AWKWARD = ["\u200f", "\u200e", "\u202e", "e\u0301", "\u0627\u0644", "\u05d0", "\U0001d518", "\U0001f600", "\ufffd",
           '"', "'", "\u201c", "\u2019", "<", "&", ">", "&amp;", "]]>", "\u00df", "\u00a0x", "--", "\u2014"]
word = st.lists(st.one_of(st.sampled_from("abcdefghijklmnopqrstuvwxyzAZ0189"), st.sampled_from(AWKWARD)),
                min_size=1, max_size=6).map("".join).filter(lambda w: not any(c.isspace() for c in w) and w.strip())
ATTRIBUTE = st.one_of(st.sampled_from(["javascript:alert(1)", "\" onmouseover=\"alert(1)", "<script>alert(1)</script>",
                                       "#per.kennedy", "../registers/persons.xml#per.kennedy", "#nowhere", "data:text/html,<b>x",
                                       "1962-11-04", "1962-13-45", "", " ", "&", "x' onclick='y"]),
                      st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12))


def esc(text: str, quote: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


@dataclass
class Piece:
    xml: str
    shown: list = field(default_factory=list)  # words that must be in the reading text
    hidden: list = field(default_factory=list)  # words of sic/del: may be shown or not


def join(pieces) -> Piece:
    return Piece("".join(p.xml for p in pieces), [w for p in pieces for w in p.shown], [w for p in pieces for w in p.hidden])


@st.composite
def text_piece(draw):
    words = draw(st.lists(word, min_size=1, max_size=4))
    return Piece(" " + esc(" ".join(words)) + " ", words)


def wrap(tag, attrs=None):
    def make(inner, values):
        attributes = "".join(f' {name}="{esc(value, True)}"' for name, value in zip(attrs or [], values))
        return Piece(f"<{tag}{attributes}>{inner.xml}</{tag}>", inner.shown, inner.hidden)
    return make


INLINE = [("hi", ["rend"]), ("persName", ["ref"]), ("placeName", ["ref"]), ("date", ["when"]), ("add", ["place"]),
          ("foreign", ["xml:lang"]), ("ref", ["target"]), ("unknownThing", ["onclick"])]


def inline(children):
    wrapped = st.tuples(st.sampled_from(INLINE), children, st.lists(ATTRIBUTE, min_size=1, max_size=1)).map(
        lambda t: wrap(t[0][0], t[0][1])(t[1], t[2]))
    hidden = st.tuples(st.sampled_from(["sic", "del"]), children).map(
        lambda t: Piece(f"<{t[0]}>{t[1].xml}</{t[0]}>", [], t[1].shown + t[1].hidden))
    choice = st.tuples(text_piece(), text_piece()).map(
        lambda t: Piece(f"<choice><sic>{t[0].xml}</sic><corr>{t[1].xml}</corr></choice>", t[1].shown, t[0].shown))
    pb = ATTRIBUTE.map(lambda n: Piece(f'<pb n="{esc(n, True)}"/>'))
    note = st.tuples(children, ATTRIBUTE).map(lambda t: Piece(f'<note place="foot" n="{esc(t[1], True)}">{t[0].xml}</note>',
                                                              t[0].shown, t[0].hidden))
    return st.lists(st.one_of(text_piece(), wrapped, hidden, choice, pb, note), min_size=1, max_size=4).map(join)


phrase = st.recursive(text_piece(), inline, max_leaves=12)
paragraph = phrase.map(lambda p: Piece(f"<p>{p.xml}</p>", p.shown, p.hidden))
listing = st.lists(phrase, min_size=1, max_size=3).map(
    lambda items: Piece("<list>" + "".join(f"<item>{i.xml}</item>" for i in items) + "</list>",
                        [w for i in items for w in i.shown], [w for i in items for w in i.hidden]))
body = st.lists(st.one_of(paragraph, listing), min_size=1, max_size=3).map(join)


def letter_with(piece: Piece) -> bytes:
    text = LETTER.read_text(encoding="utf-8")
    return text.replace(ANCHOR, piece.xml + ANCHOR, 1).encode("utf-8")


# --- the properties ----------------------------------------------------------------------


def make_project(root: Path) -> Path:
    """The repository's registers and edition schema; the letter is written per case."""
    if not (root / "tei").exists():
        shutil.copytree(REPO / "tei", root / "tei", ignore=shutil.ignore_patterns("letters"))
        (root / "tei/letters").mkdir()
    return root


def normal(text: str) -> str:
    return " ".join(text.split())


def check_generated_letter(project: Path, piece: Piece) -> None:
    from editio.config import Config
    from editio.pipeline import build

    (project / "tei/letters" / f"{SLUG}.xml").write_bytes(letter_with(piece))
    result = build(Config(root=project), [project / "tei"])
    assert not [d for d in result.report.diagnostics if d.rule.startswith("ED0")], "a well-formed letter is read"
    html_page = (project / "output/html" / f"{SLUG}.html").read_bytes()
    text_edition = normal((project / "output/text" / f"{SLUG}.txt").read_text(encoding="utf-8"))
    page = lxml.html.document_fromstring(html_page)
    reading = normal(page.text_content())
    for w in piece.shown:
        assert w in reading, f"{w!r} missing from the HTML page"
        assert w in text_edition, f"{w!r} missing from the text edition"
    for path in (project / "output").rglob("*.html"):
        check_html(path.read_bytes(), path.name)


def check_html(data: bytes, name: str) -> None:
    page = lxml.html.document_fromstring(data)
    for script in page.iter("script"):
        assert script.get("type") == "application/ld+json" and not script.get("src"), f"{name}: a script that is not JSON-LD"
        assert "</" not in (script.text or "").replace("<\\/", ""), f"{name}: JSON-LD could close its script element"
    for el in page.iter():
        if isinstance(el.tag, str):
            bad = [a for a in el.attrib if a.lower().startswith("on")]
            assert not bad, f"{name}: <{el.tag}> has event handler attributes {bad}"
            for a in ("href", "src", "action", "formaction"):
                value = (el.get(a) or "").strip().lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), f"{name}: {a}={value!r}"


MUTATION = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10**6), st.integers(1, 255)),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.binary(min_size=1, max_size=8) | st.sampled_from(
        [b"<", b"&", b"]]>", b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"\x00", b"\xff\xfe", b"\xc3", b"</p>", b"<p>", b"&lt", b"<?x"])),
    st.tuples(st.just("delete"), st.integers(0, 10**6), st.integers(1, 200)),
    st.tuples(st.just("truncate"), st.integers(0, 10**6), st.just(0)),
)


def mutate(data: bytes, mutations) -> bytes:
    for kind, pos, arg in mutations:
        pos = pos % (len(data) + 1)
        if kind == "flip" and data:
            pos = min(pos, len(data) - 1)
            data = data[:pos] + bytes([data[pos] ^ arg]) + data[pos + 1:]
        elif kind == "insert":
            data = data[:pos] + arg + data[pos:]
        elif kind == "delete":
            data = data[:pos] + data[pos + arg:]
        elif kind == "truncate":
            data = data[:pos]
    return data


def check_mutated_letter(project: Path, data: bytes) -> None:
    from editio.config import Config
    from editio.validate.runner import validate

    path = project / "tei/letters" / f"{SLUG}.xml"
    path.write_bytes(data)
    report = validate([path], Config(root=project))
    assert report.files == [report.files[0]] and report.files[0].endswith(f"{SLUG}.xml")
    for d in report.diagnostics:
        assert d.rule and d.message and d.severity in ("error", "warning", "info"), d


# --- the tests (CI size) -----------------------------------------------------------------

CI = settings(derandomize=True, deadline=None, max_examples=15, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])


@CI
@given(piece=body)
def test_generated_letters_build_and_keep_every_word(tmp_path_factory, piece):
    check_generated_letter(make_project(tmp_path_factory.getbasetemp() / "fuzz-letters"), piece)


@settings(CI, max_examples=60)
@given(mutations=st.lists(MUTATION, min_size=1, max_size=4))
def test_mutated_letter_is_checked_or_diagnosed(tmp_path_factory, mutations):
    check_mutated_letter(make_project(tmp_path_factory.getbasetemp() / "fuzz-mutations"), mutate(LETTER.read_bytes(), mutations))


if __name__ == "__main__":
    sys.exit("run with pytest, or bench/fuzz for the long run")
