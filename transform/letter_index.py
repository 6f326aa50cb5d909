"""What every letter needs of the others, read in one cheap pass before the letters are built.

A pointer to another letter is written with that letter's title and date (pointers.py,
standalone.py), and an entry of another letter's own back/standOff list is a register entry
of the corpus. So before the first letter is built, each letter's teiHeader and its lists
are read: the bytes up to `</teiHeader>` and the `back` and `standOff` parts, parsed as
one small document, not the whole letter (a body is most of a letter's bytes). A letter
whose parts cannot be cut out that way is parsed whole; one that cannot be parsed at all
is left to validation, which reports it.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .builders.entities import letter_title
from .pointers import LetterRef
from .tei import ENTRY_LISTS, XML_ID, t
from .xmlio import make_parser

_ROOT = re.compile(rb"<((?:[\w.-]+:)?)(?:TEI|teiCorpus)[\s>/]")
_HEADER_END = re.compile(rb"</(?:[\w.-]+:)?teiHeader\s*>")
_PART = {name: (re.compile(rb"<(?:[\w.-]+:)?%s[\s>/]" % name.encode()), re.compile(rb"</(?:[\w.-]+:)?%s\s*>" % name.encode()))
         for name in ("back", "standOff")}
_LISTS = re.compile(rb"<(?:[\w.-]+:)?list(?:Person|Place|Org|Bibl|Event)[\s>]")


@dataclass
class LetterFacts:
    ref: LetterRef
    # (kind, id, XML, line, attributes) of each entry of its own lists: no tree is kept
    entries: list = field(default_factory=list)


def read(path: Path, slug: str) -> LetterFacts | None:
    """A letter's LetterRef and the entries of its back/standOff lists; None when unreadable."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    root = _parts(data)
    if root is None:
        try:
            root = etree.fromstring(data, make_parser())
        except etree.XMLSyntaxError:
            return None
    sent = root.find(f"{t('teiHeader')}/{t('profileDesc')}/{t('correspDesc')}")
    ref = LetterRef(slug, path, root.get(XML_ID) or "", letter_title(root), _date(sent))
    facts = LetterFacts(ref)
    for holder in root.iterchildren(t("standOff"), t("text")):
        parts = [holder] if holder.tag == t("standOff") else list(holder.iterchildren(t("back")))
        for part in parts:
            for kind, list_name in ENTRY_LISTS.items():
                for el in part.iter(t(kind)):
                    ident = el.get(XML_ID)
                    parent = el.getparent()
                    if ident and parent is not None and parent.tag == t(list_name):
                        facts.entries.append((kind, ident, etree.tostring(el, with_tail=False), el.sourceline or 0,
                                              dict(el.attrib)))
    return facts


def _parts(data: bytes):
    """The root with its teiHeader, back and standOff only, or None if they cannot be cut out.
    Each cut is replaced by as many newlines as it held, so line numbers stay the source's."""
    root_tag = _ROOT.search(data)
    header_end = _HEADER_END.search(data)
    if root_tag is None or header_end is None:
        return None
    prefix = root_tag.group(1)
    pieces, at = [data[:header_end.end()]], header_end.end()
    if _LISTS.search(data, at):
        found = []
        for name, (start_re, end_re) in _PART.items():
            start = start_re.search(data, at)
            if start is not None:
                ends = list(end_re.finditer(data, start.start()))
                if not ends:
                    return None
                found.append((start.start(), ends[-1].end(), name))
        for begin, end, name in sorted(found):
            if begin < at:  # one part inside the other: cut the whole file instead
                return None
            pieces.append(b"\n" * data.count(b"\n", at, begin))
            part = data[begin:end]
            # a back sits inside <text>, where TEI has it
            pieces.append(b"<%stext>%s</%stext>" % (prefix, part, prefix) if name == "back" else part)
            at = end
    pieces.append(b"</%s>" % data[root_tag.start() + 1:root_tag.end() - 1])
    try:
        return etree.fromstring(b"".join(pieces), make_parser())
    except etree.XMLSyntaxError:
        return None


def read_letters(index, letters: list[Path]) -> None:
    """Adds every letter (LetterRef) and its own lists' entries to the index (a BuildContext)."""
    from .builders.standalone import letter_slug

    for path in letters:
        found = read(path, letter_slug(path))
        if found is not None:
            index.add_letter(found.ref)
            index.add_letter_lists(found)


def _date(correspdesc) -> str:
    if correspdesc is None:
        return ""
    for action in correspdesc.iterchildren(t("correspAction")):
        if action.get("type") == "sent":
            date = action.find(t("date"))
            if date is not None:
                return date.get("when") or date.get("notBefore") or date.get("from") or ""
    return ""
