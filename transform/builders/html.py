"""The HTML reading edition: output/html/.

- html/<letter>.html   one page per letter, rendered by xslt/html/letter.xsl from the
                       standalone letter (metadata, text, notes, names linked to registers);
- html/persons.html, places.html, organisations.html   the registers: every entry with its
                       names, dates, description, authority links and every place in the
                       letters where it is mentioned;
- html/index.html, index-by-sender.html   the letters, sorted by date and by sender;
- html/editio.css      the one stylesheet (source: xslt/html/editio.css).

build() renders a letter and keeps a small record of it (LetterRecord) in
ctx.store("html"); finish() makes the corpus-wide pages from those records and
ctx.registers, never from the sources, with the occurrences on disk (occurrence_index.py)
and each page written as it is made. Every page carries schema.org JSON-LD; the letter's
is editio.builders.jsonld.letter_jsonld, shared with the JSON-LD export.
"""

import json
import re
from dataclasses import dataclass, field

from lxml import etree

from .. import pointers
from ..resources import xslt_dir
from ..tei import NS, XML_ID, local, t
from ..xsltrun import transform
from . import Output
from .edition import edition
from .entities import MENTION_ELEMENTS, in_register_list, letter_title, reading_text, ref_id
from .jsonld import letter_jsonld

LETTER_STYLESHEET = "html/letter.xsl"
CSS = "html/editio.css"

# The same characters as $id-unsafe in xslt/html/behaviours.xsl: the register pages link
# to the ids the letter pages carry.
_ID_UNSAFE = re.compile(r"[ \t\n\r!\"#$%&'()*+,/:;<=>?@\[\\\]^`{|}~]")
_URL_KEYS = {"@id", "url", "sameAs", "license", "isBasedOn", "contentUrl", "mainEntityOfPage"}
ABOUT_ID = "editio:about"  # the id of a letter page's metadata section (letter.xsl)


def html_id(xml_id: str) -> str:
    """An xml:id as the HTML id the pages give it (see html-id in behaviours.xsl)."""
    return _ID_UNSAFE.sub("_", xml_id)


def is_safe_url(url: str) -> bool:
    """http(s) or relative: the only URLs the edition writes into a page."""
    return pointers.link_scheme(url) in (None, "http", "https")


