"""ED501-ED504: notes and page breaks of a letter's text."""

import re

from ...tei import TEI_NS
from . import at, rule

_ROMAN = re.compile(r"M{0,4}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def _texts(doc):
    """The outermost <text> of each TEI document in the file (a teiCorpus holds several)."""
    return [t for t in doc.root.iter(f"{{{TEI_NS}}}text") if t.getparent() is not None and t.getparent().tag == f"{{{TEI_NS}}}TEI"]


def roman(value: str) -> int | None:
    if not value or not (value.isupper() or value.islower()) or not _ROMAN.fullmatch(value.upper()):
        return None
    total, previous = 0, 0
    for ch in reversed(value.upper()):
        v = _ROMAN_VALUES[ch]
        total += -v if v < previous else v
        previous = max(previous, v)
    return total


@rule(
    id="ED501", title="Note numbers are not consecutive", severity="warning",
    doc="The numbered notes of a letter (note with a numeric @n, in document order) count 1, 2, 3 ... "
        "A source note may come first, with n=\"0\" or type=\"source\". A gap or a repeated number usually "
        "means a note was lost, duplicated or moved. Only the first break in the sequence is reported, "
        "since everything after it is off by the same amount.",
    bad='<note n="1">...</note> ... <note n="3">...</note>',
    good='<note n="1">...</note> ... <note n="2">...</note>',
)
def note_numbering(doc, ctx):
    for text in _texts(doc):
        expected, previous = 1, None
        for note in text.iter(f"{{{TEI_NS}}}note"):
            n = (note.get("n") or "").strip()
            if not (n.isascii() and n.isdigit()):
                continue
            value = int(n)
            if previous is None and (value == 0 or note.get("type") == "source"):
                continue  # the source note, before the numbered ones
            if value != expected:
                after = f' after n="{previous}"' if previous is not None else " as the first numbered note"
                what = "repeats the number" if previous is not None and value == previous else "breaks the sequence"
                yield at(doc, note, f'note n="{n}" {what}: n="{expected}" is expected here{after}',
                         f'number the notes 1, 2, 3 ... in the order of the text: renumber from here (n="{expected}" ...), '
                         "or add the missing note", attr="n")
                break
            previous, expected = value, value + 1


@rule(
    id="ED502", title="Note is empty", severity="error",
    doc="A note with neither text nor child elements renders as a bare footnote marker. Write its text, "
        "or remove it.",
    bad='<note n="1" place="foot"/>',
    good='<note n="1" place="foot">Printed from a copy that bears this typed signature.</note>',
)
def empty_notes(doc, ctx):
    for note in doc.root.iter(f"{{{TEI_NS}}}note"):
        if len(note) == 0 and not (note.text or "").strip():
            yield at(doc, note, "this note is empty", "write the text of the note, or remove the element")


@rule(
    id="ED503", title="Page numbers go backwards", severity="warning",
    doc="Page breaks (pb) with a numeric or roman @n follow each other in increasing order within a "
        "letter; pb of different editions (@ed, @edRef) are counted separately, and a change from roman "
        "to arabic numbering starts a new count. Non-numeric values (12r, 12v) are not compared.",
    bad='<pb n="200"/> ... <pb n="199"/>',
    good='<pb n="199"/> ... <pb n="200"/>',
)
def page_order(doc, ctx):
    for text in _texts(doc):
        previous: dict[tuple, tuple[str, int, str]] = {}  # edition -> (kind, value, n)
        for pb in text.iter(f"{{{TEI_NS}}}pb"):
            n = (pb.get("n") or "").strip()
            if n.isascii() and n.isdigit():
                kind, value = "arabic", int(n)
            elif roman(n) is not None:
                kind, value = "roman", roman(n)
            else:
                continue
            edition = (pb.get("ed"), pb.get("edRef"))
            last = previous.get(edition)
            if last and last[0] == kind and value <= last[1]:
                yield at(doc, pb, f'pb n="{n}" follows pb n="{last[2]}": page numbers should increase',
                         "check the page numbers against the source; a break of another edition takes ed=\"...\"", attr="n")
            previous[edition] = (kind, value, n)


@rule(
    id="ED504", title="Page break has an empty facs", severity="warning",
    doc="pb/@facs points at the image of the page. An empty value (facs=\"\") links to nothing and makes "
        "viewers show a broken image.",
    bad='<pb n="200" facs=""/>',
    good='<pb n="200" facs="../facsimiles/d73-200.jpg"/>',
)
def empty_facs(doc, ctx):
    for pb in doc.root.iter(f"{{{TEI_NS}}}pb"):
        facs = pb.get("facs")
        if facs is not None and not facs.strip():
            yield at(doc, pb, 'facs="" is empty', "point it at the image of the page (facs=\"images/p200.jpg\" or "
                     "facs=\"#surface-200\"), or remove the attribute", attr="facs")