def jsonld_text(data: dict) -> str:
    """JSON-LD for a <script type="application/ld+json">: URLs that are not http(s) or
    relative are left out; "<" is written \\u003c, so nothing can close the script element,
    and "'" \\u0027, so the text has one kind of quote only and also passes as a string
    parameter on xsltproc's command line."""
    text = json.dumps(_safe_urls(data), ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace("'", "\\u0027")


def _safe_urls(value, key=None):
    if isinstance(value, dict):
        return {k: _safe_urls(v, k) for k, v in value.items() if not (k in _URL_KEYS and isinstance(v, str) and not is_safe_url(v))}
    if isinstance(value, list):
        items = [_safe_urls(v, key) for v in value]
        return [v for v in items if not (key in _URL_KEYS and isinstance(v, str) and not is_safe_url(v))]
    return value


@dataclass(frozen=True)
class Party:
    """A sender, addressee or place of a letter: register id ("" if none) and words."""

    id: str
    name: str


@dataclass(frozen=True)
class Occurrence:
    """Where a register entry occurs in a letter: the HTML id to link to, a label
    ("paragraph 2", "note 1", "sender") and the words of the text."""

    entry: str
    anchor: str
    label: str
    text: str


@dataclass
class LetterRecord:
    slug: str
    title: str
    when: str = ""  # ISO date of sending (@when), "" if not known to the day, month or year
    sort_date: str = ""  # what the list of letters sorts by: @when, else @notBefore or @from
    date_text: str = ""
    inferred: bool = False
    senders: list[Party] = field(default_factory=list)
    addressees: list[Party] = field(default_factory=list)
    sent_from: list[Party] = field(default_factory=list)
    received_at: list[Party] = field(default_factory=list)
    occurrences: list[Occurrence] = field(default_factory=list)


class HtmlBuilder:
    name = "html"
    records = (LetterRecord, Party, Occurrence)  # what build() keeps

    def build(self, letter, ctx) -> list[Output]:
        ctx.store(self.name).append(letter_record(letter))
        page = transform(LETTER_STYLESHEET, letter.tree, **letter_params(letter, ctx))
        return [Output(f"html/{letter.slug}.html", bytes(page))]

    def finish(self, ctx):
        from .html_pages import index_pages, register_pages
        from .occurrence_index import OccurrenceIndex

        letters, occurrences = [], OccurrenceIndex()
        try:
            for kept in ctx.records(self.name):
                for record in kept:
                    occurrences.add(record)
                    record.occurrences = []  # on disk now: the lists of letters need the rest
                    letters.append(record)
            occurrences.done()
            letters.sort(key=lambda r: r.slug)
            yield Output("html/editio.css", (xslt_dir() / CSS).read_bytes())
            yield from register_pages(occurrences, ctx)  # each page is written before the next is made
        finally:
            occurrences.close()
        yield from index_pages(letters, ctx)


def letter_params(letter, ctx) -> dict[str, str]:
    """The parameters of letter.xsl for a letter (see xslt/html/params.xsl)."""
    return {"jsonld": jsonld_text(letter_jsonld(letter, ctx)), "edition-title": edition(ctx).title,
            "letter-title": letter_title(letter.tree.getroot()) or letter.slug}


def letter_record(letter) -> LetterRecord:
    """What the corpus-wide pages need to know of a letter."""
    root = letter.tree.getroot()
    record = LetterRecord(letter.slug, letter_title(root) or letter.slug)
    corresp = root.xpath("tei:teiHeader/tei:profileDesc/tei:correspDesc", namespaces=NS)
    if corresp:
        _read_corresp(corresp[0], record)
    record.occurrences.extend(_text_occurrences(root))
    return record


_AGENTS = "tei:persName|tei:orgName|tei:name|tei:rs"


def _read_corresp(corresp, record: LetterRecord) -> None:
    for action in corresp.xpath("tei:correspAction", namespaces=NS):
        kind = action.get("type")
        agents = [Party(ref_id(el.get("ref")), reading_text(el)) for el in action.xpath(_AGENTS, namespaces=NS)]
        places = [Party(ref_id(el.get("ref")), reading_text(el)) for el in action.xpath("tei:placeName", namespaces=NS)]
        if kind == "sent":
            record.senders.extend(agents)
            record.sent_from.extend(places)
            dates = action.xpath("tei:date", namespaces=NS)
            if dates:
                date = dates[0]
                record.when = date.get("when") or ""
                record.sort_date = record.when or date.get("notBefore") or date.get("from") or date.get("notAfter") or date.get("to") or ""
                record.date_text = reading_text(date)
                record.inferred = any(date.get(a) for a in ("cert", "evidence"))
        elif kind == "received":
            record.addressees.extend(agents)
            record.received_at.extend(places)
    for label, parties in (("sender", record.senders), ("addressee", record.addressees),
                           ("place of sending", record.sent_from), ("place of receipt", record.received_at)):
        record.occurrences.extend(Occurrence(p.id, ABOUT_ID, label, p.name) for p in parties if p.id)


_TEXT, _P, _NOTE = t("text"), t("p"), t("note")
_ANY_MENTION = tuple(f"{{*}}{name}" for name in MENTION_ELEMENTS)
_notes_with_words = etree.XPath(".//tei:note[normalize-space()]", namespaces=NS)

_NAMED = {"head": "heading", "opener": "opener", "closer": "closer", "postscript": "postscript",
          "salute": "salutation", "signed": "signature", "dateline": "dateline", "item": "list",
          "label": "list", "cell": "table", "l": "verse", "quote": "quotation", "figure": "figure"}


def _text_occurrences(root) -> list[Occurrence]:
    """Each name in the text that refers to a register entry: the nearest enclosing
    element with an xml:id (the HTML id to link to) and a label for where it is."""
    texts = list(root.iterchildren(_TEXT))
    paragraphs = [p for text in texts for p in text.iter(_P) if not any(a.tag == _NOTE for a in p.iterancestors())]
    paragraph_number = {p: i for i, p in enumerate(paragraphs, 1)}
    # numbered as the page numbers them (xslt/common/note-numbers.xsl): the notes with words,
    # but for the source note and those in the lists the page leaves out
    notes = [n for text in texts for n in _notes_with_words(text)
             if n.get("type") != "source" and not in_register_list(n)]
    note_number = {n: i for i, n in enumerate(notes, 1)}
    out = []
    for el in (el for text in texts for el in text.iter(*_ANY_MENTION)):  # in any namespace, as the page has them
        if not ref_id(el.get("ref")) or in_register_list(el):
            continue
        # the letter's page gives ids to what is inside <text> only
        holder = next((a for a in el.iterancestors() if a.get(XML_ID) and a is not root), None)
        anchor = html_id(holder.get(XML_ID)) if holder is not None else ""
        out.append(Occurrence(ref_id(el.get("ref")), anchor, _label(el, paragraph_number, note_number), reading_text(el)))
    return out


def _label(el, paragraph_number, note_number) -> str:
    for node in el.iterancestors():
        name = local(node.tag)
        if name == "note":
            if node.get("type") == "source":
                return "source note"
            return f"note {(node.get('n') or '').strip() or note_number.get(node, '')}"
        if node in paragraph_number:
            return f"paragraph {paragraph_number[node]}"
        if name in _NAMED:
            return _NAMED[name]
    return "text"
